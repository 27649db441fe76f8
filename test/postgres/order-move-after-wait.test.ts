// A move that had to wait for another one on PostgreSQL: it must see the order as the other left
// it, state and history together. (Reading both in the statement that waited for the row lock gave
// the new state with the old history, and the move failed as "stored order is not valid".)
import { expect } from 'chai';
import pg from 'pg';
import { DatabaseSettingsSchema } from '../../src/config.js';
import { activityKey } from '../../src/domain/orders/order.js';
import type { CheckTransition, TransitionResult, WithdrawResult } from '../../src/domain/orders/order-store.js';
import { setLogLevel } from '../../src/log.js';
import { openPostgresStores, type PostgresStores } from '../../src/persistence/postgres/open.js';
import { startPostgres, type RunningPostgres } from '../../scripts/postgres-server.js';
import { makeTempDir, removeDir } from '../support/paths.js';

const SCHEMA = 'move_after_wait';
const WAIT_POLL_MS = 20;

describe('PostgreSQL order store: a move that waited for another', function () {
  this.timeout(120_000);
  let server: RunningPostgres;
  let serverDir: string;
  let stores: PostgresStores;
  /** The other operator: a connection of its own, holding the order's row while it moves it. */
  let other: pg.Client;
  /** Sees whether the store's statement is waiting for a lock. */
  let watcher: pg.Client;
  let filings = 0;

  before(async () => {
    setLogLevel('silent');
    serverDir = makeTempDir();
    server = await startPostgres({ dir: serverDir });
    const settings = DatabaseSettingsSchema.parse({ DATABASE_URL: server.url, DATABASE_SCHEMA: SCHEMA });
    stores = await openPostgresStores(server.url, settings, { dataDir: '/unused', cancellationUndoMs: 30 * 60_000 });
    other = new pg.Client({ connectionString: server.url });
    watcher = new pg.Client({ connectionString: server.url });
    await other.connect();
    await watcher.connect();
  });

  after(async () => {
    await other?.end();
    await watcher?.end();
    await stores?.database.close();
    await server?.stop();
    removeDir(serverDir);
  });

  async function recordOrder(): Promise<string> {
    filings += 1;
    const subject = `京ICP备${40000000 + filings}号`;
    const result = await stores.orders.submit(
      {
        type: 'transfer_in',
        filing: { icpNumber: `${subject}-1`, subjectNumber: subject, province: 'beijing', domains: ['example.cn'] },
        requester: { channelId: 'test', userId: 'alice' },
        sourceActivityKey: activityKey('test', `conversation-${filings}`, 'activity-1'),
      },
      () => ({ allowed: true, notes: [] }),
    );
    if (!('recorded' in result)) throw new Error(`not recorded: ${JSON.stringify(result)}`);
    return result.recorded.id;
  }

  /** Resolves once some statement is waiting for a row lock: the store's move, blocked by `other`. */
  async function untilWaitingForLock(): Promise<void> {
    for (;;) {
      const waiting = await watcher.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'");
      const [row] = counts(waiting.rows);
      if (row !== undefined && row.n > 0) return;
      await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
    }
  }

  function counts(rows: unknown[]): { n: number }[] {
    return rows.map((row) => ({ n: typeof row === 'object' && row !== null && 'n' in row && typeof row.n === 'number' ? row.n : 0 }));
  }

  /** Runs `waiting` while `other` holds the order's row, then lets `other` move it to provider_review and commit. */
  async function afterOtherMoves<T>(id: string, waiting: () => Promise<T>): Promise<T> {
    await other.query('BEGIN');
    await other.query(`SELECT 1 FROM ${SCHEMA}.orders WHERE id = $1 FOR UPDATE`, [id]);
    const pending = waiting();
    await untilWaitingForLock();
    await other.query(`UPDATE ${SCHEMA}.orders SET state = 'provider_review' WHERE id = $1`, [id]);
    const at = new Date().toISOString();
    await other.query(
      `INSERT INTO ${SCHEMA}.order_history (order_id, seq, state, at, at_text, made_by) VALUES ($1, 2, 'provider_review', $2::timestamptz, $3, 'first@example.com')`,
      // The same time twice: one parameter cannot be both a timestamptz and a text.
      [id, at, at],
    );
    await other.query('COMMIT');
    return pending;
  }

  it('decides a transition on the order as the other move left it, and stores it after that move', async () => {
    const id = await recordOrder();
    const seen: string[] = [];
    const check: CheckTransition = (order) => {
      seen.push(`${order.state}/${order.history.length}`);
      return undefined;
    };
    const result: TransitionResult = await afterOtherMoves(id, () => stores.orders.transition(id, 'rejected', { by: 'second@example.com' }, check));
    expect(seen, 'what the check saw').to.deep.equal(['provider_review/2']);
    expect(result).to.have.property('moved');
    const order = await stores.orders.get(id);
    expect(order?.history.map((entry) => [entry.state, entry.by])).to.deep.equal([
      ['in_process', undefined],
      ['provider_review', 'first@example.com'],
      ['rejected', 'second@example.com'],
    ]);
  });

  it("judges a user's withdrawal on the order as the other move left it", async () => {
    const id = await recordOrder();
    const result: WithdrawResult = await afterOtherMoves(id, () => stores.orders.withdraw(id, 'test', 'alice'));
    // A transfer in provider review is no longer the user's to withdraw: the rules see the new state.
    expect(result).to.have.property('notAllowed');
    expect((await stores.orders.get(id))?.state).to.equal('provider_review');
  });
});
