// Whether an order meets the back office's filter; the lowdb store filters in memory with it, the
// PostgreSQL store says the same in SQL.
import type { Order } from './order.js';
import type { OrderFilter } from './order-store.js';

/** When the order last changed: its last move, or its recording. */
export function lastChangedAt(order: Order): string {
  return order.history.at(-1)?.at ?? order.createdAt;
}

export function matchesFilter(order: Order, filter: OrderFilter): boolean {
  const created = Date.parse(order.createdAt);
  return (
    (filter.states === undefined || filter.states.includes(order.state)) &&
    (filter.types === undefined || filter.types.includes(order.type)) &&
    (filter.province === undefined || order.filing.province === filter.province) &&
    (filter.createdBefore === undefined || created < filter.createdBefore.getTime()) &&
    (filter.createdAfter === undefined || created >= filter.createdAfter.getTime()) &&
    (filter.changedSince === undefined || Date.parse(lastChangedAt(order)) >= filter.changedSince.getTime())
  );
}
