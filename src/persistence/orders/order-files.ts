// Which file under DATA_DIR/orders/ keeps an order: spread by filing subject, so recording an order
// rewrites one small file, not every order ever stored.
import { join } from 'node:path';

/** Enough files that each stays small at tens of thousands of orders. */
export const ORDER_FILE_COUNT = 256;
export const ORDERS_DIR = 'orders';
const FILE_NAME = /^orders-[0-9a-f]{2}\.json$/;

/** FNV-1a: stable across runs and Node versions, unlike anything seeded. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The file for a filing subject's orders, e.g. "orders-3f.json": all orders of one filing share it. */
export function orderFileFor(subjectNumber: string): string {
  return `orders-${(hash(subjectNumber) % ORDER_FILE_COUNT).toString(16).padStart(2, '0')}.json`;
}

/** Whether a directory entry is an orders file (and not, say, a temporary file of an unfinished write). */
export function isOrderFile(name: string): boolean {
  return FILE_NAME.test(name);
}

export function ordersDir(dataDir: string): string {
  return join(dataDir, ORDERS_DIR);
}
