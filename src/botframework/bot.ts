// The turn: channel quirks (Teams @mentions), welcome, typing, the main dialog, and saving state.
import {
  ActivityHandler,
  ActivityTypes,
  Channels,
  DeliveryModes,
  TurnContext,
  type Activity,
  type StatePropertyAccessor,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { requesterOf, sourceActivityKeyOf } from '../../dialogs/turn-identity.js';
import type { MainDialog } from '../../dialogs/main-dialog.js';
import type { OrderStore } from '../domain/orders/order-store.js';
import { localeOf, TURN_LANGUAGE } from '../../dialogs/locale.js';
import type { Catalogue, Locale } from '../knowledge/catalogue.js';
import { conversationLanguage } from '../understanding/language.js';
import { RecentTurns } from './recent-turns.js';
import type { FlowState } from './flow-state.js';

/**
 * Removes every @mention of the bot, wherever it is in the text, before anything reads the text.
 * TurnContext.removeRecipientMention removes the first occurrence of the bot's mention text per
 * call, so it is called until nothing changes (a message may mention the bot twice); what it
 * leaves is ours to tidy: <at> tags of anyone else (they are not words of the request) and the
 * double spaces where a mention stood in the middle of the text.
 */
/**
 * Runs of white space to fold into one: JavaScript's \s includes the byte-order mark (U+FEFF),
 * which inside a domain must stay visible to the parsers that refuse it, not become a space.
 */
const SPACES = /[^\S\uFEFF]+/g;

export function stripBotMentions(context: TurnContext): void {
  const activity = context.activity;
  if (typeof activity.text !== 'string') return;
  const botId = activity.recipient?.id;
  // The library reads recipient.id unguarded, and replaces the first mention's text as it is: a
  // mention entity without text would make it remove the word "undefined".
  const first = TurnContext.getMentions(activity).find((mention) => mention.mentioned.id === botId);
  if (botId !== undefined && typeof first?.text === 'string' && first.text !== '') {
    for (let before = ''; before !== activity.text; ) {
      before = activity.text;
      TurnContext.removeRecipientMention(activity);
    }
  }
  activity.text = activity.text.replace(/<at>[^<]*<\/at>/g, ' ').replace(SPACES, ' ').trim();
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

/** Conversations whose language is remembered in memory (see FilingBot.recentLanguages). */
const MAX_RECENT_LANGUAGES = 50_000;

export class FilingBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  /**
   * The conversation's language while a flow is under way, so an answer in no language (an ICP
   * number, "1") keeps it. Outside a flow every message says its own language, and a
   * conversation of questions alone keeps no state at all.
   */
  private readonly language: StatePropertyAccessor<Locale>;
  /**
   * Kept in memory, not in conversation state: a retry comes within seconds, and saving state on
   * every turn only for this would double the cost of a question. After a restart the order store
   * still knows which message placed which order.
   */
  private readonly recentTurns = new RecentTurns();

  constructor(
    private readonly flowState: FlowState,
    private readonly dialog: MainDialog,
    private readonly orders: OrderStore,
    private readonly catalogue: Catalogue,
  ) {
    super();
    this.dialogState = flowState.createProperty<DialogState>('dialogState');
    this.language = flowState.createProperty<Locale>('language');

    this.onMembersAdded(async (context, next) => {
      if (shouldWelcome(context.activity)) await context.sendActivity(this.dialog.welcome(context));
      await next();
    });
  }

  /**
   * Runs a turn and saves state; a failed turn leaves the stored state as it was. A message that
   * was already delivered (a channel's retry) is not run again: it gets the first delivery's
   * replies, or, if it placed an order, word that the order is already recorded.
   */
  override async run(context: TurnContext): Promise<void> {
    if (context.activity.type === 'message') stripBotMentions(context);
    await this.chooseLanguage(context);
    const key = context.activity.type === 'message' && context.activity.id ? sourceActivityKeyOf(context) : undefined;
    if (key && (await this.answeredAsRetry(context, key))) return;
    const turn = key ? this.recentTurns.start(key) : undefined;
    if (turn) {
      context.onSendActivities(async (_context, activities, next) => {
        turn.replies.push(...activities.filter((a) => a.type === 'message'));
        return next();
      });
    }
    try {
      if (context.activity.type === 'message') await this.answer(context);
      else await super.run(context);
      await this.rememberLanguage(context);
      await this.flowState.saveChanges(context, false);
      turn?.finish(true);
    } catch (error) {
      turn?.finish(false);
      throw error;
    }
  }

  /**
   * A message's turn. Bypass of botbuilder (checked on 4.23.3, see bypasses.ts): a message comes
   * here directly instead of through ActivityHandler's chain of events (Turn, Message, then Dialog,
   * each a generator-driven await with its closures), which on every message ran no handler but
   * this one; other activities (members added) still take the library's way. A handler registered
   * with onTurn, onMessage or onDialog would not run for messages: register none, or call it here.
   */
  private async answer(context: TurnContext): Promise<void> {
    // With expectReplies every reply waits for the end of the turn: a typing indicator is noise.
    if (context.activity.deliveryMode !== DeliveryModes.ExpectReplies) {
      await context.sendActivity({ type: ActivityTypes.Typing });
    }
    // A flow storage could not read was set aside: say so before anything else, or the user's
    // answer to a question we no longer know would be read as something new, without a word.
    if (await this.flowState.savedStateWasUnreadable(context)) await this.dialog.tellSavedFlowUnreadable(context);
    await this.dialog.run(context, this.dialogState);
  }

  /**
   * The language of conversations with no flow under way, in memory only: a conversation of
   * questions stores nothing, yet an ICP number sent after a Chinese question stays Chinese.
   * Bounded; after a restart the channel's locale decides until the user writes again.
   */
  private readonly recentLanguages = new Map<string, Locale>();

  /** Decides the turn's language (see conversationLanguage) for the dialogs to read. */
  private async chooseLanguage(context: TurnContext): Promise<void> {
    const { activity } = context;
    const key = `${activity.channelId}\u0000${activity.conversation?.id ?? ''}\u0000${activity.from?.id ?? ''}`;
    const current = (await this.language.get(context)) ?? this.recentLanguages.get(key);
    const text = activity.type === 'message' ? (activity.text ?? '') : '';
    const chosen = conversationLanguage(text, current, activity.locale);
    context.turnState.set(TURN_LANGUAGE, chosen);
    this.recentLanguages.delete(key);
    this.recentLanguages.set(key, chosen);
    if (this.recentLanguages.size > MAX_RECENT_LANGUAGES) {
      const oldest = this.recentLanguages.keys().next().value;
      if (oldest !== undefined) this.recentLanguages.delete(oldest);
    }
  }

  /** Keeps the turn's language while a flow is under way, and forgets it when none is. */
  private async rememberLanguage(context: TurnContext): Promise<void> {
    const flowUnderWay = ((await this.dialogState.get(context))?.dialogStack.length ?? 0) > 0;
    if (!flowUnderWay) {
      await this.language.delete(context);
      return;
    }
    const chosen = localeOf(context);
    if ((await this.language.get(context)) !== chosen) await this.language.set(context, chosen);
  }

  private async answeredAsRetry(context: TurnContext, key: string): Promise<boolean> {
    const earlier = this.recentTurns.earlier(key);
    if (earlier && !(await earlier.done)) return false;
    const order = await this.orders.orderFromActivity(key, requesterOf(context));
    if (order) {
      await context.sendActivity(this.catalogue.text(localeOf(context), 'edge.retryAlreadyRecorded', { orderId: order.id }));
      return true;
    }
    if (!earlier) return false;
    for (const reply of earlier.replies) {
      await context.sendActivity({ ...reply, id: undefined, replyToId: context.activity.id });
    }
    return true;
  }
}
