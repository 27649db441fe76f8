// `npm run db:import` moves a lowdb DATA_DIR into PostgreSQL: every order as it was, live
// conversation state, counts reported, and nothing imported twice when it runs again.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'chai';
import { DatabaseSettingsSchema } from '../../src/config.js';
import { activityKey } from '../../src/domain/orders/order.js';
import { LowdbStorage } from '../../src/persistence/lowdb-storage.js';
import { LowdbOrderStore } from '../../src/persistence/orders/lowdb-order-store.js';
import { openPostgresStores } from '../../src/persistence/postgres/open.js';
import { startPostgres, type RunningPostgres } from '../../scripts/postgres-server.js';
import { REPO_ROOT, makeTempDir, removeDir } from '../support/paths.js';

const SCHEMA = 'imported';

describe('npm run db:import', function () {
  this.timeout(120_000);
  let server: RunningPostgres;
  let serverDir: string;
  let dataDir: string;

  function runImport(): string {
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'scripts', 'db-import.ts')], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_NO_WARNINGS: '1', DATA_DIR: dataDir, DATABASE_URL: server.url, DATABASE_SCHEMA: SCHEMA },
    });
    expect(run.status, run.stderr).to.equal(0);
    return run.stdout;
  }

  before(async () => {
    serverDir = makeTempDir();
    dataDir = makeTempDir();
    server = await startPostgres({ dir: serverDir });
    const orders = await LowdbOrderStore.open(dataDir);
    for (let i = 1; i <= 3; i++) {
      const subject = `京ICP备3100000${i}号`;
      await orders.submit(
        {
          type: 'cancel_website',
          filing: { icpNumber: `${subject}-1`, subjectNumber: subject, province: 'beijing', domains: ['shop.example.cn'] },
          requester: { channelId: 'test', userId: 'importer' },
          sourceActivityKey: activityKey('test', 'import', `activity-${i}`),
        },
        () => ({ allowed: true, notes: [] }),
      );
    }
    const [first] = await orders.listForUser('test', 'importer');
    if (first) await orders.transition(first.id, 'completed', { by: 'operator', note: 'approved' }, () => undefined);
    await orders.close();
    const state = new LowdbStorage(join(dataDir, 'conversations'));
    await state.write({ 'test/conversations/a/users/importer': { dialogState: { step: 1 } }, 'test/conversations/b/users/importer': { dialogState: { step: 2 } } });
  });

  after(async () => {
    await server?.stop();
    removeDir(serverDir);
    removeDir(dataDir);
  });

  it('imports every order and live conversation, and reports the counts', () => {
    const report = runImport();
    expect(report).to.include('orders: 3 imported, 0 already there');
    expect(report).to.include('conversations: 2 imported, 0 already there');
  });

  it('imports nothing twice when it runs again', () => {
    const report = runImport();
    expect(report).to.include('orders: 0 imported, 3 already there');
    expect(report).to.include('conversations: 0 imported, 2 already there');
  });

  it('gives the bot on PostgreSQL the same orders and state the lowdb bot had', async () => {
    const lowdb = await LowdbOrderStore.open(dataDir);
    const stores = await openPostgresStores(server.url, DatabaseSettingsSchema.parse({ DATABASE_URL: server.url, DATABASE_SCHEMA: SCHEMA }), { dataDir, cancellationUndoMs: 0 });
    try {
      expect(await stores.orders.listForUser('test', 'importer')).to.deep.equal(await lowdb.listForUser('test', 'importer'));
      const state = await stores.storage.read(['test/conversations/b/users/importer']);
      expect(state['test/conversations/b/users/importer']).to.deep.include({ dialogState: { step: 2 } });
    } finally {
      await stores.database.close();
      await lowdb.close();
    }
  });
});
