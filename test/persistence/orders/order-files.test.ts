import { expect } from 'chai';
import { ORDER_FILE_COUNT, isOrderFile, orderFileFor } from '../../../src/persistence/orders/order-files.js';

describe('order files', () => {
  it('keeps all orders of one filing subject in the same file', () => {
    expect(orderFileFor('京ICP备12345678号')).to.equal(orderFileFor('京ICP备12345678号'));
  });

  it('always gives the same file for a subject, across runs', () => {
    // Changing the hash would strand nothing (orders are found where they are), but files would drift.
    expect(orderFileFor('京ICP备12345678号')).to.match(/^orders-[0-9a-f]{2}\.json$/);
  });

  it('spreads subjects over the files', () => {
    const files = new Set(Array.from({ length: 5000 }, (_, i) => orderFileFor(`京ICP备${String(10000000 + i)}号`)));
    expect(files.size).to.be.above(ORDER_FILE_COUNT * 0.9);
  });

  it('ignores the temporary files of unfinished writes', () => {
    expect(isOrderFile('orders-3f.json')).to.equal(true);
    expect(isOrderFile('.orders-3f.json.tmp')).to.equal(false);
    expect(isOrderFile('orders.json')).to.equal(false);
  });
});
