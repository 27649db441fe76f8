// Inside a flow: answers the bot cannot read are re-asked with an example, and help, stop, start
// over, a question or a change of mind are answered without losing the user's place.
import { expect } from 'chai';
import { message, says, suggests } from '../../support/conversation.js';
import { cardSubmit, summaryCard, useFlowBench, type Reply, type Turn } from '../../support/flows.js';
import { asks, backTo, CANCEL, CANCEL_BUTTONS, CANCEL_TRANSFER, CHANGE, TRANSFER, stopped } from './questions.js';

const GIVE_UP = 'I still could not read that. You can try again, or stop here (nothing is recorded), or start this over.';

/** The bad answer is explained, and the same question asked again: nothing else. */
function reasks(question: string, ...problem: (string | RegExp)[]): Reply {
  return message(says(...problem, question));
}

/** "cancel my website": the flow asks for the website's number first. */
const START_WEBSITE_CANCEL: Turn = { user: 'cancel my website', bot: [asks(CANCEL.websiteNumber)] };

describe('flows: bad answers and interruptions', () => {
  // None of these gets as far as recording an order, so they can all use the same example filing.
  const setup = useFlowBench();

  describe('bad answers', () => {
    const cases: { name: string; turns: Turn[] }[] = [
      {
        name: 're-asks an ICP number it cannot read, with an example',
        turns: [START_WEBSITE_CANCEL, { user: '12345', bot: [reasks(CANCEL.websiteNumber, 'not an ICP filing number I can read', 'It looks like 京ICP备12345678号')] }],
      },
      {
        name: 're-asks an ICP number typed as its digits only, with an example',
        turns: [START_WEBSITE_CANCEL, { user: '12345678', bot: [reasks(CANCEL.websiteNumber, 'not an ICP filing number I can read', '京ICP备12345678号')] }],
      },
      {
        name: 'explains that an ICP licence number (ICP证) is not a filing number',
        turns: [
          START_WEBSITE_CANCEL,
          { user: '京ICP证000000号', bot: [reasks(CANCEL.websiteNumber, 'commercial ICP licence number (ICP证)', 'different from a filing number', '京ICP备12345678号-1')] },
        ],
      },
      {
        name: "asks for the website's number when given the subject's",
        turns: [
          START_WEBSITE_CANCEL,
          { user: '京ICP备12345678号', bot: [reasks(CANCEL.websiteNumber, "京ICP备12345678号 is the subject's number", '京ICP备12345678号-1')] },
        ],
      },
      ...['example', 'example,cn', 'http://'].map((domain) => ({
        name: `re-asks a domain it cannot read ("${domain}"), with an example`,
        turns: [
          START_WEBSITE_CANCEL,
          { user: '京ICP备12345678号-1', bot: [asks(CANCEL.domain)] },
          { user: domain, bot: [reasks(CANCEL.domain, 'not a domain name I can read', 'example.cn')] },
        ],
      })),
      {
        name: 're-asks a domain it cannot read ("example") in the transfer flow, rather than leaving it',
        turns: [
          { user: 'I want to transfer my filing to you', bot: [asks(TRANSFER.history)] },
          { user: 'Never used it', bot: [asks(TRANSFER.number)] },
          { user: '津ICP备12345678号-1', bot: [asks(TRANSFER.domain)] },
          { user: 'example', bot: [reasks(TRANSFER.domain, 'not a domain name I can read', 'example.cn')] },
        ],
      },
      {
        name: 're-asks a domain it cannot read ("example") in the change flow, rather than leaving it',
        turns: [
          { user: 'change my website information', bot: [asks(CHANGE.websiteNumber)] },
          { user: '京ICP备12345678号-1', bot: [asks(CHANGE.what)] },
          { user: 'Replace a domain with a new one', bot: [asks(CHANGE.oldDomain)] },
          { user: 'example', bot: [reasks(CHANGE.oldDomain, 'not a domain name I can read', 'example.cn')] },
        ],
      },
      {
        name: 're-asks a choice it cannot read, listing the choices',
        turns: [
          { user: 'cancel the website example.cn, 京ICP备12345678号-1', bot: [asks(CANCEL.whole)] },
          { user: 'purple', bot: [message(says('Please pick one of: "Cancel the whole website", "Only remove this domain".', CANCEL.whole), suggests(CANCEL_BUTTONS.whole))] },
        ],
      },
      {
        name: 're-asks a mobile number it cannot read in the transfer flow, with 13812345678 as the example',
        turns: [
          { user: 'I want to transfer my filing to you', bot: [asks(TRANSFER.history)] },
          { user: 'Never used it', bot: [asks(TRANSFER.number)] },
          { user: '津ICP备12345678号-1', bot: [asks(TRANSFER.domain)] },
          { user: 'example.cn', bot: [asks(TRANSFER.serviceCode)] },
          { user: 'I have the service code', bot: [asks(TRANSFER.mobile)] },
          { user: '1381234', bot: [reasks(TRANSFER.mobile, 'not a mainland China mobile number', '13812345678')] },
        ],
      },
    ];

    for (const { name, turns } of cases) {
      it(name, () => setup.bench.person().chat(turns));
    }

    const afterThree: { choice: string; reply: Reply[] }[] = [
      { choice: 'Stop', reply: [message(says('OK, I stopped the cancellation. Nothing was recorded.'))] },
      { choice: 'Start over', reply: [message(says('Starting over.')), asks(CANCEL.scope, CANCEL_BUTTONS.scope)] },
    ];

    for (const { choice, reply } of afterThree) {
      it(`offers Stop and Start over after three bad answers, and does what "${choice}" says`, async () => {
        const { bench } = setup;
        const alice = bench.person();
        await alice.chat([
          START_WEBSITE_CANCEL,
          { user: '12345', bot: [reasks(CANCEL.websiteNumber, 'not an ICP filing number')] },
          { user: '1234', bot: [reasks(CANCEL.websiteNumber, 'not an ICP filing number')] },
          { user: '123', bot: [message(says('not an ICP filing number', GIVE_UP), suggests(['Stop', 'Start over']))] },
          { user: choice, bot: reply },
        ]);
        expect(await bench.ordersOf(alice)).to.deep.equal([]);
      });
    }
  });

  describe('interruptions', () => {
    it('answers a question asked instead of the ICP number, then asks for the number again', () =>
      setup.bench.person().chat([
        START_WEBSITE_CANCEL,
        {
          user: 'how long does the cancellation review take?',
          bot: [message(says('3 to 20 business days', /_Source: .+_/)), backTo(CANCEL.websiteNumber)],
        },
        { user: '京ICP备12345678号-1', bot: [asks(CANCEL.domain)] },
      ]));

    it('shows help in the middle of a flow, then asks the same question again', () =>
      setup.bench.person().chat([
        START_WEBSITE_CANCEL,
        { user: 'help', bot: [message(says('Here is what I can do')), backTo(CANCEL.websiteNumber)] },
      ]));

    for (const { stop, locale } of [
      { stop: 'stop', locale: 'en' },
      { stop: 'cancel', locale: 'en' },
      { stop: '取消', locale: 'zh' },
    ] as const) {
      it(`stops the flow on "${stop}", saying so in its language, and records nothing`, async () => {
        const { bench } = setup;
        const alice = bench.person();
        await alice.chat([
          { user: 'cancel the website example.cn, 京ICP备12345678号-1', bot: [asks(CANCEL.whole)] },
          { user: 'whole', bot: [asks(CANCEL.asker('京ICP备12345678号-1'))] },
          { user: stop, bot: [stopped(locale)] },
        ]);
        expect(await bench.ordersOf(alice)).to.deep.equal([]);
      });
    }

    it('stops at the summary card when Stop is pressed on it, and records nothing', async () => {
      const { bench } = setup;
      const alice = bench.person();
      await alice.chat([
        { user: 'cancel the website example.cn, 京ICP备12345678号-1', bot: [asks(CANCEL.whole)] },
        { user: 'whole', bot: [asks(CANCEL.asker('京ICP备12345678号-1'))] },
        { user: 'yes', bot: [summaryCard('Ready to cancel the website example.cn')] },
        { user: cardSubmit('Stop'), bot: [message(says('OK, I stopped the cancellation. Nothing was recorded.'))] },
      ]);
      expect(await bench.ordersOf(alice)).to.deep.equal([]);
    });

    it('starts the flow over from its first question on "start over"', () =>
      setup.bench.person().chat([
        START_WEBSITE_CANCEL,
        { user: '京ICP备12345678号-1', bot: [asks(CANCEL.domain)] },
        { user: 'start over', bot: [message(says('Starting over.')), asks(CANCEL.scope, CANCEL_BUTTONS.scope)] },
        { user: 'Cancel Website', bot: [asks(CANCEL.websiteNumber)] },
      ]));

    it('leaves the cancellation for a transfer when the user changes their mind', async () => {
      const { bench } = setup;
      const alice = bench.person();
      await alice.chat([
        START_WEBSITE_CANCEL,
        { user: '京ICP备12345678号-1', bot: [asks(CANCEL.domain)] },
        {
          user: 'actually I want to transfer my filing to you',
          bot: [message(says('OK, I left the cancellation (nothing was recorded).')), asks(TRANSFER.history)],
        },
        { user: 'Never used it', bot: [asks(TRANSFER.number)] },
      ]);
      expect(await bench.ordersOf(alice)).to.deep.equal([]);
    });
  });

  describe('in every flow', () => {
    const flows: { flow: string; start: string; asks: string; firstQuestion: string; other: { start: string; asks: string } }[] = [
      {
        flow: 'the cancellation',
        start: 'cancel my website',
        asks: CANCEL.websiteNumber,
        firstQuestion: CANCEL.scope,
        other: { start: 'I want to transfer my filing to you', asks: TRANSFER.history },
      },
      {
        flow: 'the transfer',
        start: 'I want to transfer my filing to you',
        asks: TRANSFER.history,
        firstQuestion: TRANSFER.history,
        other: { start: 'cancel my website', asks: CANCEL.websiteNumber },
      },
      {
        flow: 'cancelling the transfer',
        start: 'cancel the transfer',
        asks: CANCEL_TRANSFER.number,
        firstQuestion: CANCEL_TRANSFER.number,
        other: { start: 'change my website information', asks: CHANGE.websiteNumber },
      },
      {
        flow: 'the change',
        start: 'change my website information',
        asks: CHANGE.websiteNumber,
        firstQuestion: CHANGE.scope,
        other: { start: 'cancel the transfer', asks: CANCEL_TRANSFER.number },
      },
    ];

    for (const { flow, start, asks: question, firstQuestion, other } of flows) {
      describe(flow, () => {
        it('answers an FAQ question and asks its question again', () =>
          setup.bench.person().chat([
            { user: start, bot: [asks(question)] },
            {
              user: 'how long does the cancellation review take?',
              bot: [message(says('3 to 20 business days')), backTo(question)],
            },
          ]));

        it('stops on "stop", recording nothing', async () => {
          const alice = setup.bench.person();
          await alice.chat([
            { user: start, bot: [asks(question)] },
            { user: 'stop', bot: [message(says(`OK, I stopped ${flow}. Nothing was recorded.`))] },
          ]);
          expect(await setup.bench.ordersOf(alice)).to.deep.equal([]);
        });

        it('starts over from its first question', () =>
          setup.bench.person().chat([
            { user: start, bot: [asks(question)] },
            { user: 'start over', bot: [message(says('Starting over.')), asks(firstQuestion)] },
          ]));

        it(`leaves it for another action asked for clearly ("${other.start}")`, () =>
          setup.bench.person().chat([
            { user: start, bot: [asks(question)] },
            { user: other.start, bot: [message(says(`OK, I left ${flow} (nothing was recorded).`)), asks(other.asks)] },
          ]));
      });
    }
  });
});
