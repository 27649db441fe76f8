// The turn: channel quirks (Teams @mentions), welcome, typing, the main dialog, and saving state.
import {
  ActivityHandler,
  ActivityTypes,
  TurnContext,
  type ConversationState,
  type StatePropertyAccessor,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { MainDialog } from '../dialogs/main-dialog.js';
import { welcomeReply } from '../dialogs/replies.js';

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

export class FilingBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly dialog: MainDialog,
  ) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>('dialogState');

    this.onMessage(async (context, next) => {
      stripBotMentions(context);
      await context.sendActivity({ type: ActivityTypes.Typing });
      await this.dialog.run(context, this.dialogState);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const people = (context.activity.membersAdded ?? []).filter((m) => m.id !== botId);
      if (people.length > 0) await context.sendActivity(welcomeReply());
      await next();
    });
  }

  /** Saves state after every turn that completes; a failed turn leaves the stored state as it was. */
  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
  }
}
