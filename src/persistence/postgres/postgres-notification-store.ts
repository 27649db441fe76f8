// Notification deliveries, when notifying began and reminder choices in PostgreSQL, shared by
// every instance: the claim is one statement, so of two instances asking at once exactly one
// gets a notification, and a lease left by an instance that died is taken over once it expires.
import { z } from 'zod';
import { DeliveryAttempt, DeliveryRecord, NotificationKind, DeliveryStatus, type DueNotification } from '../../domain/notifications/notification.js';
import type { AttemptOutcome, Claim, NotificationStore } from '../../domain/notifications/notification-store.js';
import type { Requester } from '../../domain/orders/order.js';
import { log } from '../../log.js';
import type { Database, Row } from './database.js';

/** The notifier_state row holding when notifying began. */
export const NOTIFYING_SINCE = 'notifying_since';

const RECORD_COLUMNS = 'key, order_id, kind, status, attempts, next_attempt_at';

const RecordRow = z.object({
  key: z.string(),
  order_id: z.string(),
  kind: NotificationKind,
  status: DeliveryStatus,
  attempts: z.array(DeliveryAttempt),
  next_attempt_at: z.date().nullable(),
});

function recordOf(row: Row): DeliveryRecord {
  const parsed = RecordRow.parse(row);
  return DeliveryRecord.parse({
    key: parsed.key,
    orderId: parsed.order_id,
    kind: parsed.kind,
    status: parsed.status,
    attempts: parsed.attempts,
    ...(parsed.next_attempt_at === null ? {} : { nextAttemptAt: parsed.next_attempt_at.toISOString() }),
  });
}

export class PostgresNotificationStore implements NotificationStore {
  constructor(private readonly database: Database) {}

  async notifyingSince(now: Date): Promise<Date> {
    // Whoever inserts first sets it; everyone (that one included) reads the row that won.
    await this.database.query('INSERT INTO notifier_state (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [NOTIFYING_SINCE, now]);
    const result = await this.database.query('SELECT value FROM notifier_state WHERE name = $1', [NOTIFYING_SINCE]);
    return z.object({ value: z.date() }).parse(result.rows[0]).value;
  }

  async settled(keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const result = await this.database.query("SELECT key FROM notifications WHERE key = ANY($1) AND status <> 'pending'", [[...keys]]);
    return new Set(result.rows.map((row) => z.object({ key: z.string() }).parse(row).key));
  }

  /**
   * One statement: inserts the notification with this caller's lease, or takes over an existing
   * one that is pending, due and not leased (or whose lease expired). Concurrent callers on one key
   * queue on its row; the later ones see the lease just taken, update nothing and get no row back.
   */
  async claim(due: DueNotification, owner: string, now: Date, leaseMs: number): Promise<Claim | undefined> {
    const leaseUntil = new Date(now.getTime() + leaseMs);
    const result = await this.database.query(
      `INSERT INTO notifications AS n (key, order_id, kind, status, attempts, next_attempt_at, lease_owner, lease_until, created_at)
       VALUES ($1, $2, $3, 'pending', '[]', $4, $5, $6, $4)
       ON CONFLICT (key) DO UPDATE SET lease_owner = EXCLUDED.lease_owner, lease_until = EXCLUDED.lease_until
         WHERE n.status = 'pending'
           AND (n.lease_until IS NULL OR n.lease_until <= $4)
           AND (n.next_attempt_at IS NULL OR n.next_attempt_at <= $4)
       RETURNING ${RECORD_COLUMNS}`,
      [due.key, due.orderId, due.kind, now, owner, leaseUntil],
    );
    const [row] = result.rows;
    return row === undefined ? undefined : { record: recordOf(row), owner };
  }

  async finish(claim: Claim, outcome: AttemptOutcome): Promise<void> {
    // Only while this caller still holds the lease: an instance whose lease expired (it hung past
    // the lease) must not overwrite what the instance that took over recorded.
    const result = await this.database.query(
      `UPDATE notifications
          SET status = $3, attempts = attempts || $4::jsonb, next_attempt_at = $5, lease_owner = NULL, lease_until = NULL
        WHERE key = $1 AND lease_owner = $2`,
      [claim.record.key, claim.owner, outcome.status, JSON.stringify([outcome.attempt]), outcome.nextAttemptAt ?? null],
    );
    if (result.rowCount === 0) {
      log.warn('a notification attempt outlived its lease; another instance took the notification over', { key: claim.record.key, ok: outcome.attempt.ok });
    }
  }

  async forOrder(orderId: string): Promise<DeliveryRecord[]> {
    const result = await this.database.query(`SELECT ${RECORD_COLUMNS} FROM notifications WHERE order_id = $1 ORDER BY created_at, key`, [orderId]);
    return result.rows.map(recordOf);
  }

  async withStatus(status: DeliveryRecord['status'], limit: number): Promise<DeliveryRecord[]> {
    const result = await this.database.query(`SELECT ${RECORD_COLUMNS} FROM notifications WHERE status = $1 ORDER BY created_at DESC, key DESC LIMIT $2`, [status, limit]);
    return result.rows.map(recordOf);
  }

  async remindersOn(requester: Requester): Promise<boolean> {
    const result = await this.database.query('SELECT reminders_on FROM reminder_preferences WHERE channel_id = $1 AND user_id = $2', [
      requester.channelId,
      requester.userId,
    ]);
    const [row] = result.rows;
    return row === undefined ? true : z.object({ reminders_on: z.boolean() }).parse(row).reminders_on;
  }

  async setReminders(requester: Requester, on: boolean, now: Date): Promise<void> {
    await this.database.query(
      `INSERT INTO reminder_preferences (channel_id, user_id, reminders_on, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (channel_id, user_id) DO UPDATE SET reminders_on = EXCLUDED.reminders_on, updated_at = EXCLUDED.updated_at`,
      [requester.channelId, requester.userId, on, now],
    );
  }

  /** The pool is the order store's to close. */
  async close(): Promise<void> {}
}
