// One order per filing at a time: another order for the same subject in process blocks a new one.
import { message } from '../../knowledge/catalogue.js';
import type { CitationId } from '../../knowledge/citations.js';
import { ACTION_LABELS, ACTION_TYPES, CANCELLATIONS, CHANGES, type ActionType } from '../action.js';
import { inProcessFor } from '../orders/order-summary.js';
import type { Rule } from './rule.js';

/** Each flow's own document says it, so a user is shown the sentence about what they tried. */
function sourceFor(type: ActionType): CitationId {
  if (CANCELLATIONS.includes(type)) return 'orderInProcessCancel';
  if (CHANGES.includes(type)) return 'orderInProcessChange';
  return 'orderInProcessTransfer';
}

export const orderInProcess: Rule = {
  id: 'order-in-process',
  appliesTo: ACTION_TYPES,
  check(request, { orders, citations }) {
    const pending = inProcessFor(request.filing.subjectNumber, orders);
    // Name the user's own order if there is one; never reveal another user's order id.
    const existing = pending.find((o) => o.mine) ?? pending[0];
    if (!existing) return undefined;
    const source = citations.get(sourceFor(request.type));
    if (!existing.mine) {
      return {
        reason: message('rule.orderInProcess.reasonOther', { subjectNumber: request.filing.subjectNumber }),
        instead: message('rule.orderInProcess.insteadOther'),
        source,
      };
    }
    const orderId = existing.id;
    const instead = CANCELLATIONS.includes(existing.type)
      ? message('rule.orderInProcess.insteadCancellation', { orderId })
      : message('rule.orderInProcess.insteadWithdrawable', { orderId });
    const reason = message('rule.orderInProcess.reasonMine', {
      orderId,
      action: message(ACTION_LABELS[existing.type]),
      icpNumber: existing.filing.icpNumber,
    });
    return { reason, instead, source };
  },
};
