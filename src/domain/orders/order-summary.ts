// The little the rules need to know about existing orders; the order store hands these to them.
import type { ActionType, Filing } from '../action.js';

/**
 * Every state an order can be in (knowledge/order-lifecycle.json says which moves each order type
 * allows, and why). "in_process" is an order just recorded and waiting for the filing team; the
 * name is kept because orders stored by earlier versions carry it.
 */
export const ORDER_STATES = [
  'in_process',
  'provider_review',
  'phone_verification',
  'submitted',
  'completed',
  'rejected',
  'withdrawn',
  'expired',
] as const;
export type OrderState = (typeof ORDER_STATES)[number];

/**
 * States in which an order is still being worked on: the help material's "order in process" that
 * blocks another order for the same filing until it is finished or withdrawn (seed 000, 002).
 */
export const ACTIVE_STATES: readonly OrderState[] = ['in_process', 'provider_review', 'phone_verification', 'submitted'];

export function isActive(state: OrderState): boolean {
  return ACTIVE_STATES.includes(state);
}

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
  return orders.filter((o) => isActive(o.state) && o.filing.subjectNumber === subjectNumber);
}
