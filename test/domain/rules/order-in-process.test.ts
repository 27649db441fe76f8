import { expect } from 'chai';
import { ACTION_TYPES, type ActionType } from '../../../src/domain/action.js';
import { orderInProcess } from '../../../src/domain/rules/order-in-process.js';
import type { OrderSummary } from '../../../src/domain/orders/order-summary.js';
import { OTHER_SUBJECT, context, order, request, say } from './support.js';

interface Case {
  name: string;
  type: ActionType;
  orders: OrderSummary[];
  blocked: boolean;
}

const cases: Case[] = [
  ...ACTION_TYPES.map((type) => ({
    name: `blocks ${type} while another order for the same subject is in process`,
    type,
    orders: [order('change_website')],
    blocked: true,
  })),
  {
    name: 'blocks an order for one website while an order for another website of the subject is in process',
    type: 'cancel_website',
    orders: [{ ...order('change_website'), filing: { icpNumber: '京ICP备12345678号-2', subjectNumber: '京ICP备12345678号', domains: ['other.cn'] } }],
    blocked: true,
  },
  { name: 'allows an order when no order exists', type: 'change_website', orders: [], blocked: false },
  {
    name: 'allows an order when the order in process is for another subject',
    type: 'change_website',
    orders: [order('change_website', 'in_process', { subjectNumber: OTHER_SUBJECT })],
    blocked: false,
  },
  ...(['withdrawn', 'completed', 'rejected'] as const).map((state) => ({
    name: `allows an order when the earlier order is ${state}`,
    type: 'cancel_subject' as const,
    orders: [order('change_subject', state)],
    blocked: false,
  })),
];

describe('rule: order-in-process', () => {
  for (const c of cases) {
    it(c.name, () => {
      const block = orderInProcess.check(request(c.type), context(c.orders));
      expect(block !== undefined).to.equal(c.blocked);
    });
  }

  it('names the user their own order and says to finish or withdraw it', () => {
    const block = orderInProcess.check(request('change_website'), context([order('transfer_in', 'in_process', { id: 'FA-ABCDEF' })]));
    expect(say(block?.reason)).to.include('FA-ABCDEF');
    expect(say(block?.instead)).to.include('withdraw');
  });

  it('does not suggest withdrawing a cancellation order, which the filing system cannot delete', () => {
    const block = orderInProcess.check(request('transfer_in'), context([order('cancel_website')]));
    expect(say(block?.instead)).to.include('cannot be deleted').and.not.include('withdraw it');
  });

  it("never reveals another user's order id", () => {
    const block = orderInProcess.check(
      request('change_website'),
      context([order('change_subject', 'in_process', { id: 'FA-SECRET', mine: false })]),
    );
    expect(say(block?.reason)).to.not.include('FA-SECRET');
    expect(say(block?.instead)).to.not.include('FA-SECRET');
    expect(say(block?.reason)).to.include('someone else');
  });

  it('cites the document of the flow the user is in', () => {
    const docOf = (type: ActionType): string | undefined =>
      orderInProcess.check(request(type), context([order('change_website')]))?.source.doc;
    expect(docOf('cancel_website')).to.equal('000_8f40d240c022136d.txt');
    expect(docOf('transfer_in')).to.equal('002_0d7fdd88b91a65eb.txt');
    expect(docOf('change_subject')).to.equal('004_32622779390f9597.txt');
  });
});
