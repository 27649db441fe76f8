// Bot state storage in PostgreSQL (botbuilder's Storage interface), shared by every instance: a
// write that carries an eTag succeeds only if the row still has that eTag, so of two turns that
// read the same state the second to write is refused, never silently overwriting the first.
import type { Storage, StoreItems } from 'botbuilder';
import type { Database, Queries, Row } from './database.js';
import { StateConflictError } from '../state-conflict.js';

/** How often an instance deletes conversation state past the idle limit. */
const SWEEP_INTERVAL_MS = 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The eTag a change says it read; undefined or "*" mean "whatever is there" (botbuilder's contract). */
function expectedETag(change: unknown): string | undefined {
  const eTag = isRecord(change) ? change.eTag : undefined;
  return typeof eTag === 'string' && eTag !== '*' ? eTag : undefined;
}

/** The item as stored: the eTag lives in its own column, never inside the JSON. */
function withoutETag(change: unknown): Record<string, unknown> {
  if (!isRecord(change)) return { value: change };
  return Object.fromEntries(Object.entries(change).filter(([field]) => field !== 'eTag'));
}

export interface PostgresStorageOptions {
  /** State untouched this long reads as none and is deleted (CONVERSATION_IDLE_DAYS; 0: never). */
  idleDays: number;
}

export class PostgresStorage implements Storage {
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly database: Database,
    private readonly options: PostgresStorageOptions,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const result = await this.database.query(
      `SELECT key, etag::text AS etag, item FROM conversation_state
        WHERE key = ANY($1) AND ($2 = 0 OR updated_at > now() - make_interval(days => $2))`,
      [keys, this.options.idleDays],
    );
    const found: StoreItems = {};
    for (const row of result.rows) {
      if (typeof row.key === 'string' && isRecord(row.item)) found[row.key] = { ...row.item, eTag: String(row.etag) };
    }
    return found;
  }

  async write(changes: StoreItems): Promise<void> {
    const keys = Object.keys(changes);
    if (keys.length === 0) return;
    if (keys.length === 1 && keys[0] !== undefined) {
      await this.writeOne(this.database, keys[0], changes[keys[0]]);
      return;
    }
    // Several keys: all or none, so a conflict on one writes nothing.
    await this.database.transaction(async (client) => {
      for (const key of keys) await this.writeOne(client, key, changes[key]);
    });
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.database.query('DELETE FROM conversation_state WHERE key = ANY($1)', [keys]);
  }

  /** Deletes state idle past the limit now and then every hour, while the process runs. */
  startSweeping(): void {
    const sweep = (): void => {
      this.sweep().catch(() => undefined);
    };
    sweep();
    this.sweeper = setInterval(sweep, SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  stopSweeping(): void {
    clearInterval(this.sweeper);
  }

  /** Deletes conversation state idle past the limit; returns how many were deleted. */
  async sweep(): Promise<number> {
    // 0 days: state is kept forever, as on lowdb.
    if (this.options.idleDays === 0) return 0;
    const cutoff = new Date(Date.now() - this.options.idleDays * DAY_MS);
    const result = await this.database.query('DELETE FROM conversation_state WHERE updated_at <= $1', [cutoff]);
    return result.rowCount ?? 0;
  }

  /**
   * Writes one item. The item given gets the eTag it now has, so the same object written again
   * later in the turn carries the right one instead of conflicting with itself.
   */
  private async writeOne(queries: Queries, key: string, change: unknown): Promise<void> {
    const item = withoutETag(change);
    const expected = expectedETag(change);
    let written: { rows: Row[] };
    if (expected === undefined) {
      written = await queries.query(
        `INSERT INTO conversation_state (key, etag, item, updated_at) VALUES ($1, nextval('conversation_state_etag'), $2, now())
         ON CONFLICT (key) DO UPDATE SET etag = EXCLUDED.etag, item = EXCLUDED.item, updated_at = EXCLUDED.updated_at
         RETURNING etag::text AS etag`,
        [key, item],
      );
    } else {
      // An eTag that is not a number was never written here: it cannot match.
      written = /^\d{1,19}$/.test(expected)
        ? await queries.query(
            `UPDATE conversation_state SET etag = nextval('conversation_state_etag'), item = $3, updated_at = now()
              WHERE key = $1 AND etag = $2::bigint RETURNING etag::text AS etag`,
            [key, expected, item],
          )
        : { rows: [] };
    }
    const eTag = written.rows[0]?.etag;
    if (typeof eTag !== 'string') throw new StateConflictError(`Storage: error writing "${key}" due to eTag conflict.`);
    if (isRecord(change)) change.eTag = eTag;
  }
}
