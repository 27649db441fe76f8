// Moving an order to a new state: every move is kept in its history with when, who and why.
// Whether the move is allowed is the lifecycle's question (lifecycle.ts); callers ask it first.
import type { Order, OrderState } from './order.js';

export interface Move {
  /** "user", "system", or the operator's name. */
  by: string;
  note?: string;
}

/** The order in its new state, with the move appended to its history. */
export function moveTo(order: Order, to: OrderState, at: Date, move: Move): Order {
  const entry = { state: to, at: at.toISOString(), by: move.by, ...(move.note === undefined ? {} : { note: move.note }) };
  return { ...order, state: to, history: [...order.history, entry] };
}
