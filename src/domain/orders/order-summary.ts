// The little the rules need to know about existing orders; the order store hands these to them.
import type { ActionType, Filing } from '../action.js';

export const ORDER_STATES = ['in_process', 'withdrawn', 'completed', 'rejected'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export interface OrderSummary {
  id: string;
  type: ActionType;
  state: OrderState;
  filing: Pick<Filing, 'icpNumber' | 'subjectNumber' | 'domains'>;
  /** Placed by the same user who asks now: only then may a text name the order. */
  mine: boolean;
}

/** Orders still in process for the request's filing subject, which is what "the same filing" means. */
export function inProcessFor(subjectNumber: string, orders: readonly OrderSummary[]): OrderSummary[] {
  return orders.filter((o) => o.state === 'in_process' && o.filing.subjectNumber === subjectNumber);
}
