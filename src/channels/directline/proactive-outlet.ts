// Messages the bot sends into a local Web Chat conversation on its own (a notification): appended
// to the conversation, where the page's next poll shows them. The local channel's service URL is
// not a server anyone listens on (its replies are returned in process), so a proactive send is
// taken here, inside the adapter's turn, instead of being posted over HTTP.
import type { Activity, ChannelAccount, ResourceResponse, TurnContext } from 'botbuilder';
import { activityBytes, type ConversationStore } from './conversation-store.js';
import { WEBCHAT_CHANNEL_ID } from './protocol.js';

export class LocalProactiveOutlet {
  private channel: { store: ConversationStore; bot: ChannelAccount } | undefined;

  /** Called by the local channel when it is mounted; until then (or with the channel off) sends into it fail. */
  connect(store: ConversationStore, bot: ChannelAccount): void {
    this.channel = { store, bot };
  }

  /**
   * For a turn in a local Web Chat conversation, makes its sends go into that conversation. They
   * fail (and the notifier tries again later, then gives up) when the channel is off or the
   * conversation is gone: it lives in memory, until two idle hours or a restart.
   */
  capture(context: TurnContext): void {
    if (context.activity.channelId !== WEBCHAT_CHANNEL_ID) return;
    const conversationId = context.activity.conversation.id;
    context.onSendActivities(async (_context, activities): Promise<ResourceResponse[]> => {
      const channel = this.channel;
      if (!channel) throw new Error('the local Web Chat channel is off');
      if (!channel.store.get(conversationId)) throw new Error('the local Web Chat conversation has ended');
      return activities.map((activity) => {
        const shown: Partial<Activity> & { type: string } = {
          type: activity.type ?? 'message',
          ...(activity.text === undefined ? {} : { text: activity.text }),
          ...(activity.locale === undefined ? {} : { locale: activity.locale }),
          ...(activity.attachments === undefined ? {} : { attachments: activity.attachments }),
          from: { ...channel.bot, role: 'bot' },
        };
        if (!channel.store.makeRoom(conversationId, activityBytes(shown))) throw new Error('the local Web Chat channel has no room for the message');
        const stored = channel.store.append(conversationId, shown);
        if (!stored) throw new Error('the local Web Chat conversation has ended');
        return { id: stored.id };
      });
    });
  }
}
