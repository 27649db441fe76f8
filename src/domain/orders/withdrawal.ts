// Whether a user may withdraw an order: only one in process, and never a cancellation (seed 003).
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

export function withdrawalProblem(order: Order): WithdrawalProblem | undefined {
  const orderId = order.id;
  if (order.state !== 'in_process') {
    return { reason: message('withdrawal.notInProcess', { orderId, state: message(ORDER_STATE_WORDS[order.state]) }) };
  }
  if (CANCELLATIONS.includes(order.type)) {
    return { reason: message('withdrawal.cancellationFinal', { orderId }), source: 'cancellationFinal' };
  }
  return undefined;
}
