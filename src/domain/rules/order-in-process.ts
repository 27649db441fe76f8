// One order per filing at a time: another order for the same subject in process blocks a new one.
import type { Citation } from '../../knowledge/schema.js';
import { ACTION_LABELS, ACTION_TYPES, CANCELLATIONS, CHANGES, type ActionType } from '../action.js';
import { inProcessFor, type OrderSummary } from '../orders/order-summary.js';
import type { Rule } from './rule.js';

/** Each flow's own document says it, so a user is shown the sentence about what they tried. */
const SOURCES = {
  cancel: {
    doc: '000_8f40d240c022136d.txt',
    section: 'Cancel an ICP Filing on Alibaba Cloud',
    quote: 'You must finish this order or withdraw it before submitting an cancelling application.',
  },
  transfer: {
    doc: '002_0d7fdd88b91a65eb.txt',
    section: 'Transfer another ICP Filing',
    quote: 'You must finish that order or withdraw it before submitting another application.',
  },
  change: {
    doc: '004_32622779390f9597.txt',
    section: 'Change ICP Filing information',
    quote: 'You cannot modify your ICP Filing information if you have another ICP Filing order in process.',
  },
} as const satisfies Record<string, Citation>;

export const orderInProcessSources: readonly Citation[] = Object.values(SOURCES);

function sourceFor(type: ActionType): Citation {
  if (CANCELLATIONS.includes(type)) return SOURCES.cancel;
  if (CHANGES.includes(type)) return SOURCES.change;
  return SOURCES.transfer;
}

const text = {
  reasonMine: (o: OrderSummary) =>
    `Your order ${o.id} to ${ACTION_LABELS[o.type]} for ${o.filing.icpNumber} is still in process, and a filing can have only one order in process at a time.`,
  reasonOther: (subjectNumber: string) =>
    `Another order for ${subjectNumber} is already in process (placed by someone else), and a filing can have only one order in process at a time.`,
  insteadWithdrawable: (o: OrderSummary) => `Wait until ${o.id} is finished, or withdraw it first.`,
  insteadCancellation: (o: OrderSummary) =>
    `Wait until ${o.id} is finished: a cancellation order cannot be withdrawn.`,
  insteadOther: 'Try again once that order is finished or withdrawn.',
};

export const orderInProcess: Rule = {
  id: 'order-in-process',
  appliesTo: ACTION_TYPES,
  check(request, { orders }) {
    const pending = inProcessFor(request.filing.subjectNumber, orders);
    // Name the user's own order if there is one; never reveal another user's order id.
    const existing = pending.find((o) => o.mine) ?? pending[0];
    if (!existing) return undefined;
    const source = sourceFor(request.type);
    if (!existing.mine) {
      return { reason: text.reasonOther(request.filing.subjectNumber), instead: text.insteadOther, source };
    }
    const instead = CANCELLATIONS.includes(existing.type)
      ? text.insteadCancellation(existing)
      : text.insteadWithdrawable(existing);
    return { reason: text.reasonMine(existing), instead, source };
  },
};
