// The transfer flow, as transcripts: the filing as filed, the service code, the administrator's
// mobile, the province's own steps on the summary card, and the refusal while a cancellation runs.
import { expect } from 'chai';
import { message, says } from '../../support/conversation.js';
import { filesHolding } from '../../support/files.js';
import { blocked, newFiling, recorded, summaryCard, useFlowBench, type Reply, type Turn } from '../../support/flows.js';
import { asks, TRANSFER } from './questions.js';

const MOBILE = '13812345678';

/** Every answer typed one by one, up to the summary card, which `card` checks. */
function transferUpToSummary(number: string, card: Reply): Turn[] {
  return [
    { user: 'I want to transfer my filing to you', bot: [asks(TRANSFER.history, ['Never used it', 'Filed here before', 'On HiChina (万网)'])] },
    { user: 'Never used it', bot: [asks(TRANSFER.number)] },
    { user: number, bot: [asks(TRANSFER.domain)] },
    { user: 'example.cn', bot: [asks(TRANSFER.serviceCode, ['I have the service code', 'Not yet'])] },
    { user: 'I have the service code', bot: [asks(TRANSFER.mobile)] },
    { user: MOBILE, bot: [card] },
  ];
}

describe('transfer flow', () => {
  const setup = useFlowBench();

  it('records a transfer of a Tianjin filing after a summary with its phone verification', async () => {
    const { bench } = setup;
    const { website } = newFiling('津');
    const alice = bench.person();
    await alice.chat([
      ...transferUpToSummary(
        website,
        summaryCard(
          'Transfer the filing of example.cn to us?',
          'Transfer type: Transfer an ICP Filing',
          `ICP filing number: ${website}`,
          'Province: Tianjin',
          'Administrator mobile: 138****5678',
          'Tianjin verifies by phone',
          'within 48 hours',
        ),
      ),
      { user: 'Confirm', bot: [recorded(`to transfer the filing of example.cn (${website}) to us`, 'Tianjin verifies by phone')] },
    ]);

    const orders = await bench.ordersOf(alice);
    expect(orders.map((o) => [o.type, o.filing.icpNumber, o.filing.domains])).to.deep.equal([
      ['transfer_in', website, ['example.cn']],
    ]);
  });

  it("keeps the administrator's mobile number nowhere: not in the saved conversation, not in the order", async () => {
    const { bench } = setup;
    const alice = bench.person();
    await alice.chat(transferUpToSummary(newFiling('津').website, summaryCard('Administrator mobile: 138****5678')));
    expect(filesHolding(bench.dataDir, MOBILE), 'files holding the mobile number at the summary').to.deep.equal([]);
    await alice.chat([{ user: 'Confirm', bot: [recorded()] }]);
    expect(filesHolding(bench.dataDir, MOBILE), 'files holding the mobile number once recorded').to.deep.equal([]);
  });

  const provinceSteps: { province: string; abbreviation: string; steps: (string | RegExp)[] }[] = [
    { province: 'Tianjin', abbreviation: '津', steps: ['Tianjin verifies by phone', 'within 48 hours'] },
    { province: 'Shanghai', abbreviation: '沪', steps: ['Shanghai requires the website administrator to be verified with the Shanghai Communications Administration app'] },
    { province: 'Guangdong', abbreviation: '粤', steps: ['In Guangdong you can also use the Alibaba Cloud app to upload documents'] },
  ];

  for (const { province, abbreviation, steps } of provinceSteps) {
    it(`shows the ${province} steps on the summary card`, () =>
      setup.bench.person().chat(transferUpToSummary(newFiling(abbreviation).website, summaryCard(`Province: ${province}`, 'What happens next', ...steps))));
  }

  it('asks only for what is missing when the number and domain are given up front', () => {
    const { website } = newFiling();
    return setup.bench.person().chat([
      { user: `transfer ${website} example.cn to you`, bot: [asks(TRANSFER.history)] },
      { user: 'Filed here before', bot: [asks(TRANSFER.serviceCode)] },
      { user: 'Not yet', bot: [asks(TRANSFER.mobile)] },
      {
        user: `+86 ${MOBILE}`,
        bot: [summaryCard('Transfer type: Transfer Another ICP Filing', `ICP filing number: ${website}`, 'Domain: example.cn', 'Service code: not yet')],
      },
    ]);
  });

  it('refuses a transfer while a cancellation of the same subject is in process: cancel first, then apply', async () => {
    const { bench } = setup;
    const { subject, website } = newFiling();
    const alice = bench.person();
    const cancellation = await bench.givenOrder(alice, 'cancel_website', website, ['example.cn']);
    await alice.chat([
      { user: 'I want to transfer my filing to you', bot: [asks(TRANSFER.history)] },
      { user: 'Never used it', bot: [asks(TRANSFER.number)] },
      { user: `${subject}-2`, bot: [asks(TRANSFER.domain)] },
      {
        user: 'other-example.cn',
        bot: [
          message(
            blocked(
              `A cancellation of ${subject} is in process`,
              'cannot be cancelled and applied for again at the same time',
              'Wait until the cancellation is approved',
            ),
          ),
        ],
      },
    ]);
    expect((await bench.ordersOf(alice)).map((o) => o.id)).to.deep.equal([cancellation]);
  });

  it('refuses a transfer while another user is cancelling the subject, without naming their order', async () => {
    const { bench } = setup;
    const { subject, website } = newFiling();
    const alice = bench.person();
    const bob = bench.person();
    const cancellation = await bench.givenOrder(alice, 'cancel_subject', subject);
    await bob.chat([
      { user: 'I want to transfer my filing to you', bot: [asks(TRANSFER.history)] },
      { user: 'Never used it', bot: [asks(TRANSFER.number)] },
      { user: website, bot: [asks(TRANSFER.domain)] },
      {
        user: 'example.cn',
        bot: [
          message(blocked(`A cancellation of ${subject} is in process`), (reply) => {
            expect(reply.text).not.to.include(cancellation);
          }),
        ],
      },
    ]);
    expect(await bench.ordersOf(bob)).to.deep.equal([]);
  });

  it('re-asks the mobile number until it reads one, then shows it masked', () =>
    setup.bench.person().chat([
      ...transferUpToSummary(newFiling('粤').website, summaryCard('Administrator mobile: 138****5678')).slice(0, 5),
      { user: '23812345678', bot: [message(says('not a mainland China mobile number', MOBILE, TRANSFER.mobile))] },
      { user: `0086 138-1234-5678`, bot: [summaryCard('Administrator mobile: 138****5678')] },
    ]));
});
