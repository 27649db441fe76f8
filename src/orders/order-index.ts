// The stored orders in memory with lookups by id, user, filing subject and source activity,
// so a turn never scans every order, however many are stored.
import type { Order, Requester } from './order.js';

function userKey(requester: Requester): string {
  return JSON.stringify([requester.channelId, requester.userId]);
}

function push(map: Map<string, string[]>, key: string, id: string): void {
  const ids = map.get(key);
  if (ids) ids.push(id);
  else map.set(key, [id]);
}

export class OrderIndex {
  /** In recording order: the array that is written to disk. */
  readonly orders: Order[] = [];
  private readonly position = new Map<string, number>();
  private readonly byUser = new Map<string, string[]>();
  private readonly bySubject = new Map<string, string[]>();
  private readonly byActivity = new Map<string, string>();

  constructor(orders: readonly Order[] = []) {
    for (const order of orders) this.add(order);
  }

  has(id: string): boolean {
    return this.position.has(id);
  }

  get(id: string): Order | undefined {
    const at = this.position.get(id);
    return at === undefined ? undefined : this.orders[at];
  }

  add(order: Order): void {
    if (this.position.has(order.id)) throw new Error(`order ${order.id} is already stored`);
    this.position.set(order.id, this.orders.length);
    this.orders.push(order);
    push(this.byUser, userKey(order.requester), order.id);
    push(this.bySubject, order.filing.subjectNumber, order.id);
    this.byActivity.set(order.sourceActivityKey, order.id);
  }

  /** Replaces an order by a later version of itself; who placed it and for which filing never change. */
  replace(order: Order): void {
    const at = this.position.get(order.id);
    if (at === undefined) throw new Error(`order ${order.id} is not stored`);
    this.orders[at] = order;
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

  private lookup(ids: readonly string[] | undefined): Order[] {
    return (ids ?? []).flatMap((id) => this.get(id) ?? []);
  }
}
