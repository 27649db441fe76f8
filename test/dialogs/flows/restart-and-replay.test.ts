// What survives a restart (a flow half done, a recorded order), and a channel delivering the same
// confirming message twice: one order, never two.
import type { Activity } from 'botbuilder';
import { expect } from 'chai';
import { message, says } from '../../support/conversation.js';
import { newFiling, orderIdTo, recorded, render, summaryCard, useFlowBench, type Turn } from '../../support/flows.js';
import { asks, backTo, CANCEL, TRANSFER } from './questions.js';

/** A website cancellation up to its summary card. */
function upToSummary(website: string): Turn[] {
  return [
    { user: `cancel the website example.cn, ${website}`, bot: [asks(CANCEL.whole)] },
    { user: 'whole', bot: [asks(CANCEL.asker(website))] },
    { user: 'yes', bot: [summaryCard(`Ready to cancel the website example.cn (${website})?`)] },
  ];
}

/** The confirming message exactly as a channel delivers it, and as its retry delivers it again. */
function confirming(id: string): Partial<Activity> {
  return { type: 'message', id, text: 'Confirm' };
}

describe('flows across restarts and retried deliveries', () => {
  const setup = useFlowBench();

  it('continues a cancellation at the same question after a restart', async () => {
    const { bench } = setup;
    const { website } = newFiling();
    const alice = bench.person();
    await alice.chat([
      { user: 'cancel my website', bot: [asks(CANCEL.websiteNumber)] },
      { user: website, bot: [asks(CANCEL.domain)] },
      { user: 'example.cn', bot: [asks(CANCEL.whole)] },
    ]);

    await bench.restart();

    await alice.chat([
      { user: 'whole', bot: [asks(CANCEL.asker(website))] },
      { user: 'yes', bot: [summaryCard(`ICP filing number: ${website}`, 'Domain: example.cn')] },
      { user: 'Confirm', bot: [recorded(`to cancel the website example.cn (${website})`)] },
    ]);
    expect((await bench.ordersOf(alice)).map((o) => o.type)).to.deep.equal(['cancel_website']);
  });

  it('continues a transfer at the same question after a restart', async () => {
    const { bench } = setup;
    const alice = bench.person();
    await alice.chat([
      { user: 'I want to transfer my filing to you', bot: [asks(TRANSFER.history)] },
      { user: 'Never used it', bot: [asks(TRANSFER.number)] },
      { user: newFiling('津').website, bot: [asks(TRANSFER.domain)] },
    ]);

    await bench.restart();

    await alice.chat([{ user: 'example.cn', bot: [asks(TRANSFER.serviceCode)] }]);
  });

  it('re-asks the pending question after a restart when the user asks for help', async () => {
    const { bench } = setup;
    const alice = bench.person();
    await alice.chat([
      { user: 'cancel my website', bot: [asks(CANCEL.websiteNumber)] },
      { user: newFiling().website, bot: [asks(CANCEL.domain)] },
    ]);

    await bench.restart();

    await alice.chat([{ user: 'help', bot: [message(says('Here is what I can do')), backTo(CANCEL.domain)] }]);
  });

  it('lists an order recorded before a restart', async () => {
    const { bench } = setup;
    const { website } = newFiling();
    const alice = bench.person();
    let id = '';
    await alice.chat([...upToSummary(website), { user: 'Confirm', bot: [message(recorded(), orderIdTo((recordedId) => (id = recordedId)))] }]);

    await bench.restart();

    await alice.chat([{ user: 'my orders', bot: [message(says('Your orders (1):', `**${id}**: cancel a website: ${website}, example.cn, in process`))] }]);
  });

  it('records one order when the confirming message is delivered twice, and says so the second time', async () => {
    const { bench } = setup;
    const alice = bench.person();
    let id = '';
    await alice.chat([
      ...upToSummary(newFiling().website),
      { user: confirming('retried-1'), bot: [message(recorded(), orderIdTo((recordedId) => (id = recordedId)))] },
      { user: confirming('retried-1'), bot: [message(says(/already recorded/, id))] },
    ]);
    expect((await bench.ordersOf(alice)).map((o) => o.id)).to.deep.equal([id]);
  });

  it('records one order when the retry arrives after a restart', async () => {
    const { bench } = setup;
    const alice = bench.person();
    let id = '';
    await alice.chat([
      ...upToSummary(newFiling().website),
      { user: confirming('retried-2'), bot: [message(recorded(), orderIdTo((recordedId) => (id = recordedId)))] },
    ]);

    await bench.restart();

    await alice.chat([{ user: confirming('retried-2'), bot: [message(says(/already recorded/, id))] }]);
    expect((await bench.ordersOf(alice)).map((o) => o.id)).to.deep.equal([id]);
  });

  it('records one order when the retry arrives while the first delivery is still being answered', async () => {
    const { bench } = setup;
    const alice = bench.person();
    await alice.chat(upToSummary(newFiling().website));

    const replies = await alice.deliverTogether([confirming('retried-3'), confirming('retried-3')]);

    const orders = await bench.ordersOf(alice);
    expect(orders, 'orders recorded').to.have.length(1);
    const id = orders[0]?.id ?? '';
    const texts = replies.map(render);
    expect(texts.join('\n'), 'replies').not.to.match(/something went wrong/);
    expect(texts.filter((text) => text.includes(id)), 'replies naming the order').to.have.length(2);
    expect(texts.filter((text) => /already recorded/.test(text)), 'replies saying it was already recorded').to.have.length(1);
  });
});
