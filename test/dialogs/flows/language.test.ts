// The conversation's language, as transcripts: what the user writes decides, an explicit request
// switches, a message in no language (an ICP number, a domain, "1") keeps it, mixed input goes by
// its words.
import { doesNotSay, inChinese, message, says, suggests } from '../../support/conversation.js';
import { allInChinese, newFiling, say, useFlowBench } from '../../support/flows.js';
import { asks, backTo, buttonsIn, CANCEL, CANCEL_BUTTONS } from './questions.js';

const WHOLE_BUTTONS_ZH = buttonsIn('zh', ['cancel.whole.whole', 'cancel.whole.oneDomain']);
const ASKER_BUTTONS_ZH = buttonsIn('zh', ['cancel.asker.subject', 'cancel.asker.notSubject', 'cancel.asker.cannotOnline']);
const SCOPE_BUTTONS_ZH = buttonsIn('zh', ['cancel.scope.subject', 'cancel.scope.website']);
const WEBSITE_NUMBER_ZH = say('zh', 'filing.askWebsiteNumber', { example: say('zh', 'example.websiteNumber') });
const SUBJECT_NUMBER_ZH = say('zh', 'filing.askSubjectNumber', { example: say('zh', 'example.subjectNumber') });

/** An English line (no Chinese character) in the reply's text. */
const ENGLISH_WORDS = /^[^\u3400-\u9fff]*[a-z]{2,}[^\u3400-\u9fff]*$/imu;

describe('the conversation language', () => {
  const setup = useFlowBench();

  describe('switching by simply writing in the other language', () => {
    it('continues in Chinese when an English conversation answers a step in Chinese', async () => {
      const { website } = newFiling();
      await setup.bench.person().chat([
        { user: 'cancel my website', bot: [asks(CANCEL.websiteNumber)] },
        { user: website, bot: [asks(CANCEL.domain)] },
        { user: 'example.cn', bot: [asks(CANCEL.whole, CANCEL_BUTTONS.whole)] },
        { user: '注销整个网站', bot: [message(says(say('zh', 'cancel.askAsker', { icpNumber: website })), suggests(ASKER_BUTTONS_ZH), inChinese)] },
      ]);
    });

    it('continues in English when a Chinese conversation answers a step in English', async () => {
      const { website } = newFiling();
      await setup.bench.person().chat([
        { user: `我要注销网站 example.cn，备案号${website}`, bot: [message(says(say('zh', 'cancel.askWhole', { domain: 'example.cn' })), suggests(WHOLE_BUTTONS_ZH), inChinese)] },
        { user: 'Cancel the whole website', bot: [asks(CANCEL.asker(website), CANCEL_BUTTONS.asker)] },
      ]);
    });

    it('answers a Chinese question in an English conversation in Chinese, and the next English one in English', () =>
      setup.bench.person().chat([
        { user: 'how long does the cancellation review take?', bot: [message(says('3 to 20 business days', '_Source:'))] },
        { user: '注销备案审核要多久', bot: [message(says('3到20个工作日', '_来源：'), inChinese)] },
        { user: 'how long does the cancellation review take?', bot: [message(says('3 to 20 business days', '_Source:'), doesNotSay('_来源：'))] },
      ]));
  });

  describe('mixed input goes by its words', () => {
    it('keeps an English question with a Chinese ICP number in English', () =>
      setup.bench.person().chat([
        {
          user: 'how long does the cancellation review take for 京ICP备12345678号?',
          bot: [message(says('3 to 20 business days', '_Source:'), doesNotSay('_来源：', '工作日'))],
        },
      ]));

    it('answers a Chinese sentence with English terms ("aliyun 注销主体要多久") in Chinese', () =>
      setup.bench.person().chat([{ user: 'aliyun 注销主体要多久', bot: [message(inChinese, doesNotSay(ENGLISH_WORDS))] }]));

    it('starts a flow in Chinese for a Chinese request with an English word, a number and a domain', async () => {
      const { website } = newFiling();
      await setup.bench.person().chat([{ user: `aliyun 我要注销网站 ${website}，域名 example.cn`, bot: [message(says(say('zh', 'cancel.askWhole', { domain: 'example.cn' })), inChinese)] }]);
    });
  });

  describe('an answer in no language keeps the conversation language in the middle of a flow', () => {
    it('keeps Chinese over an ICP number, a domain and "1"', async () => {
      const { bench } = setup;
      const { subject } = newFiling();
      const alice = bench.person();
      await alice.chat(
        allInChinese([
          { user: '我要注销', bot: [message(says(say('zh', 'cancel.askScope')), suggests(SCOPE_BUTTONS_ZH))] },
          // "1" picks the first button, as the terminal chat sends it, and is in no language.
          { user: '1', bot: [message(says(SUBJECT_NUMBER_ZH))] },
          { user: subject, bot: [message(says(say('zh', 'cancel.askAsker', { icpNumber: subject })), suggests(ASKER_BUTTONS_ZH))] },
        ]),
      );
      const { website } = newFiling();
      await bench.person().chat(
        allInChinese([
          { user: '我要注销网站', bot: [message(says(WEBSITE_NUMBER_ZH))] },
          { user: website, bot: [message(says(say('zh', 'cancel.askDomain')))] },
          { user: 'example.cn', bot: [message(says(say('zh', 'cancel.askWhole', { domain: 'example.cn' })), suggests(WHOLE_BUTTONS_ZH))] },
        ]),
      );
    });

    it('keeps English over an ICP number and a domain', async () => {
      const { website } = newFiling();
      await setup.bench.person().chat([
        { user: 'cancel my website', bot: [asks(CANCEL.websiteNumber)] },
        { user: website, bot: [asks(CANCEL.domain)] },
        { user: 'example.cn', bot: [asks(CANCEL.whole, CANCEL_BUTTONS.whole)] },
      ]);
    });

    it('keeps Chinese over an unreadable number, re-asking in Chinese', () =>
      setup.bench.person().chat(
        allInChinese([
          { user: '我要注销主体', bot: [message(says(SUBJECT_NUMBER_ZH))] },
          { user: '2', bot: [message(says(say('zh', 'answer.icp.unreadableSubject', { example: say('zh', 'example.subjectNumber') }), SUBJECT_NUMBER_ZH))] },
        ]),
      ));
  });

  describe('switching and remembering', () => {
    // A step's question is rendered in both languages when first asked (dialogs/form/ask-dialog.ts),
    // so a re-ask after the language changed is in the new one.
    it('re-asks the step in Chinese after a Chinese interruption in an English flow', async () => {
      const { website } = newFiling();
      await setup.bench.person().chat([
        { user: `cancel the website example.cn, ${website}`, bot: [asks(CANCEL.whole, CANCEL_BUTTONS.whole)] },
        {
          user: '注销备案审核要多久',
          bot: [message(inChinese), message(inChinese, backTo(say('zh', 'cancel.askWhole', { domain: 'example.cn' }), WHOLE_BUTTONS_ZH, 'zh'))],
        },
      ]);
    });

    // "English please" in the middle of a flow: acknowledged, and the pending step asked again in English.
    it('switches a Chinese flow to English on "English please", re-asking the step in English', async () => {
      const { website } = newFiling();
      await setup.bench.person().chat([
        { user: '我要注销网站', bot: [message(says(WEBSITE_NUMBER_ZH))] },
        { user: website, bot: [message(says(say('zh', 'cancel.askDomain')))] },
        { user: 'English please', bot: [message(says(CANCEL.domain), doesNotSay('not a domain name', '域名'))] },
      ]);
    });

    // "说中文" at a choice step is a request for Chinese, not a wrong choice.
    it('switches an English flow to Chinese on "说中文", re-asking the step in Chinese', async () => {
      const { website } = newFiling();
      await setup.bench.person().chat([
        { user: `cancel the website example.cn, ${website}`, bot: [asks(CANCEL.whole, CANCEL_BUTTONS.whole)] },
        { user: '说中文', bot: [message(says(say('zh', 'cancel.askWhole', { domain: 'example.cn' })), suggests(WHOLE_BUTTONS_ZH), inChinese)] },
      ]);
    });

    // Outside a flow the conversation's language is kept in memory (no state is saved for questions
    // alone), so an ICP number after a Chinese question is answered in Chinese.
    it('keeps Chinese for an ICP number sent after a Chinese question', async () => {
      const { subject } = newFiling();
      await setup.bench.person().chat([
        { user: '注销备案审核要多久', bot: [message(inChinese)] },
        { user: subject, bot: [message(inChinese)] },
      ]);
    });

    // A request for a language alone is a command: acknowledged, with help, in that language.
    it('acknowledges "说中文" outside a flow instead of saying it does not know', () =>
      setup.bench.person().chat([{ user: '说中文', bot: [message(inChinese, doesNotSay(say('zh', 'conversation.unknown')))] }]));
  });
});
