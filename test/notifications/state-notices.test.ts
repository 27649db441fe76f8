// A user hears about their order in the conversation they placed it in, when an operator moves it:
// in that conversation's language, with the order id, the new state and what to do next (for a
// rejection, the reasons and how to resubmit), sent once, through a real HTTP channel.
import { expect } from 'chai';
import { makeTempDir, removeDir } from '../support/paths.js';
import {
  cancelTransferSteps,
  ChannelUser,
  FakeClock,
  MINUTE,
  newIcpNumber,
  operatorMoves,
  startBot,
  startFakeChannel,
  type FakeChannel,
  type RunningBot,
} from './support.js';

describe('state-change notices', function () {
  this.timeout(60_000);
  let channel: FakeChannel;
  let dataDir: string;
  let bot: RunningBot;
  let clock: FakeClock;

  before(async () => {
    channel = await startFakeChannel();
  });
  after(async () => {
    await channel?.close();
  });
  beforeEach(async () => {
    dataDir = makeTempDir();
    clock = new FakeClock(Date.parse('2026-12-07T02:00:00Z'));
    bot = await startBot(dataDir, clock);
  });
  afterEach(async () => {
    await bot?.close();
    removeDir(dataDir);
  });

  it('tells a Chinese conversation, in Chinese, that the filing team is reviewing its order', async () => {
    const user = new ChannelUser(channel, 'zh-CN');
    const orderId = await user.placeOrder(bot.url, cancelTransferSteps('zh', newIcpNumber()));
    clock.advance(30 * MINUTE);
    await operatorMoves(bot, orderId, 'provider_review');

    const report = await bot.app.notifier.tick();

    expect(report.sent).to.equal(1);
    const [notice, ...more] = channel.deliveredTo(user.conversationId);
    expect(more, 'one message').to.deep.equal([]);
    expect(notice?.text).to.include(orderId).and.include('服务商审核中').and.include('取消接入').and.include('请保持备案信息中的手机号畅通');
    expect(notice?.locale).to.equal('zh-CN');
  });

  it('tells in Chinese a user who wrote Chinese, though their channel said en-US', async () => {
    const user = new ChannelUser(channel, 'en-US');
    const orderId = await user.placeOrder(bot.url, cancelTransferSteps('zh', newIcpNumber()));
    await operatorMoves(bot, orderId, 'provider_review');

    await bot.app.notifier.tick();

    const [notice] = channel.deliveredTo(user.conversationId);
    expect(notice?.text).to.include(orderId).and.include('服务商审核中');
  });

  it('tells an English conversation in English, and only once however often it looks', async () => {
    const user = new ChannelUser(channel, 'en-US');
    const orderId = await user.placeOrder(bot.url, cancelTransferSteps('en', newIcpNumber()));
    await operatorMoves(bot, orderId, 'provider_review');

    await bot.app.notifier.tick();
    clock.advance(MINUTE);
    await bot.app.notifier.tick();
    await bot.app.notifier.tick();

    const notices = channel.deliveredTo(user.conversationId);
    expect(notices).to.have.length(1);
    expect(notices[0]?.text).to.include(`Order ${orderId} (cancel a transfer) is now being reviewed by the filing team.`).and.include('answer calls');
  });

  it("tells a rejected order's user the filing team's reasons and how to resubmit", async () => {
    const user = new ChannelUser(channel, 'en-GB');
    const orderId = await user.placeOrder(bot.url, cancelTransferSteps('en', newIcpNumber()));
    await operatorMoves(bot, orderId, 'rejected', 'The photo of the website owner is blurred.');

    await bot.app.notifier.tick();

    const [notice] = channel.deliveredTo(user.conversationId);
    expect(notice?.text).to.include(orderId).and.include('rejected').and.include('The photo of the website owner is blurred.').and.include('resubmit');
  });

  it('tells of every state in turn, but not of an operator note that leaves the state as it was', async () => {
    const user = new ChannelUser(channel, 'zh-CN');
    const orderId = await user.placeOrder(bot.url, cancelTransferSteps('zh', newIcpNumber()));
    await operatorMoves(bot, orderId, 'provider_review');
    await bot.app.notifier.tick();
    clock.advance(MINUTE);
    await operatorMoves(bot, orderId, 'completed');
    await bot.app.notifier.tick();

    const texts = channel.deliveredTo(user.conversationId).map((d) => d.text);
    expect(texts).to.have.length(2);
    expect(texts[1]).to.include(orderId).and.include('接入已取消');
  });

  it('says nothing of history from before the notifier first started', async () => {
    const user = new ChannelUser(channel, 'en-US');
    const orderId = await user.placeOrder(bot.url, cancelTransferSteps('en', newIcpNumber()));
    // A move from before this deployment began notifying (as an existing deployment's history is):
    // the clock is set back for it.
    clock.advance(-2 * 60 * MINUTE);
    await operatorMoves(bot, orderId, 'provider_review');
    clock.advance(2 * 60 * MINUTE);

    const report = await bot.app.notifier.tick();

    expect(report.sent).to.equal(0);
    expect(channel.deliveredTo(user.conversationId)).to.deep.equal([]);
  });
});
