// Asks one question and reads the answer once with the slot's parser. An answer ends the question
// with the slot and its typed value; anything else is reported to the router (see non-answers.ts),
// which re-asks with what was wrong and an example, and after three tries offers a way out.
import type { TurnContext } from 'botbuilder';
import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import { z } from 'zod';
import { Dialog, DialogTurnStatus, type DialogContext, type DialogInstance, type DialogTurnResult } from '../../src/botframework/dialog-kit.js';
import { message, type Locale, type MessageRef } from '../../src/knowledge/catalogue.js';
import { localeOf } from '../locale.js';
import type { AnswerParser } from '../../src/understanding/field-parsers.js';
import { answerText } from '../answer-text.js';
import { withButtons } from '../messages/buttons.js';
import { wordsFor } from '../messages/words.js';
import type { FlowServices } from '../services.js';
import { isRouted, reportNotAnAnswer } from './non-answers.js';

/** After this many answers that could not be read, offer to stop or start over. */
export const MAX_ATTEMPTS = 3;

/** A question as the user sees it, rendered once when asked: kept so a reprompt shows the same. */
export const Prompt = z.object({
  text: z.string(),
  buttons: z.array(z.string()),
  /** An Adaptive Card sent with the text (the summary). */
  card: z.unknown().optional(),
});
export type Prompt = z.infer<typeof Prompt>;

/**
 * The question in every language the bot speaks, rendered when it is asked: after the user switches
 * language mid-flow, the question is asked again in the new one.
 */
export const Prompts = z.object({ en: Prompt, zh: Prompt }) satisfies z.ZodType<Record<Locale, Prompt>>;
export type Prompts = z.infer<typeof Prompts>;

/** A question rendered in each locale. */
export function inEveryLocale(render: (locale: Locale) => Prompt): Prompts {
  return { en: render('en'), zh: render('zh') };
}

export const Question = z.object({ slot: z.string(), prompts: Prompts });
export type Question = z.infer<typeof Question>;

const AskState = Question.extend({ attempts: z.number().int().min(0) });
type AskState = z.infer<typeof AskState>;

/** What a question ends with: the slot it asked for and the parsed answer. */
export const Answer = z.object({ slot: z.string(), value: z.unknown() });
export type Answer = z.infer<typeof Answer>;

export function promptActivity(prompt: Prompt): Partial<Activity> {
  if (prompt.card !== undefined) return MessageFactory.attachment(CardFactory.adaptiveCard(prompt.card), prompt.text);
  return withButtons(prompt.text, prompt.buttons);
}

export class AskDialog extends Dialog<Question> {
  constructor(
    dialogId: string,
    private readonly parserFor: (slot: string) => AnswerParser<unknown>,
    private readonly services: FlowServices,
  ) {
    super(dialogId);
  }

  override async beginDialog(dc: DialogContext, options?: Question): Promise<DialogTurnResult> {
    const question = Question.parse(options);
    const state: AskState = { ...question, attempts: 0 };
    this.instanceOf(dc).state = state;
    await dc.context.sendActivity(promptActivity(question.prompts[localeOf(dc.context)]));
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (dc.context.activity.type !== 'message') return Dialog.EndOfTurn;
    const state = this.stateOf(dc.activeDialog);
    const parsed = this.parserFor(state.slot)(answerText(dc.context.activity), wordsFor(this.services, dc.context));
    if (parsed.ok) {
      const answer: Answer = { slot: state.slot, value: parsed.value };
      return dc.endDialog(answer);
    }
    if (isRouted(dc.context)) reportNotAnAnswer(dc.context, { problem: parsed.problem, surelyAnAnswer: parsed.surelyAnAnswer ?? false });
    else await this.reask(dc, parsed.problem);
    return { status: DialogTurnStatus.waiting };
  }

  /** Says what was wrong and asks again, with the question's own buttons so a tap still works. */
  async reask(dc: DialogContext, problem: MessageRef): Promise<void> {
    const state = this.stateOf(dc.activeDialog);
    const words = wordsFor(this.services, dc.context);
    state.attempts += 1;
    if (state.attempts >= MAX_ATTEMPTS) {
      state.attempts = 0;
      const giveUp = `${words.say(problem)}\n\n${words.say(message('answer.giveUp'))}`;
      await dc.context.sendActivity(withButtons(giveUp, [words.say(message('conversation.button.stop')), words.say(message('conversation.button.startOver'))]));
    } else {
      const prompt = state.prompts[words.locale];
      await dc.context.sendActivity(promptActivity({ ...prompt, text: `${words.say(problem)}\n\n${prompt.text}`.trim() }));
    }
    this.instanceOf(dc).state = state;
  }

  /** Asks again after something else was answered, `lead` first, in one message so its buttons stay last. */
  async resume(dc: DialogContext, lead: string): Promise<void> {
    const prompt = this.stateOf(dc.activeDialog).prompts[localeOf(dc.context)];
    await dc.context.sendActivity(promptActivity({ ...prompt, text: `${lead}\n\n${prompt.text}` }));
  }

  /** The titles of the buttons the question shows, in either language: pressing one is always an answer. */
  buttonTitles(dc: DialogContext): readonly string[] {
    const { prompts } = this.stateOf(dc.activeDialog);
    return [...prompts.en.buttons, ...prompts.zh.buttons];
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    await context.sendActivity(promptActivity(this.stateOf(instance).prompts[localeOf(context)]));
  }

  private instanceOf(dc: DialogContext): DialogInstance {
    const instance = dc.activeDialog;
    if (!instance) throw new Error(`${this.id} is not the active dialog`);
    return instance;
  }

  private stateOf(instance: DialogInstance | undefined): AskState {
    const state = AskState.safeParse(instance?.state);
    if (!state.success) throw new Error(`${this.id} lost its state: ${z.prettifyError(state.error)}`);
    return state.data;
  }
}
