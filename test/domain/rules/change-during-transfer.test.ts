import { expect } from 'chai';
import type { ActionType } from '../../../src/domain/action.js';
import { changeDuringTransfer } from '../../../src/domain/rules/change-during-transfer.js';
import type { OrderSummary } from '../../../src/domain/orders/order-summary.js';
import { OTHER_SUBJECT, context, order, request } from './support.js';

const cases: Array<{ name: string; type: ActionType; orders: OrderSummary[]; blocked: boolean }> = [
  { name: 'blocks a change while a transfer is in process', type: 'change_website', orders: [order('transfer_in')], blocked: true },
  { name: 'blocks a subject change while a transfer is in process', type: 'change_subject', orders: [order('transfer_in')], blocked: true },
  {
    name: "blocks a change while someone else's transfer of the subject is in process",
    type: 'change_subject',
    orders: [order('transfer_in', 'in_process', { mine: false })],
    blocked: true,
  },
  { name: 'allows a change once the transfer is completed', type: 'change_website', orders: [order('transfer_in', 'completed')], blocked: false },
  { name: 'allows a change after the transfer was withdrawn', type: 'change_website', orders: [order('transfer_in', 'withdrawn')], blocked: false },
  {
    name: 'allows a change while a transfer of another subject is in process',
    type: 'change_website',
    orders: [order('transfer_in', 'in_process', { subjectNumber: OTHER_SUBJECT })],
    blocked: false,
  },
  { name: 'leaves other orders in process to the one-order rule', type: 'change_website', orders: [order('change_subject')], blocked: false },
];

describe('rule: change-during-transfer', () => {
  for (const c of cases) {
    it(c.name, () => {
      expect(changeDuringTransfer.check(request(c.type), context(c.orders)) !== undefined).to.equal(c.blocked);
    });
  }

  it('applies to changes only', () => {
    expect(changeDuringTransfer.appliesTo).to.have.members(['change_subject', 'change_website']);
  });
});
