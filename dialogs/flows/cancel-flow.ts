// The cancel flow: subject or website, which filing, who is asking, a summary, then the order.
import { z } from 'zod';
import { provinceName } from '../../src/domain/province-name.js';
import type { ActionRequest } from '../../src/domain/rules/index.js';
import { message } from '../../src/knowledge/catalogue.js';
import { DomainNameValue, IcpNumberValue, type Choice } from '../../src/understanding/field-parsers.js';
import { choiceSlot, type FlowDeclaration } from '../form/flow-declaration.js';
import { cancellationSteps } from '../messages/next-steps.js';
import { domainSlot, filingNumberSlots, filingOf, scopedNumber } from './filing.js';
import { scopeSlot } from './named-scope.js';

export const CANCEL_DIALOG = 'cancelFlow';

const SCOPES = ['subject', 'website'] as const;
const WHOLE = ['whole', 'oneDomain'] as const;
const ASKERS = ['subject', 'notSubject', 'cannotOnline'] as const;

// Choice synonyms are recognition data: they stay beside the choices they pick, in every language read.
const SCOPE_CHOICES: readonly Choice<(typeof SCOPES)[number]>[] = [
  { value: 'subject', title: 'cancel.scope.subject', synonyms: ['subject', 'the subject', 'whole subject', 'everything', 'all', '主体', '注销主体'] },
  { value: 'website', title: 'cancel.scope.website', synonyms: ['website', 'site', 'one website', 'a website', 'just one site', '网站', '注销网站'] },
];
const WHOLE_CHOICES: readonly Choice<(typeof WHOLE)[number]>[] = [
  { value: 'whole', title: 'cancel.whole.whole', positive: true, synonyms: ['whole', 'whole website', 'all', 'all domains', 'yes', '全部', '整个网站'] },
  { value: 'oneDomain', title: 'cancel.whole.oneDomain', synonyms: ['only this domain', 'one domain', 'just this domain', 'keep the others', 'only one', '只删除这个域名', '只去掉这个域名'] },
];
const ASKER_CHOICES: readonly Choice<(typeof ASKERS)[number]>[] = [
  { value: 'subject', title: 'cancel.asker.subject', positive: true, synonyms: ['yes', 'y', 'i am', 'we are', 'yes i can', '是', '是的'] },
  { value: 'notSubject', title: 'cancel.asker.notSubject', synonyms: ['no', 'not the subject', 'i am not', 'someone else', '不是', '否'] },
  { value: 'cannotOnline', title: 'cancel.asker.cannotOnline', synonyms: ['cannot cancel online', 'cant cancel online', 'cannot log on', 'cant log in', '无法在线注销'] },
];

const CancelSlots = z.object({
  scope: z.enum(SCOPES).optional(),
  subjectNumber: IcpNumberValue.optional(),
  websiteNumber: IcpNumberValue.optional(),
  domain: DomainNameValue.optional(),
  whole: z.enum(WHOLE).optional(),
  asker: z.enum(ASKERS).optional(),
});
type CancelSlots = z.infer<typeof CancelSlots>;

function request(filled: CancelSlots): ActionRequest {
  const icp = scopedNumber(filled);
  return {
    type: filled.scope === 'subject' ? 'cancel_subject' : 'cancel_website',
    filing: filingOf(icp, filled.domain, filled.scope === 'subject' ? 'subject' : 'asGiven'),
    // "Only remove this domain" says the website has other domains, not how many: at least two.
    ...(filled.whole === 'oneDomain' && filled.domain ? { dropOnlyDomains: [filled.domain.ascii], websiteDomainCount: 2 } : {}),
    ...(filled.asker ? { isFilingSubject: filled.asker !== 'notSubject', canCancelOnline: filled.asker !== 'cannotOnline' } : {}),
  };
}

function describe(filled: CancelSlots) {
  const icp = scopedNumber(filled);
  return filled.scope === 'subject'
    ? message('cancel.describe.subject', { subjectNumber: icp?.subject ?? '' })
    : message('cancel.describe.website', { domain: filled.domain?.display ?? '', icpNumber: icp?.normalized ?? '' });
}

export const CANCEL_FLOW: FlowDeclaration<CancelSlots> = {
  id: CANCEL_DIALOG,
  name: 'flow.cancel.name',
  state: CancelSlots,
  slots: (services) => [
    scopeSlot({
      choices: SCOPE_CHOICES,
      question: message('cancel.askScope'),
      intents: { subject: 'cancel_subject', website: 'cancel_website' },
      cites: ['subjectCancelsAll'],
    }),
    ...filingNumberSlots(services.understanding.provinces),
    domainSlot<CancelSlots>(() => message('cancel.askDomain'), (filled) => filled.scope === 'website'),
    choiceSlot<CancelSlots, 'whole'>({
      name: 'whole',
      choices: WHOLE_CHOICES,
      text: (filled) => message('cancel.askWhole', { domain: filled.domain?.display ?? '' }),
      when: (filled) => filled.scope === 'website' && filled.domain !== undefined,
    }),
    choiceSlot<CancelSlots, 'asker'>({
      name: 'asker',
      choices: ASKER_CHOICES,
      text: (filled) => message('cancel.askAsker', { icpNumber: scopedNumber(filled)?.normalized ?? '' }),
      // Dropping one domain is blocked whoever asks: say so before asking anything else.
      checkRulesFirst: (filled) => filled.whole === 'oneDomain',
    }),
  ],
  request,
  describe,
  summary: (filled, notes, services) => ({
    title: message('cancel.title', { action: describe(filled) }),
    facts: [
      ['cancel.label.cancellation', message(filled.scope === 'subject' ? 'cancel.scope.subject' : 'cancel.scope.website')],
      ['summary.label.icpNumber', scopedNumber(filled)?.normalized ?? ''],
      ...(filled.domain ? [['summary.label.domain', filled.domain.display] as const] : []),
      ['summary.label.province', provinceName(services.provinceRules, request(filled).filing.province)],
      ['cancel.label.requestedBy', message('cancel.requestedBySubject')],
    ],
    warnings: [...notes.map((n) => n.text), message('cancel.password')],
    sources: [services.understanding.knowledge.citations.get('cancellationFinal'), ...notes.map((n) => n.source)],
  }),
  nextSteps: (filled) => cancellationSteps(filled.scope ?? 'website'),
};
