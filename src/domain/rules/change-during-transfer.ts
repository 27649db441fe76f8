// A filing's information cannot change while its transfer is in process (seed 003).
import { message } from '../../knowledge/catalogue.js';
import { inProcessFor } from '../orders/order-summary.js';
import type { Rule } from './rule.js';

export const changeDuringTransfer: Rule = {
  id: 'change-during-transfer',
  appliesTo: ['change_subject', 'change_website'],
  check(request, { orders, citations }) {
    const transfer = inProcessFor(request.filing.subjectNumber, orders).find((o) => o.type === 'transfer_in');
    if (!transfer) return undefined;
    return {
      reason: message('rule.changeDuringTransfer.reason', { subjectNumber: request.filing.subjectNumber }),
      instead: message('rule.changeDuringTransfer.instead'),
      source: citations.get('changeDuringTransfer'),
    };
  },
};
