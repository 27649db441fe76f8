// One orders file on disk: one order per line (readable, diffable), every record checked when read.
import { z } from 'zod';
import { Order } from '../../domain/orders/order.js';

export const ORDERS_FILE_VERSION = 1;

export interface OrdersData {
  version: typeof ORDERS_FILE_VERSION;
  orders: Order[];
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

function idOf(record: unknown): string {
  if (typeof record !== 'object' || record === null || !('id' in record)) return '';
  return typeof record.id === 'string' ? ` (${record.id})` : '';
}

export function serialiseOrders(data: OrdersData): string {
  const lines = data.orders.map((order) => JSON.stringify(order));
  const body = lines.length === 0 ? '' : `\n${lines.join(',\n')}\n`;
  return `{"version":${data.version},"orders":[${body}]}\n`;
}

/**
 * Parses and validates the file. A record that does not validate stops the load with its index
 * and id: dropping it silently would lose a confirmed order, and rewriting the file would make
 * that loss permanent.
 */
export function parseOrders(text: string, where: string): OrdersData {
  const refuse = (problems: string[]): OrderStoreError =>
    new OrderStoreError(
      `${where} cannot be loaded, so the bot will not start (no order is dropped silently). ` +
        `Fix or restore the file:\n  ${problems.join('\n  ')}`,
    );
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw refuse([`not valid JSON: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const envelope = Envelope.safeParse(json);
  if (!envelope.success) {
    throw refuse(envelope.error.issues.map((i) => `${fieldPath(i.path) || '(file)'}: ${i.message}`));
  }
  const problems: string[] = [];
  const orders: Order[] = [];
  const ids = new Set<string>();
  const activities = new Set<string>();
  envelope.data.orders.forEach((record, index) => {
    const parsed = Order.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push(`orders[${index}]${idOf(record)}: ${fieldPath(issue.path) || '(record)'}: ${issue.message}`);
      }
      return;
    }
    const order = parsed.data;
    if (ids.has(order.id)) problems.push(`orders[${index}] (${order.id}): id is used twice`);
    if (activities.has(order.sourceActivityKey)) {
      problems.push(`orders[${index}] (${order.id}): sourceActivityKey is used by an earlier order`);
    }
    ids.add(order.id);
    activities.add(order.sourceActivityKey);
    orders.push(order);
  });
  if (problems.length > 0) throw refuse(problems);
  return { version: ORDERS_FILE_VERSION, orders };
}
