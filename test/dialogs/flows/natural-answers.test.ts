// Answers inside a flow as a person means them: stopping in their own words at any step, a question
// at a choice step answered (not taken as the choice), and the step's buttons on the reply's last message.
import type { Activity } from 'botbuilder';
import { expect } from 'chai';
import type { Locale } from '../../../src/knowledge/catalogue.js';
import { doesNotSay, inChinese, message, says, suggests } from '../../support/conversation.js';
import { cardSubmit, cardText, newFiling, say, summaryCard, summaryCardIn, useFlowBench, type Reply, type Turn } from '../../support/flows.js';
import { asks, backTo, buttonsIn, CANCEL, CANCEL_BUTTONS, stopped } from './questions.js';

/** Stopping in Chinese in an English conversation: the reply follows the language the user now writes. */
const STOP_PHRASES: readonly { phrase: string; locale: Locale }[] = [
  { phrase: "please stop, I don't want to do this now", locale: 'en' },
  { phrase: 'stop, I changed my mind', locale: 'en' },
  { phrase: 'never mind', locale: 'en' },
  { phrase: 'forget it, not now', locale: 'en' },
  { phrase: '不办了', locale: 'zh' },
  { phrase: '算了，先不注销了', locale: 'zh' },
  { phrase: '我不想办了', locale: 'zh' },
  { phrase: '先不弄了', locale: 'zh' },
];

/** The turns that bring a website cancellation to each kind of step, for a filing of its own. */
function upTo(step: 'typed' | 'choice' | 'yesNo' | 'summary'): { turns: Turn[]; website: string } {
  const { website } = newFiling();
  if (step === 'typed') return { turns: [{ user: 'cancel my website', bot: [asks(CANCEL.websiteNumber)] }], website };
  const turns: Turn[] = [{ user: `cancel the website example.cn, ${website}`, bot: [asks(CANCEL.whole, CANCEL_BUTTONS.whole)] }];
  if (step !== 'choice') turns.push({ user: 'Cancel the whole website', bot: [asks(CANCEL.asker(website), CANCEL_BUTTONS.asker)] });
  if (step === 'summary') turns.push({ user: 'Yes, I am the subject', bot: [summaryCard('Ready to cancel the website example.cn')] });
  return { turns, website };
}

const WHOLE_BUTTONS_ZH = buttonsIn('zh', ['cancel.whole.whole', 'cancel.whole.oneDomain']);
const ASKER_BUTTONS_ZH = buttonsIn('zh', ['cancel.asker.subject', 'cancel.asker.notSubject', 'cancel.asker.cannotOnline']);

/** The same steps in a conversation held in Chinese, buttons pressed by their Chinese titles. */
function upToInChinese(step: 'choice' | 'yesNo' | 'summary'): { turns: Turn[]; website: string; whole: string; asker: string; title: string } {
  const { website } = newFiling();
  const whole = say('zh', 'cancel.askWhole', { domain: 'example.cn' });
  const asker = say('zh', 'cancel.askAsker', { icpNumber: website });
  const title = say('zh', 'cancel.title', { action: say('zh', 'cancel.describe.website', { domain: 'example.cn', icpNumber: website }) });
  const turns: Turn[] = [{ user: `我要注销网站 example.cn，备案号${website}`, bot: [message(says(whole), suggests(WHOLE_BUTTONS_ZH), inChinese)] }];
  if (step !== 'choice') turns.push({ user: say('zh', 'cancel.whole.whole'), bot: [message(says(asker), suggests(ASKER_BUTTONS_ZH), inChinese)] });
  if (step === 'summary') turns.push({ user: say('zh', 'cancel.asker.subject'), bot: [summaryCardIn('zh', title)] });
  return { turns, website, whole, asker, title };
}

/** An answer inside a flow: no suggested actions of its own, its buttons (if any) on a card instead. */
function answerWithoutSuggestions(...parts: (string | RegExp)[]): Reply {
  return message(says(...parts), (reply) => expect(reply.suggestedActions?.actions ?? [], 'suggested actions on a middle message').to.deep.equal([]));
}

describe('flows: answers as a person means them', () => {
  const setup = useFlowBench();

  describe('stopping in natural words at any step', () => {
    for (const step of ['typed', 'choice', 'yesNo', 'summary'] as const) {
      for (const { phrase, locale } of STOP_PHRASES) {
        it(`stops at the ${step} step on "${phrase}" (answering in its language) and records nothing`, async () => {
          const alice = setup.bench.person();
          await alice.chat([...upTo(step).turns, { user: phrase, bot: [stopped(locale)] }]);
          expect(await setup.bench.ordersOf(alice)).to.deep.equal([]);
        });
      }
    }

    for (const { phrase, locale } of [
      { phrase: 'actually no, stop. I changed my mind', locale: 'en' },
      { phrase: '不是，算了，我改主意了', locale: 'zh' },
    ] as const) {
      it(`stops at "Are you the filing subject?" on "${phrase}", rather than answering "No"`, async () => {
        const alice = setup.bench.person();
        await alice.chat([...upTo('yesNo').turns, { user: phrase, bot: [stopped(locale)] }]);
        expect(await setup.bench.ordersOf(alice)).to.deep.equal([]);
      });
    }

    for (const { no, locale } of [
      { no: 'no', locale: 'en' },
      { no: '不是', locale: 'zh' },
    ] as const) {
      it(`takes a plain "${no}" at a yes/no question as the answer, not as stop`, async () => {
        const { bench } = setup;
        const alice = bench.person();
        const transfer = await bench.givenOrder(alice, 'transfer_in', newFiling('津').website, ['example.cn']);
        await alice.chat([
          { user: `withdraw ${transfer}`, bot: [message(says(`Withdraw order ${transfer}`))] },
          { user: no, bot: [message(says(say(locale, 'orders.kept')), doesNotSay('stopped', say(locale, 'conversation.stopped', { flow: say(locale, 'flow.withdraw.name') })))] },
        ]);
        expect((await bench.ordersOf(alice)).map((o) => o.state)).to.deep.equal(['in_process']);
      });
    }

    it('still reads "cancel my website" as an action, not as stop, outside a flow', () =>
      setup.bench.person().chat([{ user: 'cancel my website', bot: [asks(CANCEL.websiteNumber)] }]));

    it('says there is nothing to stop when no flow runs', () =>
      setup.bench.person().chat([{ user: "please stop, I don't want to do this now", bot: [message(doesNotSay('ICP filing number'))] }]));
  });

  describe('a question at a choice step', () => {
    it('answers it (English) and asks the choice again with its buttons, not taking "all" for the whole website', async () => {
      const alice = setup.bench.person();
      await alice.chat([
        ...upTo('choice').turns,
        {
          user: 'Does cancelling the subject also cancel all my websites?',
          bot: [answerWithoutSuggestions(/_Source: .+_/), backTo(CANCEL.whole, CANCEL_BUTTONS.whole)],
        },
        // The user never said how many domains the website has: the bot does not invent a number.
        { user: 'Only remove this domain', bot: [message(says('Cancel Website would remove the whole website with all of its domains, not only example.cn.'), doesNotSay(/all \d+ of its domains/))] },
      ]);
      expect(await setup.bench.ordersOf(alice)).to.deep.equal([]);
    });

    it('answers it (Chinese, in Chinese) and asks the choice again with its buttons, not taking "所有" for the whole website', async () => {
      const alice = setup.bench.person();
      const { turns, whole } = upToInChinese('choice');
      await alice.chat([
        ...turns,
        { user: '注销主体会把所有网站都注销吗？', bot: [message(answerWithoutSuggestions(/_来源：.+_/), inChinese), message(inChinese, backTo(whole, WHOLE_BUTTONS_ZH, 'zh'))] },
        {
          user: say('zh', 'cancel.whole.oneDomain'),
          bot: [message(says(say('zh', 'rule.dropOneDomain.reason', { domains: 'example.cn' })), doesNotSay(/全部 \d+ 个域名/), inChinese)],
        },
      ]);
      expect(await setup.bench.ordersOf(alice)).to.deep.equal([]);
    });

    it('offers likely questions for a vague question that names a choice ("what about the subject?"), not picking that choice', () =>
      setup.bench.person().chat([
        { user: 'I want to cancel my filing', bot: [asks(CANCEL.scope, CANCEL_BUTTONS.scope)] },
        { user: 'what about the subject?', bot: [answerWithoutSuggestions('Did you mean one of these?'), backTo(CANCEL.scope, CANCEL_BUTTONS.scope)] },
      ]));

    it('takes a button title as the answer', () => setup.bench.person().chat(upTo('yesNo').turns));
  });

  describe("the step's buttons on the last message after an interruption", () => {
    it('after a "did you mean", its choices are card buttons and the last message asks the step with its buttons', async () => {
      const alice = setup.bench.person();
      const replies: Partial<Activity>[] = [];
      await alice.chat(upTo('choice').turns);
      replies.push(...(await alice.deliver('what about the subject?')));
      expect(replies, 'an answer, then the question again').to.have.length(2);
      const [answer, last] = replies;
      expect(answer?.suggestedActions?.actions ?? []).to.deep.equal([]);
      expect(cardText(answer ?? {}), 'the answer offers its questions on a card').not.to.equal('');
      backTo(CANCEL.whole, CANCEL_BUTTONS.whole)(last ?? {});
    });

    it('answers a question pressed on the card and asks the step again', async () => {
      const alice = setup.bench.person();
      await alice.chat(upTo('choice').turns);
      const [answer] = await alice.deliver('what about the subject?');
      const [firstQuestion] = cardText(answer ?? {}).split('\n');
      await alice.chat([{ user: cardSubmit(firstQuestion ?? ''), bot: [answerWithoutSuggestions(/_Source: .+_/), backTo(CANCEL.whole, CANCEL_BUTTONS.whole)] }]);
    });

    it('after an FAQ answer with related questions, the related ones are card buttons and the step keeps its buttons', async () => {
      await setup.bench.person().chat([
        ...upTo('choice').turns,
        { user: 'how long does the cancellation review take?', bot: [answerWithoutSuggestions('3 to 20 business days'), backTo(CANCEL.whole, CANCEL_BUTTONS.whole)] },
      ]);
    });

    it('after help, the step is asked again with its buttons on the last message', async () => {
      const { turns, website } = upTo('yesNo');
      await setup.bench.person().chat([
        ...turns,
        { user: 'help', bot: [answerWithoutSuggestions('Here is what I can do'), backTo(CANCEL.asker(website), CANCEL_BUTTONS.asker)] },
      ]);
    });

    it('after help in a Chinese conversation, the step is asked again in Chinese with its buttons on the last message', async () => {
      const { turns, asker } = upToInChinese('yesNo');
      await setup.bench.person().chat([
        ...turns,
        { user: '帮助', bot: [message(answerWithoutSuggestions(say('zh', 'conversation.help')), inChinese), message(inChinese, backTo(asker, ASKER_BUTTONS_ZH, 'zh'))] },
      ]);
    });

    it('keeps the summary card on the last message after a question at the summary', async () => {
      const alice = setup.bench.person();
      const { turns, title } = upToInChinese('summary');
      await alice.chat([
        ...turns,
        { user: '注销备案审核要多久', bot: [answerWithoutSuggestions(/_来源：.+_/, '3到20个工作日'), summaryCardIn('zh', say('zh', 'conversation.backToFlow'), title)] },
      ]);
      expect(await setup.bench.ordersOf(alice)).to.deep.equal([]);
    });
  });

  it('re-asks the choice with its buttons when the answer is nothing it can read', async () => {
    await setup.bench.person().chat([
      ...upTo('choice').turns,
      { user: 'purple', bot: [message(says('Please pick one of', CANCEL.whole), suggests(CANCEL_BUTTONS.whole))] },
    ]);
  });
});
