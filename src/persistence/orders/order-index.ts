// The stored orders in memory with lookups by id, user, filing subject, source activity and file,
// so a turn never scans every order, however many are stored.
import type { Order, Requester } from '../../domain/orders/order.js';

function userKey(requester: Requester): string {
  return JSON.stringify([requester.channelId, requester.userId]);
}

function addTo(map: Map<string, Set<string>>, key: string, id: string): void {
  const ids = map.get(key);
  if (ids) ids.add(id);
  else map.set(key, new Set([id]));
}

function removeFrom(map: Map<string, Set<string>>, key: string, id: string): void {
  const ids = map.get(key);
  ids?.delete(id);
  if (ids?.size === 0) map.delete(key);
}

export class OrderIndex {
  private readonly byId = new Map<string, { order: Order; file: string }>();
  /** Sets keep insertion order: each file's orders are written in the order they were recorded. */
  private readonly byFile = new Map<string, Set<string>>();
  private readonly byUser = new Map<string, Set<string>>();
  private readonly bySubject = new Map<string, Set<string>>();
  private readonly byActivity = new Map<string, string>();

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Every order: the back office lists them all (a few thousand at most on one lowdb instance). */
  all(): Order[] {
    return [...this.byId.values()].map((entry) => entry.order);
  }

  get(id: string): Order | undefined {
    return this.byId.get(id)?.order;
  }

  /** Adds an order kept in `file`; throws (naming it) if its id or source activity is already taken. */
  add(order: Order, file: string): void {
    const sameId = this.byId.get(order.id);
    if (sameId) throw new Error(`order ${order.id} is stored twice (also in ${sameId.file})`);
    const sameActivity = this.byActivity.get(order.sourceActivityKey);
    if (sameActivity !== undefined) {
      throw new Error(`order ${order.id} has the source activity of order ${sameActivity}`);
    }
    this.byId.set(order.id, { order, file });
    addTo(this.byFile, file, order.id);
    addTo(this.byUser, userKey(order.requester), order.id);
    addTo(this.bySubject, order.filing.subjectNumber, order.id);
    this.byActivity.set(order.sourceActivityKey, order.id);
  }

  /** Replaces an order by a later version of itself; who placed it and for which filing never change. */
  replace(order: Order): void {
    const entry = this.byId.get(order.id);
    if (!entry) throw new Error(`order ${order.id} is not stored`);
    entry.order = order;
  }

  /** Forgets every order kept in `file`, before reading that file again. */
  removeFile(file: string): void {
    for (const id of this.byFile.get(file) ?? []) {
      const order = this.get(id);
      if (!order) continue;
      this.byId.delete(id);
      removeFrom(this.byUser, userKey(order.requester), id);
      removeFrom(this.bySubject, order.filing.subjectNumber, id);
      this.byActivity.delete(order.sourceActivityKey);
    }
    this.byFile.delete(file);
  }

  fileOf(id: string): string | undefined {
    return this.byId.get(id)?.file;
  }

  ordersIn(file: string): Order[] {
    return this.lookup(this.byFile.get(file));
  }

  forUser(requester: Requester): Order[] {
    return this.lookup(this.byUser.get(userKey(requester)));
  }

  forSubject(subjectNumber: string): Order[] {
    return this.lookup(this.bySubject.get(subjectNumber));
  }

  fromActivity(sourceActivityKey: string): Order | undefined {
    const id = this.byActivity.get(sourceActivityKey);
    return id === undefined ? undefined : this.get(id);
  }

  private lookup(ids: ReadonlySet<string> | undefined): Order[] {
    return [...(ids ?? [])].flatMap((id) => this.get(id) ?? []);
  }
}
