// The back office's order filters from a query string (?state=submitted,rejected&olderThanDays=3):
// each parameter checked, and a refusal that names the parameter and what it accepts.
import { ACTION_TYPES, type ActionType } from '../domain/action.js';
import type { OrderFilter } from '../domain/orders/order-store.js';
import { ORDER_STATES, type OrderState } from '../domain/orders/order-summary.js';

const DAY_MS = 86_400_000;

/** An answer never lists more than this many orders (the CSV export included): ask with filters for the rest. */
export const MAX_ORDERS_LISTED = 5000;
/** Ages beyond a century are typing mistakes. */
const MAX_DAYS = 36_500;

export const ORDER_QUERY_PARAMETERS = ['state', 'type', 'province', 'olderThanDays', 'newerThanDays', 'limit'] as const;

export type OrderQuery = { filter: OrderFilter & { limit: number } } | { problem: string };

/** A parameter's value; a repeated parameter (?state=a&state=b) reads like a comma list. Empty means not given. */
function valueOf(query: Record<string, unknown>, name: string): string | undefined {
  const raw = query[name];
  const parts = Array.isArray(raw) ? raw : [raw];
  const text = parts.filter((part): part is string => typeof part === 'string').join(',').trim();
  return text === '' ? undefined : text;
}

function listOf<T extends string>(name: string, text: string, allowed: readonly T[]): T[] | string {
  const chosen: T[] = [];
  for (const item of text.split(',').map((part) => part.trim()).filter((part) => part !== '')) {
    const known = allowed.find((value) => value === item);
    if (known === undefined) return `${name} "${item.slice(0, 40)}" is not one of: ${allowed.join(', ')}`;
    if (!chosen.includes(known)) chosen.push(known);
  }
  return chosen;
}

function wholeNumber(name: string, text: string, min: number, max: number): number | string {
  const value = /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isNaN(value) || value < min || value > max) return `${name} must be a whole number from ${min} to ${max}`;
  return value;
}

/** The filter the query asks for; `provinces` are the province ids the knowledge knows. */
export function parseOrderQuery(query: unknown, provinces: readonly string[], now: Date): OrderQuery {
  const params: Record<string, unknown> = typeof query === 'object' && query !== null ? { ...query } : {};
  const unknown = Object.keys(params).find((name) => !ORDER_QUERY_PARAMETERS.some((known) => known === name));
  if (unknown !== undefined) return { problem: `unknown parameter "${unknown}": the filters are ${ORDER_QUERY_PARAMETERS.join(', ')}` };

  const filter: OrderFilter & { limit: number } = { limit: MAX_ORDERS_LISTED };
  const state = valueOf(params, 'state');
  if (state !== undefined) {
    const states = listOf<OrderState>('state', state, ORDER_STATES);
    if (typeof states === 'string') return { problem: states };
    filter.states = states;
  }
  const type = valueOf(params, 'type');
  if (type !== undefined) {
    const types = listOf<ActionType>('type', type, ACTION_TYPES);
    if (typeof types === 'string') return { problem: types };
    filter.types = types;
  }
  const province = valueOf(params, 'province');
  if (province !== undefined) {
    const id = province.toLowerCase();
    if (!provinces.includes(id)) return { problem: `province "${province.slice(0, 40)}" is not one of: ${provinces.join(', ')}` };
    filter.province = id;
  }
  const older = valueOf(params, 'olderThanDays');
  if (older !== undefined) {
    const days = wholeNumber('olderThanDays', older, 0, MAX_DAYS);
    if (typeof days === 'string') return { problem: days };
    filter.createdBefore = new Date(now.getTime() - days * DAY_MS);
  }
  const newer = valueOf(params, 'newerThanDays');
  if (newer !== undefined) {
    const days = wholeNumber('newerThanDays', newer, 0, MAX_DAYS);
    if (typeof days === 'string') return { problem: days };
    filter.createdAfter = new Date(now.getTime() - days * DAY_MS);
  }
  const limit = valueOf(params, 'limit');
  if (limit !== undefined) {
    const most = wholeNumber('limit', limit, 1, MAX_ORDERS_LISTED);
    if (typeof most === 'string') return { problem: most };
    filter.limit = most;
  }
  return { filter };
}
