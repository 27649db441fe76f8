// How often and how long the notifier tries a notification: retries with a doubling wait, a limit
// after which it gives up (and says so), and what one attempt leaves in the record.
import type { DeliveryAttempt, DeliveryRecord, DeliveryStatus } from './notification.js';

/** Tries in all before a notification is marked failed: the waits between them add up to about four hours. */
export const MAX_DELIVERY_ATTEMPTS = 8;
/** The wait after the first failed attempt; it doubles after each (1, 2, 4, 8 … minutes). */
export const FIRST_RETRY_DELAY_MS = 60_000;

/** How long to wait after `failedAttempts` failures before trying again. */
export function retryDelayMs(failedAttempts: number): number {
  return FIRST_RETRY_DELAY_MS * 2 ** Math.max(0, failedAttempts - 1);
}

/** The record after one more attempt: sent, pending with its next try, or failed for good. */
export function afterAttempt(record: DeliveryRecord, attempt: DeliveryAttempt): { status: DeliveryStatus; attempts: DeliveryAttempt[]; nextAttemptAt?: string } {
  const attempts = [...record.attempts, attempt];
  if (attempt.ok) return { status: 'sent', attempts };
  const failures = attempts.filter((a) => !a.ok).length;
  if (failures >= MAX_DELIVERY_ATTEMPTS) return { status: 'failed', attempts };
  return { status: 'pending', attempts, nextAttemptAt: new Date(Date.parse(attempt.at) + retryDelayMs(failures)).toISOString() };
}
