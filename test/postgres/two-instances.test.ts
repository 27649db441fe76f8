// Two real bot processes on one PostgreSQL, behind no sticky sessions: a conversation may land on
// either instance at every turn, an instance may die mid-flow, and the database alone decides
// that one filing gets one order in process, however many users race for it through both.
import { expect } from 'chai';
import pg from 'pg';
import { startPostgres, type RunningPostgres } from '../../scripts/postgres-server.js';
import { readMigrations } from '../../src/persistence/postgres/migrate.js';
import { makeTempDir, removeDir } from '../support/paths.js';
import { HttpUser, killAllServers, ORDER_ID, readable, RECORDED, ServerProcess, type Reply } from '../support/server-process.js';

const SCHEMA = 'two_instances';
const USERS_IN_RACE = 20;

/** One step of a conversation: what the user says and a text the bot's answer must contain. */
type Step = [say: string, expect: string | RegExp];

let filings = 0;
/** A filing nobody has used yet in this run (one order in process per filing blocks any other). */
function newWebsite(): string {
  filings += 1;
  return `京ICP备${26000000 + filings}号-1`;
}

/** Every guided flow, start to Recorded, each on a filing of its own. */
function everyFlow(): Record<string, Step[]> {
  const [cancel, transfer, cancelTransfer, change] = [newWebsite(), newWebsite(), newWebsite(), newWebsite()];
  return {
    'cancel a website': [
      [`cancel the website shop.example.cn, ${cancel}`, 'cancel'],
      ['Cancel the whole website', 'subject'],
      ['Yes, I am the subject', 'Ready to cancel'],
      ['Confirm', RECORDED],
    ],
    'transfer a filing in': [
      ['I want to transfer my filing to you', 'Transfer'],
      ['Never used it', 'ICP'],
      [transfer, 'domain'],
      ['example.cn', 'service code'],
      ['I have the service code', 'mobile number'],
      ['13812345678', 'Confirm'],
      ['Confirm', RECORDED],
    ],
    'cancel a transfer': [
      ['cancel the transfer', 'ICP'],
      [cancelTransfer, 'Cancel the transfer of'],
      ['Confirm', RECORDED],
    ],
    'change website information': [
      ['change my website information', 'ICP'],
      [change, 'change'],
      ['Replace a domain with a new one', 'domain'],
      ['old-example.cn', 'domain'],
      ['new-example.cn', 'new-example.cn'],
      ['Confirm', RECORDED],
    ],
  };
}

function textOf(replies: readonly Reply[]): string {
  return replies.map(readable).join('\n');
}

describe('two instances on one PostgreSQL', function () {
  // Two servers and a database start in a few seconds, more on a busy machine.
  this.timeout(120_000);
  let database: RunningPostgres;
  let databaseDir: string;
  let dataDir: string;
  let a: ServerProcess;
  let b: ServerProcess;
  let sql: pg.Client;

  async function startInstance(): Promise<ServerProcess> {
    return ServerProcess.start(dataDir, { DATABASE_URL: database.url, DATABASE_SCHEMA: SCHEMA });
  }

  async function ordersFor(website: string): Promise<{ id: string; state: string }[]> {
    const result = await sql.query<{ id: string; state: string }>(`SELECT id, state FROM ${SCHEMA}.orders WHERE document->'filing'->>'icpNumber' = $1`, [website]);
    return result.rows;
  }

  /** Plays the steps, the instance changing at every turn; returns the transcript. */
  async function playAlternating(user: HttpUser, steps: readonly Step[], instances: readonly ServerProcess[]): Promise<string> {
    const transcript: string[] = [];
    for (const [index, [text, expected]] of steps.entries()) {
      const instance = instances[index % instances.length];
      if (!instance) throw new Error('no instance to talk to');
      const answer = textOf(await user.say(instance.url, text));
      transcript.push(`> ${text} (instance ${index % instances.length === 0 ? 'A' : 'B'})`, answer);
      const ok = typeof expected === 'string' ? answer.includes(expected) : expected.test(answer);
      if (!ok) throw new Error(`expected ${String(expected)} after "${text}":\n${transcript.join('\n')}`);
    }
    return transcript.join('\n');
  }

  before(async () => {
    databaseDir = makeTempDir();
    dataDir = makeTempDir();
    database = await startPostgres({ dir: databaseDir });
    // Both on the same DATA_DIR: the lock that keeps two lowdb processes apart does not apply on
    // PostgreSQL. One after the other: two start-ups at once on a loaded 2-core machine can take
    // longer than the test helper waits (the migration lock itself is tested in migrations.test.ts).
    a = await startInstance();
    b = await startInstance();
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
  });

  after(async () => {
    await sql?.end();
    await killAllServers();
    await database?.stop();
    removeDir(databaseDir);
    removeDir(dataDir);
  });

  it('runs both instances on one DATA_DIR, the migrations applied once', async () => {
    const applied = await sql.query(`SELECT version FROM ${SCHEMA}.schema_migrations`);
    expect(applied.rows.map((row: { version: number }) => row.version)).to.deep.equal(readMigrations().map((m) => m.version));
    for (const instance of [a, b]) expect((await fetch(`${instance.url}/readyz`)).status).to.equal(200);
  });

  for (const [flow, steps] of Object.entries(everyFlow())) {
    it(`completes "${flow}" with every turn on the other instance`, async () => {
      const user = new HttpUser(`alternating-${flow}`, `alternating-${flow}-conversation`);
      const transcript = await playAlternating(user, steps, [a, b]);
      const id = RECORDED.exec(transcript)?.[1];
      expect(id, transcript).to.be.a('string');
      const listed = [textOf(await user.say(a.url, 'my orders')), textOf(await user.say(b.url, 'my orders'))];
      expect(listed[0]).to.include(id);
      expect(listed[1]).to.include(id);
    });
  }

  it(`records exactly one order when ${USERS_IN_RACE} users confirm the same filing through both instances at once`, async () => {
    const website = newWebsite();
    const users = Array.from({ length: USERS_IN_RACE }, (_, i) => new HttpUser(`racer-${i}`, `race-${i}`));
    const steps: Step[] = [
      [`cancel the website shop.example.cn, ${website}`, 'cancel'],
      ['Cancel the whole website', 'subject'],
      ['Yes, I am the subject', 'Ready to cancel'],
    ];
    await Promise.all(users.map((user) => playAlternating(user, steps, [a, b])));
    const answers = await Promise.all(users.map(async (user, i) => textOf(await user.say((i % 2 === 0 ? a : b).url, 'Confirm'))));
    const recorded = answers.filter((answer) => RECORDED.test(answer));
    expect(recorded, answers.join('\n-----\n')).to.have.length(1);
    const stored = await ordersFor(website);
    expect(stored).to.have.length(1);
    expect(recorded[0]).to.include(stored[0]?.id);
    // Everyone else is told why, not that anything went wrong.
    expect(answers.filter((answer) => /went wrong/.test(answer))).to.deep.equal([]);
  });

  it('lets a user finish on the other instance after the first is killed mid-flow', async () => {
    const website = newWebsite();
    const user = new HttpUser('survivor', 'survivor-conversation');
    expect(textOf(await user.say(a.url, `cancel the website shop.example.cn, ${website}`))).to.include('cancel');
    expect(textOf(await user.say(a.url, 'Cancel the whole website'))).to.include('subject');
    const exit = await a.kill();
    expect(exit.signal).to.equal('SIGKILL');
    expect(textOf(await user.say(b.url, 'Yes, I am the subject'))).to.include('Ready to cancel');
    const answer = textOf(await user.say(b.url, 'Confirm'));
    const id = RECORDED.exec(answer)?.[1];
    expect(id, answer).to.be.a('string');
    expect(await ordersFor(website)).to.deep.equal([{ id, state: 'in_process' }]);
    a = await startInstance();
  });

  it('lists the same orders on both instances', async () => {
    const user = new HttpUser('lister', 'lister-conversation');
    await playAlternating(user, everyFlow()['cancel a website'] ?? [], [a, b]);
    await playAlternating(user, everyFlow()['cancel a transfer'] ?? [], [b, a]);
    const onA = textOf(await user.say(a.url, 'my orders')).match(ORDER_ID) ?? [];
    const onB = textOf(await user.say(b.url, 'my orders')).match(ORDER_ID) ?? [];
    expect(onA).to.have.length(2);
    expect(onB).to.deep.equal(onA);
  });
});
