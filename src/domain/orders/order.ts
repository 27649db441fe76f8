// An order: what a user asked to do with which filing, who asked, and what became of it.
import { z } from 'zod';
import { ActionType, ChangeRequest, Filing } from '../action.js';
import { ORDER_STATES, type OrderSummary } from './order-summary.js';
import { OrderId } from './order-id.js';

export const OrderState = z.enum(ORDER_STATES);
export type OrderState = z.infer<typeof OrderState>;

/** Who asked: the channel and the user's id on it. Orders are only ever shown to this user. */
export const Requester = z.strictObject({
  channelId: z.string().min(1),
  userId: z.string().min(1),
});
export type Requester = z.infer<typeof Requester>;

const Account = z.object({ id: z.string().min(1), name: z.string().optional(), role: z.string().optional() });

/**
 * Enough of the Bot Framework conversation reference to message the user later. Not strict:
 * unknown fields are dropped, so names, emails and other personal details the channel adds are
 * never stored. The user's display name is dropped for the same reason.
 */
export const ConversationReference = z.object({
  activityId: z.string().optional(),
  channelId: z.string().optional(),
  serviceUrl: z.string().optional(),
  locale: z.string().optional(),
  bot: Account.optional(),
  user: z.object({ id: z.string().min(1), role: z.string().optional() }).optional(),
  conversation: z
    .object({
      id: z.string().min(1),
      isGroup: z.boolean().optional(),
      conversationType: z.string().optional(),
      tenantId: z.string().optional(),
    })
    .optional(),
});
export type ConversationReference = z.infer<typeof ConversationReference>;

/** What the user asked to change; nothing else about the request needs keeping. */
export const OrderRequest = z.strictObject({ changes: ChangeRequest.optional() });

/** Longest note an operator may add to a move (a rejection's reasons, say). */
export const MAX_HISTORY_NOTE_CHARS = 1000;

export const HistoryEntry = z.strictObject({
  state: OrderState,
  at: z.iso.datetime(),
  note: z.string().max(MAX_HISTORY_NOTE_CHARS).optional(),
  /** Who made the move: "user", "system", or the operator's name ("operator" when no identity provider names them). */
  by: z.string().min(1).max(100).optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** The fields of an order, shared by the order the bot records and the order it reads back. */
const orderFields = {
  id: OrderId,
  type: ActionType,
  filing: Filing,
  request: OrderRequest,
  requester: Requester,
  conversationReference: ConversationReference.optional(),
  state: OrderState,
  history: z.array(HistoryEntry).min(1),
  createdAt: z.iso.datetime(),
  /** channel + conversation + activity id of the message that placed it: a retried delivery is recognised. */
  sourceActivityKey: z.string().min(3),
};

const stateIsLastHistoryEntry = {
  check: (order: { state: OrderState; history: HistoryEntry[] }) => order.history.at(-1)?.state === order.state,
  params: { path: ['state'], message: 'must be the state of the last history entry' },
};

/**
 * Strict on purpose: a record with a field we do not know (a `password`, say) is refused rather
 * than stored. The MIIT filing password is never part of an order.
 */
export const Order = z.strictObject(orderFields).refine(stateIsLastHistoryEntry.check, stateIsLastHistoryEntry.params);
export type Order = z.infer<typeof Order>;

/**
 * A conversation reference as stored: fields this version does not know (a newer version wrote
 * them) are kept, so rewriting the order does not drop them. What the bot itself stores is still
 * only what ConversationReference keeps.
 */
export const StoredConversationReference = ConversationReference.extend({
  bot: Account.loose().optional(),
  user: z.looseObject({ id: z.string().min(1), role: z.string().optional() }).optional(),
  conversation: ConversationReference.shape.conversation.unwrap().loose().optional(),
}).loose();

/**
 * An order as read back from storage: the same checks as Order, but fields this version does not
 * know are kept (a newer version may have added them, and a rollback must not erase them). New
 * orders are still made with the strict Order, so the bot never writes a field it does not know.
 */
export const StoredOrder = z
  .looseObject({ ...orderFields, conversationReference: StoredConversationReference.optional() })
  .refine(stateIsLastHistoryEntry.check, stateIsLastHistoryEntry.params);

/** What a flow hands the store; the store adds the id, the state and the times. */
export const OrderDraft = z.strictObject({
  type: ActionType,
  filing: Filing,
  request: OrderRequest.default({}),
  requester: Requester,
  conversationReference: ConversationReference.optional(),
  sourceActivityKey: z.string().min(3),
});
export type OrderDraft = z.infer<typeof OrderDraft>;
export type OrderDraftInput = z.input<typeof OrderDraft>;

/**
 * The history index at which the order entered its current state (the start of the last run of
 * it): the move that made it so, whose note says why, as opposed to notes added afterwards.
 */
export function enteredCurrentState(order: Pick<Order, 'state' | 'history'>): number {
  let index = order.history.length - 1;
  while (index > 0 && order.history[index - 1]?.state === order.state) index -= 1;
  return index;
}

/** The key that identifies one incoming message across channel retries. */
export function activityKey(channelId: string, conversationId: string, activityId: string): string {
  return JSON.stringify([channelId, conversationId, activityId]);
}

export function isRequester(order: Order, requester: Requester): boolean {
  return order.requester.channelId === requester.channelId && order.requester.userId === requester.userId;
}

/** What the rules see of an order: no requester, no conversation, only whether it is the asker's own. */
export function toSummary(order: Order, asker: Requester): OrderSummary {
  return {
    id: order.id,
    type: order.type,
    state: order.state,
    filing: {
      icpNumber: order.filing.icpNumber,
      subjectNumber: order.filing.subjectNumber,
      domains: [...order.filing.domains],
    },
    mine: isRequester(order, asker),
  };
}
