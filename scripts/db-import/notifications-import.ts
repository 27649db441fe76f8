// Moves the lowdb notifications (DATA_DIR/notifications/notifications.json) into PostgreSQL for
// `npm run db:import`, so the bot on the database neither sends a notice again nor misses one:
// delivery records keep their status, attempts and lease; the time notifying began is the earlier
// of the two; each user's reminder choice comes along (the later choice where both have one).
import { LowdbNotificationStore } from '../../src/persistence/notifications/lowdb-notification-store.js';
import type { Database } from '../../src/persistence/postgres/database.js';
import { NOTIFYING_SINCE } from '../../src/persistence/postgres/postgres-notification-store.js';
import { noCounts, type ImportCounts } from './counts.js';

export interface NotificationCounts {
  deliveries: ImportCounts;
  reminders: ImportCounts;
  /** When the bot on the database counts notifying from; undefined when neither side has begun. */
  notifyingSince: Date | undefined;
}

/**
 * The earlier time wins: a later one would skip news the lowdb bot had not announced yet, and the
 * delivery records imported with it keep what was already announced from being sent again.
 */
async function importNotifyingSince(database: Database, since: string | undefined): Promise<Date | undefined> {
  if (since !== undefined) {
    await database.query(
      `INSERT INTO notifier_state (name, value) VALUES ($1, $2::timestamptz)
       ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value WHERE notifier_state.value > EXCLUDED.value`,
      [NOTIFYING_SINCE, since],
    );
  }
  const result = await database.query('SELECT value FROM notifier_state WHERE name = $1', [NOTIFYING_SINCE]);
  const value = result.rows[0]?.value;
  return value instanceof Date ? value : undefined;
}

export async function importNotifications(database: Database, dataDir: string): Promise<NotificationCounts> {
  // The store's own reading: a file it cannot parse stops the import, naming it, as it stops the bot.
  const store = await LowdbNotificationStore.open(dataDir);
  const file = store.contents();
  await store.close();

  const deliveries = noCounts();
  for (const record of Object.values(file.deliveries).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.key.localeCompare(b.key))) {
    // A record already there is newer: the bot on the database has worked on it since.
    const result = await database.query(
      `INSERT INTO notifications (key, order_id, kind, status, attempts, next_attempt_at, lease_owner, lease_until, created_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::timestamptz, $7, $8::timestamptz, $9::timestamptz)
       ON CONFLICT (key) DO NOTHING`,
      [
        record.key,
        record.orderId,
        record.kind,
        record.status,
        JSON.stringify(record.attempts),
        record.nextAttemptAt ?? null,
        // A lease held when the lowdb bot stopped runs out as it would have: then the notice may be tried again.
        record.leaseOwner ?? null,
        record.leaseUntil ?? null,
        record.createdAt,
      ],
    );
    if (result.rowCount === 1) deliveries.imported++;
    else deliveries.alreadyThere++;
  }

  const reminders = noCounts();
  for (const choice of Object.values(file.reminders)) {
    const result = await database.query(
      `INSERT INTO reminder_preferences (channel_id, user_id, reminders_on, updated_at) VALUES ($1, $2, $3, $4::timestamptz)
       ON CONFLICT (channel_id, user_id) DO UPDATE SET reminders_on = EXCLUDED.reminders_on, updated_at = EXCLUDED.updated_at
         WHERE reminder_preferences.updated_at < EXCLUDED.updated_at`,
      [choice.channelId, choice.userId, choice.on, choice.at],
    );
    if (result.rowCount === 1) reminders.imported++;
    else reminders.alreadyThere++;
  }

  return { deliveries, reminders, notifyingSince: await importNotifyingSince(database, file.notifyingSince) };
}
