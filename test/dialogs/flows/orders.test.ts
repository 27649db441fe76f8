// A user's own orders, as transcripts: their status, withdrawing one in process, and never anyone else's.
import { expect } from 'chai';
import { doesNotSay, inChinese, message, says, suggests } from '../../support/conversation.js';
import { allInChinese, newFiling, say, useFlowBench } from '../../support/flows.js';

const NO_ORDERS = 'You have no orders with me yet.';
/** CANCELLATION_UNDO_MINUTES as the bench composes the bot (the default). */
const UNDO_MINUTES = 30;

describe('orders', () => {
  const setup = useFlowBench();

  it("lists only the user's own orders; another user sees none of them", async () => {
    const { bench } = setup;
    const tianjin = newFiling('津').website;
    const beijing = newFiling('京').website;
    const alice = bench.person();
    const bob = bench.person();
    const transfer = await bench.givenOrder(alice, 'transfer_in', tianjin, ['example.cn']);
    const cancellation = await bench.givenOrder(alice, 'cancel_website', beijing, ['example.cn']);

    await alice.chat([
      {
        user: 'my orders',
        bot: [
          message(
            says(
              'Your orders (2):',
              `**${transfer}**: transfer a filing in: ${tianjin}, example.cn, in process`,
              `**${cancellation}**: cancel a website: ${beijing}, example.cn, in process`,
            ),
            // Both may be withdrawn (newest first): the cancellation was recorded less than its undo window ago.
            suggests([`Withdraw ${cancellation}`, `Withdraw ${transfer}`, 'Help']),
          ),
        ],
      },
    ]);
    await bob.chat([{ user: 'my orders', bot: [message(says(NO_ORDERS), doesNotSay(transfer, cancellation))] }]);
  });

  it('tells the user what happens next as the filing team moves the order, and why it was rejected', async () => {
    const { bench } = setup;
    const alice = bench.person();
    const transfer = await bench.givenOrder(alice, 'transfer_in', newFiling('津').website, ['example.cn']);
    const move = (to: 'provider_review' | 'phone_verification' | 'rejected', note?: string) =>
      bench.parts.orders.transition(transfer, to, { by: 'li.na@example.com', ...(note === undefined ? {} : { note }) }, () => undefined);
    await move('provider_review');
    await alice.chat([{ user: 'my orders', bot: [message(says(`**${transfer}**`, 'being reviewed by the filing team', 'Next: Keep the phone number in your filing in service'))] }]);
    await move('phone_verification');
    await alice.chat([
      { user: 'my orders', bot: [message(says('waiting for your MIIT phone verification', 'within 5 minutes', 'the help material gives 48 hours', 'later public sources report only 24 hours'), suggests(['Help']))] },
    ]);
    await move('rejected', 'The website name *must* match the domain');
    // The team's own note afterwards (POST .../notes) is never shown to the user as the reasons.
    await bench.parts.orders.transition(transfer, 'rejected', { by: 'li.na@example.com', note: 'INTERNAL: escalate to Wang' }, () => undefined);
    await alice.chat([
      {
        user: '我的订单',
        bot: [
          message(
            says('已驳回', '驳回原因：The website name \\*must\\* match the domain', '下一步：请登录备案系统查看驳回原因，修改后重新提交申请。'),
            doesNotSay('li.na@example.com', 'INTERNAL'),
            inChinese,
          ),
        ],
      },
    ]);
  });

  it('says nothing more to do for a finished order', async () => {
    const { bench } = setup;
    const alice = bench.person();
    const cancellation = await bench.givenOrder(alice, 'cancel_website', newFiling('京').website, ['example.cn']);
    for (const to of ['provider_review', 'submitted', 'completed'] as const) {
      await bench.parts.orders.transition(cancellation, to, { by: 'operator' }, () => undefined);
    }
    await alice.chat([{ user: 'my orders', bot: [message(says(`**${cancellation}**`, 'completed'), doesNotSay('Next:'))] }]);
  });

  it('no longer offers to withdraw a cancellation order once its undo window has passed', async () => {
    const { bench } = setup;
    const alice = bench.person();
    const transfer = await bench.givenOrder(alice, 'transfer_in', newFiling('津').website, ['example.cn']);
    const cancellation = await bench.givenOrder(alice, 'cancel_website', newFiling('京').website, ['example.cn']);
    bench.advanceClock(UNDO_MINUTES + 1);
    await alice.chat([{ user: 'my orders', bot: [message(says(`**${cancellation}**`), suggests([`Withdraw ${transfer}`, 'Help']))] }]);
  });

  it('withdraws a transfer in process once the user says yes', async () => {
    const { bench } = setup;
    const { website } = newFiling('津');
    const alice = bench.person();
    const transfer = await bench.givenOrder(alice, 'transfer_in', website, ['example.cn']);
    await alice.chat([
      {
        user: `withdraw ${transfer}`,
        bot: [message(says(`Withdraw order ${transfer} (transfer a filing in: ${website}, example.cn)?`), suggests(['Yes', 'No']))],
      },
      { user: 'Yes', bot: [message(says(`Withdrawn: order ${transfer}`))] },
      { user: 'my orders', bot: [message(says(`**${transfer}**`, 'withdrawn'), suggests(['Help']))] },
    ]);
    expect((await bench.ordersOf(alice)).map((o) => o.state)).to.deep.equal(['withdrawn']);
  });

  it('keeps the order when the user says no', async () => {
    const { bench } = setup;
    const alice = bench.person();
    const transfer = await bench.givenOrder(alice, 'transfer_in', newFiling('津').website, ['example.cn']);
    await alice.chat([
      { user: `withdraw ${transfer}`, bot: [message(says(`Withdraw order ${transfer}`))] },
      { user: 'No', bot: [message(says('OK, I kept the order as it is.'))] },
    ]);
    expect((await bench.ordersOf(alice)).map((o) => o.state)).to.deep.equal(['in_process']);
  });

  it('refuses to withdraw a cancellation order once its undo window has passed, citing that the filing system does not delete them', async () => {
    const { bench } = setup;
    const alice = bench.person();
    const cancellation = await bench.givenOrder(alice, 'cancel_website', newFiling().website, ['example.cn']);
    bench.advanceClock(UNDO_MINUTES + 1);
    await alice.chat([
      {
        user: `withdraw ${cancellation}`,
        bot: [
          message(
            says(
              say('en', 'withdrawal.cancellationFinal', { orderId: cancellation, minutes: UNDO_MINUTES }),
              /_Source: .*What is the difference between canceling the transfer and canceling an ICP Filing number\? \(003\)_/,
            ),
          ),
        ],
      },
    ]);
    expect((await bench.ordersOf(alice)).map((o) => o.state)).to.deep.equal(['in_process']);
  });

  it('withdraws a mistaken cancellation order within its undo window', async () => {
    const { bench } = setup;
    const { website } = newFiling();
    const alice = bench.person();
    const cancellation = await bench.givenOrder(alice, 'cancel_website', website, ['example.cn']);
    bench.advanceClock(UNDO_MINUTES - 1);
    await alice.chat([
      {
        user: `withdraw ${cancellation}`,
        bot: [message(says(`Withdraw order ${cancellation} (cancel a website: ${website}, example.cn)?`), suggests(['Yes', 'No']))],
      },
      { user: 'Yes', bot: [message(says(`Withdrawn: order ${cancellation}`))] },
    ]);
    expect((await bench.ordersOf(alice)).map((o) => o.state)).to.deep.equal(['withdrawn']);
  });

  it('withdraws a mistaken cancellation order within its undo window, in Chinese', async () => {
    const { bench } = setup;
    const { website } = newFiling();
    const alice = bench.person();
    const cancellation = await bench.givenOrder(alice, 'cancel_website', website, ['example.cn']);
    const order = say('zh', 'orders.describeWithDomains', { action: say('zh', 'action.cancelWebsite'), icpNumber: website, domains: ['example.cn'] });
    await alice.chat(
      allInChinese([
        { user: `撤回订单 ${cancellation}`, bot: [message(says(say('zh', 'orders.confirmWithdraw', { orderId: cancellation, order })), suggests(['是', '否']))] },
        { user: '是', bot: [message(says(say('zh', 'orders.withdrawn', { orderId: cancellation, order })))] },
      ]),
    );
    expect((await bench.ordersOf(alice)).map((o) => o.state)).to.deep.equal(['withdrawn']);
  });

  it('refuses in Chinese to withdraw a cancellation order after its undo window', async () => {
    const { bench } = setup;
    const alice = bench.person();
    const cancellation = await bench.givenOrder(alice, 'cancel_website', newFiling().website, ['example.cn']);
    bench.advanceClock(UNDO_MINUTES + 1);
    await alice.chat([
      {
        user: `撤回订单 ${cancellation}`,
        bot: [message(says(say('zh', 'withdrawal.cancellationFinal', { orderId: cancellation, minutes: UNDO_MINUTES }), /_来源：.+_/), inChinese)],
      },
    ]);
    expect((await bench.ordersOf(alice)).map((o) => o.state)).to.deep.equal(['in_process']);
  });

  it("does not find another user's order to withdraw, and leaves it as it is", async () => {
    const { bench } = setup;
    const alice = bench.person();
    const bob = bench.person();
    const transfer = await bench.givenOrder(alice, 'transfer_in', newFiling('津').website, ['example.cn']);
    await bob.chat([
      { user: `withdraw ${transfer}`, bot: [message(says(`I cannot find an order ${transfer} among your orders.`), doesNotSay('ICP备'))] },
    ]);
    expect((await bench.ordersOf(alice)).map((o) => o.state)).to.deep.equal(['in_process']);
  });

  it('reads an order id typed loosely ("withdraw fa 7k3q9m")', async () => {
    const { bench } = setup;
    const alice = bench.person();
    const transfer = await bench.givenOrder(alice, 'transfer_in', newFiling('津').website, ['example.cn']);
    const loosely = `fa ${transfer.slice(3).toLowerCase()}`;
    await alice.chat([{ user: `withdraw ${loosely}`, bot: [message(says(`Withdraw order ${transfer}`))] }]);
  });

  it('leaves a flow to show the orders when asked in the middle of it', () =>
    setup.bench.person().chat([
      { user: 'cancel my website', bot: [message(says("What is the website's ICP filing number"))] },
      { user: 'my orders', bot: [message(says('OK, I left the cancellation (nothing was recorded).')), message(says(NO_ORDERS))] },
    ]));
});
