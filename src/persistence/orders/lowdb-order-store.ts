// Orders on disk with lowdb under DATA_DIR/orders/: atomic writes, every confirmed order kept across
// restarts, one lock for deciding and recording, and in-memory indexes so no turn scans every order.
// A record this version cannot read is set aside (kept in its file, untouched) and the rest works.
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { log } from '../../log.js';
import { errorCode, nodeFileSystem, type FileSystem } from '../file-system.js';
import { AtomicJsonFile } from './atomic-json-file.js';
import { GroupCommit } from './group-commit.js';
import { Mutex } from './mutex.js';
import { isOrderFile, orderFileFor, ordersDir } from './order-files.js';
import { normaliseOrderId, newOrderId } from '../../domain/orders/order-id.js';
import { OrderIndex } from './order-index.js';
import { moveTo, type Move } from '../../domain/orders/order-state.js';
import { matchesFilter } from '../../domain/orders/order-filter.js';
import type { CheckTransition, Evaluate, OrderFilter, OrderStore, SubmitResult, TransitionResult, WithdrawResult } from '../../domain/orders/order-store.js';
import { Order, OrderDraft, isRequester, toSummary, type OrderDraftInput, type Requester } from '../../domain/orders/order.js';
import { ORDERS_FILE_VERSION, OrderStoreError, parseOrders, serialiseOrders, type OrdersData, type SetAsideRecord } from './orders-file.js';
import { withdrawalProblem } from '../../domain/orders/withdrawal.js';
import type { OrderState, OrderSummary } from '../../domain/orders/order-summary.js';

export { OrderStoreError } from './orders-file.js';

/** CANCELLATION_UNDO_MINUTES' default, 30 minutes. */
export const DEFAULT_CANCELLATION_UNDO_MS = 30 * 60_000;

export interface LowdbOrderStoreOptions {
  /** The clock for createdAt and history; tests pass a fixed one. */
  now?: () => Date;
  /** How long a cancellation order may still be withdrawn after it is recorded (see WithdrawalPolicy). */
  cancellationUndoMs?: number;
  /** The file operations; tests pass a layer that fails like a read-only or full disk. */
  fs?: FileSystem;
}

/** What `npm run orders:set-aside` lists: a record, or a whole file, this version could not read. */
export interface SetAsideReport {
  file: string;
  /** The record set aside (its place in the file, its id, where known); undefined when it is the whole file. */
  record: { index: number | undefined; id: string | undefined } | undefined;
  reason: string;
}

/** An operation's answer and the write it must wait for before the answer may be given. */
interface Step<T> {
  result: T;
  durable: Promise<void>;
}

const SUBMITTED_NOTE = 'submitted';
const WITHDRAWN_NOTE = 'withdrawn by the user';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function emptyData(): OrdersData {
  return { version: ORDERS_FILE_VERSION, orders: [], setAside: [] };
}

/**
 * Orders are spread over a few dozen lowdb files by filing subject (see order-files.ts), so
 * recording one rewrites a small file however many are stored. Every operation touches one file.
 * Single-process: the files are read at open and then only written by this process; two processes
 * sharing one DATA_DIR would overwrite each other's orders.
 */
export class LowdbOrderStore implements OrderStore {
  private readonly mutex = new Mutex();
  private readonly index = new OrderIndex();
  private readonly files = new Map<string, Low<OrdersData>>();
  private readonly commits = new Map<string, GroupCommit>();
  private readonly now: () => Date;
  private readonly cancellationUndoMs: number;
  /** Set when memory could not be brought back in line with a file: every operation then fails. */
  private broken: Error | undefined;
  /** Per file, the records this version could not read: written back as they were. */
  private readonly setAside = new Map<string, SetAsideRecord[]>();
  /** Files that could not be read at all, with why: never written, and no order is recorded in them. */
  private readonly unreadable = new Map<string, string>();
  private readonly fs: FileSystem;

  /** Opens (or creates) the store under `${dataDir}/orders/`; rejects with OrderStoreError naming any invalid record. */
  static async open(dataDir: string, options: LowdbOrderStoreOptions = {}): Promise<LowdbOrderStore> {
    const dir = ordersDir(dataDir);
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new OrderStoreError(`${dir} cannot be used as the orders directory (${messageOf(error)})`, { cause: error });
    }
    const store = new LowdbOrderStore(dir, options);
    await store.mutex.run(() => store.readAll());
    return store;
  }

  private constructor(
    readonly dir: string,
    options: LowdbOrderStoreOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.cancellationUndoMs = options.cancellationUndoMs ?? DEFAULT_CANCELLATION_UNDO_MS;
    this.fs = options.fs ?? nodeFileSystem;
  }

  /** Every record, and every whole file, set aside because this version could not read it. */
  setAsideReport(): SetAsideReport[] {
    const files = [...this.unreadable].map(([file, reason]) => ({ file: join(this.dir, file), record: undefined, reason }));
    const records = [...this.setAside].flatMap(([file, asides]) =>
      asides.map(({ index, id, reason }) => ({ file: join(this.dir, file), record: { index, id }, reason })),
    );
    return [...files, ...records];
  }

  /**
   * Whether the store still works: false once a file could not be read back after a failed write
   * (then every operation fails until a restart). For readiness; the log has the details.
   */
  get usable(): boolean {
    return this.broken === undefined;
  }

  async submit(draft: OrderDraftInput, evaluate: Evaluate): Promise<SubmitResult> {
    const parsed = OrderDraft.safeParse(draft);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(draft)'}: ${i.message}`);
      throw new OrderStoreError(`order draft is invalid: ${problems.join('; ')}`);
    }
    const order = parsed.data;
    const file = orderFileFor(order.filing.subjectNumber);
    const step = await this.exclusive((): Step<SubmitResult> => {
      this.refuseUnreadable(file);
      const earlier = this.index.fromActivity(order.sourceActivityKey);
      if (earlier) return { result: { duplicate: earlier }, durable: this.settled(earlier.id) };
      const existing = this.index.forSubject(order.filing.subjectNumber).map((o) => toSummary(o, order.requester));
      const outcome = evaluate(existing);
      // A block may name an order still being written: answer once that one is really recorded.
      if (!outcome.allowed) return { result: { blocked: outcome }, durable: this.commit(file).settled() };
      const at = this.now().toISOString();
      const recorded = Order.parse({
        ...order,
        id: this.unusedId(),
        state: 'in_process',
        history: [{ state: 'in_process', at, note: SUBMITTED_NOTE }],
        createdAt: at,
      });
      this.index.add(recorded, file);
      return { result: { recorded, notes: outcome.notes }, durable: this.commit(file).request() };
    });
    await step.durable;
    return structuredClone(step.result);
  }

  async summariesFor(subjectNumber: string, asker: Requester): Promise<OrderSummary[]> {
    return this.exclusive(() => this.index.forSubject(subjectNumber).map((o) => toSummary(o, asker)));
  }

  async orderFromActivity(sourceActivityKey: string, asker: Requester): Promise<Order | undefined> {
    const order = await this.exclusive(() => this.index.fromActivity(sourceActivityKey));
    return order && isRequester(order, asker) ? structuredClone(order) : undefined;
  }

  async listForUser(channelId: string, userId: string): Promise<Order[]> {
    const orders = await this.exclusive(() => this.index.forUser({ channelId, userId }));
    return structuredClone(orders).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async getForUser(id: string, channelId: string, userId: string): Promise<Order | undefined> {
    const order = await this.exclusive(() => this.ownOrder(id, { channelId, userId }));
    return order && structuredClone(order);
  }

  async withdraw(id: string, channelId: string, userId: string): Promise<WithdrawResult> {
    const step = await this.exclusive((): Step<WithdrawResult> => {
      const order = this.ownOrder(id, { channelId, userId });
      if (!order) return { result: { notFound: true }, durable: Promise.resolve() };
      const problem = withdrawalProblem(order, { now: this.now(), cancellationUndoMs: this.cancellationUndoMs });
      if (problem) {
        const result = { notAllowed: problem.reason, ...(problem.source ? { source: problem.source } : {}) };
        return { result, durable: this.settled(order.id) };
      }
      return { result: { withdrawn: this.move(order, 'withdrawn', { by: 'user', note: WITHDRAWN_NOTE }) }, durable: this.written(order.id) };
    });
    await step.durable;
    return structuredClone(step.result);
  }

  async list(filter: OrderFilter = {}): Promise<Order[]> {
    const orders = await this.exclusive(() => this.index.all().filter((o) => matchesFilter(o, filter)));
    const newestFirst = orders.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    return structuredClone(filter.limit === undefined ? newestFirst : newestFirst.slice(0, filter.limit));
  }

  async get(id: string): Promise<Order | undefined> {
    const normal = normaliseOrderId(id);
    const order = await this.exclusive(() => (normal === undefined ? undefined : this.index.get(normal)));
    return order && structuredClone(order);
  }

  async transition(id: string, to: OrderState, move: Move, check: CheckTransition): Promise<TransitionResult> {
    const step = await this.exclusive((): Step<TransitionResult> => {
      const normal = normaliseOrderId(id);
      const order = normal === undefined ? undefined : this.index.get(normal);
      if (!order) return { result: { notFound: true }, durable: Promise.resolve() };
      const problem = check(order);
      if (problem) return { result: { refused: problem, order }, durable: this.settled(order.id) };
      return { result: { moved: this.move(order, to, move) }, durable: this.written(order.id) };
    });
    await step.durable;
    return structuredClone(step.result);
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.commits.values()].map((c) => c.settled()));
  }

  /**
   * Orders kept in a file that could not be read are unknown, so the rules cannot be checked for
   * any filing kept there: recording one would risk a second order for the same filing.
   */
  private refuseUnreadable(file: string): void {
    const reason = this.unreadable.get(file);
    if (reason === undefined) return;
    throw new OrderStoreError(
      `${join(this.dir, file)} could not be read when the store opened (${reason}); no order for a filing kept there can be recorded until it is repaired and the bot restarted`,
    );
  }

  private move(order: Order, state: Order['state'], move: Move): Order {
    const moved = moveTo(order, state, this.now(), move);
    this.index.replace(moved);
    return moved;
  }

  private ownOrder(id: string, requester: Requester): Order | undefined {
    const normal = normaliseOrderId(id);
    const order = normal === undefined ? undefined : this.index.get(normal);
    return order && isRequester(order, requester) ? order : undefined;
  }

  private unusedId(): string {
    let id = newOrderId();
    while (this.index.has(id)) id = newOrderId();
    return id;
  }

  /** Schedules a write of the file that keeps this (just changed) order. */
  private written(id: string): Promise<void> {
    const file = this.index.fileOf(id);
    return file === undefined ? Promise.resolve() : this.commit(file).request();
  }

  /** Settles once the file that keeps this order holds everything changed so far. */
  private settled(id: string): Promise<void> {
    const file = this.index.fileOf(id);
    return file === undefined ? Promise.resolve() : this.commit(file).settled();
  }

  /** Runs a synchronous critical section under the lock, so reading, deciding and changing are one step. */
  private exclusive<T>(critical: () => T): Promise<T> {
    return this.mutex.run(() => {
      if (this.broken) throw this.broken;
      return critical();
    });
  }

  private lowdb(file: string): Low<OrdersData> {
    let db = this.files.get(file);
    if (!db) {
      // A temporary file renamed over the old one: a crash or kill leaves either the old file or
      // the new one, never half of one; flushed, so an order reported recorded survives a power cut.
      const path = join(this.dir, file);
      const adapter = new AtomicJsonFile<OrdersData>(path, {
        fs: this.fs,
        parse: (text) => parseOrders(text, path),
        stringify: serialiseOrders,
        durable: true,
      });
      db = new Low<OrdersData>(adapter, emptyData());
      this.files.set(file, db);
    }
    return db;
  }

  private commit(file: string): GroupCommit {
    let commit = this.commits.get(file);
    if (!commit) {
      commit = new GroupCommit(
        () => this.writeFile(file),
        (error) => this.mutex.run(() => this.recover(file, error)),
      );
      this.commits.set(file, commit);
    }
    return commit;
  }

  /** Reads every orders file; one that cannot be read is logged and left as it is, and the rest work. */
  private async readAll(): Promise<void> {
    for (const file of readdirSync(this.dir).filter(isOrderFile).sort()) {
      try {
        await this.readFile(file);
      } catch (error) {
        const reason = error instanceof OrderStoreError ? messageOf(error) : `${join(this.dir, file)} could not be read (${errorCode(error) ?? messageOf(error)})`;
        this.unreadable.set(file, reason);
        log.error('orders file unreadable; left untouched, and no order is recorded in it until it is repaired', { file: join(this.dir, file), reason });
      }
    }
  }

  private async readFile(file: string): Promise<void> {
    const db = this.lowdb(file);
    // lowdb keeps whatever it holds when the file is missing: start from nothing, not from memory.
    db.data = emptyData();
    await db.read();
    const setAside = [...db.data.setAside];
    for (const order of db.data.orders) {
      try {
        this.index.add(order, file);
      } catch (error) {
        // Another file already has this id or source activity: the later one cannot be trusted.
        setAside.push({ index: undefined, id: order.id, reason: messageOf(error), record: order });
      }
    }
    if (setAside.length > 0) this.setAside.set(file, setAside);
    else this.setAside.delete(file);
    for (const { index, id, reason } of setAside) {
      log.warn('order record set aside: this version cannot read it; it stays in its file as it was', {
        file: join(this.dir, file),
        ...(index === undefined ? {} : { index }),
        ...(id === undefined ? {} : { orderId: id }),
        reason,
      });
    }
  }

  private async writeFile(file: string): Promise<void> {
    this.refuseUnreadable(file);
    const db = this.lowdb(file);
    db.data = { version: ORDERS_FILE_VERSION, orders: this.index.ordersIn(file), setAside: this.setAside.get(file) ?? [] };
    try {
      await db.write();
    } catch (error) {
      throw new OrderStoreError(
        `${join(this.dir, file)} could not be written (${messageOf(error)}); the change was not recorded`,
        { cause: error },
      );
    }
  }

  /**
   * After a failed write, memory holds changes the file does not: fail every change still waiting
   * for that file and read it again, which gives back exactly what was confirmed.
   */
  private async recover(file: string, error: unknown): Promise<void> {
    this.commit(file).abandonPending(error);
    this.index.removeFile(file);
    try {
      await this.readFile(file);
    } catch (reloadError) {
      this.broken = new OrderStoreError(
        `${join(this.dir, file)} could not be read back after a failed write (${messageOf(reloadError)}); restart the bot`,
        { cause: reloadError },
      );
    }
  }
}
