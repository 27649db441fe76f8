// Withdrawing an order in ordinary words: "Which order?" with the orders that can be withdrawn, an
// id as the answer, and "cancel my order" meaning the order, never a filing cancellation.
import { expect } from 'chai';
import { doesNotSay, message, says, suggests } from '../../support/conversation.js';
import { allInChinese, newFiling, say, useFlowBench, type Person } from '../../support/flows.js';
import { asks, CANCEL } from './questions.js';

const WHICH_ORDER = 'Which order do you want to withdraw? Type its id, e.g. FA-7K3Q9M.';
/** CANCELLATION_UNDO_MINUTES as the bench composes the bot (the default). */
const UNDO_MINUTES = 30;

/** "FA-7K3Q9M" as people type it loosely: lower case, a space for the dash. */
function loosely(orderId: string): string {
  return orderId.toLowerCase().replace('-', ' ');
}

describe('orders: withdrawing in ordinary words', () => {
  const setup = useFlowBench();

  /** Someone with a transfer order in process, placed earlier (a transfer may be withdrawn). */
  async function personWithTransfer(): Promise<{ alice: Person; transfer: string }> {
    const alice = setup.bench.person();
    return { alice, transfer: await setup.bench.givenOrder(alice, 'transfer_in', newFiling('津').website, ['example.cn']) };
  }

  async function statesOf(person: Person): Promise<string[]> {
    return (await setup.bench.ordersOf(person)).map((o) => o.state);
  }

  const requests = [
    { language: 'English', request: 'I would like to withdraw my order', answer: (id: string) => id },
    { language: 'English', request: 'cancel my order', answer: loosely },
  ];
  for (const { language, request, answer } of requests) {
    it(`asks which order on "${request}" (${language}), offering the withdrawable ones, and withdraws the one answered`, async () => {
      const { alice, transfer } = await personWithTransfer();
      await alice.chat([
        { user: request, bot: [message(says(WHICH_ORDER), suggests([`Withdraw ${transfer}`]), doesNotSay('ICP filing number'))] },
        { user: answer(transfer), bot: [message(says(`Withdraw order ${transfer}`), suggests(['Yes', 'No']))] },
        { user: 'Yes', bot: [message(says(`Withdrawn: order ${transfer}`))] },
      ]);
      expect(await statesOf(alice)).to.deep.equal(['withdrawn']);
    });
  }

  it('asks which order on "我要撤回我的订单" (Chinese), in Chinese, and withdraws the one answered by its id', async () => {
    const { alice, transfer } = await personWithTransfer();
    await alice.chat(
      allInChinese([
        { user: '我要撤回我的订单', bot: [message(says(say('zh', 'orders.askId')), suggests([say('zh', 'orders.withdrawButton', { orderId: transfer })]))] },
        // The id is in no language: the conversation stays Chinese.
        { user: transfer, bot: [message(says(`确认撤回订单 ${transfer}`), suggests(['是', '否']))] },
        { user: '是', bot: [message(says(`已撤回：订单 ${transfer}`))] },
      ]),
    );
    expect(await statesOf(alice)).to.deep.equal(['withdrawn']);
  });

  it('withdraws the order whose button is pressed under "Which order?"', async () => {
    const { alice, transfer } = await personWithTransfer();
    await alice.chat([
      { user: 'I would like to withdraw my order', bot: [message(says(WHICH_ORDER))] },
      { user: `Withdraw ${transfer}`, bot: [message(says(`Withdraw order ${transfer}`))] },
      // "是" is Chinese: the answer switches the conversation to Chinese.
      { user: '是', bot: [message(says(`已撤回：订单 ${transfer}`))] },
    ]);
    expect(await statesOf(alice)).to.deep.equal(['withdrawn']);
  });

  it('re-asks "Which order?" when the answer is not an order id', async () => {
    const { alice } = await personWithTransfer();
    await alice.chat([
      { user: 'I would like to withdraw my order', bot: [message(says(WHICH_ORDER))] },
      { user: 'the blue one', bot: [message(says('That is not an order id I can read. Please type it like FA-7K3Q9M.', WHICH_ORDER))] },
    ]);
  });

  it('refuses to withdraw a cancellation order past its undo window named in answer to "Which order?", in the catalogue\'s words', async () => {
    const { bench } = setup;
    const alice = bench.person();
    const cancellation = await bench.givenOrder(alice, 'cancel_website', newFiling('京').website, ['example.cn']);
    bench.advanceClock(UNDO_MINUTES + 1);
    await alice.chat([
      // Past its undo window a cancellation order is not offered as a button: it can no longer be withdrawn here.
      { user: 'I would like to withdraw my order', bot: [message(says(WHICH_ORDER), suggests([]))] },
      {
        user: cancellation,
        bot: [message(says(say('en', 'withdrawal.cancellationFinal', { orderId: cancellation, minutes: UNDO_MINUTES }), /_Source: .+_/))],
      },
    ]);
    expect(await statesOf(alice)).to.deep.equal(['in_process']);
  });

  it('says there are no orders when the user has none', () =>
    setup.bench.person().chat([{ user: 'I would like to withdraw my order', bot: [message(says('You have no orders with me yet.'))] }]));

  it('leaves a filing cancellation for the withdrawal on "cancel my order" mid-flow, recording no cancellation', async () => {
    const { alice, transfer } = await personWithTransfer();
    await alice.chat([
      { user: 'cancel my website', bot: [asks(CANCEL.websiteNumber)] },
      { user: 'cancel my order', bot: [message(says('OK, I left the cancellation (nothing was recorded).')), message(says(WHICH_ORDER))] },
      { user: transfer, bot: [message(says(`Withdraw order ${transfer}`))] },
      { user: 'stop', bot: [message(says('OK, I stopped the withdrawal. Nothing was recorded.'))] },
    ]);
    expect((await setup.bench.ordersOf(alice)).map((o) => [o.type, o.state])).to.deep.equal([['transfer_in', 'in_process']]);
  });
});
