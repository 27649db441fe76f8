// Answers inside a flow as a person means them: stopping in their own words at any step, a question
// at a choice step answered (not taken as the choice), and the step's buttons on the reply's last message.
import type { Activity } from 'botbuilder';
import { expect } from 'chai';
import { doesNotSay, message, says, suggests } from '../../support/conversation.js';
import { cardSubmit, cardText, newFiling, summaryCard, useFlowBench, type Reply, type Turn } from '../../support/flows.js';
import { asks, backTo, CANCEL, CANCEL_BUTTONS } from './questions.js';

const STOPPED = message(says('OK, I stopped the cancellation. Nothing was recorded.'));

const STOP_PHRASES = [
  "please stop, I don't want to do this now",
  'stop, I changed my mind',
  'never mind',
  'forget it, not now',
  '不办了',
  '算了，先不注销了',
  '我不想办了',
  '先不弄了',
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

/** An answer inside a flow: no suggested actions of its own, its buttons (if any) on a card instead. */
function answerWithoutSuggestions(...parts: (string | RegExp)[]): Reply {
  return message(says(...parts), (reply) => expect(reply.suggestedActions?.actions ?? [], 'suggested actions on a middle message').to.deep.equal([]));
}

describe('flows: answers as a person means them', () => {
  const setup = useFlowBench();

  describe('stopping in natural words at any step', () => {
    for (const step of ['typed', 'choice', 'yesNo', 'summary'] as const) {
      for (const phrase of STOP_PHRASES) {
        it(`stops at the ${step} step on "${phrase}" and records nothing`, async () => {
          const alice = setup.bench.person();
          await alice.chat([...upTo(step).turns, { user: phrase, bot: [STOPPED] }]);
          expect(await setup.bench.ordersOf(alice)).to.deep.equal([]);
        });
      }
    }

    for (const phrase of ['actually no, stop. I changed my mind', '不是，算了，我改主意了']) {
      it(`stops at "Are you the filing subject?" on "${phrase}", rather than answering "No"`, async () => {
        const alice = setup.bench.person();
        await alice.chat([...upTo('yesNo').turns, { user: phrase, bot: [STOPPED] }]);
        expect(await setup.bench.ordersOf(alice)).to.deep.equal([]);
      });
    }

    for (const no of ['no', '不是']) {
      it(`takes a plain "${no}" at a yes/no question as the answer, not as stop`, async () => {
        const { bench } = setup;
        const alice = bench.person();
        const transfer = await bench.givenOrder(alice, 'transfer_in', newFiling('津').website, ['example.cn']);
        await alice.chat([
          { user: `withdraw ${transfer}`, bot: [message(says(`Withdraw order ${transfer}`))] },
          { user: no, bot: [message(says('OK, I kept the order as it is.'), doesNotSay('stopped'))] },
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
    const questions = [
      { language: 'English', question: 'Does cancelling the subject also cancel all my websites?' },
      { language: 'Chinese', question: '注销主体会把所有网站都注销吗？' },
    ];
    for (const { language, question } of questions) {
      it(`answers it (${language}) and asks the choice again with its buttons, not taking "all" for the whole website`, async () => {
        const alice = setup.bench.person();
        await alice.chat([
          ...upTo('choice').turns,
          { user: question, bot: [answerWithoutSuggestions(/_Source: .+_/), backTo(CANCEL.whole, CANCEL_BUTTONS.whole)] },
          // The user never said how many domains the website has: the bot does not invent a number.
          { user: 'Only remove this domain', bot: [message(says('Cancel Website would remove the whole website with all of its domains, not only example.cn.'), doesNotSay(/all \d+ of its domains/))] },
        ]);
        expect(await setup.bench.ordersOf(alice)).to.deep.equal([]);
      });
    }

    it('offers likely questions for a vague question that names a choice ("what does subject mean?"), not picking that choice', () =>
      setup.bench.person().chat([
        { user: 'I want to cancel my filing', bot: [asks(CANCEL.scope, CANCEL_BUTTONS.scope)] },
        { user: 'what does subject mean?', bot: [answerWithoutSuggestions('Did you mean one of these?'), backTo(CANCEL.scope, CANCEL_BUTTONS.scope)] },
      ]));

    it('takes a button title as the answer', () => setup.bench.person().chat(upTo('yesNo').turns));
  });

  describe("the step's buttons on the last message after an interruption", () => {
    it('after a "did you mean", its choices are card buttons and the last message asks the step with its buttons', async () => {
      const alice = setup.bench.person();
      const replies: Partial<Activity>[] = [];
      await alice.chat(upTo('choice').turns);
      replies.push(...(await alice.deliver('what does subject mean?')));
      expect(replies, 'an answer, then the question again').to.have.length(2);
      const [answer, last] = replies;
      expect(answer?.suggestedActions?.actions ?? []).to.deep.equal([]);
      expect(cardText(answer ?? {}), 'the answer offers its questions on a card').not.to.equal('');
      backTo(CANCEL.whole, CANCEL_BUTTONS.whole)(last ?? {});
    });

    it('answers a question pressed on the card and asks the step again', async () => {
      const alice = setup.bench.person();
      await alice.chat(upTo('choice').turns);
      const [answer] = await alice.deliver('what does subject mean?');
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
        { user: '帮助', bot: [answerWithoutSuggestions('Here is what I can do'), backTo(CANCEL.asker(website), CANCEL_BUTTONS.asker)] },
      ]);
    });

    it('keeps the summary card on the last message after a question at the summary', async () => {
      const alice = setup.bench.person();
      await alice.chat([
        ...upTo('summary').turns,
        { user: '注销备案审核要多久', bot: [answerWithoutSuggestions(/_Source: .+_/), summaryCard('Now, back to where we were:', 'Ready to cancel the website example.cn')] },
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
