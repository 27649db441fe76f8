// Who sent this turn and how to reach them again: what an order records about its requester.
import type { TurnContext } from 'botbuilder';
import { activityKey, type ConversationReference, type Requester } from '../src/domain/orders/order.js';
import { localeOf } from './locale.js';

export function requesterOf(context: TurnContext): Requester {
  return { channelId: context.activity.channelId, userId: context.activity.from.id };
}

/** The message that confirmed the order: a channel retry of it must not record a second order. */
export function sourceActivityKeyOf(context: TurnContext): string {
  const { channelId, conversation, id } = context.activity;
  return activityKey(channelId, conversation.id, id ?? `${Date.now()}`);
}

/**
 * The locale to reach the user in later: the channel's, unless the user writes in the other
 * language (a Chinese conversation in an English Teams client), whose notifications must be Chinese.
 */
function referenceLocale(context: TurnContext): string {
  const channelLocale = context.activity.locale ?? '';
  const language = localeOf(context);
  return channelLocale.toLowerCase().startsWith(language) ? channelLocale : language === 'zh' ? 'zh-CN' : 'en-US';
}

/** Enough to reach the user later; the user's name and other channel details are left out. */
export function conversationReferenceOf(context: TurnContext): ConversationReference {
  const { activity } = context;
  return {
    activityId: activity.id,
    channelId: activity.channelId,
    serviceUrl: activity.serviceUrl,
    locale: referenceLocale(context),
    bot: activity.recipient ? { id: activity.recipient.id } : undefined,
    user: { id: activity.from.id },
    conversation: {
      id: activity.conversation.id,
      isGroup: activity.conversation.isGroup,
      conversationType: activity.conversation.conversationType,
      tenantId: activity.conversation.tenantId,
    },
  };
}
