// How an order's state may change: only an order in process moves, and every move is kept in its history.
import type { Order, OrderState } from './order.js';

const NEXT: Readonly<Record<OrderState, readonly OrderState[]>> = {
  in_process: ['withdrawn', 'completed', 'rejected'],
  withdrawn: [],
  completed: [],
  rejected: [],
};

export function canMove(from: OrderState, to: OrderState): boolean {
  return NEXT[from].includes(to);
}

/** The order in its new state; throws when the move is not allowed, naming the order. */
export function moveTo(order: Order, to: OrderState, at: Date, note?: string): Order {
  if (!canMove(order.state, to)) {
    throw new Error(`order ${order.id}: cannot move from ${order.state} to ${to}`);
  }
  const entry = { state: to, at: at.toISOString(), ...(note === undefined ? {} : { note }) };
  return { ...order, state: to, history: [...order.history, entry] };
}
