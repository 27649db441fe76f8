// Reminders on a fake clock: the phone verification before its shorter reported window ends and an unfinished
// order before its 45 days, each sent exactly once however often the notifier looks and across
// restarts on the same DATA_DIR; an order past 45 days is moved to expired and its user told; a
// user can turn reminders off ("不要提醒") and on ("恢复提醒"), while news of states still comes.
import { expect } from 'chai';
import {
  cancelTransferSteps,
  ChannelUser,
  DAY,
  HOUR,
  MINUTE,
  newIcpNumber,
  operatorMoves,
  useNotificationBench,
  transferInSteps,
} from './support.js';

const START = Date.parse('2026-12-07T02:00:00Z');

describe('reminders', function () {
  this.timeout(120_000);
  const bench = useNotificationBench(START);

  /** A transfer order placed by `user`, moved by operators to phone verification an hour later; returns its id. */
  async function waitingForPhoneVerification(user: ChannelUser, locale: 'en' | 'zh'): Promise<string> {
    const orderId = await user.placeOrder(bench.bot.url, transferInSteps(locale, newIcpNumber()));
    bench.clock.advance(HOUR);
    await operatorMoves(bench.bot, orderId, 'provider_review');
    await operatorMoves(bench.bot, orderId, 'phone_verification');
    return orderId;
  }

  const reminders = (user: ChannelUser) => bench.channel.deliveredTo(user.conversationId).filter((d) => /^Reminder|^提醒/.test(d.text));

  it('reminds of the phone verification 12 hours before the shorter reported window (24 hours) ends, exactly once across restarts', async () => {
    const user = new ChannelUser(bench.channel, 'en-US');
    const orderId = await waitingForPhoneVerification(user, 'en');
    const entered = bench.clock.now().getTime();
    await bench.bot.app.notifier.tick();
    const notices = bench.channel.deliveredTo(user.conversationId).map((d) => d.text);
    expect(notices).to.have.length(2);
    expect(notices[1]).to.include(orderId).and.include('waiting for your MIIT phone verification').and.include('48 hours').and.include('24 hours');

    // A restart before the reminder is due: it is still sent (not never).
    bench.clock.advance(HOUR);
    await bench.restart();
    bench.clock.set(new Date(entered + 12 * HOUR - MINUTE));
    await bench.bot.app.notifier.tick();
    expect(reminders(user)).to.deep.equal([]);
    bench.clock.set(new Date(entered + 12 * HOUR));
    await bench.bot.app.notifier.tick();
    await bench.bot.app.notifier.tick();

    // A restart after it was sent: not sent again (not twice), then or later.
    await bench.restart();
    await bench.bot.app.notifier.tick();
    bench.clock.set(new Date(entered + 16 * HOUR));
    await bench.bot.app.notifier.tick();
    bench.clock.set(new Date(entered + 23 * HOUR));
    await bench.bot.app.notifier.tick();

    const sent = reminders(user);
    expect(sent).to.have.length(1);
    // Entered at 03:00 UTC on 7 December: the reported 24 hours end at 11:00 in China on 8 December.
    expect(sent[0]?.text).to.include(orderId).and.include('phone verification').and.include('8 December 2026').and.include('11:00 China time').and.include('stop reminders');
  });

  it('stops the phone reminder, but not the news of states, when the user says 不要提醒, and reminds again after 恢复提醒', async () => {
    const user = new ChannelUser(bench.channel, 'zh-CN');
    expect(await user.say(bench.bot.url, '不要提醒')).to.include('不再提醒').and.include('订单状态变化时我仍会告诉您');
    const orderId = await waitingForPhoneVerification(user, 'zh');
    const entered = bench.clock.now().getTime();
    await bench.bot.app.notifier.tick();
    expect(bench.channel.deliveredTo(user.conversationId).map((d) => d.text)).to.have.length(2);

    bench.clock.set(new Date(entered + 12 * HOUR));
    await bench.bot.app.notifier.tick();
    expect(reminders(user)).to.deep.equal([]);

    bench.clock.set(new Date(entered + 13 * HOUR));
    expect(await user.say(bench.bot.url, '恢复提醒')).to.include('已开启提醒');
    await bench.bot.app.notifier.tick();
    const sent = reminders(user);
    expect(sent).to.have.length(1);
    expect(sent[0]?.text).to.include(orderId).and.include('工信部短信核验').and.include('北京时间');
  });

  it('takes "stop reminders" in the middle of a flow, and the flow goes on', async () => {
    const user = new ChannelUser(bench.channel, 'en-US');
    await user.say(bench.bot.url, 'cancel the transfer');
    const reply = await user.say(bench.bot.url, 'stop reminders');
    expect(reply).to.include('no more reminders').and.include('ICP');
    expect(await user.say(bench.bot.url, newIcpNumber())).to.include('Confirm');
  });

  it('reminds 5 days before an unfinished order expires, then at 45 days moves it to expired and says so', async () => {
    const user = new ChannelUser(bench.channel, 'zh-CN');
    const orderId = await user.placeOrder(bench.bot.url, cancelTransferSteps('zh', newIcpNumber()));
    const placed = bench.clock.now().getTime();
    await operatorMoves(bench.bot, orderId, 'provider_review');
    await bench.bot.app.notifier.tick();
    expect(bench.channel.deliveredTo(user.conversationId)).to.have.length(1);

    bench.clock.set(new Date(placed + 40 * DAY - MINUTE));
    await bench.bot.app.notifier.tick();
    expect(reminders(user)).to.deep.equal([]);
    bench.clock.set(new Date(placed + 40 * DAY));
    await bench.bot.app.notifier.tick();
    await bench.bot.app.notifier.tick();
    const [reminder, ...more] = reminders(user);
    expect(more).to.deep.equal([]);
    expect(reminder?.text).to.include(orderId).and.include('45天').and.include('服务商审核中');

    bench.clock.set(new Date(placed + 45 * DAY));
    const report = await bench.bot.app.notifier.tick();
    await bench.bot.app.notifier.tick();
    expect(report.expired).to.equal(1);
    const order = await bench.bot.app.parts.orders.get(orderId);
    expect(order?.state).to.equal('expired');
    expect(order?.history.at(-1)?.by).to.equal('system');
    const last = bench.channel.deliveredTo(user.conversationId).slice(2);
    expect(last).to.have.length(1);
    expect(last[0]?.text).to.include(orderId).and.include('已过期').and.include('请重新提交订单');
  });
});
