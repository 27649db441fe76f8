// The connection pool every PostgreSQL store shares: settings from configuration, a count of round
// trips (the benchmark reports them), transactions, and failures sorted into "unavailable" or not.
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { DatabaseSettings } from '../../config.js';
import { log } from '../../log.js';
import { DatabaseUnavailableError, isUnavailable } from './unavailable.js';

export type Row = Record<string, unknown>;

/** A query runner: the pool, or one client inside a transaction. */
export interface Queries {
  query(text: string, values?: readonly unknown[]): Promise<pg.QueryResult<Row>>;
}

/** How long a new connection may take before the turn is told the database is unavailable. */
const CONNECT_TIMEOUT_MS = 3000;
/** Idle connections are closed after this, so a quiet instance holds few of PostgreSQL's slots. */
const IDLE_TIMEOUT_MS = 10_000;

export interface DatabaseOptions extends Pick<DatabaseSettings, 'DATABASE_POOL_SIZE' | 'DATABASE_STATEMENT_TIMEOUT_MS' | 'DATABASE_TLS'> {
  url: string;
  /** The schema every query of this pool runs in (its search_path). */
  schema: string;
}

function tlsOption(tls: DatabaseSettings['DATABASE_TLS']): pg.PoolConfig['ssl'] {
  if (tls === 'off') return false;
  return { rejectUnauthorized: tls === 'verify' };
}

/**
 * The statement as a named prepared statement when it takes parameters: each connection parses and
 * plans it once, not on every turn (about half of PostgreSQL's CPU per statement here). Named by
 * a hash of the text, so two texts never share a name.
 */
function prepared(text: string, values: readonly unknown[]): pg.QueryConfig {
  if (values.length === 0) return { text };
  return { name: `fa_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`, text, values: [...values] };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class Database implements Queries {
  private readonly pool: pg.Pool;
  /** Statements sent to the server, BEGIN and COMMIT included: what a turn costs in round trips. */
  roundTrips = 0;
  private closed = false;

  constructor(readonly options: DatabaseOptions) {
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.DATABASE_POOL_SIZE,
      ssl: tlsOption(options.DATABASE_TLS),
      // Server side: a statement running longer is cancelled and its transaction rolled back.
      statement_timeout: options.DATABASE_STATEMENT_TIMEOUT_MS,
      // A transaction left open by a process that hangs must not hold its locks for ever.
      idle_in_transaction_session_timeout: options.DATABASE_STATEMENT_TIMEOUT_MS * 2,
      // Client side: a server that stops answering (network gone) fails the query instead of hanging the turn.
      query_timeout: options.DATABASE_STATEMENT_TIMEOUT_MS + 1000,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      idleTimeoutMillis: IDLE_TIMEOUT_MS,
      allowExitOnIdle: true,
      options: `-c search_path=${options.schema}`,
    });
    // An idle connection the server dropped (a restart) is reported here; the pool replaces it.
    // Without a listener Node would treat it as an unhandled error and end the process.
    this.pool.on('error', (error) => log.warn('database connection lost; the pool will reconnect', { error: describe(error) }));
  }

  async query(text: string, values: readonly unknown[] = []): Promise<pg.QueryResult<Row>> {
    this.roundTrips++;
    try {
      return await this.pool.query<Row>(prepared(text, values));
    } catch (error) {
      throw translate(error);
    }
  }

  /**
   * Runs `work` in one transaction on one connection: committed if it resolves, rolled back if it
   * throws (or a statement in it times out), so nothing is ever half-written.
   */
  async transaction<T>(work: (client: Queries) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw translate(error);
    }
    const queries: Queries = {
      query: async (text, values = []) => {
        this.roundTrips++;
        return client.query<Row>(prepared(text, values));
      },
    };
    let broken: unknown;
    try {
      await queries.query('BEGIN');
      const result = await work(queries);
      await queries.query('COMMIT');
      return result;
    } catch (error) {
      broken = error;
      await queries.query('ROLLBACK').catch(() => undefined);
      throw translate(error);
    } finally {
      // A connection that failed is not given back for reuse: the pool opens a fresh one.
      client.release(broken !== undefined && isUnavailable(broken));
    }
  }

  /** Whether the server answers now; for /readyz. */
  async ping(): Promise<boolean> {
    try {
      await this.query('SELECT 1');
      return true;
    } catch (error) {
      log.warn('database does not answer', { error: describe(error) });
      return false;
    }
  }

  /** Ends every connection; a second call does nothing (pg's own end() throws then). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/** An unavailable-database failure becomes DatabaseUnavailableError (cause kept); others pass unchanged. */
function translate(error: unknown): unknown {
  if (error instanceof DatabaseUnavailableError || !isUnavailable(error)) return error;
  return new DatabaseUnavailableError(`the database is unavailable: ${describe(error)}`, { cause: error });
}
