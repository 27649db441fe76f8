// What the flows need from order storage; the lowdb store implements it.
import type { MessageRef } from '../../knowledge/catalogue.js';
import type { CitationId } from '../../knowledge/citations.js';
import type { OrderSummary } from './order-summary.js';
import type { Blocked, Note, RuleOutcome } from '../rules/outcome.js';
import type { Order, OrderDraftInput, Requester } from './order.js';

/**
 * The rules, run by the store at the moment of recording against the orders then stored for the
 * same filing subject: deciding and recording is one step, so two turns cannot both pass.
 */
export type Evaluate = (existing: readonly OrderSummary[]) => RuleOutcome;

export type SubmitResult =
  | { recorded: Order; notes: Note[] }
  /** The same incoming activity (a channel retry) already recorded this order. */
  | { duplicate: Order }
  | { blocked: Blocked };

export type WithdrawResult =
  | { withdrawn: Order }
  /** No such order for this user: other users' orders are reported the same way, so none leak. */
  | { notFound: true }
  | { notAllowed: MessageRef; source?: CitationId };

export interface OrderStore {
  /** Evaluates and records under one lock; resolves only once a recorded order is on disk. */
  submit(draft: OrderDraftInput, evaluate: Evaluate): Promise<SubmitResult>;
  /**
   * What the rules see of the orders for one filing subject, for checking an action before the
   * user confirms it (submit checks again under its lock).
   */
  summariesFor(subjectNumber: string, asker: Requester): Promise<OrderSummary[]>;
  /** The order a given incoming message placed, if it placed one for this user (a channel retry). */
  orderFromActivity(sourceActivityKey: string, asker: Requester): Promise<Order | undefined>;
  /** The user's orders, newest first. */
  listForUser(channelId: string, userId: string): Promise<Order[]>;
  /** The order if it exists and belongs to this user; the id may be typed loosely ("fa 7k3q9m"). */
  getForUser(id: string, channelId: string, userId: string): Promise<Order | undefined>;
  withdraw(id: string, channelId: string, userId: string): Promise<WithdrawResult>;
  /** For the back office: the administration's decision on an order in process. */
  recordReview(id: string, state: 'completed' | 'rejected', note?: string): Promise<Order | undefined>;
  /** Waits for every write in progress; call before the process exits. */
  close(): Promise<void>;
}
