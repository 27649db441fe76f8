// Two instances on one PostgreSQL, both notifying: each notification is claimed by one of them in a
// single statement, so however they race, every user gets each message once. Runs in the suite's
// PostgreSQL part (npm run test:postgres); on lowdb one process holds DATA_DIR, so there is no race.
import { expect } from 'chai';
import { makeTempDir, removeDir } from '../support/paths.js';
import { cancelTransferSteps, ChannelUser, FakeClock, MINUTE, newIcpNumber, operatorMoves, startBot, startFakeChannel, type FakeChannel, type RunningBot } from './support.js';

const USERS = 8;

describe('two notifiers on one PostgreSQL', function () {
  this.timeout(120_000);
  let channel: FakeChannel;
  let dataDir: string;
  let a: RunningBot | undefined;
  let b: RunningBot | undefined;
  const clock = new FakeClock(Date.parse('2026-12-07T02:00:00Z'));

  before(async function () {
    if (process.env.DATABASE_URL === undefined) this.skip();
    channel = await startFakeChannel();
    dataDir = makeTempDir();
    // The same DATA_DIR: the same schema (DATABASE_SCHEMA=test_* gives each DATA_DIR its own), so one database.
    a = await startBot(dataDir, clock);
    b = await startBot(dataDir, clock);
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await channel?.close();
    removeDir(dataDir);
  });

  function both(): [RunningBot, RunningBot] {
    if (!a || !b) throw new Error('the instances are not running');
    return [a, b];
  }

  it('sends each notice once when both tick at the same moment', async () => {
    const [first, second] = both();
    const users = Array.from({ length: USERS }, (_, i) => new ChannelUser(channel, i % 2 === 0 ? 'zh-CN' : 'en-US'));
    const orders: string[] = [];
    for (const [i, user] of users.entries()) {
      // Placed through either instance: the orders live in the one database.
      orders.push(await user.placeOrder((i % 2 === 0 ? first : second).url, cancelTransferSteps(i % 2 === 0 ? 'zh' : 'en', newIcpNumber())));
    }
    clock.advance(MINUTE);
    for (const id of orders) await operatorMoves(first, id, 'provider_review');

    const reports = await Promise.all([first.app.notifier.tick(), second.app.notifier.tick(), first.app.notifier.tick(), second.app.notifier.tick()]);

    expect(reports.reduce((sum, report) => sum + report.sent, 0)).to.equal(USERS);
    for (const [i, user] of users.entries()) {
      const notices = channel.deliveredTo(user.conversationId);
      expect(notices, `user ${i + 1}`).to.have.length(1);
      expect(notices[0]?.text).to.include(orders[i]);
    }
  });

  it('lets exactly one of many simultaneous claims on a notification win', async () => {
    const [first, second] = both();
    const due = { key: 'state:FA-RACE22:1', orderId: 'FA-RACE22', kind: 'state' as const, historyIndex: 1 };
    const claims = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? first : second).app.parts.notifications.claim(due, `racer-${i}`, clock.now(), MINUTE)),
    );
    expect(claims.filter((claim) => claim !== undefined)).to.have.length(1);
    // Once its lease has expired an unfinished claim is taken over (the holder died mid-send).
    clock.advance(2 * MINUTE);
    expect(await second.app.parts.notifications.claim(due, 'successor', clock.now(), MINUTE)).to.not.equal(undefined);
  });
});
