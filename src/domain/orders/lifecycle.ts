// The order lifecycle as data (knowledge/order-lifecycle.json): which state may follow which for
// each order type, who may make the move, when unfinished orders expire, and what the user is told
// in each state. Pure: the store asks transitionProblem under its lock, the back office lists
// allowedTransitions, the notifier words the news with stateNews.
import { message, type MessageRef } from '../../knowledge/catalogue.js';
import type { ActionType } from '../action.js';
import { nextStepsFor, ORDER_STATE_WORDS } from './order-state-words.js';
import type { OrderState } from './order-summary.js';

/** Who moves an order: the filing team in the back office, the customer in the chat, the bot's clock. */
export const ACTORS = ['operator', 'user', 'system'] as const;
export type Actor = (typeof ACTORS)[number];

export interface Transition {
  from: OrderState;
  to: readonly OrderState[];
  by: readonly Actor[];
}

export interface Lifecycle {
  transitions: Readonly<Record<ActionType, readonly Transition[]>>;
  /** Unfinished orders (in one of `states`) are expired this many days after they were recorded. */
  expiry: { days: number; states: readonly OrderState[] };
  /**
   * The MIIT text message arrives within `smsWithinMinutes` and must be answered within
   * `answerWithinHours` (the seeds); later public sources report `laterReportedHours` (DOMAIN.md).
   */
  phoneVerification: { smsWithinMinutes: number; answerWithinHours: number; laterReportedHours?: number };
}

/** Why a move is refused; the back office answers 409 with it. */
export type TransitionProblem =
  | { code: 'same_state'; from: OrderState; to: OrderState; allowed: OrderState[] }
  | { code: 'not_allowed'; from: OrderState; to: OrderState; allowed: OrderState[] }
  | { code: 'not_by_actor'; from: OrderState; to: OrderState; actor: Actor; allowed: OrderState[] };

/** The states an order of this type in this state may move to, by this actor (or by anyone). */
export function allowedTransitions(lifecycle: Lifecycle, order: { type: ActionType; state: OrderState }, actor?: Actor): OrderState[] {
  const states = lifecycle.transitions[order.type]
    .filter((t) => t.from === order.state && (actor === undefined || t.by.includes(actor)))
    .flatMap((t) => t.to);
  return [...new Set(states)];
}

/** Undefined when `actor` may move the order to `to`; otherwise why not. */
export function transitionProblem(
  lifecycle: Lifecycle,
  order: { type: ActionType; state: OrderState },
  to: OrderState,
  actor: Actor,
): TransitionProblem | undefined {
  const from = order.state;
  const allowed = allowedTransitions(lifecycle, order, actor);
  if (allowed.includes(to)) return undefined;
  if (from === to) return { code: 'same_state', from, to, allowed };
  if (allowedTransitions(lifecycle, order).includes(to)) return { code: 'not_by_actor', from, to, actor, allowed };
  return { code: 'not_allowed', from, to, allowed };
}

/** When an order recorded at `createdAt` in state `state` expires, or undefined when that state does not expire. */
export function expiresAt(lifecycle: Lifecycle, order: { state: OrderState; createdAt: string }): Date | undefined {
  if (!lifecycle.expiry.states.includes(order.state)) return undefined;
  return new Date(Date.parse(order.createdAt) + lifecycle.expiry.days * 86_400_000);
}

/**
 * When the phone verification of an order that entered that state at `enteredAt` must be done: by
 * the help material's window, or with `earliest` by the shorter of it and the later reports' (what
 * a reminder must come before, so it is never late whichever is right).
 */
export function phoneVerificationDeadline(lifecycle: Lifecycle, enteredAt: string, options: { earliest?: boolean } = {}): Date {
  const { answerWithinHours, laterReportedHours } = lifecycle.phoneVerification;
  const hours = options.earliest && laterReportedHours !== undefined ? Math.min(answerWithinHours, laterReportedHours) : answerWithinHours;
  return new Date(Date.parse(enteredAt) + hours * 3_600_000);
}

/** What a user is told about an order in a state: the state's name and what happens or what to do next. */
export function stateNews(lifecycle: Lifecycle, type: ActionType, state: OrderState): { state: MessageRef; next: MessageRef } {
  const name = message(ORDER_STATE_WORDS[state]);
  const id = nextStepsFor(type, state);
  if (id === 'lifecycle.next.phoneVerification') {
    const { smsWithinMinutes: minutes, answerWithinHours: hours, laterReportedHours: laterHours } = lifecycle.phoneVerification;
    if (laterHours !== undefined && laterHours !== hours) {
      return { state: name, next: message('lifecycle.next.phoneVerificationLaterReports', { minutes, hours, laterHours }) };
    }
    return { state: name, next: message(id, { minutes, hours }) };
  }
  if (id === 'lifecycle.next.expired') return { state: name, next: message(id, { days: lifecycle.expiry.days }) };
  return { state: name, next: message(id) };
}
