// What the back office shows of an order: what the filing team needs to work on it, and nothing
// more. No requester user id, no conversation reference, no source activity key: the views are
// built field by field, so a field added to orders later is not shown until someone decides to.
import type { ActionType } from '../domain/action.js';
import { allowedTransitions, expiresAt, phoneVerificationDeadline, type Lifecycle } from '../domain/orders/lifecycle.js';
import { lastChangedAt } from '../domain/orders/order-filter.js';
import { enteredCurrentState, type Order, type OrderState } from '../domain/orders/order.js';
import type { CsvCell } from './csv.js';

const DAY_MS = 86_400_000;

export interface OperatorOrderView {
  id: string;
  type: ActionType;
  state: OrderState;
  /** The states an operator may move the order to now. */
  allowedTransitions: OrderState[];
  province: string;
  filing: { icpNumber: string; subjectNumber: string; domains: string[] };
  createdAt: string;
  /** The last move or note, or the recording. */
  changedAt: string;
  /** The channel the order came from (msteams, webchat, emulator): where the customer will hear the news. */
  channelId: string;
  /** Whole days since it was recorded. */
  ageDays: number;
  /** While in phone_verification: when the MIIT call must have been answered. */
  phoneVerificationDeadline?: string;
  /** While in a state that expires: when the provider deletes the unfinished order. */
  expiresAt?: string;
}

export interface OperatorHistoryEntry {
  state: OrderState;
  at: string;
  by?: string;
  note?: string;
}

export interface OperatorOrderDetail extends OperatorOrderView {
  history: OperatorHistoryEntry[];
  /** What the customer asked to change (names of fields, never their values); empty for other orders. */
  request: { changes?: NonNullable<Order['request']['changes']> };
}

/** When the order entered the state it is in: the move that made it so, not notes added since. */
function enteredCurrentStateAt(order: Order): string {
  return order.history[enteredCurrentState(order)]?.at ?? order.createdAt;
}

export function operatorOrderView(order: Order, lifecycle: Lifecycle, now: Date): OperatorOrderView {
  const expiry = expiresAt(lifecycle, order);
  return {
    id: order.id,
    type: order.type,
    state: order.state,
    allowedTransitions: allowedTransitions(lifecycle, order, 'operator'),
    province: order.filing.province,
    filing: { icpNumber: order.filing.icpNumber, subjectNumber: order.filing.subjectNumber, domains: [...order.filing.domains] },
    createdAt: order.createdAt,
    changedAt: lastChangedAt(order),
    channelId: order.requester.channelId,
    ageDays: Math.max(0, Math.floor((now.getTime() - Date.parse(order.createdAt)) / DAY_MS)),
    ...(order.state === 'phone_verification'
      ? { phoneVerificationDeadline: phoneVerificationDeadline(lifecycle, enteredCurrentStateAt(order)).toISOString() }
      : {}),
    ...(expiry === undefined ? {} : { expiresAt: expiry.toISOString() }),
  };
}

export function operatorOrderDetail(order: Order, lifecycle: Lifecycle, now: Date): OperatorOrderDetail {
  const changes = order.request.changes;
  return {
    ...operatorOrderView(order, lifecycle, now),
    history: order.history.map((entry) => ({
      state: entry.state,
      at: entry.at,
      ...(entry.by === undefined ? {} : { by: entry.by }),
      ...(entry.note === undefined ? {} : { note: entry.note }),
    })),
    request: changes === undefined ? {} : { changes },
  };
}

/** The CSV export's columns, in order; `csvRow` fills them. */
export const ORDER_CSV_HEADER = [
  'id',
  'type',
  'state',
  'province',
  'icpNumber',
  'subjectNumber',
  'domains',
  'createdAt',
  'changedAt',
  'ageDays',
  'channelId',
  'phoneVerificationDeadline',
  'expiresAt',
  'allowedTransitions',
  'lastChangedBy',
  'lastNote',
] as const;

/**
 * One order as a CSV row; lists are joined with spaces (neither domains nor states contain one).
 * The last note is there for a rejection's reasons; it is free text, which is why csv.ts defuses formulas.
 */
export function orderCsvRow(view: OperatorOrderDetail): CsvCell[] {
  const notes = view.history.filter((entry) => entry.note !== undefined);
  return [
    view.id,
    view.type,
    view.state,
    view.province,
    view.filing.icpNumber,
    view.filing.subjectNumber,
    view.filing.domains.join(' '),
    view.createdAt,
    view.changedAt,
    view.ageDays,
    view.channelId,
    view.phoneVerificationDeadline,
    view.expiresAt,
    view.allowedTransitions.join(' '),
    view.history.at(-1)?.by,
    notes.at(-1)?.note,
  ];
}
