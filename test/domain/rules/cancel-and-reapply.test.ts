import { expect } from 'chai';
import type { ActionRequest } from '../../../src/domain/action.js';
import { cancelAndReapply } from '../../../src/domain/rules/cancel-and-reapply.js';
import type { OrderSummary } from '../../../src/domain/orders/order-summary.js';
import { OTHER_SUBJECT, context, order, request, say } from './support.js';

const cases: Array<{ name: string; request: ActionRequest; orders: OrderSummary[]; blocked: boolean }> = [
  { name: 'blocks cancelling a website and filing again at once', request: request('cancel_website', { reapplyNow: true }), orders: [], blocked: true },
  { name: 'blocks cancelling a subject and filing again at once', request: request('cancel_subject', { reapplyNow: true }), orders: [], blocked: true },
  { name: 'allows a cancellation on its own', request: request('cancel_website'), orders: [], blocked: false },
  { name: 'blocks a transfer in while a subject cancellation is in process', request: request('transfer_in'), orders: [order('cancel_subject')], blocked: true },
  { name: 'blocks a transfer in while a website cancellation is in process', request: request('transfer_in'), orders: [order('cancel_website', 'in_process', { mine: false })], blocked: true },
  { name: 'allows a transfer in once the cancellation is completed', request: request('transfer_in'), orders: [order('cancel_subject', 'completed')], blocked: false },
  {
    name: 'allows a transfer in while another subject is being cancelled',
    request: request('transfer_in'),
    orders: [order('cancel_subject', 'in_process', { subjectNumber: OTHER_SUBJECT })],
    blocked: false,
  },
];

describe('rule: cancel-and-reapply', () => {
  for (const c of cases) {
    it(c.name, () => {
      expect(cancelAndReapply.check(c.request, context(c.orders)) !== undefined).to.equal(c.blocked);
    });
  }

  it('tells the user to wait for approval and check Public Query', () => {
    const block = cancelAndReapply.check(request('cancel_website', { reapplyNow: true }), context());
    expect(say(block?.instead)).to.include('approved').and.include('Public Query');
  });
});
