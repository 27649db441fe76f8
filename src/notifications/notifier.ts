// Tells users about their orders without being asked: each pass finds what is due (state changes,
// reminders, orders that have expired), claims each notification so one instance sends it, sends
// it into the conversation the order was placed in, and records the attempt; a failed attempt is
// tried again later with a doubling wait until it is given up on, logged and shown to operators.
import { randomUUID } from 'node:crypto';
import { afterAttempt } from '../domain/notifications/delivery-policy.js';
import { DEFAULT_REMINDER_TIMES, dueReminders, hasExpired, stateNotices, type ReminderTimes } from '../domain/notifications/due-notifications.js';
import { isReminder, type DueNotification } from '../domain/notifications/notification.js';
import type { Claim, NotificationStore } from '../domain/notifications/notification-store.js';
import { transitionProblem, type Lifecycle } from '../domain/orders/lifecycle.js';
import type { OrderStore } from '../domain/orders/order-store.js';
import type { Order, OrderState } from '../domain/orders/order.js';
import type { Catalogue } from '../knowledge/catalogue.js';
import { log } from '../log.js';
import { localeOfReference, noticeText } from './notice-text.js';
import type { ProactiveSend } from './proactive-send.js';
import { sendFailure } from './send-failure.js';

/**
 * After its first pass the notifier looks back this far for changed orders (not only to its last
 * pass), so a notification waiting for a retry (the waits add up to about two hours) is found again.
 */
const RETRY_LOOKBACK_MS = 24 * 3_600_000;
/** Never lease for less than this: a send takes up to the outbound deadline. */
const MIN_LEASE_MS = 60_000;

export interface NotifierSettings {
  /** Time between passes (NOTIFY_INTERVAL_MS); 0 runs no timer (passes only when asked: tests, nudge). */
  intervalMs: number;
  reminders: ReminderTimes;
  /**
   * How long a claim holds a notification: longer than any one send may take (the outbound
   * deadline), so that no other instance takes it over while it is being sent.
   */
  leaseMs: number;
}

export interface NotifierParts {
  orders: OrderStore;
  lifecycle: Lifecycle;
  store: NotificationStore;
  send: ProactiveSend;
  catalogue: Catalogue;
  now: () => Date;
  settings?: Partial<NotifierSettings>;
}

/** What one pass did, for the log and the tests. */
export interface PassReport {
  sent: number;
  retrying: number;
  failed: number;
  expired: number;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const DEFAULT_SETTINGS: NotifierSettings = { intervalMs: 30_000, reminders: DEFAULT_REMINDER_TIMES, leaseMs: 2 * MIN_LEASE_MS };

export class Notifier {
  /** This instance's name on its leases. */
  private readonly owner = `notifier-${randomUUID()}`;
  private readonly settings: NotifierSettings;
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private lastPassAt: Date | undefined;
  /** Set by stop(): the pass under way claims nothing more, so shutdown waits for one send at most. */
  private stopping = false;
  /** A pass asked for by nudge() that has not started yet. */
  private passWaiting = false;

  constructor(private readonly parts: NotifierParts) {
    this.settings = { ...DEFAULT_SETTINGS, ...parts.settings };
    this.settings.leaseMs = Math.max(this.settings.leaseMs, MIN_LEASE_MS);
  }

  /** One pass at the clock's current time; passes never overlap (a second waits for the first). */
  tick(): Promise<PassReport> {
    const pass = this.queue.then(() => this.pass());
    this.queue = pass.catch(() => undefined);
    return pass;
  }

  /**
   * Records when notifying began (the first start of a deployment; later starts find it stored),
   * then runs a pass now and every intervalMs (none when it is 0: tests and nudge() run them). The
   * timer never keeps the process alive.
   */
  start(): void {
    const recorded = this.queue.then(() => this.parts.store.notifyingSince(this.parts.now()));
    this.queue = recorded.catch((error: unknown) => log.error('could not record when notifying began', { error: describe(error) }));
    if (this.timer !== undefined || this.settings.intervalMs <= 0) return;
    this.timer = setInterval(() => this.nudge(), this.settings.intervalMs);
    this.timer.unref();
    this.nudge();
  }

  /** Stops the timer, lets the pass under way finish the send it is in (claiming nothing more), and waits for it. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.queue;
  }

  /** A pass soon, without waiting for it: for whoever just moved an order (the back office's afterMove). */
  nudge(): void {
    // One pass waiting is enough: it will see everything that happened before it starts, so timer
    // ticks and operators' moves during a long pass do not pile up passes to run back to back.
    if (this.passWaiting) return;
    this.passWaiting = true;
    const pass = this.queue.then(() => {
      this.passWaiting = false;
      return this.pass();
    });
    this.queue = pass.catch(() => undefined);
    pass.catch((error: unknown) => log.error('notification pass failed', { error: describe(error) }));
  }

  private async pass(): Promise<PassReport> {
    const { orders, store, lifecycle } = this.parts;
    const now = this.parts.now();
    const since = await store.notifyingSince(now);
    const lookFrom =
      this.lastPassAt === undefined ? since : new Date(Math.max(since.getTime(), Math.min(this.lastPassAt.getTime(), now.getTime() - RETRY_LOOKBACK_MS)));
    this.lastPassAt = now;
    const waitingStates: OrderState[] = [...new Set<OrderState>([...lifecycle.expiry.states, 'phone_verification'])];
    const found = new Map<string, Order>();
    for (const order of [...(await orders.list({ changedSince: lookFrom })), ...(await orders.list({ states: waitingStates }))]) found.set(order.id, order);

    const report: PassReport = { sent: 0, retrying: 0, failed: 0, expired: 0 };
    for (const listed of found.values()) {
      if (this.stopping) break;
      try {
        const order = await this.expireIfDue(listed, now, report);
        await this.notify(order, now, since, report);
      } catch (error) {
        // One order's trouble (its store failing) must not keep the others' news back.
        log.error('could not notify about an order', { order: listed.id, error: describe(error) });
      }
    }
    return report;
  }

  /** Moves an order past its expiry to "expired", as the system; the move is then news like any other. */
  private async expireIfDue(order: Order, now: Date, report: PassReport): Promise<Order> {
    const { lifecycle } = this.parts;
    if (!hasExpired(order, lifecycle, now)) return order;
    const note = `unfinished ${lifecycle.expiry.days} days after it was recorded`;
    const result = await this.parts.orders.transition(order.id, 'expired', { by: 'system', note }, (current) => transitionProblem(lifecycle, current, 'expired', 'system'));
    if ('moved' in result) {
      report.expired += 1;
      return result.moved;
    }
    // Another instance (or an operator) moved it first: carry on with the order as it is now.
    return 'order' in result ? result.order : order;
  }

  private async notify(order: Order, now: Date, since: Date, report: PassReport): Promise<void> {
    const { store, lifecycle } = this.parts;
    let due: DueNotification[] = stateNotices(order, since);
    const reminders = dueReminders(order, lifecycle, now, since, this.settings.reminders);
    if (reminders.length > 0 && (await store.remindersOn(order.requester))) due = [...due, ...reminders];
    if (due.length === 0) return;
    const settled = await store.settled(due.map((d) => d.key));
    // In order, and no further than the first one not yet delivered: a user must never hear
    // "verify your phone" after "rejected" because the first send failed and the second did not.
    for (const notification of due) {
      if (this.stopping) return;
      if (settled.has(notification.key)) continue;
      // The lease runs from the claim, not from the pass's start: sends before it may have taken a while.
      const claim = await store.claim(notification, this.owner, this.parts.now(), this.settings.leaseMs);
      if (!claim || (await this.deliver(order, notification, claim, report)) !== 'sent') return;
    }
  }

  /**
   * Sends and records the attempt. The record says "sent" only after the channel took the message,
   * so a crash between the two leaves it pending: once the lease expires it is sent again. At
   * worst a user gets a notification twice; never not at all.
   */
  private async deliver(order: Order, notification: DueNotification, claim: Claim, report: PassReport): Promise<'sent' | 'pending' | 'failed'> {
    const { store } = this.parts;
    const at = this.parts.now().toISOString();
    const reference = order.conversationReference;
    if (!reference) {
      await store.finish(claim, { attempt: { at, ok: false, error: 'the order has no conversation to send to' }, status: 'failed' });
      report.failed += 1;
      log.warn('notification not sent: no conversation to send it to', { key: notification.key });
      return 'failed';
    }
    let error: string | undefined;
    try {
      const text = noticeText(this.parts.catalogue, this.parts.lifecycle, order, notification, localeOfReference(reference));
      await this.parts.send(reference, { type: 'message', text, ...(reference.locale === undefined ? {} : { locale: reference.locale }) });
    } catch (failure) {
      error = sendFailure(failure);
    }
    const attempt = { at, ok: error === undefined, ...(error === undefined ? {} : { error }) };
    const outcome = afterAttempt(claim.record, attempt);
    await store.finish(claim, { attempt, status: outcome.status, ...(outcome.nextAttemptAt === undefined ? {} : { nextAttemptAt: outcome.nextAttemptAt }) });
    // A sent notification is not logged: operators see every attempt through the back office.
    if (outcome.status === 'sent') {
      report.sent += 1;
    } else if (outcome.status === 'pending') {
      report.retrying += 1;
    } else {
      report.failed += 1;
      log.warn('notification given up after every attempt', { key: notification.key, kind: notification.kind, reminder: isReminder(notification.kind), attempts: outcome.attempts.length, error });
    }
    return outcome.status;
  }
}
