import { expect } from 'chai';
import type { ActionRequest } from '../../../src/domain/action.js';
import { notFilingSubject } from '../../../src/domain/rules/not-filing-subject.js';
import { context, filing, provinceRules, request, say } from './support.js';

const cases: Array<{ name: string; request: ActionRequest; blocked: boolean }> = [
  { name: 'blocks an online cancellation by someone who is not the filing subject', request: request('cancel_subject', { isFilingSubject: false }), blocked: true },
  { name: 'blocks an online cancellation the user says cannot be done online', request: request('cancel_website', { canCancelOnline: false }), blocked: true },
  { name: 'allows the filing subject to cancel online', request: request('cancel_website', { isFilingSubject: true, canCancelOnline: true }), blocked: false },
  { name: 'allows a cancellation when nothing says otherwise', request: request('cancel_subject'), blocked: false },
];

function insteadFor(province: string): string {
  return say(notFilingSubject.check(request('cancel_website', { isFilingSubject: false, filing: filing({ province }) }), context())?.instead);
}

describe('rule: not-filing-subject', () => {
  for (const c of cases) {
    it(c.name, () => {
      expect(notFilingSubject.check(c.request, context()) !== undefined).to.equal(c.blocked);
    });
  }

  it("gives the province's MIIT cancellation form link", () => {
    const beijing = provinceRules.cancellationForms.forms.find((f) => f.province === 'beijing');
    expect(insteadFor('beijing')).to.include(beijing?.url ?? 'missing');
  });

  it('sends Shanghai filings to the Shanghai site', () => {
    expect(insteadFor('shanghai')).to.include('https://beian.shca.gov.cn');
  });

  it('tells Sichuan users to log on first', () => {
    expect(insteadFor('sichuan')).to.include('http://www.028icp.com/').and.include('log on');
  });

  it('says Hunan processes applications on Fridays', () => {
    expect(insteadFor('hunan')).to.include('bsdt.xca.gov.cn').and.include('Friday');
  });

  it('has a route for every province', () => {
    for (const id of Object.keys(provinceRules.provinceNames)) {
      expect(insteadFor(id), id).to.match(/https?:\/\//);
    }
  });
});
