// The turn: channel quirks (Teams @mentions), welcome, typing, the main dialog, and saving state.
import {
  ActivityHandler,
  ActivityTypes,
  Channels,
  TurnContext,
  type Activity,
  type ConversationState,
  type StatePropertyAccessor,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { requesterOf, sourceActivityKeyOf } from '../dialogs/flow-support.js';
import type { MainDialog } from '../dialogs/main-dialog.js';
import { welcomeReply } from '../dialogs/replies.js';
import type { OrderStore } from './orders/order-store.js';

/** How many recent message ids a conversation remembers to recognise a channel's retry. */
const REMEMBERED_ACTIVITIES = 50;

export const RETRY_TEXT = {
  recorded: (id: string) =>
    `I already recorded order ${id} for this message, and did not record it twice. Say "my orders" to see it.`,
} as const;

/** Removes every @mention of the bot, wherever it is in the text, before anything reads the text. */
export function stripBotMentions(context: TurnContext): void {
  const activity = context.activity;
  if (typeof activity.text !== 'string') return;
  let text = activity.text;
  for (const mention of TurnContext.getMentions(activity)) {
    if (mention.mentioned.id === activity.recipient?.id && typeof mention.text === 'string') {
      text = text.split(mention.text).join(' ');
    }
  }
  activity.text = text.replace(/<at>[^<]*<\/at>/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Whether members joining the conversation get the welcome. Teams says the bot was added when the
 * app is installed (personal, group chat or team): welcome once then, and not every time someone
 * joins a team or group chat. Other channels (Web Chat, the Emulator) add the user: welcome them.
 */
export function shouldWelcome(activity: Partial<Activity>): boolean {
  const botId = activity.recipient?.id;
  const added = activity.membersAdded ?? [];
  if (activity.channelId === Channels.Msteams) return added.some((m) => m.id === botId);
  return added.some((m) => m.id !== botId);
}

export class FilingBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly recentActivities: StatePropertyAccessor<string[]>;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly dialog: MainDialog,
    private readonly orders: OrderStore,
  ) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>('dialogState');
    this.recentActivities = conversationState.createProperty<string[]>('recentActivities');

    this.onMessage(async (context, next) => {
      stripBotMentions(context);
      if (await this.isRetry(context)) {
        await this.answerRetry(context);
        return next();
      }
      await context.sendActivity({ type: ActivityTypes.Typing });
      await this.dialog.run(context, this.dialogState);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      if (shouldWelcome(context.activity)) await context.sendActivity(welcomeReply());
      await next();
    });
  }

  /**
   * A channel that got no answer in time sends the same message (same id) again. Running it again
   * would repeat a step or record twice; the turn that completed is remembered instead.
   */
  private async isRetry(context: TurnContext): Promise<boolean> {
    const id = context.activity.id;
    if (!id) return false;
    const recent = (await this.recentActivities.get(context)) ?? [];
    if (recent.includes(id)) return true;
    await this.recentActivities.set(context, [...recent, id].slice(-REMEMBERED_ACTIVITIES));
    return false;
  }

  private async answerRetry(context: TurnContext): Promise<void> {
    const order = await this.orders.orderFromActivity(sourceActivityKeyOf(context), requesterOf(context));
    if (order) await context.sendActivity(RETRY_TEXT.recorded(order.id));
  }

  /** Saves state after every turn that completes; a failed turn leaves the stored state as it was. */
  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
  }
}
