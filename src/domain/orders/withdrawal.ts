// Whether a user may withdraw an order: only one in process, and never a cancellation (seed 003).
import type { Citation } from '../../knowledge/schema.js';
import { CANCELLATIONS } from '../action.js';
import type { Order, OrderState } from './order.js';

export const cancellationOrdersFinalSource: Citation = {
  doc: '003_2c8c2a51a61a4d8b.txt',
  section: 'What is the difference between canceling the transfer and canceling an ICP Filing number?',
  quote: 'Orders of ICP Filing cancellation cannot be deleted',
};

const STATE_WORDS: Readonly<Record<OrderState, string>> = {
  in_process: 'in process',
  withdrawn: 'withdrawn',
  completed: 'completed',
  rejected: 'rejected',
};

const text = {
  cancellation: (id: string) => `${id} is a cancellation order, and a cancellation order cannot be withdrawn once submitted.`,
  notInProcess: (id: string, state: OrderState) =>
    `${id} is already ${STATE_WORDS[state]}; only an order in process can be withdrawn.`,
};

export interface WithdrawalProblem {
  reason: string;
  source?: Citation;
}

export function withdrawalProblem(order: Order): WithdrawalProblem | undefined {
  if (order.state !== 'in_process') return { reason: text.notInProcess(order.id, order.state) };
  if (CANCELLATIONS.includes(order.type)) {
    return { reason: text.cancellation(order.id), source: cancellationOrdersFinalSource };
  }
  return undefined;
}
