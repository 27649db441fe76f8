// No changes during a transfer: a transfer in process for the subject blocks a change to it.
import type { Citation } from '../../knowledge/schema.js';
import { inProcessFor } from '../orders/order-summary.js';
import type { Rule } from './rule.js';

export const changeDuringTransferSource: Citation = {
  doc: '003_2c8c2a51a61a4d8b.txt',
  section: 'Can I change the subject or website information during the ICP Filing transfer?',
  quote: 'during the transfer process, you cannot modify the ICP Filing information',
};

const text = {
  reason: (subjectNumber: string) =>
    `The filing information of ${subjectNumber} cannot be changed while its transfer is in process.`,
  instead: 'Submit the change once the transfer is approved, or make it at your original provider before transferring.',
};

export const changeDuringTransfer: Rule = {
  id: 'change-during-transfer',
  appliesTo: ['change_subject', 'change_website'],
  check(request, { orders }) {
    const transfer = inProcessFor(request.filing.subjectNumber, orders).find((o) => o.type === 'transfer_in');
    if (!transfer) return undefined;
    return {
      reason: text.reason(request.filing.subjectNumber),
      instead: text.instead,
      source: changeDuringTransferSource,
    };
  },
};
