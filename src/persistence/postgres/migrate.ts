// Brings a schema up to date from the versioned SQL files in migrations/ (001_*.sql, 002_*.sql, …),
// under an advisory lock, so several instances starting at once apply each file exactly once.
//
// A small ordered folder rather than node-pg-migrate: the bot needs forward-only SQL applied at
// start-up and nothing else, which is a page of code here, readable SQL for the operations team,
// and no dependency (with its own CLI, config and migration table conventions) to learn and audit.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));
const FILE_NAME = /^(\d{3})_[a-z0-9_]+\.sql$/;

/** Waiting for another instance's migration may take longer than an ordinary statement. */
const MIGRATION_TIMEOUT_MS = 120_000;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const match = FILE_NAME.exec(name);
      return match ? [{ version: Number(match[1]), name, sql: readFileSync(join(dir, name), 'utf8') }] : [];
    })
    .sort((a, b) => a.version - b.version);
}

/**
 * Creates the schema if needed and applies every migration it has not had, all in one transaction
 * under a transaction-scoped advisory lock: an instance that starts while another migrates waits,
 * then finds the work done. Returns the names applied now.
 */
export async function migrate(database: Database, schema: string, migrations = readMigrations()): Promise<string[]> {
  return database.transaction(async (client) => {
    await client.query(`SET LOCAL statement_timeout = ${MIGRATION_TIMEOUT_MS}`);
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`filing-assistant migrations ${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`SET LOCAL search_path TO ${schema}`);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = await client.query('SELECT version FROM schema_migrations');
    const applied = new Set(done.rows.map((row) => Number(row.version)));
    const now: string[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      now.push(migration.name);
    }
    return now;
  });
}
