// Opens the PostgreSQL stores from configuration: the pool, the schema brought up to date, and the
// conversation-state and order stores that share them.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { DatabaseSettings } from '../../config.js';
import { Database } from './database.js';
import { migrate } from './migrate.js';
import { PostgresNotificationStore } from './postgres-notification-store.js';
import { PostgresOrderStore } from './postgres-order-store.js';
import { PostgresQuestionLog } from './postgres-question-log.js';
import { PostgresStorage } from './postgres-storage.js';

export interface PostgresStores {
  database: Database;
  storage: PostgresStorage;
  orders: PostgresOrderStore;
  questions: PostgresQuestionLog;
  notifications: PostgresNotificationStore;
}

export interface OpenPostgresOptions {
  /** Only for a DATABASE_SCHEMA ending in `*`: the schema is DATA_DIR's own. */
  dataDir: string;
  cancellationUndoMs: number;
  now?: () => Date;
}

/** Checked again here although config validates it: the name is written into SQL. */
const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * DATABASE_SCHEMA as given, or for `prefix*` a schema of DATA_DIR's own: the tests give every bot
 * a fresh DATA_DIR, so each gets a fresh schema, and a bot restarted on the same DATA_DIR finds
 * its orders and conversations again, exactly as on lowdb.
 */
export function schemaFor(setting: string, dataDir: string): string {
  const perDataDir = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 20);
  const schema = setting.endsWith('*') ? `${setting.slice(0, -1)}${perDataDir}` : setting;
  if (!SCHEMA.test(schema)) throw new Error(`DATABASE_SCHEMA "${setting}" does not give a usable schema name`);
  return schema;
}

/** Connects, applies pending migrations (waiting for another instance doing the same), and opens both stores. */
export async function openPostgresStores(url: string, settings: DatabaseSettings, options: OpenPostgresOptions): Promise<PostgresStores> {
  const schema = schemaFor(settings.DATABASE_SCHEMA, options.dataDir);
  const database = new Database({ ...settings, url, schema });
  try {
    await migrate(database, schema);
  } catch (error) {
    await database.close();
    throw error;
  }
  const storage = new PostgresStorage(database, { idleDays: settings.CONVERSATION_IDLE_DAYS });
  const orders = new PostgresOrderStore(database, {
    cancellationUndoMs: options.cancellationUndoMs,
    ...(options.now ? { now: options.now } : {}),
  });
  return { database, storage, orders, questions: new PostgresQuestionLog(database), notifications: new PostgresNotificationStore(database) };
}
