// What the bot owes a user about one order at a moment: news of each state change, a reminder of
// the phone-verification deadline, a reminder that the order is about to expire, and whether the
// order has expired (the notifier then moves it, which is news in turn). Pure: the order, the
// lifecycle and the time in, plain values out.
import { expiresAt, phoneVerificationDeadline, type Lifecycle } from '../orders/lifecycle.js';
import { enteredCurrentState, type Order } from '../orders/order.js';
import type { DueNotification } from './notification.js';

export interface ReminderTimes {
  /** How long before the phone-verification deadline the reminder goes out (12 hours by default). */
  phoneLeadMs: number;
  /** How long before an order expires the reminder goes out (5 days by default). */
  expiryLeadMs: number;
}

export const DEFAULT_REMINDER_TIMES: ReminderTimes = { phoneLeadMs: 12 * 3_600_000, expiryLeadMs: 5 * 86_400_000 };

/** Who moves an order in the chat: the chat already answered such a move, so it is not news. */
const USER = 'user';

export function stateNoticeKey(orderId: string, historyIndex: number): string {
  return `state:${orderId}:${historyIndex}`;
}

export function phoneReminderKey(orderId: string, enteredIndex: number): string {
  return `phone:${orderId}:${enteredIndex}`;
}

export function expiryReminderKey(orderId: string): string {
  return `expiry:${orderId}`;
}

/**
 * Notices of state changes made at or after `since`: one for each history entry whose state
 * differs from the entry before it. Not the first entry (the user saw the confirmation when the
 * order was recorded), not a move the user made in the chat (a withdrawal was answered there), and
 * not an entry in the same state (an operator's note).
 */
export function stateNotices(order: Order, since: Date): DueNotification[] {
  const notices: DueNotification[] = [];
  order.history.forEach((entry, index) => {
    const before = order.history[index - 1];
    if (before === undefined || entry.state === before.state || entry.by === USER) return;
    if (Date.parse(entry.at) < since.getTime()) return;
    notices.push({ key: stateNoticeKey(order.id, index), orderId: order.id, kind: 'state', historyIndex: index });
  });
  return notices;
}

/**
 * Reminders due at `now` and first due at or after `since`: the phone verification while the order
 * waits for it (from `phoneLeadMs` before its deadline until the deadline), the expiry while the
 * order is in an expiring state (from `expiryLeadMs` before it expires until it does).
 */
export function dueReminders(order: Order, lifecycle: Lifecycle, now: Date, since: Date, times: ReminderTimes = DEFAULT_REMINDER_TIMES): DueNotification[] {
  const reminders: DueNotification[] = [];
  const dueNow = (deadline: Date, leadMs: number): boolean => {
    const due = deadline.getTime() - leadMs;
    return due <= now.getTime() && now < deadline && due >= since.getTime();
  };
  if (order.state === 'phone_verification') {
    const entered = enteredCurrentState(order);
    const at = order.history[entered]?.at ?? order.createdAt;
    // Before the shorter window the sources report (DOMAIN.md: 24 hours later, 48 in the seeds): never too late.
    const deadline = phoneVerificationDeadline(lifecycle, at, { earliest: true });
    if (dueNow(deadline, times.phoneLeadMs)) {
      reminders.push({ key: phoneReminderKey(order.id, entered), orderId: order.id, kind: 'phone', historyIndex: entered, deadline });
    }
  }
  const expiry = expiresAt(lifecycle, order);
  if (expiry !== undefined && dueNow(expiry, times.expiryLeadMs)) {
    reminders.push({ key: expiryReminderKey(order.id), orderId: order.id, kind: 'expiry', deadline: expiry });
  }
  return reminders;
}

/** Whether the order has reached its expiry and should be moved to "expired" by the system. */
export function hasExpired(order: Order, lifecycle: Lifecycle, now: Date): boolean {
  const expiry = expiresAt(lifecycle, order);
  return expiry !== undefined && expiry <= now;
}
