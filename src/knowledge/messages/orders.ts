// The messages about orders that both the domain and the conversation read (knowledge/messages/orders.json).
import { declareMessages } from './declare.js';

export const ORDERS_MESSAGES = declareMessages({
  'order.state.inProcess': { vars: [] },
  'order.state.withdrawn': { vars: [] },
  'order.state.completed': { vars: [] },
  'order.state.rejected': { vars: [] },
});
