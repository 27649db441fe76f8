// What the notifier needs from storage (lowdb under DATA_DIR/notifications, or PostgreSQL): delivery
// records with a lease so that one instance sends each notification, the moment notifying began,
// and each user's choice about reminders.
import type { Requester } from '../orders/order.js';
import type { DeliveryAttempt, DeliveryRecord, DeliveryStatus, DueNotification } from './notification.js';

/** A claim on one notification: the record as it stood, and the lease's owner to finish with. */
export interface Claim {
  record: DeliveryRecord;
  owner: string;
}

export interface AttemptOutcome {
  attempt: DeliveryAttempt;
  status: DeliveryStatus;
  nextAttemptAt?: string;
}

export interface NotificationStore {
  /**
   * When this deployment began notifying: stored the first time it is asked (as `now`) and the
   * same ever after, so history older than it (an existing deployment's) is never announced.
   */
  notifyingSince(now: Date): Promise<Date>;
  /** Keys of these that are already sent or failed: nothing more to do for them. */
  settled(keys: readonly string[]): Promise<Set<string>>;
  /**
   * Takes the notification for `leaseMs` when it is pending, due for an attempt at `now` and no
   * one else holds an unexpired lease on it (creating its record the first time). Undefined when
   * it is not this caller's to send now. Of two instances asking at once, exactly one gets it.
   */
  claim(due: DueNotification, owner: string, now: Date, leaseMs: number): Promise<Claim | undefined>;
  /** Records an attempt and its outcome, and releases the lease. */
  finish(claim: Claim, outcome: AttemptOutcome): Promise<void>;
  /** An order's notifications, oldest first. */
  forOrder(orderId: string): Promise<DeliveryRecord[]>;
  /** The newest `limit` notifications in this status, newest first. */
  withStatus(status: DeliveryStatus, limit: number): Promise<DeliveryRecord[]>;
  /** Whether the user wants reminders (yes unless they said otherwise). */
  remindersOn(requester: Requester): Promise<boolean>;
  setReminders(requester: Requester, on: boolean, now: Date): Promise<void>;
  close(): Promise<void>;
}
