// One orders file on disk: one order per line (readable, diffable), every record checked when read.
// A record this version cannot read is set aside, not dropped: it stays in the file as it was.
import { z } from 'zod';
import { StoredOrder, type Order } from '../../domain/orders/order.js';

export const ORDERS_FILE_VERSION = 1;

/** A record this version cannot read, kept verbatim so a rewrite of its file keeps it too. */
export interface SetAsideRecord {
  /** Its place in the file when it was read; undefined when only another file showed it cannot be trusted. */
  index: number | undefined;
  /** Its order id, when it has a readable one. */
  id: string | undefined;
  reason: string;
  record: unknown;
}

export interface OrdersData {
  version: typeof ORDERS_FILE_VERSION;
  orders: Order[];
  setAside: SetAsideRecord[];
}

export class OrderStoreError extends Error {
  override name = 'OrderStoreError';
}

const Envelope = z.strictObject({
  version: z.literal(ORDERS_FILE_VERSION),
  orders: z.array(z.unknown()),
});

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

export function idOf(record: unknown): string | undefined {
  if (typeof record !== 'object' || record === null || !('id' in record)) return undefined;
  return typeof record.id === 'string' ? record.id : undefined;
}

/** The file's text: the readable orders, then the set-aside records exactly as they were read. */
export function serialiseOrders(data: Pick<OrdersData, 'version' | 'orders'> & Partial<Pick<OrdersData, 'setAside'>>): string {
  const lines = [...data.orders, ...(data.setAside ?? []).map((aside) => aside.record)].map((record) => JSON.stringify(record));
  const body = lines.length === 0 ? '' : `\n${lines.join(',\n')}\n`;
  return `{"version":${data.version},"orders":[${body}]}\n`;
}

/**
 * Parses the file and checks every record. A record that does not validate, or repeats an id or
 * source activity of an earlier one, is set aside with the reason; the others are read as usual.
 * A file that is not an orders file at all (not JSON, another version) throws, naming the file.
 */
export function parseOrders(text: string, where: string): OrdersData {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new OrderStoreError(`${where} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const envelope = Envelope.safeParse(json);
  if (!envelope.success) {
    const problems = envelope.error.issues.map((i) => `${fieldPath(i.path) || '(file)'}: ${i.message}`);
    throw new OrderStoreError(`${where} is not an orders file this version can read: ${problems.join('; ')}`);
  }
  const orders: Order[] = [];
  const setAside: SetAsideRecord[] = [];
  const ids = new Set<string>();
  const activities = new Set<string>();
  envelope.data.orders.forEach((record, index) => {
    const aside = (reason: string): void => {
      setAside.push({ index, id: idOf(record), reason, record });
    };
    const parsed = StoredOrder.safeParse(record);
    if (!parsed.success) {
      aside(parsed.error.issues.map((issue) => `${fieldPath(issue.path) || '(record)'}: ${issue.message}`).join('; '));
      return;
    }
    const order = parsed.data;
    if (ids.has(order.id)) return aside('its id is used by an earlier order in the file');
    if (activities.has(order.sourceActivityKey)) return aside('its sourceActivityKey is used by an earlier order in the file');
    ids.add(order.id);
    activities.add(order.sourceActivityKey);
    orders.push(order);
  });
  return { version: ORDERS_FILE_VERSION, orders, setAside };
}
