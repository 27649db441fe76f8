// A flow in a Teams channel, where every message starts with an @mention of the bot.
import { expect } from 'chai';
import { message, says } from '../../support/conversation.js';
import { cardSubmit, mentioning, newFiling, recorded, summaryCard, useFlowBench } from '../../support/flows.js';
import { asks, backTo, CANCEL, CANCEL_BUTTONS } from './questions.js';

describe('flows in a Teams channel', () => {
  const setup = useFlowBench();

  let members = 0;
  /** A new member of the team, posting in their own thread of a channel. */
  const inChannel = () => {
    members += 1;
    return setup.bench.person({
      channelId: 'msteams',
      userId: `29:teams-user-${members}`,
      conversation: {
        id: `19:filing-team@thread.tacv2;messageid=${1700000000000 + members}`,
        isGroup: true,
        conversationType: 'channel',
        tenantId: 'tenant-1',
      },
    });
  };

  it('runs the cancel flow end to end when every message @mentions the bot', async () => {
    const { bench } = setup;
    const { website } = newFiling();
    const alice = inChannel();
    await alice.chat([
      { user: mentioning('cancel my website'), bot: [asks(CANCEL.websiteNumber)] },
      { user: mentioning(website), bot: [asks(CANCEL.domain)] },
      { user: mentioning('example.cn'), bot: [asks(CANCEL.whole, CANCEL_BUTTONS.whole)] },
      { user: mentioning('Cancel the whole website'), bot: [asks(CANCEL.asker(website), CANCEL_BUTTONS.asker)] },
      { user: mentioning('Yes, I am the subject'), bot: [summaryCard(`Ready to cancel the website example.cn (${website})?`)] },
      { user: mentioning('Confirm'), bot: [recorded(`to cancel the website example.cn (${website})`)] },
    ]);

    const orders = await bench.ordersOf(alice);
    expect(orders.map((o) => [o.type, o.filing.icpNumber, o.filing.domains])).to.deep.equal([['cancel_website', website, ['example.cn']]]);
    expect(orders[0]?.requester).to.deep.equal({ channelId: 'msteams', userId: alice.requester.userId });
    expect(orders[0]?.conversationReference?.conversation).to.deep.include({ conversationType: 'channel', tenantId: 'tenant-1' });
  });

  it('takes the number and domain given up front with the mention, and a Confirm pressed on the card', async () => {
    const { bench } = setup;
    const { website } = newFiling();
    const alice = inChannel();
    await alice.chat([
      { user: mentioning(`cancel the website example.cn, ${website}`), bot: [asks(CANCEL.whole)] },
      { user: mentioning('whole website'), bot: [asks(CANCEL.asker(website))] },
      { user: mentioning('yes I am the subject'), bot: [summaryCard('Domain: example.cn')] },
      { user: cardSubmit('Confirm'), bot: [recorded()] },
    ]);
    expect(await bench.ordersOf(alice)).to.have.length(1);
  });

  it('understands help and stop behind a mention in the middle of a flow', async () => {
    const { bench } = setup;
    const alice = inChannel();
    await alice.chat([
      { user: mentioning('cancel my website'), bot: [asks(CANCEL.websiteNumber)] },
      { user: mentioning('help'), bot: [message(says('Here is what I can do')), backTo(CANCEL.websiteNumber)] },
      { user: mentioning('stop'), bot: [message(says('OK, I stopped the cancellation. Nothing was recorded.'))] },
    ]);
    expect(await bench.ordersOf(alice)).to.deep.equal([]);
  });
});
