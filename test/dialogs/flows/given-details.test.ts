// What the user already said is kept: the scope they named ("website", "主体") is never overridden by a
// guess, a number that contradicts it makes the bot ask, and nothing given up front is asked again.
import { expect } from 'chai';
import { inChinese, message, says, suggests } from '../../support/conversation.js';
import { allInChinese, newFiling, recorded, recordedZh, say, summaryCard, summaryCardIn, useFlowBench, type Turn } from '../../support/flows.js';
import { asks, buttonsIn, CANCEL, CANCEL_BUTTONS, CHANGE, TRANSFER } from './questions.js';

type Filing = { subject: string; website: string };
/** Why the bot asks for the scope when the words and the number disagree. */
const SUBJECT_SAID = (f: Filing) => `You mentioned the subject, but ${f.website} is the filing number of one website`;
const WEBSITE_SAID = (f: Filing) => `You mentioned a website, but ${f.subject} is the subject's filing number`;
const SUBJECT_SAID_ZH = (f: Filing) => say('zh', 'scope.subjectSaidWebsiteGiven', { icpNumber: f.website });
const WEBSITE_SAID_ZH = (f: Filing) => say('zh', 'scope.websiteSaidSubjectGiven', { icpNumber: f.subject });
const SCOPE_BUTTONS_ZH = buttonsIn('zh', ['cancel.scope.subject', 'cancel.scope.website']);

describe('flows: what the user already said', () => {
  const setup = useFlowBench();

  describe('"website" with a website number is a website cancellation', () => {
    it('starts Cancel Website for the number given (English) and records a website cancellation', async () => {
      const { bench } = setup;
      const { website } = newFiling('沪');
      const alice = bench.person();
      await alice.chat([
        { user: `cancel website, filing number ${website}`, bot: [asks(CANCEL.domain)] },
        { user: 'example.cn', bot: [asks(CANCEL.whole, CANCEL_BUTTONS.whole)] },
        { user: 'Cancel the whole website', bot: [asks(CANCEL.asker(website))] },
        { user: 'Yes, I am the subject', bot: [summaryCard(`Ready to cancel the website example.cn (${website})`)] },
        { user: 'Confirm', bot: [recorded('to cancel the website example.cn')] },
      ]);
      expect((await bench.ordersOf(alice)).map((o) => [o.type, o.filing.icpNumber])).to.deep.equal([['cancel_website', website]]);
    });

    it('starts Cancel Website for the number given (Chinese), in Chinese, and records a website cancellation', async () => {
      const { bench } = setup;
      const { website } = newFiling('沪');
      const alice = bench.person();
      const turns: Turn[] = [
        { user: `我要注销网站，备案号${website}`, bot: [asks(say('zh', 'cancel.askDomain'))] },
        { user: 'example.cn', bot: [asks(say('zh', 'cancel.askWhole', { domain: 'example.cn' }), buttonsIn('zh', ['cancel.whole.whole', 'cancel.whole.oneDomain']))] },
        { user: '注销整个网站', bot: [asks(say('zh', 'cancel.askAsker', { icpNumber: website }))] },
        { user: '是，我是备案主体', bot: [summaryCardIn('zh', `确认要注销网站 example.cn（${website}）吗？`)] },
        { user: '确认', bot: [recordedZh('注销网站')] },
      ];
      await alice.chat(allInChinese(turns));
      expect((await bench.ordersOf(alice)).map((o) => [o.type, o.filing.icpNumber])).to.deep.equal([['cancel_website', website]]);
    });
  });

  describe('a number that contradicts the words makes the bot ask', () => {
    const conflicts = [
      { said: '"subject" with a website number', start: (f: Filing) => `I want to cancel the subject ${f.website}`, why: SUBJECT_SAID },
      { said: '"主体" with a website number', start: (f: Filing) => `我要注销主体，备案号${f.website}`, why: SUBJECT_SAID_ZH },
      { said: '"website" with a subject number', start: (f: Filing) => `I want to cancel the website ${f.subject}`, why: WEBSITE_SAID },
      { said: '"网站" with a subject number', start: (f: Filing) => `我要注销网站 ${f.subject}`, why: WEBSITE_SAID_ZH },
    ];
    for (const { said, start, why } of conflicts) {
      it(`asks which kind of cancellation on ${said}, saying why, rather than guessing`, async () => {
        const alice = setup.bench.person();
        const filing = newFiling();
        const chinese = why === SUBJECT_SAID_ZH || why === WEBSITE_SAID_ZH;
        const scope = chinese ? message(says(why(filing), say('zh', 'cancel.askScope')), suggests(SCOPE_BUTTONS_ZH), inChinese) : message(says(why(filing), CANCEL.scope), suggests(CANCEL_BUTTONS.scope));
        await alice.chat([{ user: start(filing), bot: [scope] }]);
        expect(await setup.bench.ordersOf(alice)).to.deep.equal([]);
      });
    }

    it('asks for the subject number only, once the user picks Cancel Subject, and keeps the number given', async () => {
      const { bench } = setup;
      const filing = newFiling();
      const alice = bench.person();
      await alice.chat([
        { user: `I want to cancel the subject ${filing.website}`, bot: [asks(CANCEL.scope, CANCEL_BUTTONS.scope)] },
        { user: 'Cancel Subject', bot: [asks(CANCEL.asker(filing.website))] },
      ]);
    });
  });

  describe('nothing given is asked again', () => {
    it('cancel: a website number and a domain skip straight to "whole or only this domain?"', () =>
      setup.bench.person().chat([{ user: `cancel the website example.cn, ${newFiling().website}`, bot: [asks(CANCEL.whole, CANCEL_BUTTONS.whole)] }]));

    it('cancel: "主体" and a subject number skip to who is asking', () => {
      const { subject } = newFiling();
      return setup.bench.person().chat([{ user: `我要注销主体 ${subject}`, bot: [message(asks(say('zh', 'cancel.askAsker', { icpNumber: subject })), inChinese)] }]);
    });

    it('transfer: the number and the domain given are not asked again', () =>
      setup.bench.person().chat([
        { user: `transfer ${newFiling('津').website} example.cn to you`, bot: [asks(TRANSFER.history)] },
        { user: 'Never used it', bot: [asks(TRANSFER.serviceCode)] },
      ]));

    it('change: the old and the new domain given are not asked again', async () => {
      const { website } = newFiling();
      await setup.bench.person().chat([
        {
          user: `I want to change my website ${website}: replace the domain old-example.cn with new-example.cn`,
          bot: [summaryCard('What changes: domain old-example.cn replaced by new-example.cn')],
        },
      ]);
    });

    it('change: the target province given is not asked again', async () => {
      const { website } = newFiling();
      await setup.bench.person().chat([
        {
          user: `I want to change my website ${website} and move it to Guangdong`,
          bot: [message(says(`The province of a filing cannot be changed: ${website} stays registered in Beijing.`))],
        },
      ]);
    });

    it('change (Chinese): the old and the new domain given are not asked again', async () => {
      const { website } = newFiling();
      await setup.bench.person().chat([
        {
          user: `我要变更网站，备案号${website}，把域名old-example.cn换成new-example.cn`,
          bot: [message(summaryCardIn('zh', `${say('zh', 'change.label.whatChanges')}: ${say('zh', 'change.changes.replaceDomain', { oldDomain: 'old-example.cn', newDomain: 'new-example.cn' })}`), inChinese)],
        },
      ]);
    });

    it('change (Chinese): the target province given is not asked again', async () => {
      const { website } = newFiling();
      await setup.bench.person().chat([
        {
          user: `我要变更网站信息，把${website}迁到广东`,
          bot: [message(says(say('zh', 'rule.provinceChange.reason', { icpNumber: website, province: '北京' }), say('zh', 'rule.provinceChange.instead', { newProvince: '广东' })), inChinese)],
        },
      ]);
    });

    it('transfer (Chinese): the number and the domain given are not asked again', () =>
      setup.bench.person().chat([
        { user: `我要转入备案 ${newFiling('津').website} example.cn`, bot: [message(asks(say('zh', 'transfer.askHistory')), inChinese)] },
        { user: say('zh', 'transfer.history.never'), bot: [message(asks(say('zh', 'transfer.askServiceCode')), inChinese)] },
      ]));

    it('change: "subject" with a website number asks which information, saying why', async () => {
      const filing = newFiling();
      await setup.bench.person().chat([
        { user: `I want to change the subject information of ${filing.website}`, bot: [message(says(SUBJECT_SAID(filing), CHANGE.scope))] },
      ]);
    });

    it('change (Chinese): "主体" with a website number asks which information, saying why', async () => {
      // "我要" asks for the change: the website number in it must not turn it into a question about numbers.
      const filing = newFiling();
      await setup.bench.person().chat([
        { user: `我要变更主体信息，备案号${filing.website}`, bot: [message(says(SUBJECT_SAID_ZH(filing), say('zh', 'change.askScope')), inChinese)] },
      ]);
    });

    it('change: "网站" and the number given skip to what changes', async () => {
      await setup.bench.person().chat([{ user: `我要变更网站信息，备案号${newFiling().website}`, bot: [message(asks(say('zh', 'change.askWhat')), inChinese)] }]);
    });
  });
});
