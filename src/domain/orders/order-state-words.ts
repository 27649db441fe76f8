// How an order's state is named to users, and what they are told to do next in it: catalogue messages.
import type { MessageId } from '../../knowledge/catalogue.js';
import type { ActionType } from '../action.js';
import type { OrderState } from './order-summary.js';

export const ORDER_STATE_WORDS = {
  in_process: 'order.state.inProcess',
  provider_review: 'order.state.providerReview',
  phone_verification: 'order.state.phoneVerification',
  submitted: 'order.state.submitted',
  completed: 'order.state.completed',
  rejected: 'order.state.rejected',
  withdrawn: 'order.state.withdrawn',
  expired: 'order.state.expired',
} as const satisfies Readonly<Record<OrderState, MessageId>>;

/** What happens next, or what the user should do, once an order is in a state (its source is in knowledge/order-lifecycle.json). */
export const ORDER_STATE_NEXT_STEPS = {
  in_process: 'lifecycle.next.inProcess',
  provider_review: 'lifecycle.next.providerReview',
  phone_verification: 'lifecycle.next.phoneVerification',
  submitted: 'lifecycle.next.submitted',
  completed: 'lifecycle.next.completed',
  rejected: 'lifecycle.next.rejected',
  withdrawn: 'lifecycle.next.withdrawn',
  expired: 'lifecycle.next.expired',
} as const satisfies Readonly<Record<OrderState, MessageId>>;

/** Where the completed state means something particular to the order type. */
export const COMPLETED_NEXT_STEPS_BY_TYPE = {
  cancel_subject: 'lifecycle.next.completed.cancellation',
  cancel_website: 'lifecycle.next.completed.cancellation',
  transfer_in: 'lifecycle.next.completed.transfer',
  cancel_transfer: 'lifecycle.next.completed.cancelTransfer',
  change_subject: 'lifecycle.next.completed',
  change_website: 'lifecycle.next.completed',
} as const satisfies Readonly<Record<ActionType, MessageId>>;

export type NextStepsId = (typeof ORDER_STATE_NEXT_STEPS)[OrderState] | (typeof COMPLETED_NEXT_STEPS_BY_TYPE)[ActionType];

export function nextStepsFor(type: ActionType, state: OrderState): NextStepsId {
  return state === 'completed' ? COMPLETED_NEXT_STEPS_BY_TYPE[type] : ORDER_STATE_NEXT_STEPS[state];
}
