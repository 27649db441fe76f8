import { expect } from 'chai';
import type { SubjectType } from '../../../src/domain/action.js';
import { subjectTypeChange } from '../../../src/domain/rules/subject-type-change.js';
import { context, filing, request, say } from './support.js';

const cases: Array<{ name: string; province: string; from: SubjectType; to: SubjectType; blocked: boolean }> = [
  { name: 'blocks personal to company in Beijing', province: 'beijing', from: 'personal', to: 'company', blocked: true },
  { name: 'blocks personal to company in Shaanxi', province: 'shaanxi', from: 'personal', to: 'company', blocked: true },
  { name: 'blocks personal to company in Fujian', province: 'fujian', from: 'personal', to: 'company', blocked: true },
  { name: 'allows personal to company elsewhere', province: 'zhejiang', from: 'personal', to: 'company', blocked: false },
  { name: 'allows company to personal in Guangdong', province: 'guangdong', from: 'company', to: 'personal', blocked: false },
  { name: 'allows company to personal in Xinjiang', province: 'xinjiang', from: 'company', to: 'personal', blocked: false },
  { name: 'allows company to personal in Hebei', province: 'hebei', from: 'company', to: 'personal', blocked: false },
  { name: 'blocks company to personal elsewhere', province: 'beijing', from: 'company', to: 'personal', blocked: true },
  { name: 'blocks passing a filing to another company anywhere', province: 'guangdong', from: 'company', to: 'company', blocked: true },
  { name: 'leaves a person-to-person change alone', province: 'beijing', from: 'personal', to: 'personal', blocked: false },
];

describe('rule: subject-type-change', () => {
  for (const c of cases) {
    it(c.name, () => {
      const block = subjectTypeChange.check(
        request('change_subject', { filing: filing({ province: c.province }), changes: { subjectType: { from: c.from, to: c.to } } }),
        context(),
      );
      expect(block !== undefined).to.equal(c.blocked);
    });
  }

  it('allows a subject change that does not change the subject type', () => {
    expect(subjectTypeChange.check(request('change_subject', { changes: { otherFields: ['address'] } }), context())).to.equal(undefined);
  });

  it('names the provinces that allow company to personal and cites the later source', () => {
    const block = subjectTypeChange.check(
      request('change_subject', { changes: { subjectType: { from: 'company', to: 'personal' } } }),
      context(),
    );
    expect(say(block?.reason)).to.include('Guangdong, Xinjiang and Hebei');
    expect(block?.source.doc).to.equal('DOMAIN.md');
  });
});
