import { expect } from 'chai';
import { newOrderId, normaliseOrderId, ORDER_ID_ALPHABET } from '../../../src/domain/orders/order-id.js';
import { moveTo } from '../../../src/domain/orders/order-state.js';
import { ConversationReference, Order, OrderDraft } from '../../../src/domain/orders/order.js';
import { withdrawalProblem } from '../../../src/domain/orders/withdrawal.js';
import { draft } from '../../persistence/orders/support.js';

const at = '2026-11-25T10:00:00.000Z';

function storedOrder(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...OrderDraft.parse(draft('change_website')),
    id: 'FA-7K3Q9M',
    state: 'in_process',
    history: [{ state: 'in_process', at, note: 'submitted' }],
    createdAt: at,
    ...overrides,
  };
}

describe('order schema', () => {
  it('accepts a complete order', () => {
    expect(Order.safeParse(storedOrder()).success).to.equal(true);
  });

  it('refuses an order that carries a password', () => {
    expect(Order.safeParse(storedOrder({ password: 'miit-secret' })).success).to.equal(false);
  });

  it('refuses a password inside the filing or the request', () => {
    const base = storedOrder();
    const filing = OrderDraft.parse(draft('change_website')).filing;
    expect(Order.safeParse({ ...base, filing: { ...filing, password: 'x' } }).success).to.equal(false);
    expect(Order.safeParse({ ...base, request: { password: 'x' } }).success).to.equal(false);
  });

  it('refuses a draft that carries a password', () => {
    expect(OrderDraft.safeParse({ ...draft('cancel_subject'), password: 'miit-secret' }).success).to.equal(false);
  });

  it("keeps no more of the conversation reference than needed: the user's name is dropped", () => {
    const parsed = ConversationReference.parse({
      channelId: 'msteams',
      user: { id: 'u1', name: 'Li Lei', aadObjectId: 'guid' },
      conversation: { id: 'c1', name: 'Project chat' },
      extra: 'dropped',
    });
    expect(parsed).to.deep.equal({ channelId: 'msteams', user: { id: 'u1' }, conversation: { id: 'c1' } });
  });

  it('refuses an order whose state is not the last in its history', () => {
    expect(Order.safeParse(storedOrder({ state: 'withdrawn' })).success).to.equal(false);
  });

  it('refuses a filing whose number does not belong to its subject', () => {
    const filing = { icpNumber: '沪ICP备11111111号-1', subjectNumber: '京ICP备12345678号', province: 'beijing', domains: [] };
    expect(Order.safeParse(storedOrder({ filing })).success).to.equal(false);
  });
});

describe('order ids', () => {
  it('are FA- and six characters without 0, O, 1 or I', () => {
    for (let i = 0; i < 200; i++) expect(newOrderId()).to.match(/^FA-[2-9A-HJ-NP-Z]{6}$/);
    expect(ORDER_ID_ALPHABET).to.not.match(/[01OI]/);
  });

  const typed: Array<[string, string | undefined]> = [
    ['FA-7K3Q9M', 'FA-7K3Q9M'],
    ['fa-7k3q9m', 'FA-7K3Q9M'],
    ['fa 7k3q9m', 'FA-7K3Q9M'],
    ['7K3Q9M', 'FA-7K3Q9M'],
    ['ＦＡ－７Ｋ３Ｑ９Ｍ', 'FA-7K3Q9M'],
    ['FA-7K3Q9', undefined],
    ['FA-7K3Q90', undefined],
    ['order please', undefined],
  ];
  for (const [text, expected] of typed) {
    it(`reads "${text}" as ${expected ?? 'no id'}`, () => {
      expect(normaliseOrderId(text)).to.equal(expected);
    });
  }
});

describe('order states', () => {
  const order = Order.parse(storedOrder());

  it('records every move in the history with its time', () => {
    const moved = moveTo(order, 'completed', new Date('2026-11-26T00:00:00Z'), { by: 'li.na@example.com', note: 'approved' });
    expect(moved.state).to.equal('completed');
    expect(moved.history.at(-1)).to.deep.equal({ state: 'completed', at: '2026-11-26T00:00:00.000Z', by: 'li.na@example.com', note: 'approved' });
    expect(Order.safeParse(moved).success).to.equal(true);
  });

  it('lets an order in process be withdrawn, a cancellation only within its undo window', () => {
    expect(withdrawalProblem(order)).to.equal(undefined);
    const cancellation = Order.parse(storedOrder({ type: 'cancel_website' }));
    const recordedAt = Date.parse(cancellation.createdAt);
    const policy = (minutesLater: number) => ({ now: new Date(recordedAt + minutesLater * 60_000), cancellationUndoMs: 30 * 60_000 });
    expect(withdrawalProblem(cancellation, policy(10))).to.equal(undefined);
    expect(withdrawalProblem(cancellation, policy(31))?.source).to.equal('cancellationFinal');
    expect(withdrawalProblem(cancellation)?.source, 'without a policy').to.equal('cancellationFinal');
  });
});
