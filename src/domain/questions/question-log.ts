// What the bot keeps of the questions it could not answer and of users' feedback on its answers,
// for operators to add knowledge where users need it: the port, and the shape of what it keeps.
// Only scrubbed text is ever kept: no user id, no conversation id, no text as the user typed it.
import { z } from 'zod';

/** Longer questions are cut: enough to see what was asked, too little to hold a pasted document. */
export const MAX_QUESTION_CHARS = 500;

/**
 * How many records of each kind a store keeps; on reaching it the oldest are dropped. A bound keeps
 * a flood of messages from filling the disk or the table, and old questions matter least: the
 * knowledge has changed since they were asked.
 */
export const MAX_RECORDS_KEPT = 10_000;

/**
 * A question's text with personal data replaced (src/understanding/question-scrub.ts makes it) and
 * cut to MAX_QUESTION_CHARS. The brand lets nothing else reach a store: a plain string does not compile.
 */
export const ScrubbedText = z.string().max(MAX_QUESTION_CHARS).brand<'ScrubbedText'>();
export type ScrubbedText = z.infer<typeof ScrubbedText>;

export const QuestionLocale = z.enum(['en', 'zh']);

/** `unknown`: the bot said it does not know; `unresolved`: it offered "did you mean" and the user picked none. */
export const UnansweredOutcome = z.enum(['unknown', 'unresolved']);
export type UnansweredOutcome = z.infer<typeof UnansweredOutcome>;

export const UnansweredQuestion = z.object({
  text: ScrubbedText,
  locale: QuestionLocale,
  outcome: UnansweredOutcome,
  at: z.iso.datetime(),
  /** The FAQ entries offered ("did you mean", or the guesses beside "I don't know"), best first. */
  candidates: z.array(z.string().max(100)).max(10),
});
export type UnansweredQuestion = z.infer<typeof UnansweredQuestion>;

export const AnswerFeedback = z.object({
  /** The FAQ entry whose answer was judged. */
  entryId: z.string().min(1).max(100),
  helpful: z.boolean(),
  locale: QuestionLocale,
  at: z.iso.datetime(),
  /** The question the answer was given to. */
  question: ScrubbedText,
});
export type AnswerFeedback = z.infer<typeof AnswerFeedback>;

export interface QuestionLog {
  recordUnanswered(question: UnansweredQuestion): Promise<void>;
  recordFeedback(feedback: AnswerFeedback): Promise<void>;
  /** Unanswered questions at or after `since` (all kept when undefined), oldest first. */
  unanswered(since?: Date): Promise<UnansweredQuestion[]>;
  /** Feedback at or after `since` (all kept when undefined), oldest first. */
  feedback(since?: Date): Promise<AnswerFeedback[]>;
  /** Waits for writes in progress; call before the process exits. */
  close(): Promise<void>;
}
