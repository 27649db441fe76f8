// Cancelling a transfer, as transcripts: the warning that the ICP number stays valid, then the order.
import { expect } from 'chai';
import { newFiling, recorded, summaryCard, useFlowBench } from '../../support/flows.js';
import { asks, CANCEL_TRANSFER } from './questions.js';

describe('cancel transfer flow', () => {
  const setup = useFlowBench();

  it('warns that the ICP number stays valid, then records the cancelled transfer', async () => {
    const { bench } = setup;
    const { website } = newFiling();
    const alice = bench.person();
    await alice.chat([
      { user: 'cancel the transfer', bot: [asks(CANCEL_TRANSFER.number)] },
      {
        user: website,
        bot: [
          summaryCard(
            `Cancel the transfer of ${website}?`,
            'it does not cancel the ICP number itself',
            'Your ICP number stays valid',
            'submit a transfer to your new provider at once',
          ),
        ],
      },
      { user: 'Confirm', bot: [recorded(`to cancel the transfer of ${website}`)] },
    ]);

    const orders = await bench.ordersOf(alice);
    expect(orders.map((o) => [o.type, o.filing.icpNumber, o.state])).to.deep.equal([['cancel_transfer', website, 'in_process']]);
  });

  it('goes straight to the summary when the number is given up front', () => {
    const { website } = newFiling();
    return setup.bench.person().chat([
      { user: `cancel the transfer of ${website}`, bot: [summaryCard(`Cancel the transfer of ${website}?`, 'Your ICP number stays valid')] },
    ]);
  });
});
