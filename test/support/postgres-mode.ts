// A mocha root hook for the suite's PostgreSQL run (`npm run test:postgres`): one embedded
// PostgreSQL for the whole run, and DATABASE_URL set for it, so every bot the tests compose
// (composeBot/composeApp, with no store of the test's own) keeps its state and orders there, each
// DATA_DIR in a schema of its own (DATABASE_SCHEMA=test_*): tests stay independent, and a bot
// restarted on its DATA_DIR finds its data again.
import { startPostgres, type RunningPostgres } from '../../scripts/postgres-server.js';
import { makeTempDir, removeDir } from './paths.js';

let server: RunningPostgres | undefined;
let dir: string | undefined;

export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    // initdb and the first start take a few seconds, more on a busy machine.
    this.timeout(120_000);
    dir = makeTempDir();
    server = await startPostgres({ dir });
    process.env.DATABASE_URL = server.url;
    process.env.DATABASE_SCHEMA = 'test_*';
  },
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(30_000);
    await server?.stop();
    removeDir(dir);
  },
};
