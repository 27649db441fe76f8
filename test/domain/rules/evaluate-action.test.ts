import { expect } from 'chai';
import { citationProblem, readSourceSections } from '../../../src/knowledge/sources.js';
import type { Citation } from '../../../src/knowledge/schema.js';
import { ACTION_TYPES, type ActionRequest } from '../../../src/domain/action.js';
import { cancelAndReapplySource } from '../../../src/domain/rules/cancel-and-reapply.js';
import { changeDuringTransferSource } from '../../../src/domain/rules/change-during-transfer.js';
import { dropOneDomainSource } from '../../../src/domain/rules/drop-one-domain.js';
import { RULES, evaluateAction } from '../../../src/domain/rules/index.js';
import { notFilingSubjectSource } from '../../../src/domain/rules/not-filing-subject.js';
import { NOTE_SOURCES } from '../../../src/domain/rules/notes.js';
import { orderInProcessSources } from '../../../src/domain/rules/order-in-process.js';
import type { OrderSummary } from '../../../src/domain/orders/order-summary.js';
import { RULE_IDS, type RuleId } from '../../../src/domain/rules/outcome.js';
import { provinceChangeSource } from '../../../src/domain/rules/province-change.js';
import { cancellationOrdersFinalSource } from '../../../src/domain/orders/withdrawal.js';
import { KNOWLEDGE_DIR, filing, order, provinceRules, request, withRules } from './support.js';

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
      const outcome = evaluateAction(c.request, c.orders, c.ruleId === 'change-not-permitted' ? strict : provinceRules);
      expect(outcome).to.include({ allowed: false, ruleId: c.ruleId });
      if (outcome.allowed) return;
      expect(outcome.reason).to.have.length.within(10, 220);
      expect(outcome.instead).to.have.length.within(10, 300);
    });
  }

  for (const type of ACTION_TYPES) {
    it(`allows ${type} on a filing with no orders`, () => {
      expect(evaluateAction(request(type), [], provinceRules).allowed).to.equal(true);
    });
  }

  it('has one rule per id, each in the index', () => {
    expect(RULES.map((r) => r.id)).to.have.members([...RULE_IDS]);
  });

  it('tells a user the province cannot change before telling them to wait for an order', () => {
    const outcome = evaluateAction(
      request('change_website', { changes: { newProvince: 'shanghai' } }),
      [order('change_subject')],
      provinceRules,
    );
    expect(outcome).to.include({ ruleId: 'province-change' });
  });

  it('explains a blocked change during a transfer by the transfer, not by the one-order rule', () => {
    expect(evaluateAction(request('change_website'), [order('transfer_in')], provinceRules)).to.include({
      ruleId: 'change-during-transfer',
    });
  });

  it('returns the notes with an allowed action', () => {
    const outcome = evaluateAction(request('cancel_transfer'), [], provinceRules);
    expect(outcome.allowed && outcome.notes.map((n) => n.id)).to.deep.equal(['transfer-cancel-keeps-number']);
  });
});

describe('rule citations', () => {
  const sources = readSourceSections(`${KNOWLEDGE_DIR}/sources`);
  const fixed: Array<[string, Citation]> = [
    ['not-filing-subject', notFilingSubjectSource],
    ['province-change', provinceChangeSource],
    ['drop-one-domain', dropOneDomainSource],
    ['cancel-and-reapply', cancelAndReapplySource],
    ['change-during-transfer', changeDuringTransferSource],
    ...orderInProcessSources.map((s): [string, Citation] => ['order-in-process', s]),
    ...Object.entries(NOTE_SOURCES).map(([id, s]): [string, Citation] => [`note ${id}`, s]),
    ['withdrawal', cancellationOrdersFinalSource],
  ];

  for (const [name, citation] of fixed) {
    it(`${name}: "${citation.quote.slice(0, 40)}…" is verbatim in ${citation.doc}`, () => {
      expect(citationProblem(sources, citation)).to.equal(undefined);
    });
  }

  it('every blocked outcome and every note cites a quote that is in its source', () => {
    const cited: Citation[] = blockedCases.flatMap((c) => {
      const outcome = evaluateAction(c.request, c.orders, strict);
      return outcome.allowed ? outcome.notes.map((n) => n.source) : [outcome.source];
    });
    for (const type of ACTION_TYPES) {
      const outcome = evaluateAction(
        request(type, { changes: { newDomain: 'b.cn', replacesDomain: 'example.cn', subjectType: { from: 'company', to: 'personal' } }, filing: filing({ province: 'guangdong' }) }),
        [],
        provinceRules,
      );
      if (outcome.allowed) cited.push(...outcome.notes.map((n) => n.source));
    }
    expect(cited).to.have.length.above(blockedCases.length);
    for (const citation of cited) expect(citationProblem(sources, citation), citation.quote).to.equal(undefined);
  });
});
