import { expect } from 'chai';
import { citationProblem, readSourceSections } from '../../../src/knowledge/sources.js';
import type { Citation } from '../../../src/knowledge/schema.js';
import { ACTION_TYPES, type ActionRequest } from '../../../src/domain/action.js';
import { RULES, evaluateAction } from '../../../src/domain/rules/index.js';
import type { OrderSummary } from '../../../src/domain/orders/order-summary.js';
import { RULE_IDS, type RuleId } from '../../../src/domain/rules/outcome.js';
import { KNOWLEDGE_DIR, filing, knowledge, order, provinceRules, request, ruleKnowledge, say, withRules } from './support.js';
import { CITATION_IDS } from '../../../src/knowledge/citations.js';

const strict = withRules((rules) => ({
  ...rules,
  changeRestrictions: { ...rules.changeRestrictions, changesNotPermitted: ['beijing'] },
}));

/** One request per rule that it blocks, with the orders it needs: also the outcome table for citations. */
const blockedCases: Array<{ ruleId: RuleId; request: ActionRequest; orders: OrderSummary[] }> = [
  { ruleId: 'not-filing-subject', request: request('cancel_subject', { isFilingSubject: false }), orders: [] },
  { ruleId: 'province-change', request: request('change_website', { changes: { newProvince: 'shanghai' } }), orders: [] },
  { ruleId: 'subject-type-change', request: request('change_subject', { changes: { subjectType: { from: 'personal', to: 'company' } } }), orders: [] },
  { ruleId: 'change-not-permitted', request: request('change_website'), orders: [] },
  {
    ruleId: 'drop-one-domain',
    request: request('cancel_website', { filing: filing({ domains: ['a.cn', 'b.cn'] }), dropOnlyDomains: ['a.cn'] }),
    orders: [],
  },
  { ruleId: 'cancel-and-reapply', request: request('transfer_in'), orders: [order('cancel_subject')] },
  { ruleId: 'change-during-transfer', request: request('change_subject'), orders: [order('transfer_in')] },
  { ruleId: 'order-in-process', request: request('cancel_transfer'), orders: [order('change_website')] },
];

describe('evaluateAction', () => {
  for (const c of blockedCases) {
    it(`reports ${c.ruleId} with a reason, what to do instead and a source`, () => {
      const outcome = evaluateAction(c.request, c.orders, ruleKnowledge(c.ruleId === 'change-not-permitted' ? strict : provinceRules));
      expect(outcome).to.include({ allowed: false, ruleId: c.ruleId });
      if (outcome.allowed) return;
      expect(say(outcome.reason)).to.have.length.within(10, 220);
      expect(say(outcome.instead)).to.have.length.within(10, 300);
    });
  }

  for (const type of ACTION_TYPES) {
    it(`allows ${type} on a filing with no orders`, () => {
      expect(evaluateAction(request(type), [], ruleKnowledge()).allowed).to.equal(true);
    });
  }

  it('has one rule per id, each in the index', () => {
    expect(RULES.map((r) => r.id)).to.have.members([...RULE_IDS]);
  });

  it('tells a user the province cannot change before telling them to wait for an order', () => {
    const outcome = evaluateAction(
      request('change_website', { changes: { newProvince: 'shanghai' } }),
      [order('change_subject')],
      ruleKnowledge(),
    );
    expect(outcome).to.include({ ruleId: 'province-change' });
  });

  it('explains a blocked change during a transfer by the transfer, not by the one-order rule', () => {
    expect(evaluateAction(request('change_website'), [order('transfer_in')], ruleKnowledge())).to.include({
      ruleId: 'change-during-transfer',
    });
  });

  it('returns the notes with an allowed action', () => {
    const outcome = evaluateAction(request('cancel_transfer'), [], ruleKnowledge());
    expect(outcome.allowed && outcome.notes.map((n) => n.id)).to.deep.equal(['transfer-cancel-keeps-number']);
  });
});

describe('rule citations', () => {
  const sources = readSourceSections(`${KNOWLEDGE_DIR}/sources`);
  for (const id of CITATION_IDS) {
    it(`${id}: its quote is verbatim in its source`, () => {
      expect(citationProblem(sources, knowledge.citations.get(id))).to.equal(undefined);
    });
  }

  it('every blocked outcome and every note cites a quote that is in its source', () => {
    const cited: Citation[] = blockedCases.flatMap((c) => {
      const outcome = evaluateAction(c.request, c.orders, ruleKnowledge(strict));
      return outcome.allowed ? outcome.notes.map((n) => n.source) : [outcome.source];
    });
    for (const type of ACTION_TYPES) {
      const outcome = evaluateAction(
        request(type, { changes: { newDomain: 'b.cn', replacesDomain: 'example.cn', subjectType: { from: 'company', to: 'personal' } }, filing: filing({ province: 'guangdong' }) }),
        [],
        ruleKnowledge(),
      );
      if (outcome.allowed) cited.push(...outcome.notes.map((n) => n.source));
    }
    expect(cited).to.have.length.above(blockedCases.length);
    for (const citation of cited) expect(citationProblem(sources, citation), citation.quote).to.equal(undefined);
  });
});
