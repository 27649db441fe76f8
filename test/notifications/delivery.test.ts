// Delivery when the channel fails: each attempt is recorded with its time and outcome, the next one
// waits twice as long as the last, a notification is delivered once when the channel recovers, and
// one that never gets through is given up on after eight attempts, logged, and listed for operators.
import { mock } from 'node:test';
import { expect } from 'chai';
import { log } from '../../src/log.js';
import {
  cancelTransferSteps,
  ChannelUser,
  FailedNotifications,
  MINUTE,
  newIcpNumber,
  OrderNotifications,
  operatorGet,
  operatorMoves,
  useNotificationBench,
} from './support.js';

describe('notification delivery', function () {
  this.timeout(120_000);
  const bench = useNotificationBench();
  afterEach(() => {
    bench.channel.failing = false;
    mock.restoreAll();
  });

  async function orderMovedToReview(user: ChannelUser): Promise<string> {
    const orderId = await user.placeOrder(bench.bot.url, cancelTransferSteps('en', newIcpNumber()));
    await operatorMoves(bench.bot, orderId, 'provider_review');
    return orderId;
  }

  async function notificationsOf(orderId: string) {
    const answer = await operatorGet(bench.bot.url, `/api/operator/orders/${orderId}/notifications`);
    expect(answer.status).to.equal(200);
    return OrderNotifications.parse(answer.body).notifications;
  }

  it('tries again after 1 and then 2 minutes while the channel answers 500, records three attempts, and delivers once', async () => {
    const user = new ChannelUser(bench.channel, 'en-US');
    const orderId = await orderMovedToReview(user);
    const start = bench.clock.now().getTime();

    bench.channel.failing = true;
    await bench.bot.app.notifier.tick();
    bench.clock.advance(MINUTE / 2);
    await bench.bot.app.notifier.tick(); // too early: the first retry waits a minute
    bench.clock.advance(MINUTE / 2);
    await bench.bot.app.notifier.tick();
    bench.channel.failing = false;
    bench.clock.advance(MINUTE);
    await bench.bot.app.notifier.tick(); // too early: the second retry waits two minutes
    expect(bench.channel.deliveredTo(user.conversationId)).to.deep.equal([]);
    bench.clock.advance(MINUTE);
    await bench.bot.app.notifier.tick();
    await bench.bot.app.notifier.tick();

    expect(bench.channel.deliveredTo(user.conversationId)).to.have.length(1);
    const [notice] = await notificationsOf(orderId);
    expect(notice).to.include({ key: `state:${orderId}:1`, kind: 'state', status: 'sent', nextAttemptAt: null });
    expect(notice?.attempts.map((a) => [Date.parse(a.at) - start, a.ok])).to.deep.equal([
      [0, false],
      [MINUTE, false],
      [3 * MINUTE, true],
    ]);
    expect(notice?.attempts[0]?.error).to.match(/HTTP 500|before the outbound deadline/);
    expect(notice?.attempts[2]?.error).to.equal(null);
  });

  it('gives up after eight attempts, warns in the log without personal data, and lists the notification as failed', async () => {
    const warnings: unknown[] = [];
    mock.method(log, 'warn', (message: string, fields?: Record<string, unknown>) => warnings.push({ message, ...fields }));
    const user = new ChannelUser(bench.channel, 'en-US');
    const orderId = await orderMovedToReview(user);

    bench.channel.failing = true;
    for (let attempt = 1; attempt <= 8; attempt++) {
      await bench.bot.app.notifier.tick();
      bench.clock.advance(2 ** (attempt - 1) * MINUTE);
    }
    bench.channel.failing = false;
    bench.clock.advance(24 * 60 * MINUTE);
    await bench.bot.app.notifier.tick();

    expect(bench.channel.deliveredTo(user.conversationId)).to.deep.equal([]);
    const [notice] = await notificationsOf(orderId);
    expect(notice?.status).to.equal('failed');
    expect(notice?.attempts).to.have.length(8);
    expect(notice?.attempts.every((a) => !a.ok)).to.equal(true);

    const failed = await operatorGet(bench.bot.url, '/api/operator/notifications?status=failed');
    expect(failed.status).to.equal(200);
    const listed = FailedNotifications.parse(failed.body).notifications.filter((n) => n.orderId === orderId);
    expect(listed.map((n) => n.key)).to.deep.equal([`state:${orderId}:1`]);

    const text = JSON.stringify(warnings);
    expect(text).to.include('given up').and.include(orderId);
    expect(text).not.to.include(user.userId).and.not.to.include(user.conversationId).and.not.to.include(bench.channel.url);
  });

  it('shows notifications only to operators, and answers 404 for an order that does not exist', async () => {
    const user = new ChannelUser(bench.channel, 'en-US');
    const orderId = await orderMovedToReview(user);
    await bench.bot.app.notifier.tick();

    expect((await operatorGet(bench.bot.url, `/api/operator/orders/${orderId}/notifications`, null)).status).to.equal(401);
    expect((await operatorGet(bench.bot.url, '/api/operator/notifications?status=failed', 'wrong-token-wrong-token-wrong')).status).to.equal(401);
    expect((await operatorGet(bench.bot.url, '/api/operator/orders/FA-2222222/notifications')).status).to.equal(404);
    expect((await operatorGet(bench.bot.url, '/api/operator/notifications?status=lost')).status).to.equal(400);
    const sent = await operatorGet(bench.bot.url, '/api/operator/notifications?status=sent');
    expect(FailedNotifications.parse(sent.body).notifications.map((n) => n.orderId)).to.include(orderId);
  });
});
