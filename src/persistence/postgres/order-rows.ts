// An order as rows: the orders table (searchable columns, and the rest of the order as jsonb) and
// its history in order_history, one row per state it has been in.
import { Order } from '../../domain/orders/order.js';
import type { Row } from './database.js';

/** Every column a read needs, with the history gathered in order: one statement reads whole orders. */
export const ORDER_COLUMNS = `o.state, o.document,
  (SELECT jsonb_agg(jsonb_build_object('state', h.state, 'at', h.at_text, 'note', h.note, 'by', h.made_by) ORDER BY h.seq)
     FROM order_history h WHERE h.order_id = o.id) AS history`;

/** The fields this version knows; the document may hold more, written by a later version, and keeps them. */
const KNOWN_FIELDS = new Set(Object.keys(Order.shape));

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The order's jsonb document: the order less its state and history (those are columns and rows). */
export function documentOf(order: Order): Record<string, unknown> {
  return Object.fromEntries(Object.entries(order).filter(([field]) => field !== 'state' && field !== 'history'));
}

/** The stored order, checked like any record read from storage; throws naming the order if it is not valid. */
export function orderFromRow(row: Row): Order {
  const document = isRecord(row.document) ? row.document : {};
  const known = Object.fromEntries(Object.entries(document).filter(([field]) => KNOWN_FIELDS.has(field)));
  const history = Array.isArray(row.history)
    ? row.history.map((entry: unknown) =>
        isRecord(entry) ? Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== null)) : entry,
      )
    : [];
  const parsed = Order.safeParse({ ...known, state: row.state, history });
  if (!parsed.success) {
    throw new Error(`stored order ${String(document.id)} is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
