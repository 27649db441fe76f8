// What the conversation tells operators about the questions it could not answer and the answers
// users judged: "I don't know" and an unresolved "did you mean" are logged, a confident answer
// outside a flow offers Helpful / Not helpful, and the user's next message settles the last reply.
// Only scrubbed text is logged (src/understanding/question-scrub.ts), never who asked.
import { ActionTypes, MessageFactory, type Activity, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { LOCALES, message } from '../src/knowledge/catalogue.js';
import { QuestionLocale, ScrubbedText, type QuestionLog } from '../src/domain/questions/question-log.js';
import type { FaqResult } from '../src/understanding/faq-search.js';
import { scrubQuestion } from '../src/understanding/question-scrub.js';
import type { Understanding } from '../src/understanding/understanding.js';
import { log } from '../src/log.js';
import { answerText } from './answer-text.js';
import { localeOf } from './locale.js';
import { Words } from './messages/words.js';

/**
 * The bot's last FAQ reply, kept in the conversation state until the user's next message: the
 * entry answered (for feedback), or the entries offered (to tell whether the user picked one).
 */
const LastFaqReply = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('answer'), entryId: z.string(), question: ScrubbedText, locale: QuestionLocale }),
  z.object({ kind: z.literal('choose'), candidates: z.array(z.string()), question: ScrubbedText, locale: QuestionLocale }),
]);
type LastFaqReply = z.infer<typeof LastFaqReply>;

/** Emoji presentation selectors and skin tones do not change what a thumb says. */
const EMOJI_VARIANTS = /\uFE0E|\uFE0F|\uD83C[\uDFFB-\uDFFF]/g;
const THUMBS_UP = '👍';
const THUMBS_DOWN = '👎';

/** Where the dialogs are told what happened to a reply they sent. */
export interface FaqReplySent {
  /** What the user asked, as typed: scrubbed here before anything keeps it. */
  asked: string;
  result: FaqResult;
  reply: Partial<Activity>;
  /** Inside a flow the flow's question owns the buttons: no feedback is offered there. */
  inFlow: boolean;
}

export class QuestionLearning {
  constructor(
    private readonly questions: QuestionLog,
    private readonly lastReply: StatePropertyAccessor<unknown>,
    private readonly understanding: Understanding,
    private readonly now: () => Date,
  ) {}

  /**
   * Settles the last FAQ reply with the user's new message, before anything else reads it. Returns
   * true when the message was feedback on the last answer (recorded and thanked: nothing more to
   * do); any other message goes on as usual, and one that did not pick an offered "did you mean"
   * logs that question as unresolved.
   */
  async settleLastReply(context: TurnContext): Promise<boolean> {
    const saved: unknown = await this.lastReply.get(context);
    if (saved === undefined) return false;
    await this.lastReply.delete(context);
    const last = LastFaqReply.safeParse(saved);
    // A reply remembered by another version is forgotten, not guessed at.
    if (!last.success) return false;
    const text = answerText(context.activity);
    if (last.data.kind === 'answer') {
      const helpful = this.feedbackIn(text);
      if (helpful === undefined) return false;
      const { entryId, question, locale } = last.data;
      await this.keep('feedback on an answer', () => this.questions.recordFeedback({ entryId, helpful, locale, question, at: this.now().toISOString() }));
      const words = new Words(this.understanding.knowledge.catalogue, localeOf(context));
      await context.sendActivity(words.say(message(helpful ? 'feedback.thanksHelpful' : 'feedback.thanksNotHelpful')));
      return true;
    }
    if (!this.picksOneOf(text, last.data.candidates)) {
      const { question, locale, candidates } = last.data;
      await this.keep('an unresolved question', () =>
        this.questions.recordUnanswered({ text: question, locale, outcome: 'unresolved', candidates, at: this.now().toISOString() }),
      );
    }
    return false;
  }

  /**
   * After an FAQ reply is built: logs "I don't know", remembers a "did you mean" and a confident
   * answer, and adds Helpful / Not helpful after the answer's own buttons (its related questions):
   * Web Chat shows suggested actions only on the last message, so they must be one set. Returns the
   * reply to send.
   */
  async replied(context: TurnContext, sent: FaqReplySent): Promise<Partial<Activity>> {
    const { result, reply } = sent;
    const locale = localeOf(context);
    switch (result.kind) {
      case 'unknown': {
        // "Helpful" with no answer to judge (tapped twice, say) is not a question anyone needs answered.
        if (this.feedbackIn(sent.asked) !== undefined) return reply;
        const candidates = result.alternatives.map((match) => match.entry.id);
        const text = scrubQuestion(sent.asked);
        await this.keep('an unknown question', () =>
          this.questions.recordUnanswered({ text, locale, outcome: 'unknown', candidates, at: this.now().toISOString() }),
        );
        return reply;
      }
      case 'choose':
        await this.remember(context, { kind: 'choose', candidates: result.options.map((m) => m.entry.id), question: scrubQuestion(sent.asked), locale });
        return reply;
      case 'answer': {
        if (sent.inFlow) return reply;
        await this.remember(context, { kind: 'answer', entryId: result.match.entry.id, question: scrubQuestion(sent.asked), locale });
        return withFeedbackButtons(reply, new Words(this.understanding.knowledge.catalogue, locale));
      }
    }
  }

  private async remember(context: TurnContext, last: LastFaqReply): Promise<void> {
    await this.lastReply.set(context, last);
  }

  /** True for Helpful (or 👍), false for Not helpful (or 👎), in either language; undefined for anything else. */
  private feedbackIn(text: string): boolean | undefined {
    const said = text.replace(EMOJI_VARIANTS, '').trim().toLowerCase();
    const titles = (id: 'feedback.button.helpful' | 'feedback.button.notHelpful') =>
      LOCALES.map((locale) => new Words(this.understanding.knowledge.catalogue, locale).say(message(id)).toLowerCase());
    if (said === THUMBS_UP || titles('feedback.button.helpful').includes(said)) return true;
    if (said === THUMBS_DOWN || titles('feedback.button.notHelpful').includes(said)) return false;
    return undefined;
  }

  /** Whether the message is one of the offered entries' questions (what their buttons send), in either language. */
  private picksOneOf(text: string, candidates: readonly string[]): boolean {
    const picked = this.understanding.exactQuestion(text);
    return picked !== undefined && candidates.includes(picked.id);
  }

  /**
   * Keeping a question must never cost the user their answer: a failed write is logged (without
   * the text) and the conversation goes on.
   */
  private async keep(what: string, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      log.error(`could not keep ${what} for operators`, { error: error instanceof Error ? error.message : String(error) });
    }
  }
}

function withFeedbackButtons(reply: Partial<Activity>, words: Words): Partial<Activity> {
  const titles = [words.say(message('feedback.button.helpful')), words.say(message('feedback.button.notHelpful'))];
  const text = `${reply.text ?? ''}\n\n${words.say(message('feedback.ask'))}`;
  const own = reply.suggestedActions?.actions ?? [];
  const buttons = MessageFactory.suggestedActions(
    [...own, ...titles.map((title) => ({ type: ActionTypes.ImBack, title, value: title }))],
    text,
  );
  return { ...reply, text, suggestedActions: buttons.suggestedActions };
}
