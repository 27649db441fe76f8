// Orders in PostgreSQL, shared by every instance: deciding and recording is one transaction under a
// per-filing lock, and the database itself refuses a second order in process for a filing subject
// or a second order from the same incoming message, whichever instance tries.
import { normaliseOrderId, newOrderId } from '../../domain/orders/order-id.js';
import { moveTo, type Move } from '../../domain/orders/order-state.js';
import type { CheckTransition, Evaluate, OrderFilter, OrderStore, SubmitResult, TransitionResult, WithdrawResult } from '../../domain/orders/order-store.js';
import type { OrderState, OrderSummary } from '../../domain/orders/order-summary.js';
import { Order, OrderDraft, isRequester, toSummary, type OrderDraftInput, type Requester } from '../../domain/orders/order.js';
import { withdrawalProblem } from '../../domain/orders/withdrawal.js';
import { OrderStoreError } from '../orders/orders-file.js';
import type { Database, Queries } from './database.js';
import { ORDER_COLUMNS, documentOf, orderFromRow } from './order-rows.js';

export interface PostgresOrderStoreOptions {
  /** The clock for createdAt and history; tests pass a fixed one. */
  now?: () => Date;
  /** How long a cancellation order may still be withdrawn after it is recorded (see WithdrawalPolicy). */
  cancellationUndoMs: number;
}

const SUBMITTED_NOTE = 'submitted';
const WITHDRAWN_NOTE = 'withdrawn by the user';
/** unique_violation: another instance recorded first (or an order id was drawn twice). */
const UNIQUE_VIOLATION = '23505';
/** A submit that lost a race runs again and then sees the winner; more than this is a fault. */
const SUBMIT_ATTEMPTS = 3;

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === UNIQUE_VIOLATION;
}

export class PostgresOrderStore implements OrderStore {
  private readonly now: () => Date;
  private readonly cancellationUndoMs: number;

  /** The store closes the database when it is closed: it is what every caller closes last. */
  constructor(
    private readonly database: Database,
    options: PostgresOrderStoreOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.cancellationUndoMs = options.cancellationUndoMs;
  }

  async submit(draft: OrderDraftInput, evaluate: Evaluate): Promise<SubmitResult> {
    const parsed = OrderDraft.safeParse(draft);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(draft)'}: ${i.message}`);
      throw new OrderStoreError(`order draft is invalid: ${problems.join('; ')}`);
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.database.transaction((client) => this.decideAndRecord(client, parsed.data, evaluate));
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= SUBMIT_ATTEMPTS) throw error;
      }
    }
  }

  async summariesFor(subjectNumber: string, asker: Requester): Promise<OrderSummary[]> {
    const orders = await this.select('o.subject_number = $1', [subjectNumber]);
    return orders.map((order) => toSummary(order, asker));
  }

  async orderFromActivity(sourceActivityKey: string, asker: Requester): Promise<Order | undefined> {
    const [order] = await this.select('o.source_activity_key = $1', [sourceActivityKey]);
    return order && isRequester(order, asker) ? order : undefined;
  }

  async listForUser(channelId: string, userId: string): Promise<Order[]> {
    return this.select('o.channel_id = $1 AND o.user_id = $2 ORDER BY o.created_at DESC, o.id', [channelId, userId]);
  }

  async getForUser(id: string, channelId: string, userId: string): Promise<Order | undefined> {
    const normal = normaliseOrderId(id);
    if (normal === undefined) return undefined;
    const [order] = await this.select('o.id = $1 AND o.channel_id = $2 AND o.user_id = $3', [normal, channelId, userId]);
    return order;
  }

  async withdraw(id: string, channelId: string, userId: string): Promise<WithdrawResult> {
    const normal = normaliseOrderId(id);
    if (normal === undefined) return { notFound: true };
    return this.database.transaction(async (client): Promise<WithdrawResult> => {
      await this.lock(client, normal);
      const [order] = await this.select('o.id = $1 AND o.channel_id = $2 AND o.user_id = $3', [normal, channelId, userId], client);
      if (!order) return { notFound: true };
      const problem = withdrawalProblem(order, { now: this.now(), cancellationUndoMs: this.cancellationUndoMs });
      if (problem) return { notAllowed: problem.reason, ...(problem.source ? { source: problem.source } : {}) };
      return { withdrawn: await this.move(client, order, 'withdrawn', { by: 'user', note: WITHDRAWN_NOTE }) };
    });
  }

  async list(filter: OrderFilter = {}): Promise<Order[]> {
    const conditions: string[] = [];
    const values: unknown[] = [];
    const add = (sql: (n: string) => string, value: unknown): void => {
      values.push(value);
      conditions.push(sql(`$${values.length}`));
    };
    if (filter.states !== undefined) add((n) => `o.state = ANY(${n}::text[])`, [...filter.states]);
    if (filter.types !== undefined) add((n) => `o.type = ANY(${n}::text[])`, [...filter.types]);
    if (filter.province !== undefined) add((n) => `o.document->'filing'->>'province' = ${n}`, filter.province);
    if (filter.createdBefore !== undefined) add((n) => `o.created_at < ${n}::timestamptz`, filter.createdBefore.toISOString());
    if (filter.createdAfter !== undefined) add((n) => `o.created_at >= ${n}::timestamptz`, filter.createdAfter.toISOString());
    if (filter.changedSince !== undefined) {
      add((n) => `EXISTS (SELECT 1 FROM order_history c WHERE c.order_id = o.id AND c.at >= ${n}::timestamptz)`, filter.changedSince.toISOString());
    }
    const limit = filter.limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(filter.limit))}`;
    return this.select(`${conditions.length === 0 ? 'true' : conditions.join(' AND ')} ORDER BY o.created_at DESC, o.id DESC${limit}`, values);
  }

  async get(id: string): Promise<Order | undefined> {
    const normal = normaliseOrderId(id);
    if (normal === undefined) return undefined;
    const [order] = await this.select('o.id = $1', [normal]);
    return order;
  }

  async transition(id: string, to: OrderState, move: Move, check: CheckTransition): Promise<TransitionResult> {
    const normal = normaliseOrderId(id);
    if (normal === undefined) return { notFound: true };
    return this.database.transaction(async (client): Promise<TransitionResult> => {
      await this.lock(client, normal);
      const [order] = await this.select('o.id = $1', [normal], client);
      if (!order) return { notFound: true };
      const problem = check(order);
      if (problem) return { refused: problem, order };
      return { moved: await this.move(client, order, to, move) };
    });
  }

  /** Every statement awaits its result before a call returns: nothing is pending; the pool ends. */
  async close(): Promise<void> {
    await this.database.close();
  }

  private async decideAndRecord(client: Queries, order: OrderDraft, evaluate: Evaluate): Promise<SubmitResult> {
    // Orders for one filing subject are decided one at a time, across every instance; the lock
    // ends with the transaction. The partial unique index is the backstop if anything slips past.
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`filing-assistant order ${order.filing.subjectNumber}`]);
    const stored = await this.select('o.subject_number = $1 OR o.source_activity_key = $2', [order.filing.subjectNumber, order.sourceActivityKey], client);
    const earlier = stored.find((o) => o.sourceActivityKey === order.sourceActivityKey);
    if (earlier) return { duplicate: earlier };
    const existing = stored.filter((o) => o.filing.subjectNumber === order.filing.subjectNumber).map((o) => toSummary(o, order.requester));
    const outcome = evaluate(existing);
    if (!outcome.allowed) return { blocked: outcome };
    const at = this.now().toISOString();
    const recorded = Order.parse({
      ...order,
      id: newOrderId(),
      state: 'in_process',
      history: [{ state: 'in_process', at, note: SUBMITTED_NOTE }],
      createdAt: at,
    });
    // One statement for the order and its first history row: both or neither.
    await client.query(
      `WITH inserted AS (
         INSERT INTO orders (id, type, subject_number, channel_id, user_id, state, created_at, source_activity_key, document)
         VALUES ($1, $2, $3, $4, $5, 'in_process', $6::timestamptz, $7, $8) RETURNING id)
       INSERT INTO order_history (order_id, seq, state, at, at_text, note)
       SELECT id, 1, 'in_process', $6::timestamptz, $10, $9 FROM inserted`,
      [
        recorded.id,
        recorded.type,
        recorded.filing.subjectNumber,
        recorded.requester.channelId,
        recorded.requester.userId,
        at,
        recorded.sourceActivityKey,
        documentOf(recorded),
        SUBMITTED_NOTE,
        // The same time again as text: one parameter cannot be both a timestamptz and a text.
        at,
      ],
    );
    return { recorded, notes: outcome.notes };
  }

  /** Moves an order (locked by the caller's transaction) to a new state and adds the history row. */
  private async move(client: Queries, order: Order, state: Order['state'], move: Move): Promise<Order> {
    const moved = moveTo(order, state, this.now(), move);
    const entry = moved.history.at(-1);
    if (!entry) throw new Error(`order ${order.id}: a moved order has no history`);
    await client.query(
      `WITH updated AS (UPDATE orders SET state = $2 WHERE id = $1 RETURNING id)
       INSERT INTO order_history (order_id, seq, state, at, at_text, note, made_by)
       SELECT id, $3, $2, $4::timestamptz, $6, $5, $7 FROM updated`,
      [order.id, state, moved.history.length, entry.at, entry.note ?? null, entry.at, entry.by ?? null],
    );
    return moved;
  }

  /**
   * Locks the order's row until the transaction ends, in a statement of its own: a SELECT ... FOR
   * UPDATE that waited for another mover returns the row as that mover left it, but its history
   * subquery still reads the snapshot from before the wait (READ COMMITTED), so the order read
   * back had the new state and the old history. The read that follows is a new statement and sees both.
   */
  private async lock(client: Queries, id: string): Promise<void> {
    await client.query('SELECT 1 FROM orders WHERE id = $1 FOR UPDATE', [id]);
  }

  private async select(where: string, values: readonly unknown[], client: Queries = this.database): Promise<Order[]> {
    const result = await client.query(`SELECT ${ORDER_COLUMNS} FROM orders o WHERE ${where}`, values);
    return result.rows.map(orderFromRow);
  }
}
