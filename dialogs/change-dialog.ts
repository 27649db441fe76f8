// The change flow: subject or website information, what changes, the rules, the province's
// steps, a summary, then the order.
import { MessageFactory } from 'botbuilder';
import type { DialogTurnResult, WaterfallStepContext } from '../src/botframework/dialog-kit.js';
import { z } from 'zod';
import type { Citation } from '../src/knowledge/schema.js';
import {
  choiceParser,
  domainSchema,
  icpNumberSchema,
  parseWith,
  provinceSchema,
  type Choice,
} from '../src/understanding/field-parsers.js';
import type { DomainName, IcpNumber } from '../src/understanding/entities.js';
import type { ActionRequest, ChangeRequest } from '../src/domain/rules/index.js';
import { FlowDialog } from './flow-dialog.js';
import { FieldDialog, withButtons } from './field-dialog.js';
import {
  filingOf,
  gate,
  givenFiling,
  isDomain,
  isFlowOptions,
  isIcpNumber,
  provinceNameOf,
  recordOrder,

  say,
  sourceText,
  type FlowServices,
} from './flow-support.js';
import { applicationSteps } from './next-steps.js';
import { summaryCard } from './summary-card.js';

export const CHANGE_DIALOG = 'changeFlow';

const FIELD = {
  scope: 'change.scope',
  subjectNumber: 'change.subjectNumber',
  websiteNumber: 'change.websiteNumber',
  websiteWhat: 'change.websiteWhat',
  subjectWhat: 'change.subjectWhat',
  oldDomain: 'change.oldDomain',
  newDomain: 'change.newDomain',
  removedDomain: 'change.removedDomain',
  details: 'change.details',
  subjectType: 'change.subjectType',
  province: 'change.province',
} as const;

type Scope = 'subject' | 'website';
type What = 'replaceDomain' | 'removeDomain' | 'details' | 'subjectType' | 'province';
type TypeChange = 'personalToCompany' | 'companyToPersonal' | 'companyToCompany';

const SCOPES: readonly Choice<Scope>[] = [
  { value: 'subject', title: 'Subject information', synonyms: ['subject', 'company', 'owner', 'organizer', '主体', '主体信息'] },
  { value: 'website', title: 'Website information', synonyms: ['website', 'site', 'domain', '网站', '网站信息'] },
];
const WEBSITE_WHAT: readonly Choice<What>[] = [
  { value: 'replaceDomain', title: 'Replace a domain with a new one', synonyms: ['replace domain', 'new domain', 'change domain', '更换域名', '换域名'] },
  { value: 'removeDomain', title: 'Remove a domain', synonyms: ['remove domain', 'delete domain', 'drop domain', '删除域名'] },
  { value: 'details', title: 'Website name or other details', synonyms: ['details', 'website name', 'name', 'administrator', 'other', '网站名称', '其他'] },
  { value: 'province', title: 'Move to another province', synonyms: ['province', 'another province', 'move province', '省份', '换省'] },
];
const SUBJECT_WHAT: readonly Choice<What>[] = [
  { value: 'details', title: 'Subject details', synonyms: ['details', 'name', 'contact', 'address', 'legal representative', 'responsible person', '信息', '联系方式'] },
  { value: 'subjectType', title: 'Personal / company', synonyms: ['personal to company', 'company to personal', 'type', 'subject type', 'another company', '个人转企业', '企业转个人'] },
  { value: 'province', title: 'Move to another province', synonyms: ['province', 'another province', 'move province', '省份', '换省'] },
];
const TYPE_CHANGES: readonly Choice<TypeChange>[] = [
  { value: 'personalToCompany', title: 'Personal to company', synonyms: ['personal to company', '个人转企业', '个人变企业'] },
  { value: 'companyToPersonal', title: 'Company to personal', synonyms: ['company to personal', '企业转个人', '企业变个人'] },
  { value: 'companyToCompany', title: 'To another company', synonyms: ['another company', 'different company', 'company to company', '换公司', '企业变更为其他企业'] },
];

/** Field names only (never their new values, which may be personal data): a few short names. */
const FieldNames = z
  .string()
  .transform((text) => text.split(/,|，|、|;|\band\b|和/).map((s) => s.trim()).filter((s) => s !== ''))
  .pipe(
    z
      .array(z.string().max(60, 'Please name each field in a few words, e.g. "website name".'))
      .min(1, 'Please name the fields to change, e.g. "website name, website administrator".')
      .max(5, 'Please name at most five fields; you can start another change for the rest.'),
  );

const CHANGE_SOURCE: Citation = {
  doc: '004_32622779390f9597.txt',
  section: 'Change ICP Filing information',
  quote: 'When you are modifying your ICP Filing information, your website can be accessed as normal.',
};

const TEXT = {
  scope: 'Which information do you want to change: the **subject** (the person or organisation the filing is under) or a **website**?',
  subjectNumber: "What is the subject's ICP filing number? For example 京ICP备12345678号.",
  websiteNumber: "What is the website's ICP filing number, with its website number? For example 京ICP备12345678号-1.",
  what: 'What do you want to change?',
  oldDomain: 'Which domain will be replaced? For example old-example.cn.',
  newDomain: 'What is the new domain name? For example new-example.cn.',
  removedDomain: 'Which domain should be removed from the website? For example example.com.cn.',
  details: 'Which details change? Name the fields only (not their new values), e.g. "website name, website administrator".',
  subjectType: 'How does the subject change?',
  province: 'Which province would the filing move to?',
  title: (what: string) => `Change ${what}?`,
  stillAccessible: 'Your website stays accessible while the change is reviewed.',
} as const;

interface ChangeValues {
  scope?: Scope;
  icp?: IcpNumber;
  what?: What;
  domain?: DomainName;
  newDomain?: DomainName;
  fields?: string[];
  typeChange?: TypeChange;
  newProvince?: string;
}

function valuesOf(step: WaterfallStepContext): ChangeValues {
  return step.values;
}

function isWhat(value: unknown): value is What {
  return value === 'replaceDomain' || value === 'removeDomain' || value === 'details' || value === 'subjectType' || value === 'province';
}

export class ChangeDialog extends FlowDialog {
  constructor(services: FlowServices) {
    super(CHANGE_DIALOG, services);
    const provinces = services.understanding.provinces;
    const fields: Array<[string, (text: string) => ReturnType<typeof parseWith<unknown>>]> = [
      [FIELD.scope, choiceParser(SCOPES)],
      [FIELD.subjectNumber, (t) => parseWith(icpNumberSchema(provinces, 'either'), t)],
      [FIELD.websiteNumber, (t) => parseWith(icpNumberSchema(provinces, 'website'), t)],
      [FIELD.websiteWhat, choiceParser(WEBSITE_WHAT)],
      [FIELD.subjectWhat, choiceParser(SUBJECT_WHAT)],
      [FIELD.oldDomain, (t) => parseWith(domainSchema, t)],
      [FIELD.newDomain, (t) => parseWith(domainSchema, t)],
      [FIELD.removedDomain, (t) => parseWith(domainSchema, t)],
      [FIELD.details, (t) => parseWith(FieldNames, t)],
      [FIELD.subjectType, choiceParser(TYPE_CHANGES)],
      [FIELD.province, (t) => parseWith(provinceSchema(provinces), t)],
    ];
    for (const [id, parse] of fields) this.addDialog(new FieldDialog(id, parse));
    this.steps([
      this.askScope.bind(this),
      this.askNumber.bind(this),
      this.askWhat.bind(this),
      this.askDetail.bind(this),
      this.askNewDomain.bind(this),
      this.confirmOrder.bind(this),
      this.recordOrder.bind(this),
    ]);
  }

  private async askScope(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = valuesOf(step);
    const recognition = isFlowOptions(step.options) ? step.options.recognition : undefined;
    Object.assign(values, givenFiling(step.options));
    if (recognition?.intent === 'change_subject') values.scope = 'subject';
    if (recognition?.intent === 'change_website') values.scope = 'website';
    if (values.scope) return step.next();
    return step.beginDialog(FIELD.scope, { prompt: withButtons(TEXT.scope, SCOPES.map((s) => s.title)) });
  }

  private async askNumber(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = valuesOf(step);
    const result: unknown = step.result;
    if (result === 'subject' || result === 'website') values.scope = result;
    if (values.icp && (values.scope === 'subject' || values.icp.website !== undefined)) return step.next();
    return values.scope === 'subject'
      ? step.beginDialog(FIELD.subjectNumber, { prompt: MessageFactory.text(TEXT.subjectNumber) })
      : step.beginDialog(FIELD.websiteNumber, { prompt: MessageFactory.text(TEXT.websiteNumber) });
  }

  private async askWhat(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = valuesOf(step);
    if (isIcpNumber(step.result)) values.icp = step.result;
    const choices = values.scope === 'subject' ? SUBJECT_WHAT : WEBSITE_WHAT;
    const field = values.scope === 'subject' ? FIELD.subjectWhat : FIELD.websiteWhat;
    return step.beginDialog(field, { prompt: withButtons(TEXT.what, choices.map((c) => c.title)) });
  }

  private async askDetail(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = valuesOf(step);
    if (isWhat(step.result)) values.what = step.result;
    switch (values.what) {
      case 'replaceDomain':
        if (values.domain) return step.next(values.domain);
        return step.beginDialog(FIELD.oldDomain, { prompt: MessageFactory.text(TEXT.oldDomain) });
      case 'removeDomain':
        if (values.domain) return step.next(values.domain);
        return step.beginDialog(FIELD.removedDomain, { prompt: MessageFactory.text(TEXT.removedDomain) });
      case 'subjectType':
        return step.beginDialog(FIELD.subjectType, { prompt: withButtons(TEXT.subjectType, TYPE_CHANGES.map((c) => c.title)) });
      case 'province':
        return step.beginDialog(FIELD.province, { prompt: MessageFactory.text(TEXT.province) });
      default:
        return step.beginDialog(FIELD.details, { prompt: MessageFactory.text(TEXT.details) });
    }
  }

  private async askNewDomain(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = valuesOf(step);
    const result: unknown = step.result;
    if (isDomain(result)) values.domain = result;
    else if (Array.isArray(result)) values.fields = result.filter((f): f is string => typeof f === 'string');
    else if (result === 'personalToCompany' || result === 'companyToPersonal' || result === 'companyToCompany') values.typeChange = result;
    else if (typeof result === 'object' && result !== null && 'id' in result && typeof result.id === 'string') values.newProvince = result.id;
    // A province change or a forbidden subject type change is refused before anything else is asked.
    const checked = await gate(step, this.services, this.request(values));
    if ('ended' in checked) return checked.ended;
    if (values.what !== 'replaceDomain') return step.next();
    return step.beginDialog(FIELD.newDomain, { prompt: MessageFactory.text(TEXT.newDomain) });
  }

  private async confirmOrder(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = valuesOf(step);
    if (isDomain(step.result)) values.newDomain = step.result;
    const request = this.request(values);
    return this.confirmIfAllowed(step, request, (notes) =>
      summaryCard({
        title: TEXT.title(this.describe(values)),
        facts: [
          ['Change', values.scope === 'subject' ? 'Modify Subject Information' : 'Modify Website Information'],
          ['ICP filing number', values.icp?.normalized ?? ''],
          ['Province', provinceNameOf(this.services, request.filing.province)],
          ['What changes', this.whatChanges(values)],
        ],
        warnings: [...notes.map((n) => say(this.services, n.text)), TEXT.stillAccessible],
        nextSteps: this.nextSteps(values),
        sources: sourceText([CHANGE_SOURCE, ...notes.map((n) => n.source)], this.services.understanding.knowledge.sourceTitles),
      }),
    );
  }

  private async recordOrder(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = valuesOf(step);
    return recordOrder(step, this.services, this.request(values), `change ${this.describe(values)}`, this.nextSteps(values));
  }

  private nextSteps(values: ChangeValues): string[] {
    return [
      `Log on to the ICP Filing system and click ${values.scope === 'subject' ? 'Modify Subject Information' : 'Modify Website Information'}; enter the new information (it must meet your local administration's requirements).`,
      ...applicationSteps(values.icp?.province.id ?? '', this.services.provinceRules, 'change'),
    ];
  }

  private whatChanges(values: ChangeValues): string {
    switch (values.what) {
      case 'replaceDomain':
        return `domain ${values.domain?.display ?? ''} replaced by ${values.newDomain?.display ?? ''}`;
      case 'removeDomain':
        return `remove domain ${values.domain?.display ?? ''}`;
      case 'subjectType':
        return TYPE_CHANGES.find((c) => c.value === values.typeChange)?.title ?? '';
      case 'province':
        return `move to ${provinceNameOf(this.services, values.newProvince ?? '')}`;
      default:
        return (values.fields ?? []).join(', ');
    }
  }

  private describe(values: ChangeValues): string {
    return `${values.scope === 'subject' ? 'the subject information' : 'the website information'} of ${values.icp?.normalized ?? ''}`;
  }

  private request(values: ChangeValues): ActionRequest {
    const changes: ChangeRequest = {};
    if (values.what === 'replaceDomain' && values.domain && values.newDomain) {
      changes.replacesDomain = values.domain.ascii;
      changes.newDomain = values.newDomain.ascii;
    }
    if (values.what === 'removeDomain' && values.domain) changes.otherFields = [`remove domain ${values.domain.ascii}`.slice(0, 60)];
    if (values.what === 'details' && values.fields) changes.otherFields = values.fields;
    if (values.typeChange) {
      changes.subjectType = {
        from: values.typeChange === 'personalToCompany' ? 'personal' : 'company',
        to: values.typeChange === 'companyToPersonal' ? 'personal' : 'company',
      };
    }
    if (values.what === 'province' && values.newProvince) changes.newProvince = values.newProvince;
    return {
      type: values.scope === 'subject' ? 'change_subject' : 'change_website',
      filing: filingOf(values.icp, values.domain, values.scope === 'subject' ? 'subject' : 'asGiven'),
      changes,
    };
  }
}
