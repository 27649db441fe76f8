// How an order's state is named to users: the catalogue message for each state.
import type { MessageId } from '../../knowledge/catalogue.js';
import type { OrderState } from './order-summary.js';

export const ORDER_STATE_WORDS = {
  in_process: 'order.state.inProcess',
  withdrawn: 'order.state.withdrawn',
  completed: 'order.state.completed',
  rejected: 'order.state.rejected',
} as const satisfies Readonly<Record<OrderState, MessageId>>;
