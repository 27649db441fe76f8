// A filing cannot be cancelled and applied for again at the same time: the cancellation must finish first.
import type { Citation } from '../../knowledge/schema.js';
import { CANCELLATIONS } from '../action.js';
import { inProcessFor } from '../orders/order-summary.js';
import type { Rule } from './rule.js';

export const cancelAndReapplySource: Citation = {
  doc: '001_a9e1d99f57a6bcba.txt',
  section: 'Can I cancel a website registration and reapply for a new ICP Filing at the same time?',
  quote: 'You cannot cancel an ICP Filing and reapply for a new ICP Filing at the same time.',
};

const text = {
  reasonReapplyNow: 'A filing cannot be cancelled and applied for again at the same time.',
  insteadReapplyNow:
    'Submit the cancellation alone; once it is approved and Public Query (www.miitbeian.gov.cn) shows nothing for it, apply again.',
  reasonCancelling: (subjectNumber: string) =>
    `A cancellation of ${subjectNumber} is in process, and a filing cannot be cancelled and applied for again at the same time.`,
  insteadCancelling:
    'Wait until the cancellation is approved and Public Query (www.miitbeian.gov.cn) shows nothing for it, then apply again.',
};

export const cancelAndReapply: Rule = {
  id: 'cancel-and-reapply',
  appliesTo: ['cancel_subject', 'cancel_website', 'transfer_in'],
  check(request, { orders }) {
    if (request.type !== 'transfer_in') {
      if (!request.reapplyNow) return undefined;
      return { reason: text.reasonReapplyNow, instead: text.insteadReapplyNow, source: cancelAndReapplySource };
    }
    const cancelling = inProcessFor(request.filing.subjectNumber, orders).some((o) =>
      CANCELLATIONS.includes(o.type),
    );
    if (!cancelling) return undefined;
    return {
      reason: text.reasonCancelling(request.filing.subjectNumber),
      instead: text.insteadCancelling,
      source: cancelAndReapplySource,
    };
  },
};
