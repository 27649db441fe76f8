import { expect } from 'chai';
import type { ActionRequest } from '../../../src/domain/action.js';
import { provinceChange } from '../../../src/domain/rules/province-change.js';
import { context, request, say } from './support.js';

const cases: Array<{ name: string; request: ActionRequest; blocked: boolean }> = [
  { name: 'blocks moving a website filing to another province', request: request('change_website', { changes: { newProvince: 'shanghai' } }), blocked: true },
  { name: 'blocks moving a subject to another province', request: request('change_subject', { changes: { newProvince: 'guangdong' } }), blocked: true },
  { name: 'allows a change that keeps the province', request: request('change_subject', { changes: { newProvince: 'beijing' } }), blocked: false },
  { name: 'allows a change that does not touch the province', request: request('change_website', { changes: { newDomain: 'example.com.cn' } }), blocked: false },
];

describe('rule: province-change', () => {
  for (const c of cases) {
    it(c.name, () => {
      expect(provinceChange.check(c.request, context()) !== undefined).to.equal(c.blocked);
    });
  }

  it('names both provinces and says to cancel and file again in the new one', () => {
    const block = provinceChange.check(request('change_website', { changes: { newProvince: 'shanghai' } }), context());
    expect(say(block?.reason)).to.include('Beijing');
    expect(say(block?.instead)).to.include('Cancel').and.include('Shanghai');
  });
});
