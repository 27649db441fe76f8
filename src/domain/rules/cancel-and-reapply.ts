// A filing cannot be cancelled and applied for again at the same time: the cancellation must finish first.
import { message } from '../../knowledge/catalogue.js';
import { CANCELLATIONS } from '../action.js';
import { inProcessFor } from '../orders/order-summary.js';
import type { Rule } from './rule.js';

export const cancelAndReapply: Rule = {
  id: 'cancel-and-reapply',
  appliesTo: ['cancel_subject', 'cancel_website', 'transfer_in'],
  check(request, { orders, citations }) {
    const source = citations.get('cancelAndReapply');
    if (request.type !== 'transfer_in') {
      if (!request.reapplyNow) return undefined;
      return {
        reason: message('rule.cancelAndReapply.reasonReapplyNow'),
        instead: message('rule.cancelAndReapply.insteadReapplyNow'),
        source,
      };
    }
    const cancelling = inProcessFor(request.filing.subjectNumber, orders).some((o) =>
      CANCELLATIONS.includes(o.type),
    );
    if (!cancelling) return undefined;
    return {
      reason: message('rule.cancelAndReapply.reasonCancelling', { subjectNumber: request.filing.subjectNumber }),
      instead: message('rule.cancelAndReapply.insteadCancelling'),
      source,
    };
  },
};
