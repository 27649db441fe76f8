// Builds the notifier from configuration: its store (PostgreSQL when the bot runs on a database,
// else lowdb under DATA_DIR/notifications), sends through the app's adapter (into the local Web
// Chat through its outlet), words from the catalogue, times from NOTIFY_* settings.
import type { CloudAdapter } from 'botbuilder';
import type { LocalProactiveOutlet } from '../channels/directline/proactive-outlet.js';
import type { Config } from '../config.js';
import type { NotificationStore } from '../domain/notifications/notification-store.js';
import type { Lifecycle } from '../domain/orders/lifecycle.js';
import type { OrderStore } from '../domain/orders/order-store.js';
import type { Catalogue } from '../knowledge/catalogue.js';
import { LowdbNotificationStore } from '../persistence/notifications/lowdb-notification-store.js';
import type { Database } from '../persistence/postgres/database.js';
import { PostgresNotificationStore } from '../persistence/postgres/postgres-notification-store.js';
import { Notifier } from './notifier.js';
import { sendThroughAdapter } from './proactive-send.js';

/** A lease outlasts the longest send (the outbound deadline) by this much. */
const LEASE_MARGIN_MS = 60_000;

export interface NotificationParts {
  orders: OrderStore;
  lifecycle: Lifecycle;
  catalogue: Catalogue;
  database: Database | undefined;
  adapter: CloudAdapter;
  localOutlet: LocalProactiveOutlet;
  now?: (() => Date) | undefined;
}

export async function openNotifications(config: Config, parts: NotificationParts): Promise<{ notifier: Notifier; store: NotificationStore }> {
  const store = parts.database ? new PostgresNotificationStore(parts.database) : await LowdbNotificationStore.open(config.DATA_DIR);
  const notifier = new Notifier({
    orders: parts.orders,
    lifecycle: parts.lifecycle,
    store,
    send: sendThroughAdapter(parts.adapter, config.MicrosoftAppId, (context) => parts.localOutlet.capture(context)),
    catalogue: parts.catalogue,
    now: parts.now ?? (() => new Date()),
    settings: {
      intervalMs: config.NOTIFY_INTERVAL_MS,
      leaseMs: config.OUTBOUND_DEADLINE_MS + LEASE_MARGIN_MS,
      reminders: { phoneLeadMs: config.PHONE_REMINDER_LEAD_HOURS * 3_600_000, expiryLeadMs: config.EXPIRY_REMINDER_DAYS * 86_400_000 },
    },
  });
  return { notifier, store };
}
