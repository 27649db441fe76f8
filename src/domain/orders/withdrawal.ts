// Whether a user may withdraw an order from this bot: only one in process, and a cancellation only
// within its undo window. The filing system itself never deletes a cancellation order (seed 003),
// so once the filing team may have taken one there, the bot stops offering to withdraw it.
import { message, type MessageRef } from '../../knowledge/catalogue.js';
import type { CitationId } from '../../knowledge/citations.js';
import { CANCELLATIONS } from '../action.js';
import type { Order } from './order.js';
import { ORDER_STATE_WORDS } from './order-state-words.js';

export interface WithdrawalProblem {
  reason: MessageRef;
  /** Where the help material says so, when it does. */
  source?: CitationId;
}

/**
 * How long after recording a cancellation order may still be withdrawn here: a mistaken Confirm
 * can be undone before the order leaves the bot. The help material names no such time; it is the
 * provider's own (CANCELLATION_UNDO_MINUTES). Without a policy, cancellations are never withdrawn.
 */
export interface WithdrawalPolicy {
  now: Date;
  cancellationUndoMs: number;
}

/** Until when a cancellation order can be withdrawn; undefined for other orders. */
export function cancellationUndoUntil(order: Order, policy: WithdrawalPolicy): Date | undefined {
  if (!CANCELLATIONS.includes(order.type)) return undefined;
  return new Date(Date.parse(order.createdAt) + policy.cancellationUndoMs);
}

export function withdrawalProblem(order: Order, policy?: WithdrawalPolicy): WithdrawalProblem | undefined {
  const orderId = order.id;
  if (order.state !== 'in_process') {
    return { reason: message('withdrawal.notInProcess', { orderId, state: message(ORDER_STATE_WORDS[order.state]) }) };
  }
  const until = policy && cancellationUndoUntil(order, policy);
  if (CANCELLATIONS.includes(order.type) && (!until || policy.now > until)) {
    const minutes = policy ? Math.round(policy.cancellationUndoMs / 60_000) : 0;
    return { reason: message('withdrawal.cancellationFinal', { orderId, minutes }), source: 'cancellationFinal' };
  }
  return undefined;
}
