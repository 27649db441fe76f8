// The back office's order routes: the filing team lists orders (JSON and CSV), opens one, moves it
// along its lifecycle and adds notes. Every route needs the operator token; every move is decided
// under the order store's lock, so two operators cannot both make it.
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Config } from '../config.js';
import { allowedTransitions, transitionProblem, type Lifecycle, type TransitionProblem } from '../domain/orders/lifecycle.js';
import type { OrderStore } from '../domain/orders/order-store.js';
import { MAX_HISTORY_NOTE_CHARS, type Order } from '../domain/orders/order.js';
import { ORDER_STATES, type OrderState } from '../domain/orders/order-summary.js';
import { log } from '../log.js';
import { sendCsv, toCsv } from './csv.js';
import { operatorName, requireOperator } from './operator-auth.js';
import { parseOrderQuery } from './operator-order-query.js';
import { ORDER_CSV_HEADER, operatorOrderDetail, operatorOrderView, orderCsvRow } from './operator-order-view.js';
import { refuse } from './refuse.js';

export const OPERATOR_ORDERS_PATH = '/api/operator/orders';

export interface OperatorOrdersParts {
  orders: OrderStore;
  lifecycle: Lifecycle;
  /** The province ids the knowledge knows: the province filter accepts only these. */
  provinceIds: readonly string[];
  /** The clock ages and age filters are measured with: the one the order store stamps orders with (the real one by default). */
  now?: () => Date;
  /**
   * Called with the order after each successful move or note (a notifier sends the news at once).
   * Its failures are logged, never passed to the operator: the move itself is already stored.
   */
  afterMove?: (order: Order) => void | Promise<void>;
}

/** Operator answers hold customers' filings: no proxy or browser keeps a copy. */
const NO_STORE = { 'cache-control': 'no-store' };

const note = z
  .string({ error: '"note" must be text' })
  .trim()
  .max(MAX_HISTORY_NOTE_CHARS, `"note" must be at most ${MAX_HISTORY_NOTE_CHARS} characters`);

const MoveBody = z.strictObject({
  to: z.enum(ORDER_STATES, { error: `"to" must be one of: ${ORDER_STATES.join(', ')}` }),
  note: note.optional(),
  /**
   * Optional: the state the operator saw. Given, the move is refused unless the order is still in
   * it, so a page showing a stale order cannot, say, reject an order someone else just advanced.
   */
  from: z.enum(ORDER_STATES, { error: `"from" must be one of: ${ORDER_STATES.join(', ')}` }).optional(),
});

const NoteBody = z.strictObject({ note: note.min(1, '"note" must not be empty') });

/** The body as `schema` reads it, or a sentence naming what is wrong with it. */
function readBody<T>(req: Request, schema: z.ZodType<T>, example: string): { body: T } | { problem: string } {
  const raw: unknown = req.body;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { problem: `send a JSON object such as ${example}` };
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { body: parsed.data };
  return { problem: parsed.error.issues.map((issue) => issue.message).join('; ') };
}

function orderIdOf(req: Request): string {
  const params: unknown = req.params;
  const id = typeof params === 'object' && params !== null && 'id' in params ? params.id : undefined;
  return typeof id === 'string' ? id : '';
}

function refuseUnknown(res: Response): void {
  refuse(res, 404, 'NotFound', 'no order has this id', NO_STORE);
}

/** Why the move was refused, in a sentence for the operator. */
function problemText(problem: TransitionProblem): string {
  const allowed = problem.allowed.length === 0 ? 'none: the order is finished' : problem.allowed.join(', ');
  switch (problem.code) {
    case 'same_state':
      return `the order is already ${problem.to} (someone may have moved it just now); an operator may move it to: ${allowed}`;
    case 'not_by_actor':
      return `operators do not move an order from ${problem.from} to ${problem.to} (the customer or the bot's clock does); an operator may move it to: ${allowed}`;
    case 'not_allowed':
      return `an order in ${problem.from} cannot move to ${problem.to}; an operator may move it to: ${allowed}`;
  }
}

export function mountOperatorOrders(server: Server, parts: OperatorOrdersParts, config: Config): void {
  const { orders, lifecycle } = parts;
  const now = parts.now ?? (() => new Date());
  const guard = requireOperator(config);

  const tellAfterMove = (order: Order): void => {
    if (parts.afterMove === undefined) return;
    const failed = (error: unknown): void =>
      log.warn('the after-move callback failed', { orderId: order.id, error: error instanceof Error ? error.message : String(error) });
    try {
      // Not awaited: the operator's answer does not wait for the news to go out.
      const result = parts.afterMove(order);
      if (result instanceof Promise) result.catch(failed);
    } catch (error) {
      failed(error);
    }
  };

  const listed = async (req: Request, res: Response): Promise<Order[] | undefined> => {
    const query = parseOrderQuery(req.query, parts.provinceIds, now());
    if ('problem' in query) {
      refuse(res, 400, 'BadRequest', query.problem, NO_STORE);
      return undefined;
    }
    return orders.list(query.filter);
  };

  server.get(OPERATOR_ORDERS_PATH, guard, async (req: Request, res: Response) => {
    const found = await listed(req, res);
    if (found === undefined) return;
    const at = now();
    res.send(200, { orders: found.map((order) => operatorOrderView(order, lifecycle, at)) }, NO_STORE);
  });

  server.get(`${OPERATOR_ORDERS_PATH}.csv`, guard, async (req: Request, res: Response) => {
    const found = await listed(req, res);
    if (found === undefined) return;
    const at = now();
    const rows = found.map((order) => orderCsvRow(operatorOrderDetail(order, lifecycle, at)));
    sendCsv(res, `orders-${at.toISOString().slice(0, 10)}.csv`, toCsv(ORDER_CSV_HEADER, rows));
  });

  server.get(`${OPERATOR_ORDERS_PATH}/:id`, guard, async (req: Request, res: Response) => {
    const order = await orders.get(orderIdOf(req));
    if (order === undefined) return refuseUnknown(res);
    res.send(200, { order: operatorOrderDetail(order, lifecycle, now()) }, NO_STORE);
  });

  server.post(`${OPERATOR_ORDERS_PATH}/:id/transitions`, guard, async (req: Request, res: Response) => {
    const read = readBody(req, MoveBody, '{ "to": "provider_review", "note": "documents checked" }');
    if ('problem' in read) return refuse(res, 400, 'BadRequest', read.problem, NO_STORE);
    const { to, note: text, from } = read.body;
    const move = { by: operatorName(req, config), ...(text ? { note: text } : {}) };
    let stale = false;
    const check = (order: Order): TransitionProblem | undefined => {
      stale = from !== undefined && order.state !== from;
      return transitionProblem(lifecycle, order, to, 'operator') ?? (stale ? { code: 'not_allowed', from: order.state, to, allowed: [] } : undefined);
    };
    const result = await orders.transition(orderIdOf(req), to, move, check);
    if ('notFound' in result) return refuseUnknown(res);
    if ('refused' in result) {
      const { refused, order } = result;
      const allowed = allowedTransitions(lifecycle, order, 'operator');
      const [code, message] = stale
        ? ['state_changed', `the order is ${order.state} now, not ${from ?? ''}: someone moved it meanwhile; read it again`]
        : [refused.code, problemText(refused)];
      res.send(409, { code, message, from: order.state, to, allowedTransitions: allowed }, NO_STORE);
      return;
    }
    res.send(200, { order: operatorOrderDetail(result.moved, lifecycle, now()) }, NO_STORE);
    tellAfterMove(result.moved);
  });

  server.post(`${OPERATOR_ORDERS_PATH}/:id/notes`, guard, async (req: Request, res: Response) => {
    const read = readBody(req, NoteBody, '{ "note": "customer called about the documents" }');
    if ('problem' in read) return refuse(res, 400, 'BadRequest', read.problem, NO_STORE);
    const seen = await orders.get(orderIdOf(req));
    if (seen === undefined) return refuseUnknown(res);
    const state: OrderState = seen.state;
    // A note is a history entry in the state the operator was looking at. The store has no
    // "append a note", so it is a move to that same state, refused under the lock if the order
    // moved meanwhile (the problem is only a marker: the answer below says what happened).
    const stillThere = (order: Order): TransitionProblem | undefined =>
      order.state === state ? undefined : { code: 'not_allowed', from: order.state, to: state, allowed: [] };
    const result = await orders.transition(seen.id, state, { by: operatorName(req, config), note: read.body.note }, stillThere);
    if ('notFound' in result) return refuseUnknown(res);
    if ('refused' in result) {
      const current = operatorOrderView(result.order, lifecycle, now());
      const message = `the order moved from ${state} to ${current.state} meanwhile; read it again before adding the note`;
      res.send(409, { code: 'state_changed', message, from: current.state, allowedTransitions: current.allowedTransitions }, NO_STORE);
      return;
    }
    res.send(200, { order: operatorOrderDetail(result.moved, lifecycle, now()) }, NO_STORE);
    tellAfterMove(result.moved);
  });
}
