// `npm run db:import`: moves a lowdb DATA_DIR (every order, the conversation state still within
// CONVERSATION_IDLE_DAYS, the question log, the notifications and reminder choices) into the
// PostgreSQL named by DATABASE_URL. Idempotent: what is already there is left as it is (it may have
// moved on since), so running it twice imports nothing twice.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../src/config.js';
import type { Order } from '../src/domain/orders/order.js';
import { MAX_RECORDS_KEPT } from '../src/domain/questions/question-log.js';
import { DataDirLock, DataDirLockError } from '../src/persistence/data-dir-lock.js';
import type { Database } from '../src/persistence/postgres/database.js';
import { openPostgresStores } from '../src/persistence/postgres/open.js';
import { documentOf } from '../src/persistence/postgres/order-rows.js';
import { isOrderFile, ordersDir } from '../src/persistence/orders/order-files.js';
import { parseOrders } from '../src/persistence/orders/orders-file.js';
import { noCounts, type ImportCounts } from './db-import/counts.js';
import { importNotifications } from './db-import/notifications-import.js';
import { importQuestionLog } from './db-import/question-log-import.js';

const DAY_MS = 24 * 60 * 60_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((name) => join(dir, name));
  } catch {
    return [];
  }
}

/** One order with its history, in one statement: both or neither, and nothing if its id is there. */
async function importOrder(database: Database, order: Order): Promise<boolean> {
  const result = await database.query(
    `WITH inserted AS (
       INSERT INTO orders (id, type, subject_number, channel_id, user_id, state, created_at, source_activity_key, document)
       VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz, $8, $9)
       ON CONFLICT (id) DO NOTHING RETURNING id),
     history AS (
       INSERT INTO order_history (order_id, seq, state, at, at_text, note, made_by)
       SELECT inserted.id, h.seq, h.state, h.at::timestamptz, h.at, h.note, h.made_by
         FROM inserted, unnest($10::int[], $11::text[], $12::text[], $13::text[], $14::text[]) AS h(seq, state, at, note, made_by))
     SELECT count(*)::int AS inserted FROM inserted`,
    [
      order.id,
      order.type,
      order.filing.subjectNumber,
      order.requester.channelId,
      order.requester.userId,
      order.state,
      order.createdAt,
      order.sourceActivityKey,
      documentOf(order),
      order.history.map((_, index) => index + 1),
      order.history.map((entry) => entry.state),
      order.history.map((entry) => entry.at),
      order.history.map((entry) => entry.note ?? null),
      order.history.map((entry) => entry.by ?? null),
    ],
  );
  return result.rows[0]?.inserted === 1;
}

async function importOrders(database: Database, dataDir: string): Promise<ImportCounts> {
  const counts = noCounts();
  const dir = ordersDir(dataDir);
  for (const file of filesUnder(dir).filter((path) => isOrderFile(path.slice(dir.length + 1))).sort()) {
    // Refuses a file with an invalid record, naming it, as the bot itself does: nothing is dropped silently.
    const { orders } = parseOrders(readFileSync(file, 'utf8'), file);
    for (const order of orders) {
      if (await importOrder(database, order)) counts.imported++;
      else counts.alreadyThere++;
    }
  }
  return counts;
}

/** Live conversations only: state idle past the limit would be forgotten by the bot anyway. */
async function importConversations(database: Database, dataDir: string, idleDays: number): Promise<ImportCounts> {
  const counts = noCounts();
  const oldest = Date.now() - idleDays * DAY_MS;
  for (const file of filesUnder(join(dataDir, 'conversations')).filter((path) => path.endsWith('.json'))) {
    const modified = statSync(file).mtime;
    let record: unknown;
    try {
      record = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      record = undefined;
    }
    if (!isRecord(record) || typeof record.key !== 'string' || !isRecord(record.item) || modified.getTime() < oldest) {
      counts.skipped++;
      continue;
    }
    const item = Object.fromEntries(Object.entries(record.item).filter(([field]) => field !== 'eTag'));
    // A row already there is newer: the conversation has gone on in PostgreSQL since.
    const result = await database.query(
      `INSERT INTO conversation_state (key, etag, item, updated_at) VALUES ($1, nextval('conversation_state_etag'), $2, $3)
       ON CONFLICT (key) DO NOTHING`,
      [record.key, item, modified],
    );
    if (result.rowCount === 1) counts.imported++;
    else counts.alreadyThere++;
  }
  return counts;
}

function questionsLine(counts: ImportCounts): string {
  return `${counts.imported} imported, ${counts.alreadyThere} already there, ${counts.skipped} left out (older than the newest ${MAX_RECORDS_KEPT} kept)`;
}

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.DATABASE_URL === undefined) throw new ConfigError('npm run db:import needs DATABASE_URL: the PostgreSQL to import into (npm run postgres starts one)');
  // Taking the lock would create a missing directory and then import nothing: a mistyped DATA_DIR is said so.
  if (!existsSync(config.DATA_DIR)) throw new ConfigError(`npm run db:import: DATA_DIR ${config.DATA_DIR} does not exist, so there is nothing to import`);
  // A lowdb bot still running on DATA_DIR would go on writing orders the import has already passed:
  // it must stop first. Holding the directory's lock also keeps one from starting mid-import.
  try {
    await DataDirLock.acquire(config.DATA_DIR);
  } catch (error) {
    if (error instanceof DataDirLockError) throw new ConfigError(`npm run db:import imports nothing while a bot uses DATA_DIR: ${error.message}`);
    throw error;
  }
  const stores = await openPostgresStores(config.DATABASE_URL, config, { dataDir: config.DATA_DIR, cancellationUndoMs: config.CANCELLATION_UNDO_MINUTES * 60_000 });
  try {
    const orders = await importOrders(stores.database, config.DATA_DIR);
    const conversations = await importConversations(stores.database, config.DATA_DIR, config.CONVERSATION_IDLE_DAYS);
    const questions = await importQuestionLog(stores.database, config.DATA_DIR);
    const notifications = await importNotifications(stores.database, config.DATA_DIR);
    process.stdout.write(
      [
        `Imported from ${config.DATA_DIR}:`,
        `  orders: ${orders.imported} imported, ${orders.alreadyThere} already there`,
        `  conversations: ${conversations.imported} imported, ${conversations.alreadyThere} already there, ${conversations.skipped} skipped (idle past ${config.CONVERSATION_IDLE_DAYS} days, or unreadable)`,
        `  unanswered questions: ${questionsLine(questions.unanswered)}`,
        `  answer feedback: ${questionsLine(questions.feedback)}`,
        `  notifications: ${notifications.deliveries.imported} imported, ${notifications.deliveries.alreadyThere} already there`,
        `  reminder choices: ${notifications.reminders.imported} imported, ${notifications.reminders.alreadyThere} already there (or a later choice is)`,
        `  notifying since: ${notifications.notifyingSince?.toISOString() ?? 'not begun'}`,
        '',
      ].join('\n'),
    );
  } finally {
    await stores.database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : `npm run db:import failed: ${error instanceof Error ? error.message : String(error)}`}\n`);
  process.exit(1);
});
