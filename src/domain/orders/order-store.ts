// What the flows need from order storage; the lowdb store implements it.
import type { MessageRef } from '../../knowledge/catalogue.js';
import type { CitationId } from '../../knowledge/citations.js';
import type { OrderSummary } from './order-summary.js';
import type { Blocked, Note, RuleOutcome } from '../rules/outcome.js';
import type { ActionType } from '../action.js';
import type { TransitionProblem } from './lifecycle.js';
import type { Move } from './order-state.js';
import type { OrderState } from './order-summary.js';
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

/** What the back office lists: every condition given must hold. */
export interface OrderFilter {
  states?: readonly OrderState[];
  types?: readonly ActionType[];
  /** The filing's province id ("beijing"). */
  province?: string;
  /** Recorded before / at or after these times: an order's age. */
  createdBefore?: Date;
  createdAfter?: Date;
  /** Whose last move (or recording) was at or after this time: what changed since a notifier last looked. */
  changedSince?: Date;
  /** At most this many, newest first. */
  limit?: number;
}

export type TransitionResult =
  | { moved: Order }
  /** No order has this id. */
  | { notFound: true }
  | { refused: TransitionProblem; order: Order };

/** Decides, under the store's lock, whether the order as it is now may make the move. */
export type CheckTransition = (order: Order) => TransitionProblem | undefined;

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
  /** For the back office and the notifier: every user's orders, newest first. */
  list(filter?: OrderFilter): Promise<Order[]>;
  /** For the back office: one order of any user; the id may be typed loosely. */
  get(id: string): Promise<Order | undefined>;
  /**
   * Moves an order to `to` when `check` finds no problem with the order as stored at that moment
   * (so two operators cannot both move it from one state); resolves once the move is stored.
   */
  transition(id: string, to: OrderState, move: Move, check: CheckTransition): Promise<TransitionResult>;
  /** Waits for every write in progress; call before the process exits. */
  close(): Promise<void>;
}
