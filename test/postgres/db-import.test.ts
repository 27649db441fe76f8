// `npm run db:import` moves a lowdb DATA_DIR into PostgreSQL: every order as it was, live
// conversation state, the question log within its cap, notifications with their delivery records
// and reminder choices, counts reported, and nothing imported twice when it runs again; a bot on
// the database then shows operators the imported questions, sends no notice twice and skips none,
// and keeps a user's "stop reminders".
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { DatabaseSettingsSchema } from '../../src/config.js';
import { activityKey } from '../../src/domain/orders/order.js';
import type { AnswerFeedback, UnansweredQuestion } from '../../src/domain/questions/question-log.js';
import { DataDirLock } from '../../src/persistence/data-dir-lock.js';
import { LowdbStorage } from '../../src/persistence/lowdb-storage.js';
import { LowdbNotificationStore } from '../../src/persistence/notifications/lowdb-notification-store.js';
import { LowdbOrderStore } from '../../src/persistence/orders/lowdb-order-store.js';
import { openPostgresStores, type PostgresStores } from '../../src/persistence/postgres/open.js';
import { PostgresQuestionLog } from '../../src/persistence/postgres/postgres-question-log.js';
import { LowdbQuestionLog } from '../../src/persistence/questions/lowdb-question-log.js';
import { scrubQuestion } from '../../src/understanding/question-scrub.js';
import { importQuestionLog } from '../../scripts/db-import/question-log-import.js';
import { startPostgres, type RunningPostgres } from '../../scripts/postgres-server.js';
import {
  cancelTransferSteps,
  ChannelUser,
  FakeClock,
  HOUR,
  newIcpNumber,
  operatorGet,
  operatorMoves,
  startBot,
  startFakeChannel,
  transferInSteps,
  type FakeChannel,
  type RunningBot,
} from '../notifications/support.js';
import { QuestionsJson } from '../questions/support.js';
import { REPO_ROOT, makeTempDir, removeDir } from '../support/paths.js';

const SCHEMA = 'imported';
const NOTIFYING_SINCE = '2026-11-01T00:00:00.000Z';

const bitcoin: UnansweredQuestion = { text: scrubQuestion('Can I pay with bitcoin?'), locale: 'en', outcome: 'unknown', candidates: [], at: '2026-11-01T08:00:00.000Z' };
const phoneCheck: UnansweredQuestion = {
  text: scrubQuestion('手机核验'),
  locale: 'zh',
  outcome: 'unresolved',
  candidates: ['phone-verification-provinces', 'phone-verification-deadline'],
  at: '2026-11-02T08:00:00.000Z',
};
const notHelpful: AnswerFeedback = { entryId: 'cancel-review-time', helpful: false, locale: 'zh', question: scrubQuestion('注销备案审核要多久'), at: '2026-11-03T08:00:00.000Z' };

describe('npm run db:import', function () {
  this.timeout(120_000);
  let server: RunningPostgres;
  let serverDir: string;
  let dataDir: string;
  let firstOrderId: string;

  async function openDatabase(schema: string, from = dataDir): Promise<PostgresStores> {
    return openPostgresStores(server.url, DatabaseSettingsSchema.parse({ DATABASE_URL: server.url, DATABASE_SCHEMA: schema }), { dataDir: from, cancellationUndoMs: 0 });
  }

  function spawnImport(from: string, schema: string) {
    return spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'scripts', 'db-import.ts')], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_NO_WARNINGS: '1', DATA_DIR: from, DATABASE_URL: server.url, DATABASE_SCHEMA: schema },
    });
  }

  function runImport(from = dataDir, schema = SCHEMA): string {
    const run = spawnImport(from, schema);
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
    if (!first) throw new Error('no order was recorded');
    firstOrderId = first.id;
    await orders.transition(first.id, 'completed', { by: 'operator', note: 'approved' }, () => undefined);
    await orders.close();
    const state = new LowdbStorage(join(dataDir, 'conversations'));
    await state.write({ 'test/conversations/a/users/importer': { dialogState: { step: 1 } }, 'test/conversations/b/users/importer': { dialogState: { step: 2 } } });

    // The same question twice at the same moment (two users, say): both are kept.
    const questions = await LowdbQuestionLog.open(dataDir);
    for (const record of [bitcoin, bitcoin, phoneCheck]) await questions.recordUnanswered(record);
    await questions.recordFeedback(notHelpful);
    await questions.close();

    const notifications = await LowdbNotificationStore.open(dataDir);
    await notifications.notifyingSince(new Date(NOTIFYING_SINCE));
    const claim = await notifications.claim({ key: `state:${first.id}:1`, orderId: first.id, kind: 'state' }, 'lowdb-bot', new Date('2026-11-04T08:00:00Z'), 60_000);
    if (!claim) throw new Error('the notice could not be claimed');
    await notifications.finish(claim, { attempt: { at: '2026-11-04T08:00:01.000Z', ok: true }, status: 'sent' });
    await notifications.setReminders({ channelId: 'test', userId: 'importer' }, false, new Date('2026-11-04T09:00:00Z'));
    await notifications.close();
  });

  after(async () => {
    await server?.stop();
    removeDir(serverDir);
    removeDir(dataDir);
  });

  it('imports nothing while a lowdb bot holds DATA_DIR, and says which process holds it', async () => {
    // As a lowdb bot does at start-up; the next test's counts show nothing was imported meanwhile.
    const lock = await DataDirLock.acquire(dataDir);
    try {
      const run = spawnImport(dataDir, SCHEMA);
      expect(run.status).to.equal(1);
      expect(run.stderr).to.include('npm run db:import imports nothing while a bot uses DATA_DIR');
      expect(run.stderr).to.include(`process ${process.pid}`);
    } finally {
      await lock.release();
    }
  });

  it('says so when DATA_DIR does not exist, creating nothing', () => {
    const missing = join(dataDir, 'no-such-dir');
    const run = spawnImport(missing, SCHEMA);
    expect(run.status).to.equal(1);
    expect(run.stderr).to.include(`DATA_DIR ${missing} does not exist`);
    expect(existsSync(missing)).to.equal(false);
  });

  it('imports every order, live conversation, logged question, notification and reminder choice, and reports the counts', () => {
    const report = runImport();
    expect(report).to.include('orders: 3 imported, 0 already there');
    expect(report).to.include('conversations: 2 imported, 0 already there');
    expect(report).to.include('unanswered questions: 3 imported, 0 already there, 0 left out');
    expect(report).to.include('answer feedback: 1 imported, 0 already there, 0 left out');
    expect(report).to.include('notifications: 1 imported, 0 already there');
    expect(report).to.include('reminder choices: 1 imported, 0 already there');
    expect(report).to.include(`notifying since: ${NOTIFYING_SINCE}`);
  });

  it('imports nothing twice when it runs again', () => {
    const report = runImport();
    expect(report).to.include('orders: 0 imported, 3 already there');
    expect(report).to.include('conversations: 0 imported, 2 already there');
    expect(report).to.include('unanswered questions: 0 imported, 3 already there, 0 left out');
    expect(report).to.include('answer feedback: 0 imported, 1 already there, 0 left out');
    expect(report).to.include('notifications: 0 imported, 1 already there');
    expect(report).to.include('reminder choices: 0 imported, 1 already there');
    expect(report).to.include(`notifying since: ${NOTIFYING_SINCE}`);
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

  it('gives it the same question log, delivery records, reminder choice and start of notifying', async () => {
    const questions = await LowdbQuestionLog.open(dataDir);
    const notifications = await LowdbNotificationStore.open(dataDir);
    const stores = await openDatabase(SCHEMA);
    try {
      expect(await stores.questions.unanswered()).to.deep.equal([bitcoin, bitcoin, phoneCheck]);
      expect(await stores.questions.feedback()).to.deep.equal([notHelpful]);
      const delivered = await stores.notifications.forOrder(firstOrderId);
      expect(delivered).to.deep.equal(await notifications.forOrder(firstOrderId));
      expect(delivered.map((d) => [d.key, d.status, d.attempts.length])).to.deep.equal([[`state:${firstOrderId}:1`, 'sent', 1]]);
      expect(await stores.notifications.remindersOn({ channelId: 'test', userId: 'importer' })).to.equal(false);
      expect((await stores.notifications.notifyingSince(new Date())).toISOString()).to.equal(NOTIFYING_SINCE);
    } finally {
      await stores.database.close();
      await questions.close();
      await notifications.close();
    }
  });

  it('keeps the question log within its cap and in time order when the database already has newer questions', async () => {
    const stores = await openDatabase('imported_capped');
    try {
      // A bot on the database logged a question before the import.
      const newer: UnansweredQuestion = { ...bitcoin, text: scrubQuestion('Do you accept .xyz domains?'), at: '2026-11-05T08:00:00.000Z' };
      await new PostgresQuestionLog(stores.database, 3).recordUnanswered(newer);
      const first = await importQuestionLog(stores.database, dataDir, 3);
      expect(first.unanswered).to.deep.equal({ imported: 2, alreadyThere: 0, skipped: 1 });
      expect(await stores.questions.unanswered()).to.deep.equal([bitcoin, phoneCheck, newer]);
      const again = await importQuestionLog(stores.database, dataDir, 3);
      expect(again.unanswered).to.deep.equal({ imported: 0, alreadyThere: 2, skipped: 1 });
      expect(await stores.questions.unanswered()).to.deep.equal([bitcoin, phoneCheck, newer]);
      // The store goes on capping from there: the oldest goes first.
      const newest: UnansweredQuestion = { ...newer, text: scrubQuestion('Is there an API?'), at: '2026-11-06T08:00:00.000Z' };
      await new PostgresQuestionLog(stores.database, 3).recordUnanswered(newest);
      expect(await stores.questions.unanswered()).to.deep.equal([phoneCheck, newer, newest]);
    } finally {
      await stores.database.close();
    }
  });

  describe('a bot moved from lowdb to the database', () => {
    const START = Date.parse('2026-12-07T02:00:00Z');
    const MOVED_SCHEMA = 'imported_bot';
    let channel: FakeChannel;
    let clock: FakeClock;
    let lowdbDir: string;
    let databaseDir: string;
    let bot: RunningBot | undefined;

    before(async () => {
      channel = await startFakeChannel();
      clock = new FakeClock(START);
      lowdbDir = makeTempDir();
      databaseDir = makeTempDir();
    });

    after(async () => {
      await bot?.close();
      await channel?.close();
      removeDir(lowdbDir);
      removeDir(databaseDir);
    });

    const reminders = (user: ChannelUser) => channel.deliveredTo(user.conversationId).filter((d) => /^Reminder|^提醒/.test(d.text));

    it('shows operators the questions asked before the move, sends no notice twice, skips none, and keeps "stop reminders"', async () => {
      // On lowdb: two users waiting for phone verification, told so; one of them said 不要提醒.
      bot = await startBot(lowdbDir, clock);
      const reminded = new ChannelUser(channel, 'en-US');
      const stopped = new ChannelUser(channel, 'zh-CN');
      expect(await stopped.say(bot.url, '不要提醒')).to.include('不再提醒');
      const remindedOrder = await reminded.placeOrder(bot.url, transferInSteps('en', newIcpNumber()));
      const stoppedOrder = await stopped.placeOrder(bot.url, transferInSteps('zh', newIcpNumber()));
      clock.advance(HOUR);
      for (const orderId of [remindedOrder, stoppedOrder]) {
        await operatorMoves(bot, orderId, 'provider_review');
        await operatorMoves(bot, orderId, 'phone_verification');
      }
      const entered = clock.now().getTime();
      await bot.app.notifier.tick();
      expect(channel.deliveredTo(reminded.conversationId)).to.have.length(2);
      expect(channel.deliveredTo(stopped.conversationId)).to.have.length(2);
      expect(await reminded.say(bot.url, 'Can I pay with bitcoin?')).to.match(/I don.t know/);
      // A third user's order moves just before the lowdb bot stops: its news is not sent yet.
      const waiting = new ChannelUser(channel, 'en-US');
      const waitingOrder = await waiting.placeOrder(bot.url, cancelTransferSteps('en', newIcpNumber()));
      await operatorMoves(bot, waitingOrder, 'provider_review');
      await bot.close();
      bot = undefined;

      // A bot was started on the database before the import, later: its start must not hide that news.
      clock.advance(HOUR);
      const early = await openDatabase(MOVED_SCHEMA, databaseDir);
      await early.notifications.notifyingSince(clock.now());
      await early.database.close();

      const report = runImport(lowdbDir, MOVED_SCHEMA);

      bot = await startBot(databaseDir, clock, { DATABASE_URL: server.url, DATABASE_SCHEMA: MOVED_SCHEMA });
      const { status, body } = await operatorGet(bot.url, '/api/operator/questions');
      expect(status).to.equal(200);
      expect(QuestionsJson.parse(body).groups.map((g) => [g.text, g.count])).to.deep.equal([['Can I pay with bitcoin?', 1]]);

      await bot.app.notifier.tick();
      expect(channel.deliveredTo(reminded.conversationId), 'no notice sent twice').to.have.length(2);
      expect(channel.deliveredTo(stopped.conversationId), 'no notice sent twice').to.have.length(2);
      const news = channel.deliveredTo(waiting.conversationId);
      expect(news, 'the news the lowdb bot had not sent yet').to.have.length(1);
      expect(news[0]?.text).to.include(waitingOrder);

      clock.set(new Date(entered + 12 * HOUR));
      await bot.app.notifier.tick();
      expect(reminders(reminded).map((d) => d.text)).to.have.length(1);
      expect(reminders(reminded)[0]?.text).to.include(remindedOrder);
      expect(reminders(stopped), 'the user said 不要提醒 before the move').to.deep.equal([]);
      expect(report).to.include('unanswered questions: 1 imported');
      expect(report).to.include('notifications: 4 imported');
      expect(report).to.include('reminder choices: 1 imported');
      expect(report).to.include(`notifying since: ${new Date(START).toISOString()}`);
    });
  });
});
