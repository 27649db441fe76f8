// Asks for one piece of information and parses the answer; a bad answer is re-asked with what
// was wrong and an example, and after three tries the user is offered a way out.
import { ActionTypes, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import {
  Dialog,
  DialogTurnStatus,
  type DialogContext,
  type DialogInstance,
  type DialogTurnResult,
} from '../src/botframework/dialog-kit.js';
import type { Parsed } from '../src/understanding/field-parsers.js';

/** After this many answers that could not be read, offer to stop or start over. */
export const MAX_ATTEMPTS = 3;

export interface FieldOptions {
  /** The question, with its buttons. */
  prompt: Partial<Activity>;
}

interface FieldState {
  prompt: Partial<Activity>;
  attempts: number;
}

function isFieldState(value: unknown): value is FieldState {
  return typeof value === 'object' && value !== null && 'prompt' in value && 'attempts' in value;
}

function isFieldOptions(value: unknown): value is FieldOptions {
  return typeof value === 'object' && value !== null && 'prompt' in value;
}

/** What a user answered: typed text, or the `answer` of a card button they pressed. */
export function answerText(activity: Partial<Activity>): string {
  if (typeof activity.text === 'string' && activity.text.trim() !== '') return activity.text.trim();
  const value: unknown = activity.value;
  if (typeof value === 'object' && value !== null && 'answer' in value && typeof value.answer === 'string') {
    return value.answer;
  }
  return '';
}

export const GIVE_UP_TEXT =
  'I still could not read that. You can try again, or stop here (nothing is recorded), or start this over.';

export class FieldDialog<T> extends Dialog<FieldOptions> {
  constructor(
    dialogId: string,
    private readonly parse: (text: string) => Parsed<T>,
  ) {
    super(dialogId);
  }

  /** Whether this text is a valid answer: then it is an answer, not an interruption. */
  accepts(text: string): boolean {
    return text !== '' && this.parse(text).ok;
  }

  override async beginDialog(dc: DialogContext, options?: FieldOptions): Promise<DialogTurnResult> {
    if (!isFieldOptions(options)) throw new Error(`${this.id} needs a prompt`);
    const state: FieldState = { prompt: options.prompt, attempts: 0 };
    dc.activeDialog!.state = state;
    await dc.context.sendActivity(options.prompt);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const activity = dc.context.activity;
    if (activity.type !== 'message') return Dialog.EndOfTurn;
    const state: unknown = dc.activeDialog?.state;
    if (!isFieldState(state)) throw new Error(`${this.id} lost its state`);
    const parsed = this.parse(answerText(activity));
    if (parsed.ok) return dc.endDialog(parsed.value);
    state.attempts += 1;
    if (state.attempts >= MAX_ATTEMPTS) {
      state.attempts = 0;
      await dc.context.sendActivity(
        withButtons(`${parsed.problem}\n\n${GIVE_UP_TEXT}`, ['Stop', 'Start over']),
      );
      return Dialog.EndOfTurn;
    }
    // Re-ask with the problem first and the question's own buttons, so a tap still works.
    await dc.context.sendActivity({ ...state.prompt, text: `${parsed.problem}\n\n${state.prompt.text ?? ''}`.trim() });
    return { status: DialogTurnStatus.waiting };
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const state: unknown = instance.state;
    if (isFieldState(state)) await context.sendActivity(state.prompt);
  }
}

/** A message with suggested-action buttons that send their own title. */
export function withButtons(text: string, titles: readonly string[]): Partial<Activity> {
  const message = MessageFactory.text(text);
  if (titles.length > 0) {
    message.suggestedActions = {
      to: [],
      actions: titles.map((title) => ({ type: ActionTypes.ImBack, title, value: title })),
    };
  }
  return message;
}
