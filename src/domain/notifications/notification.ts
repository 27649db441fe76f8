// A notification the bot owes a user about an order, and the record of delivering it: the shapes
// the notifier, its stores (lowdb, PostgreSQL) and the back office share.
import { z } from 'zod';

/**
 * What a notification is about: a state change (news, always sent), the phone-verification
 * deadline or the 45-day expiry coming near (reminders, which the user may turn off).
 */
export const NOTIFICATION_KINDS = ['state', 'phone', 'expiry'] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

export function isReminder(kind: NotificationKind): boolean {
  return kind !== 'state';
}

/** pending: not yet delivered (maybe tried); sent: delivered once; failed: given up on after every attempt. */
export const DELIVERY_STATUSES = ['pending', 'sent', 'failed'] as const;
export const DeliveryStatus = z.enum(DELIVERY_STATUSES);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

/** Longest error kept per attempt: a status or a cause, never the message text or an address. */
export const MAX_ATTEMPT_ERROR_CHARS = 200;

export const DeliveryAttempt = z.strictObject({
  at: z.iso.datetime(),
  ok: z.boolean(),
  error: z.string().max(MAX_ATTEMPT_ERROR_CHARS).optional(),
});
export type DeliveryAttempt = z.infer<typeof DeliveryAttempt>;

/** One notification's delivery, keyed so the same news is never owed twice (see due-notifications.ts). */
export const DeliveryRecord = z.strictObject({
  key: z.string().min(1).max(200),
  orderId: z.string().min(1),
  kind: NotificationKind,
  status: DeliveryStatus,
  attempts: z.array(DeliveryAttempt),
  /** When a pending notification may be tried (again); absent once sent or failed. */
  nextAttemptAt: z.iso.datetime().optional(),
});
export type DeliveryRecord = z.infer<typeof DeliveryRecord>;

/** A notification that is due now: what the notifier tries to deliver. */
export interface DueNotification {
  key: string;
  orderId: string;
  kind: NotificationKind;
  /** For a state change, the history entry it announces; for a phone reminder, the entry that entered the state. */
  historyIndex?: number;
  /** For reminders: the deadline the user is reminded of. */
  deadline?: Date;
}
