// A user hears about their order in the conversation they placed it in, when an operator moves it:
// in that conversation's language, with the order id, the new state and what to do next (for a
// rejection, the reasons and how to resubmit), sent once, through a real HTTP channel.
import { expect } from 'chai';
import {
  cancelTransferSteps,
  ChannelUser,
  MINUTE,
  newIcpNumber,
  operatorMoves,
  useNotificationBench,
} from './support.js';

describe('state-change notices', function () {
  this.timeout(60_000);
  const bench = useNotificationBench();

  it('tells a Chinese conversation, in Chinese, that the filing team is reviewing its order', async () => {
    const user = new ChannelUser(bench.channel, 'zh-CN');
    const orderId = await user.placeOrder(bench.bot.url, cancelTransferSteps('zh', newIcpNumber()));
    bench.clock.advance(30 * MINUTE);
    await operatorMoves(bench.bot, orderId, 'provider_review');

    const report = await bench.bot.app.notifier.tick();

    expect(report.sent).to.equal(1);
    const [notice, ...more] = bench.channel.deliveredTo(user.conversationId);
    expect(more, 'one message').to.deep.equal([]);
    expect(notice?.text).to.include(orderId).and.include('服务商审核中').and.include('取消接入').and.include('请保持备案信息中的手机号畅通');
    expect(notice?.locale).to.equal('zh-CN');
  });

  it('tells in Chinese a user who wrote Chinese, though their channel said en-US', async () => {
    const user = new ChannelUser(bench.channel, 'en-US');
    const orderId = await user.placeOrder(bench.bot.url, cancelTransferSteps('zh', newIcpNumber()));
    await operatorMoves(bench.bot, orderId, 'provider_review');

    await bench.bot.app.notifier.tick();

    const [notice] = bench.channel.deliveredTo(user.conversationId);
    expect(notice?.text).to.include(orderId).and.include('服务商审核中');
  });

  it('tells an English conversation in English, and only once however often it looks', async () => {
    const user = new ChannelUser(bench.channel, 'en-US');
    const orderId = await user.placeOrder(bench.bot.url, cancelTransferSteps('en', newIcpNumber()));
    await operatorMoves(bench.bot, orderId, 'provider_review');

    await bench.bot.app.notifier.tick();
    bench.clock.advance(MINUTE);
    await bench.bot.app.notifier.tick();
    await bench.bot.app.notifier.tick();

    const notices = bench.channel.deliveredTo(user.conversationId);
    expect(notices).to.have.length(1);
    expect(notices[0]?.text).to.include(`Order ${orderId} (cancel a transfer) is now being reviewed by the filing team.`).and.include('answer calls');
  });

  it("tells a rejected order's user the filing team's reasons and how to resubmit", async () => {
    const user = new ChannelUser(bench.channel, 'en-GB');
    const orderId = await user.placeOrder(bench.bot.url, cancelTransferSteps('en', newIcpNumber()));
    await operatorMoves(bench.bot, orderId, 'rejected', 'The photo of the website owner is blurred.');

    await bench.bot.app.notifier.tick();

    const [notice] = bench.channel.deliveredTo(user.conversationId);
    expect(notice?.text).to.include(orderId).and.include('rejected').and.include('The photo of the website owner is blurred.').and.include('resubmit');
  });

  it('tells of every state in turn, but not of an operator note that leaves the state as it was', async () => {
    const user = new ChannelUser(bench.channel, 'zh-CN');
    const orderId = await user.placeOrder(bench.bot.url, cancelTransferSteps('zh', newIcpNumber()));
    await operatorMoves(bench.bot, orderId, 'provider_review');
    await bench.bot.app.notifier.tick();
    bench.clock.advance(MINUTE);
    await operatorMoves(bench.bot, orderId, 'completed');
    await bench.bot.app.notifier.tick();

    const texts = bench.channel.deliveredTo(user.conversationId).map((d) => d.text);
    expect(texts).to.have.length(2);
    expect(texts[1]).to.include(orderId).and.include('接入已取消');
  });

  it('says nothing of history from before the notifier first started', async () => {
    const user = new ChannelUser(bench.channel, 'en-US');
    const orderId = await user.placeOrder(bench.bot.url, cancelTransferSteps('en', newIcpNumber()));
    // A move from before this deployment began notifying (as an existing deployment's history is):
    // the clock is set back for it.
    bench.clock.advance(-2 * 60 * MINUTE);
    await operatorMoves(bench.bot, orderId, 'provider_review');
    bench.clock.advance(2 * 60 * MINUTE);

    const report = await bench.bot.app.notifier.tick();

    expect(report.sent).to.equal(0);
    expect(bench.channel.deliveredTo(user.conversationId)).to.deep.equal([]);
  });
});
