// The cancel flow, as transcripts: cancelling a website or a subject, and every way the rules refuse.
import type { Activity } from 'botbuilder';
import { expect } from 'chai';
import { doesNotSay, message, says, suggests } from '../../support/conversation.js';
import { blocked, cardSubmit, newFiling, ORDER_ID, orderIdTo, recorded, say, summaryCard, useFlowBench, type Turn } from '../../support/flows.js';
import { asks, CANCEL, CANCEL_BUTTONS, CHANGE } from './questions.js';

/** "cancel the website example.cn, <number>" up to the summary card: only the missing answers are asked. */
function upToSummary(number: string): Turn[] {
  return [
    { user: `cancel the website example.cn, ${number}`, bot: [asks(CANCEL.whole, CANCEL_BUTTONS.whole)] },
    { user: 'whole website', bot: [asks(CANCEL.asker(number), CANCEL_BUTTONS.asker)] },
    {
      user: 'yes I am the subject',
      bot: [
        summaryCard(
          `Ready to cancel the website example.cn (${number})?`,
          'Cancellation: Cancel Website',
          `ICP filing number: ${number}`,
          'Domain: example.cn',
          say('en', 'note.cancellationFinal'),
          'Never give it to me',
        ),
      ],
    },
  ];
}

describe('cancel flow', () => {
  const setup = useFlowBench();

  describe('recording a cancellation', () => {
    const confirmations: { name: string; confirm: string | Partial<Activity> }[] = [
      { name: 'by typing "Confirm"', confirm: 'Confirm' },
      { name: 'by pressing Confirm on the summary card', confirm: cardSubmit('Confirm') },
    ];

    for (const { name, confirm } of confirmations) {
      it(`records a website cancellation given number and domain up front, confirmed ${name}`, async () => {
        const { bench } = setup;
        const { subject, website } = newFiling();
        const alice = bench.person();
        let id = '';
        await alice.chat([
          ...upToSummary(website),
          {
            user: confirm,
            bot: [message(recorded(`to cancel the website example.cn (${website})`, 'in process'), orderIdTo((recordedId) => (id = recordedId)))],
          },
        ]);

        const orders = await bench.ordersOf(alice);
        expect(orders.map((o) => o.id)).to.deep.equal([id]);
        expect(orders[0]).to.deep.include({ type: 'cancel_website', state: 'in_process', requester: alice.requester });
        expect(orders[0]?.filing).to.deep.equal({
          icpNumber: website,
          subjectNumber: subject,
          province: 'beijing',
          domains: ['example.cn'],
        });
      });
    }

    it('explains the difference between cancelling a subject and a website, then records a subject cancellation', async () => {
      const { bench } = setup;
      const { subject } = newFiling();
      const alice = bench.person();
      await alice.chat([
        {
          user: 'cancel my filing',
          bot: [
            message(
              says(CANCEL.scope, /Cancel Subject\*\* deletes the ICP number and every website filed under it/, /Cancel Website\*\* deletes the filing of one website/, /_Source: .+_/),
              suggests(CANCEL_BUTTONS.scope),
            ),
          ],
        },
        { user: 'Cancel Subject', bot: [asks(CANCEL.subjectNumber)] },
        { user: subject, bot: [asks(CANCEL.asker(subject), CANCEL_BUTTONS.asker)] },
        {
          user: 'Yes, I am the subject',
          bot: [summaryCard('Cancellation: Cancel Subject', `Cancelling the subject cancels ${subject} and every website filed under it.`)],
        },
        { user: 'Confirm', bot: [recorded(`to cancel the subject ${subject} and every website under it`)] },
      ]);

      const orders = await bench.ordersOf(alice);
      expect(orders.map((o) => [o.type, o.filing.icpNumber])).to.deep.equal([['cancel_subject', subject]]);
    });
  });

  describe('refusals', () => {
    it('refuses to cancel a website only to drop one of its domains, and offers Change Website Information', async () => {
      const { bench } = setup;
      const { website } = newFiling();
      const alice = bench.person();
      await alice.chat([
        { user: `cancel the website example.cn, ${website}`, bot: [asks(CANCEL.whole, CANCEL_BUTTONS.whole)] },
        {
          user: 'Only remove this domain',
          bot: [
            message(
              blocked('Cancel Website would remove the whole website', 'change the website information'),
              suggests(['Change website information', 'My orders', 'Help']),
            ),
          ],
        },
        // The button starts the change of the website's information straight away.
        { user: 'Change website information', bot: [message(says(CHANGE.websiteNumber))] },
      ]);
      expect(await bench.ordersOf(alice)).to.deep.equal([]);
    });

    const notSubject: { province: string; abbreviation: string; route: (string | RegExp)[] }[] = [
      {
        province: 'Guangdong',
        abbreviation: '粤',
        route: ['Guangdong cancellation form', 'http://gdcainfo.miitbeian.gov.cn/state/outPortal/queryMutualityDownloadInfo.action'],
      },
      { province: 'Shanghai', abbreviation: '沪', route: ["Shanghai communications administration's own site", 'https://beian.shca.gov.cn'] },
      { province: 'Hunan', abbreviation: '湘', route: ['http://bsdt.xca.gov.cn/', 'processed every Friday'] },
    ];

    for (const { province, abbreviation, route } of notSubject) {
      it(`sends someone who is not the subject of a ${province} filing to the MIIT route for ${province}`, async () => {
        const { bench } = setup;
        const number = newFiling(abbreviation).website;
        const alice = bench.person();
        await alice.chat([
          { user: `cancel the website example.cn, ${number}`, bot: [asks(CANCEL.whole)] },
          { user: 'Cancel the whole website', bot: [asks(CANCEL.asker(number))] },
          { user: 'No, I am not the subject', bot: [blocked(`Only the filing subject can cancel ${number} online.`, ...route)] },
        ]);
        expect(await bench.ordersOf(alice)).to.deep.equal([]);
      });
    }

    it('sends a subject who cannot cancel online to the province route too', async () => {
      const { bench } = setup;
      const { website } = newFiling();
      const alice = bench.person();
      await alice.chat([
        { user: `cancel the website example.cn, ${website}`, bot: [asks(CANCEL.whole)] },
        { user: 'whole', bot: [asks(CANCEL.asker(website))] },
        { user: 'I cannot cancel online', bot: [blocked(`${website} cannot be cancelled online here.`, 'Beijing cancellation form')] },
      ]);
      expect(await bench.ordersOf(alice)).to.deep.equal([]);
    });

    it('blocks a second cancellation of a subject while my first is in process, naming my order', async () => {
      const { bench } = setup;
      const { subject, website } = newFiling();
      const alice = bench.person();
      const first = await bench.givenOrder(alice, 'cancel_website', website, ['example.cn']);
      await alice.chat([
        { user: `cancel the website other-example.cn, ${subject}-2`, bot: [asks(CANCEL.whole)] },
        { user: 'whole', bot: [asks(CANCEL.asker(`${subject}-2`))] },
        {
          user: 'yes',
          bot: [blocked(`Your order ${first} to cancel a website for ${website} is still in process`, say('en', 'rule.orderInProcess.insteadCancellation', { orderId: first }))],
        },
      ]);
      expect((await bench.ordersOf(alice)).map((o) => o.id)).to.deep.equal([first]);
    });

    it("blocks another user's cancellation of that subject without revealing the order id", async () => {
      const { bench } = setup;
      const { subject, website } = newFiling();
      const alice = bench.person();
      const bob = bench.person();
      const alicesOrder = await bench.givenOrder(alice, 'cancel_website', website, ['example.cn']);
      await bob.chat([
        { user: `cancel the website example.cn, ${website}`, bot: [asks(CANCEL.whole)] },
        { user: 'whole', bot: [asks(CANCEL.asker(website))] },
        {
          user: 'yes',
          bot: [message(blocked(`Another order for ${subject} is already in process (placed by someone else)`), doesNotSay(alicesOrder, ORDER_ID))],
        },
      ]);
      expect(await bench.ordersOf(bob)).to.deep.equal([]);
    });
  });
});
