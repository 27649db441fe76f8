// The local Web Chat channel takes a notification into the conversation the order was placed in,
// where the page's next poll shows it: its replies are returned in process, not posted, so the
// proactive message comes in through the channel's outlet instead of over HTTP.
import { expect } from 'chai';
import { botSaid, DirectLineConversation } from '../security/directline-client.js';
import { makeTempDir, removeDir } from '../support/paths.js';
import { FakeClock, newIcpNumber, operatorMoves, startBot, type RunningBot } from './support.js';

describe('notifications in the local Web Chat', function () {
  this.timeout(60_000);
  let dataDir: string;
  let bot: RunningBot;

  beforeEach(async () => {
    dataDir = makeTempDir();
    bot = await startBot(dataDir, new FakeClock(Date.parse('2026-12-07T02:00:00Z')));
  });
  afterEach(async () => {
    await bot?.close();
    removeDir(dataDir);
  });

  it('shows the news of an order in the conversation it was placed in, on the next poll', async () => {
    const conversation = await DirectLineConversation.start(`${bot.url}/v3/directline`, { locale: 'zh-CN' });
    await conversation.say('我要取消接入');
    await conversation.say(newIcpNumber());
    const recorded = botSaid(await conversation.say('确认'));
    const orderId = /FA-[23456789A-HJ-NP-Z]{6}/.exec(recorded)?.[0];
    if (!orderId) throw new Error(`no order was recorded: ${recorded}`);
    const { watermark } = await conversation.poll('');

    await operatorMoves(bot, orderId, 'provider_review');
    const report = await bot.app.notifier.tick();

    expect(report.sent).to.equal(1);
    const { activities } = await conversation.poll(watermark);
    expect(activities).to.have.length(1);
    expect(activities[0]?.from.role).to.equal('bot');
    expect(botSaid(activities)).to.include(orderId).and.include('服务商审核中');
  });

  it('records a failed attempt when the conversation is gone (the channel keeps them in memory only)', async () => {
    const conversation = await DirectLineConversation.start(`${bot.url}/v3/directline`);
    await conversation.say('cancel the transfer');
    await conversation.say(newIcpNumber());
    const orderId = /FA-[23456789A-HJ-NP-Z]{6}/.exec(botSaid(await conversation.say('Confirm')))?.[0] ?? '';
    // A restart forgets the local channel's conversations; the order and its reference remain.
    await bot.close();
    bot = await startBot(dataDir, new FakeClock(Date.parse('2026-12-07T02:00:00Z')));
    await operatorMoves(bot, orderId, 'provider_review');

    const report = await bot.app.notifier.tick();

    expect(report).to.include({ sent: 0, retrying: 1 });
    const [record] = await bot.app.parts.notifications.forOrder(orderId);
    expect(record?.attempts[0]).to.include({ ok: false, error: 'the local Web Chat conversation has ended' });
  });
});
