// `npm run postgres`: a PostgreSQL for development, without Docker, with its data under
// DATA_DIR/postgres; prints the DATABASE_URL to put in .env and runs until Ctrl-C.
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../src/config.js';
import { startPostgres } from './postgres-server.js';

/** A fixed port, so the DATABASE_URL in .env stays right from one run to the next. */
const DEFAULT_PORT = 54329;

async function main(): Promise<void> {
  const config = loadConfig();
  const port = Number(process.env.POSTGRES_PORT ?? DEFAULT_PORT);
  const dir = join(config.DATA_DIR, 'postgres');
  const server = await startPostgres({ dir, port, onLog: (line) => process.stderr.write(`postgres: ${line.trimEnd()}\n`) });
  process.stdout.write(
    [
      `PostgreSQL is running (data in ${dir}). Put this in .env, then npm start (as many instances as you like, on other PORTs):`,
      '',
      `DATABASE_URL=${server.url}`,
      '',
      'Ctrl-C stops it.',
      '',
    ].join('\n'),
  );
  const stop = (): void => {
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`PostgreSQL did not stop cleanly: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : `npm run postgres failed: ${error instanceof Error ? error.stack : String(error)}`}\n`);
  process.exit(1);
});
