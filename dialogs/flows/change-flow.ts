// The change flow: subject or website information, what changes, the rules, the province's
// steps, a summary, then the order.
import { z } from 'zod';
import { provinceName } from '../../src/domain/province-name.js';
import type { ActionRequest, ChangeRequest } from '../../src/domain/rules/index.js';
import { message, type LocalizedText, type MessageRef } from '../../src/knowledge/catalogue.js';
import {
  domainParser,
  DomainNameValue,
  fieldNamesParser,
  IcpNumberValue,
  provinceParser,
  type Choice,
} from '../../src/understanding/field-parsers.js';
import { Province } from '../../src/knowledge/schema.js';
import type { FlowServices } from '../services.js';
import { choiceSlot, slot, type FlowDeclaration, type Given } from '../form/flow-declaration.js';
import { withoutEntities } from '../../src/understanding/entities.js';
import { applicationSteps } from '../messages/next-steps.js';
import { plainText } from '../messages/plain-text.js';
import { domainSlot, filingNumberSlots, filingOf, scopedNumber } from './filing.js';
import { scopeSlot } from './named-scope.js';

export const CHANGE_DIALOG = 'changeFlow';

const SCOPES = ['subject', 'website'] as const;
const WHATS = ['replaceDomain', 'removeDomain', 'details', 'subjectType', 'province'] as const;
const TYPE_CHANGES = ['personalToCompany', 'companyToPersonal', 'companyToCompany'] as const;
type What = (typeof WHATS)[number];

// Choice synonyms are recognition data: they stay beside the choices they pick, in every language read.
const SCOPE_CHOICES: readonly Choice<(typeof SCOPES)[number]>[] = [
  { value: 'subject', title: 'change.scope.subject', synonyms: ['subject', 'company', 'owner', 'organizer', '主体', '主体信息'] },
  { value: 'website', title: 'change.scope.website', synonyms: ['website', 'site', 'domain', '网站', '网站信息'] },
];
const PROVINCE_CHOICE: Choice<What> = { value: 'province', title: 'change.what.province', synonyms: ['province', 'another province', 'move province', '省份', '换省'] };
const WEBSITE_WHAT: readonly Choice<What>[] = [
  { value: 'replaceDomain', title: 'change.what.replaceDomain', synonyms: ['replace domain', 'new domain', 'change domain', '更换域名', '换域名'] },
  { value: 'removeDomain', title: 'change.what.removeDomain', synonyms: ['remove domain', 'delete domain', 'drop domain', '删除域名'] },
  { value: 'details', title: 'change.what.websiteDetails', synonyms: ['details', 'website name', 'name', 'administrator', 'other', '网站名称', '其他'] },
  PROVINCE_CHOICE,
];
const SUBJECT_WHAT: readonly Choice<What>[] = [
  { value: 'details', title: 'change.what.subjectDetails', synonyms: ['details', 'name', 'contact', 'address', 'legal representative', 'responsible person', '信息', '联系方式'] },
  { value: 'subjectType', title: 'change.what.subjectType', synonyms: ['personal to company', 'company to personal', 'type', 'subject type', 'another company', '个人转企业', '企业转个人'] },
  PROVINCE_CHOICE,
];
const TYPE_CHOICES: readonly Choice<(typeof TYPE_CHANGES)[number]>[] = [
  { value: 'personalToCompany', title: 'change.type.personalToCompany', synonyms: ['personal to company', '个人转企业', '个人变企业'] },
  { value: 'companyToPersonal', title: 'change.type.companyToPersonal', synonyms: ['company to personal', '企业转个人', '企业变个人'] },
  { value: 'companyToCompany', title: 'change.type.companyToCompany', synonyms: ['another company', 'different company', 'company to company', '换公司', '企业变更为其他企业'] },
];

const ChangeSlots = z.object({
  scope: z.enum(SCOPES).optional(),
  subjectNumber: IcpNumberValue.optional(),
  websiteNumber: IcpNumberValue.optional(),
  subjectWhat: z.enum(WHATS).optional(),
  websiteWhat: z.enum(WHATS).optional(),
  /** The domain replaced or removed. */
  domain: DomainNameValue.optional(),
  fields: z.array(z.string()).optional(),
  typeChange: z.enum(TYPE_CHANGES).optional(),
  newProvince: Province.optional(),
  newDomain: DomainNameValue.optional(),
});
type ChangeSlots = z.infer<typeof ChangeSlots>;

function whatOf(filled: ChangeSlots): What | undefined {
  return filled.scope === 'subject' ? filled.subjectWhat : filled.websiteWhat;
}

function request(filled: ChangeSlots): ActionRequest {
  const what = whatOf(filled);
  const changes: ChangeRequest = {};
  if (what === 'replaceDomain' && filled.domain && filled.newDomain) {
    changes.replacesDomain = filled.domain.ascii;
    changes.newDomain = filled.newDomain.ascii;
  }
  if (what === 'removeDomain' && filled.domain) changes.otherFields = [`remove domain ${filled.domain.ascii}`.slice(0, 60)];
  if (what === 'details' && filled.fields) changes.otherFields = filled.fields;
  if (filled.typeChange) {
    changes.subjectType = {
      from: filled.typeChange === 'personalToCompany' ? 'personal' : 'company',
      to: filled.typeChange === 'companyToPersonal' ? 'personal' : 'company',
    };
  }
  if (what === 'province' && filled.newProvince) changes.newProvince = filled.newProvince.id;
  return {
    type: filled.scope === 'subject' ? 'change_subject' : 'change_website',
    filing: filingOf(scopedNumber(filled), filled.domain, filled.scope === 'subject' ? 'subject' : 'asGiven'),
    changes,
  };
}

function describe(filled: ChangeSlots): MessageRef {
  const icpNumber = scopedNumber(filled)?.normalized ?? '';
  return message(filled.scope === 'subject' ? 'change.describe.subject' : 'change.describe.website', { icpNumber });
}

function whatChanges(filled: ChangeSlots, services: FlowServices): string | MessageRef | LocalizedText {
  switch (whatOf(filled)) {
    case 'replaceDomain':
      return message('change.changes.replaceDomain', { oldDomain: filled.domain?.display ?? '', newDomain: filled.newDomain?.display ?? '' });
    case 'removeDomain':
      return message('change.changes.removeDomain', { domain: filled.domain?.display ?? '' });
    case 'subjectType': {
      const title = TYPE_CHOICES.find((c) => c.value === filled.typeChange)?.title;
      return title ? message(title) : '';
    }
    case 'province':
      return message('change.changes.province', { province: provinceName(services.provinceRules, filled.newProvince?.id ?? '') });
    default:
      // Field names as the user gave them, listed the way each language lists: "a, b" and "甲、乙";
      // escaped, since the card renders markdown and the names are typed text.
      return { en: plainText((filled.fields ?? []).join(', ')), zh: plainText((filled.fields ?? []).join('、')) };
  }
}

function modifyButton(filled: ChangeSlots): MessageRef {
  return message(filled.scope === 'subject' ? 'change.modify.subject' : 'change.modify.website');
}

export const CHANGE_FLOW: FlowDeclaration<ChangeSlots> = {
  id: CHANGE_DIALOG,
  name: 'flow.change.name',
  state: ChangeSlots,
  slots: (services) => {
    const provinces = services.understanding.provinces;
    const whatIs = (...whats: What[]) => (filled: ChangeSlots) => whats.some((what) => whatOf(filled) === what);
    /** A province the user named in words (not the ICP number's abbreviation) other than the filing's own: where it moves. */
    const targetProvince = (given: Given): Province | undefined => {
      const named = provinces.find(withoutEntities(given.said ?? ''));
      return named && named.id !== given.icp?.province.id ? named : undefined;
    };
    return [
      scopeSlot({
        choices: SCOPE_CHOICES,
        question: message('change.askScope'),
        intents: { subject: 'change_subject', website: 'change_website' },
      }),
      ...filingNumberSlots(provinces),
      choiceSlot<ChangeSlots, 'subjectWhat'>({
        name: 'subjectWhat',
        choices: SUBJECT_WHAT,
        text: () => message('change.askWhat'),
        when: (filled) => filled.scope === 'subject',
        prefill: (given) => (targetProvince(given) ? 'province' : undefined),
      }),
      choiceSlot<ChangeSlots, 'websiteWhat'>({
        name: 'websiteWhat',
        choices: WEBSITE_WHAT,
        text: () => message('change.askWhat'),
        when: (filled) => filled.scope === 'website',
        // Two domains named ("replace example.cn with example.net") can only be a replacement.
        prefill: (given) => (given.otherDomain ? 'replaceDomain' : targetProvince(given) ? 'province' : undefined),
      }),
      domainSlot<ChangeSlots>(
        (filled) => message(whatOf(filled) === 'replaceDomain' ? 'change.askOldDomain' : 'change.askRemovedDomain'),
        whatIs('replaceDomain', 'removeDomain'),
      ),
      slot<ChangeSlots, 'fields'>({
        name: 'fields',
        parse: fieldNamesParser,
        prompt: () => ({ text: message('change.askDetails') }),
        when: whatIs('details'),
      }),
      choiceSlot<ChangeSlots, 'typeChange'>({
        name: 'typeChange',
        choices: TYPE_CHOICES,
        text: () => message('change.askSubjectType'),
        when: whatIs('subjectType'),
      }),
      slot<ChangeSlots, 'newProvince'>({
        name: 'newProvince',
        parse: provinceParser(provinces),
        prompt: () => ({ text: message('change.askProvince') }),
        when: whatIs('province'),
        prefill: targetProvince,
      }),
      slot<ChangeSlots, 'newDomain'>({
        name: 'newDomain',
        parse: domainParser,
        prompt: () => ({ text: message('change.askNewDomain') }),
        when: whatIs('replaceDomain'),
        prefill: (given) => given.otherDomain,
        // A province change or a forbidden subject type change is refused before anything else is asked.
        checkRulesFirst: () => true,
      }),
    ];
  },
  request,
  describe: (filled) => message('change.describeAction', { what: describe(filled) }),
  summary: (filled, notes, services) => ({
    title: message('change.title', { what: describe(filled) }),
    facts: [
      ['change.label.change', modifyButton(filled)],
      ['summary.label.icpNumber', scopedNumber(filled)?.normalized ?? ''],
      ['summary.label.province', provinceName(services.provinceRules, request(filled).filing.province)],
      ['change.label.whatChanges', whatChanges(filled, services)],
    ],
    warnings: [...notes.map((n) => n.text), message('change.stillAccessible')],
    sources: [services.understanding.knowledge.citations.get('changeStillAccessible'), ...notes.map((n) => n.source)],
  }),
  nextSteps: (filled, services) => [
    message('change.step.modify', { button: modifyButton(filled) }),
    ...applicationSteps(scopedNumber(filled)?.province.id ?? '', services.provinceRules, 'change'),
  ],
};
