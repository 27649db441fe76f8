import { expect } from 'chai';
import type { ActionType } from '../../../src/domain/action.js';
import { changeNotPermitted } from '../../../src/domain/rules/change-not-permitted.js';
import { context, filing, provinceRules, request, say, withRules } from './support.js';

const forbidsBeijing = withRules((rules) => ({
  ...rules,
  changeRestrictions: { ...rules.changeRestrictions, changesNotPermitted: ['beijing'] },
}));

const cases: Array<{ name: string; type: ActionType; province: string; configured: boolean; blocked: boolean }> = [
  { name: 'blocks a website change where the province does not permit changes', type: 'change_website', province: 'beijing', configured: true, blocked: true },
  { name: 'blocks a subject change where the province does not permit changes', type: 'change_subject', province: 'beijing', configured: true, blocked: true },
  { name: 'allows a change in a province that is not listed', type: 'change_website', province: 'shanghai', configured: true, blocked: false },
  { name: 'allows every change with the shipped list, which the seeds leave empty', type: 'change_subject', province: 'beijing', configured: false, blocked: false },
];

describe('rule: change-not-permitted', () => {
  for (const c of cases) {
    it(c.name, () => {
      const rules = c.configured ? forbidsBeijing : provinceRules;
      const block = changeNotPermitted.check(
        request(c.type, { filing: filing({ province: c.province }) }),
        context([], rules),
      );
      expect(block !== undefined).to.equal(c.blocked);
    });
  }

  it('says to cancel and file again', () => {
    const block = changeNotPermitted.check(request('change_website'), context([], forbidsBeijing));
    expect(say(block?.reason)).to.include('Beijing');
    expect(say(block?.instead)).to.include('Cancel this filing');
  });
});
