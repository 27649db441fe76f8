// The messages about orders that both the domain and the conversation read (knowledge/messages/orders.json).
import { declareMessages } from './declare.js';

export const ORDERS_MESSAGES = declareMessages({
  'order.state.inProcess': { vars: [] },
  'order.state.withdrawn': { vars: [] },
  'order.state.completed': { vars: [] },
  'order.state.rejected': { vars: [] },
  'action.cancelSubject': { vars: [] },
  'action.cancelWebsite': { vars: [] },
  'action.transferIn': { vars: [] },
  'action.cancelTransfer': { vars: [] },
  'action.changeSubject': { vars: [] },
  'action.changeWebsite': { vars: [] },
  'withdrawal.cancellationFinal': { vars: ['minutes', 'orderId'] },
  'withdrawal.notInProcess': { vars: ['orderId', 'state'] },
});
