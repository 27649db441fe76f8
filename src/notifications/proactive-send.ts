// Sends a message into a stored conversation, unprompted: through the adapter's
// continueConversationAsync with the order's conversation reference, as Teams, the Emulator and
// any Bot Framework channel expect; the local Web Chat takes the message in process (captureLocal).
import type { Activity, CloudAdapter, ConversationReference as BotConversationReference, TurnContext } from 'botbuilder';
import type { ConversationReference } from '../domain/orders/order.js';

/** Delivers one activity into the conversation; rejects when the channel did not take it. */
export type ProactiveSend = (reference: ConversationReference, activity: Partial<Activity>) => Promise<void>;

/** The reference as botbuilder types it: the fields a stored reference may lack are filled with neutral values. */
function botReference(reference: ConversationReference): Partial<BotConversationReference> {
  const { conversation, bot, user } = reference;
  if (!conversation || !reference.serviceUrl || !reference.channelId) throw new Error('the stored conversation reference is incomplete');
  return {
    channelId: reference.channelId,
    serviceUrl: reference.serviceUrl,
    ...(reference.locale === undefined ? {} : { locale: reference.locale }),
    ...(reference.activityId === undefined ? {} : { activityId: reference.activityId }),
    conversation: {
      id: conversation.id,
      name: '',
      isGroup: conversation.isGroup ?? false,
      conversationType: conversation.conversationType ?? '',
      ...(conversation.tenantId === undefined ? {} : { tenantId: conversation.tenantId }),
    },
    ...(bot ? { bot: { id: bot.id, name: bot.name ?? '' } } : {}),
    ...(user ? { user: { id: user.id, name: '' } } : {}),
  };
}

/**
 * A ProactiveSend through `adapter`. `captureLocal` may take over the context's sends (the local
 * Web Chat channel appends them to its conversation instead of posting them over HTTP).
 *
 * The send's error is caught inside the logic and thrown again after it: an error escaping the
 * logic would go to the adapter's onTurnError, which apologises to the user for a failed turn and
 * swallows the error, so a failed notification would look delivered.
 */
export function sendThroughAdapter(adapter: CloudAdapter, appId: string | undefined, captureLocal: (context: TurnContext) => void = () => undefined): ProactiveSend {
  return async (reference, activity) => {
    let failure: unknown;
    let sent = false;
    await adapter.continueConversationAsync(appId ?? '', botReference(reference), async (context) => {
      try {
        captureLocal(context);
        await context.sendActivity(activity);
        sent = true;
      } catch (error) {
        failure = error;
      }
    });
    if (failure instanceof Error) throw failure;
    if (failure !== undefined) throw new Error('the send failed', { cause: failure });
    if (!sent) throw new Error('the adapter did not run the send');
  };
}
