// The PostgreSQL stores against a real server: eTags that refuse a lost race, idle state forgotten,
// the database's own rules for orders, a timed-out transaction that leaves nothing behind,
// migrations applied once however many instances start at once, and a bot that apologises while
// the database is down and recovers by itself when it returns.
import { expect } from 'chai';
import pg from 'pg';
import { composeApp, type App } from '../../src/compose.js';
import { DatabaseSettingsSchema, parseConfig, type DatabaseSettings } from '../../src/config.js';
import { activityKey, type OrderDraftInput } from '../../src/domain/orders/order.js';
import type { Evaluate } from '../../src/domain/orders/order-store.js';
import { setLogLevel } from '../../src/log.js';
import { Database } from '../../src/persistence/postgres/database.js';
import { migrate, readMigrations } from '../../src/persistence/postgres/migrate.js';
import { openPostgresStores, type PostgresStores } from '../../src/persistence/postgres/open.js';
import { StateConflictError } from '../../src/persistence/state-conflict.js';
import { DatabaseUnavailableError } from '../../src/persistence/postgres/unavailable.js';
import { startPostgres, type RunningPostgres } from '../../scripts/postgres-server.js';
import { KNOWLEDGE_DIR, makeTempDir, removeDir } from '../support/paths.js';
import { HttpUser, readable } from '../support/server-process.js';

const allow: Evaluate = () => ({ allowed: true, notes: [] });
let schemas = 0;
let drafts = 0;

function draft(subjectDigits: number, userId = 'alice'): OrderDraftInput {
  drafts += 1;
  const subject = `京ICP备${subjectDigits}号`;
  return {
    type: 'cancel_website',
    filing: { icpNumber: `${subject}-1`, subjectNumber: subject, province: 'beijing', domains: ['shop.example.cn'] },
    requester: { channelId: 'test', userId },
    sourceActivityKey: activityKey('test', `conversation-${drafts}`, `activity-${drafts}`),
  };
}

describe('PostgreSQL stores', function () {
  this.timeout(120_000);
  let server: RunningPostgres;
  let serverDir: string;
  let sql: pg.Client;

  function settings(overrides: Partial<Record<keyof DatabaseSettings, string>> = {}): DatabaseSettings {
    schemas += 1;
    return DatabaseSettingsSchema.parse({ DATABASE_URL: server.url, DATABASE_SCHEMA: `stores_${schemas}`, ...overrides });
  }

  async function open(overrides: Partial<Record<keyof DatabaseSettings, string>> = {}): Promise<PostgresStores & { schema: string }> {
    const given = settings(overrides);
    const stores = await openPostgresStores(server.url, given, { dataDir: '/unused', cancellationUndoMs: 30 * 60_000 });
    return { ...stores, schema: given.DATABASE_SCHEMA };
  }

  before(async () => {
    serverDir = makeTempDir();
    server = await startPostgres({ dir: serverDir });
    sql = new pg.Client({ connectionString: server.url });
    await sql.connect();
  });

  after(async () => {
    await sql?.end();
    await server?.stop();
    removeDir(serverDir);
  });

  /** Stores on a schema of their own for the enclosing describe, closed after it. */
  function storesForSuite(): () => PostgresStores & { schema: string } {
    let current: (PostgresStores & { schema: string }) | undefined;
    before(async () => {
      current = await open();
    });
    after(() => current?.database.close());
    return () => {
      if (!current) throw new Error('the stores did not open');
      return current;
    };
  }

  describe('conversation state', () => {
    const stores = storesForSuite();

    it('refuses a write carrying an eTag that another write has replaced', async () => {
      await stores().storage.write({ k1: { step: 1 } });
      const read: unknown = (await stores().storage.read(['k1'])).k1;
      const eTag: unknown = typeof read === 'object' && read !== null && 'eTag' in read ? read.eTag : undefined;
      expect(eTag).to.be.a('string');
      await stores().storage.write({ k1: { step: 2, eTag } });
      let refused: unknown;
      try {
        await stores().storage.write({ k1: { step: 3, eTag } });
      } catch (error) {
        refused = error;
      }
      expect(refused).to.be.instanceOf(StateConflictError);
      expect((await stores().storage.read(['k1'])).k1).to.include({ step: 2 });
    });

    it('gives a written item its new eTag, so the same state saved again in the turn is not refused', async () => {
      const state: Record<string, unknown> = { step: 1, eTag: '*' };
      await stores().storage.write({ k4: state });
      const read: unknown = (await stores().storage.read(['k4'])).k4;
      expect(read).to.have.property('eTag', state.eTag);
      state.step = 2;
      await stores().storage.write({ k4: state });
      expect((await stores().storage.read(['k4'])).k4).to.include({ step: 2 });
    });

    it('writes nothing of several keys when one of them conflicts', async () => {
      await stores().storage.write({ k2: { v: 1 }, k3: { v: 1 } });
      const stale = { v: 2, eTag: '1' };
      let refused = false;
      await stores().storage.write({ k2: { v: 2, eTag: '*' }, k3: stale }).catch(() => {
        refused = true;
      });
      expect(refused).to.equal(true);
      expect((await stores().storage.read(['k2'])).k2).to.include({ v: 1 });
    });

    it('forgets state idle longer than CONVERSATION_IDLE_DAYS, and sweeps it away', async () => {
      await stores().storage.write({ idle: { v: 1 }, fresh: { v: 1 } });
      await sql.query(`UPDATE ${stores().schema}.conversation_state SET updated_at = now() - interval '31 days' WHERE key = 'idle'`);
      expect(await stores().storage.read(['idle', 'fresh'])).to.have.keys(['fresh']);
      expect(await stores().storage.sweep()).to.equal(1);
      const left = await sql.query(`SELECT key FROM ${stores().schema}.conversation_state WHERE key IN ('idle', 'fresh')`);
      expect(left.rows.map((row: { key: string }) => row.key)).to.deep.equal(['fresh']);
    });
  });

  describe('orders', () => {
    const stores = storesForSuite();

    it('keeps the history as rows and reads the order back unchanged', async () => {
      const result = await stores().orders.submit(draft(30000001), allow);
      if (!('recorded' in result)) throw new Error('not recorded');
      const withdrawn = await stores().orders.withdraw(result.recorded.id, 'test', 'alice');
      expect(withdrawn).to.have.property('withdrawn');
      const rows = await sql.query(`SELECT seq, state FROM ${stores().schema}.order_history WHERE order_id = $1 ORDER BY seq`, [result.recorded.id]);
      expect(rows.rows).to.deep.equal([
        { seq: 1, state: 'in_process' },
        { seq: 2, state: 'withdrawn' },
      ]);
      const [listed] = await stores().orders.listForUser('test', 'alice');
      expect(listed).to.deep.equal('withdrawn' in withdrawn ? withdrawn.withdrawn : undefined);
    });

    it('keeps fields it does not know (written by a later version) when it changes an order', async () => {
      const result = await stores().orders.submit(draft(30000002), allow);
      if (!('recorded' in result)) throw new Error('not recorded');
      await sql.query(`UPDATE ${stores().schema}.orders SET document = document || '{"priority": "high"}' WHERE id = $1`, [result.recorded.id]);
      await stores().orders.transition(result.recorded.id, 'completed', { by: 'operator', note: 'approved' }, () => undefined);
      const stored = await sql.query(`SELECT state, document->>'priority' AS priority FROM ${stores().schema}.orders WHERE id = $1`, [result.recorded.id]);
      expect(stored.rows).to.deep.equal([{ state: 'completed', priority: 'high' }]);
      expect((await stores().orders.getForUser(result.recorded.id, 'test', 'alice'))?.state).to.equal('completed');
    });

    it('refuses, in the database itself, a second order in process for a filing subject and a second order from one message', async () => {
      const result = await stores().orders.submit(draft(30000003), allow);
      if (!('recorded' in result)) throw new Error('not recorded');
      const copy = (id: string, key: string) =>
        sql.query(
          `INSERT INTO ${stores().schema}.orders (id, type, subject_number, channel_id, user_id, state, created_at, source_activity_key, document)
           SELECT $1, type, subject_number, channel_id, user_id, state, created_at, $2, document FROM ${stores().schema}.orders WHERE id = $3`,
          [id, key, result.recorded.id],
        );
      for (const attempt of [copy('FA-ZZZZZ2', 'another message'), copy('FA-ZZZZZ3', result.recorded.sourceActivityKey)]) {
        const error: unknown = await attempt.then(() => undefined, (e: unknown) => e);
        expect(error).to.have.property('code', '23505');
      }
      // A retry of the same message is recognised, not recorded twice, even with the rules allowing it.
      expect(await stores().orders.submit({ ...draft(30000003), sourceActivityKey: result.recorded.sourceActivityKey }, allow)).to.have.property('duplicate');
    });

    it('finds a user\'s orders through the index (no scan of every order)', async () => {
      await sql.query('BEGIN');
      try {
        await sql.query('SET LOCAL enable_seqscan = off');
        const plan = await sql.query(`EXPLAIN SELECT id FROM ${stores().schema}.orders o WHERE o.channel_id = 'test' AND o.user_id = 'alice' ORDER BY o.created_at DESC`);
        expect(JSON.stringify(plan.rows)).to.include('orders_by_user');
      } finally {
        await sql.query('ROLLBACK');
      }
    });

    it('leaves no order and no history behind when a submit times out in the database', async () => {
      const slow = await open({ DATABASE_STATEMENT_TIMEOUT_MS: '300' });
      const blocker = new pg.Client({ connectionString: server.url });
      await blocker.connect();
      try {
        // Another session holds the table against writes (not reads): the submit decides, then its insert waits and is cancelled.
        await blocker.query('BEGIN');
        await blocker.query(`LOCK TABLE ${slow.schema}.orders IN EXCLUSIVE MODE`);
        const error: unknown = await slow.orders.submit(draft(30000004), allow).then(() => undefined, (e: unknown) => e);
        expect(error).to.be.instanceOf(DatabaseUnavailableError);
        await blocker.query('ROLLBACK');
        const counts = await sql.query(`SELECT (SELECT count(*) FROM ${slow.schema}.orders)::int AS orders, (SELECT count(*) FROM ${slow.schema}.order_history)::int AS history`);
        expect(counts.rows).to.deep.equal([{ orders: 0, history: 0 }]);
      } finally {
        await blocker.end();
        await slow.database.close();
      }
    });
  });

  it('applies each migration once when several instances start at once', async () => {
    const given = settings();
    const databases = Array.from({ length: 5 }, () => new Database({ ...given, url: server.url, schema: given.DATABASE_SCHEMA }));
    try {
      const applied = await Promise.all(databases.map((database) => migrate(database, given.DATABASE_SCHEMA)));
      const shipped = readMigrations().map((migration) => ({ version: migration.version }));
      expect(applied.flat()).to.have.length(shipped.length);
      const versions = await sql.query(`SELECT version FROM ${given.DATABASE_SCHEMA}.schema_migrations ORDER BY version`);
      expect(versions.rows).to.deep.equal(shipped);
    } finally {
      await Promise.all(databases.map((database) => database.close()));
    }
  });

  describe('while the database is down', () => {
    let app: App;
    let url: string;
    let dataDir: string;

    before(async () => {
      setLogLevel('silent');
      dataDir = makeTempDir();
      const config = parseConfig({ KNOWLEDGE_DIR, DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: server.url, DATABASE_SCHEMA: 'down_and_up', DATABASE_STATEMENT_TIMEOUT_MS: '1000' });
      app = await composeApp(config, { probeCacheMs: 0 });
      await new Promise<void>((resolve) => {
        app.server.listen(0, '127.0.0.1', () => resolve());
      });
      const { port } = app.server.address();
      url = `http://127.0.0.1:${port}`;
    });

    after(async () => {
      await app?.close();
      removeDir(dataDir);
      setLogLevel('info');
    });

    it('says so on /readyz, apologises to the user, and recovers by itself when the database returns', async () => {
      const user = new HttpUser('patient', 'down-and-up');
      const say = async (text: string) => (await user.say(url, text)).map(readable).join('\n');
      expect(await say('cancel the website shop.example.cn, 京ICP备30000099号-1')).to.include('Cancel');
      expect((await fetch(`${url}/readyz`)).status).to.equal(200);

      await sql.end();
      await server.stop();
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).to.equal(503);
      expect(JSON.stringify(await ready.json())).to.include('the database does not answer');
      const apology = await say('Cancel the whole website');
      expect(apology).to.include('I cannot reach our records right now');
      expect(apology).not.to.match(/Recorded|FA-/);

      server = await startPostgres({ dir: serverDir, port: server.port });
      sql = new pg.Client({ connectionString: server.url });
      await sql.connect();
      expect((await fetch(`${url}/readyz`)).status).to.equal(200);
      // The flow is where it was before the failed turn.
      expect(await say('Cancel the whole website')).to.include('subject');
    });
  });
});
