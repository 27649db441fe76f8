// The change flow's one free-text answer (which details change): shown as typed, never as markup,
// and never holding an identity number, phone number or e-mail address, which are refused with the
// reason instead of being stored in the order.
import { expect } from 'chai';
import { message, says } from '../../support/conversation.js';
import { filesHolding } from '../../support/files.js';
import { newFiling, recorded, say, summaryCard, summaryCardIn, useFlowBench, type Turn } from '../../support/flows.js';
import { asks, CHANGE } from './questions.js';

/** Up to "Which details change?" for a new website filing. */
function upToDetails(): Turn[] {
  return [
    { user: 'change my website information', bot: [asks(CHANGE.websiteNumber)] },
    { user: newFiling().website, bot: [asks(CHANGE.what)] },
    { user: 'Website name or other details', bot: [asks(CHANGE.details)] },
  ];
}

describe('flows: free-text field names', () => {
  const setup = useFlowBench();

  const personal = [
    { typed: 'website name, 13812345678', kind: 'personalData.phoneNumber', secret: '13812345678' },
    { typed: 'administrator 110101199003071234', kind: 'personalData.identityNumber', secret: '110101199003071234' },
    { typed: 'contact 010-87654321', kind: 'personalData.phoneNumber', secret: '87654321' },
    { typed: 'e-mail: owner@example.cn', kind: 'personalData.email', secret: 'owner@example.cn' },
  ] as const;
  for (const { typed, kind, secret } of personal) {
    it(`refuses "${typed}" with the reason, then takes the field names alone; nothing stored holds it`, async () => {
      const { bench } = setup;
      const alice = bench.person();
      const refusal = say('en', 'answer.fields.personalData', { kind: say('en', kind) });
      await alice.chat([
        ...upToDetails(),
        { user: typed, bot: [message(says(refusal, CHANGE.details))] },
        { user: 'website name', bot: [summaryCard('website name')] },
        { user: 'Confirm', bot: [recorded()] },
      ]);
      expect(await bench.ordersOf(alice)).to.have.length(1);
      expect(filesHolding(bench.dataDir, secret)).to.deep.equal([]);
    });
  }

  it('refuses an identity number in Chinese, naming it in Chinese', async () => {
    const alice = setup.bench.person();
    const { website } = newFiling();
    await alice.chat([
      { user: '我要变更网站信息', bot: [message(says(say('zh', 'filing.askWebsiteNumber', { example: say('zh', 'example.websiteNumber') })))] },
      { user: website, bot: [message(says(say('zh', 'change.askWhat')))] },
      { user: say('zh', 'change.what.websiteDetails'), bot: [message(says(say('zh', 'change.askDetails')))] },
      {
        user: '网站负责人，身份证110101199003071234',
        bot: [message(says(say('zh', 'answer.fields.personalData', { kind: say('zh', 'personalData.identityNumber') })))],
      },
      { user: '网站负责人', bot: [summaryCardIn('zh', '网站负责人')] },
    ]);
  });

  it('shows markdown and HTML typed as field names as plain text on the card', async () => {
    const alice = setup.bench.person();
    await alice.chat([
      ...upToDetails(),
      { user: '*website name*, <b>icon</b>, [link](http://x.cn)', bot: [summaryCard('\\*website name\\*, \\<b\\>icon\\</b\\>, \\[link\\](http://x.cn)')] },
    ]);
  });
});
