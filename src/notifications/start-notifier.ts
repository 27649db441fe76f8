// Builds and starts the notifier from configuration: sends through the app's adapter (into the
// local Web Chat through its outlet), words from the catalogue, times from the NOTIFY_* settings.
import type { CloudAdapter } from 'botbuilder';
import type { LocalProactiveOutlet } from '../channels/directline/proactive-outlet.js';
import type { Config } from '../config.js';
import type { NotificationStore } from '../domain/notifications/notification-store.js';
import type { Lifecycle } from '../domain/orders/lifecycle.js';
import type { OrderStore } from '../domain/orders/order-store.js';
import type { Catalogue } from '../knowledge/catalogue.js';
import { Notifier } from './notifier.js';
import { sendThroughAdapter } from './proactive-send.js';

/** A lease outlasts the longest send (the outbound deadline) by this much. */
const LEASE_MARGIN_MS = 60_000;

export interface NotifierInputs {
  orders: OrderStore;
  notifications: NotificationStore;
  lifecycle: Lifecycle;
  catalogue: Catalogue;
  adapter: CloudAdapter;
  localOutlet: LocalProactiveOutlet;
  now?: (() => Date) | undefined;
}

export function startNotifier(config: Config, inputs: NotifierInputs): Notifier {
  const notifier = new Notifier({
    orders: inputs.orders,
    lifecycle: inputs.lifecycle,
    store: inputs.notifications,
    send: sendThroughAdapter(inputs.adapter, config.MicrosoftAppId, (context) => inputs.localOutlet.capture(context)),
    catalogue: inputs.catalogue,
    now: inputs.now ?? (() => new Date()),
    settings: {
      intervalMs: config.NOTIFY_INTERVAL_MS,
      leaseMs: config.OUTBOUND_DEADLINE_MS + LEASE_MARGIN_MS,
      reminders: { phoneLeadMs: config.PHONE_REMINDER_LEAD_HOURS * 3_600_000, expiryLeadMs: config.EXPIRY_REMINDER_DAYS * 86_400_000 },
    },
  });
  notifier.start();
  return notifier;
}
