// The cancel flow: subject or website, which filing, who is asking, a summary, then the order.
import { MessageFactory } from 'botbuilder';
import type { DialogTurnResult, WaterfallStepContext } from '../src/botframework/dialog-kit.js';
import { choiceParser, domainSchema, icpNumberSchema, parseWith, type Choice } from '../src/understanding/field-parsers.js';
import type { DomainName, IcpNumber } from '../src/understanding/entities.js';
import type { ActionRequest } from '../src/domain/rules/index.js';
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
import { cancellationSteps } from './next-steps.js';
import { summaryCard } from './summary-card.js';

export const CANCEL_DIALOG = 'cancelFlow';

const FIELD = {
  scope: 'cancel.scope',
  subjectNumber: 'cancel.subjectNumber',
  websiteNumber: 'cancel.websiteNumber',
  domain: 'cancel.domain',
  whole: 'cancel.whole',
  asker: 'cancel.asker',
} as const;

type Scope = 'subject' | 'website';
type Asker = 'subject' | 'notSubject' | 'cannotOnline';

const SCOPES: readonly Choice<Scope>[] = [
  { value: 'subject', title: 'Cancel Subject', synonyms: ['subject', 'the subject', 'whole subject', 'everything', 'all', '主体', '注销主体'] },
  { value: 'website', title: 'Cancel Website', synonyms: ['website', 'site', 'one website', 'a website', 'just one site', '网站', '注销网站'] },
];
const WHOLE: readonly Choice<'whole' | 'oneDomain'>[] = [
  { value: 'whole', title: 'Cancel the whole website', positive: true, synonyms: ['whole', 'whole website', 'all', 'all domains', 'yes', '全部', '整个网站'] },
  { value: 'oneDomain', title: 'Only remove this domain', synonyms: ['only this domain', 'one domain', 'just this domain', 'keep the others', 'only one', '只删除这个域名', '只去掉这个域名'] },
];
const ASKERS: readonly Choice<Asker>[] = [
  { value: 'subject', title: 'Yes, I am the subject', positive: true, synonyms: ['yes', 'y', 'i am', 'we are', 'yes i can', '是', '是的'] },
  { value: 'notSubject', title: 'No, I am not the subject', synonyms: ['no', 'not the subject', 'i am not', 'someone else', '不是', '否'] },
  { value: 'cannotOnline', title: 'I cannot cancel online', synonyms: ['cannot cancel online', 'cant cancel online', 'cannot log on', 'cant log in', '无法在线注销'] },
];

const TEXT = {
  scope:
    'Which kind of cancellation?\n\n- **Cancel Subject** deletes the ICP number and every website filed under it.\n- **Cancel Website** deletes the filing of one website; the subject and its other websites are not affected.',
  subjectNumber: "What is the subject's ICP filing number? For example 京ICP备12345678号.",
  websiteNumber: "What is the website's ICP filing number, with its website number? For example 京ICP备12345678号-1.",
  domain: "What is the website's domain name? For example example.cn.",
  whole: (domain: string) =>
    `Cancel Website removes the website's filing with all of its domains. Do you want to cancel the whole website, or does it have several domains and you only want to remove ${domain}?`,
  asker: (number: string) =>
    `Are you the filing subject of ${number} (the person or organisation it is filed under), able to log on to the ICP Filing system and cancel online?`,
  confirmTitle: (what: string) => `Ready to ${what}?`,
  password:
    'You will need the ICP Filing password issued by MIIT on the filing system. Never give it to me or anyone else; if you forgot it, retrieve it from the MIIT website.',
} as const;

interface CancelValues {
  scope?: Scope;
  icp?: IcpNumber;
  domain?: DomainName;
  dropOnlyDomain?: boolean;
  asker?: Asker;
}

function valuesOf(step: WaterfallStepContext): CancelValues {
  return step.values;
}

export class CancelDialog extends FlowDialog {
  constructor(services: FlowServices) {
    super(CANCEL_DIALOG, services);
    const provinces = services.understanding.provinces;
    this.addDialog(new FieldDialog(FIELD.scope, choiceParser(SCOPES)));
    this.addDialog(new FieldDialog(FIELD.subjectNumber, (t) => parseWith(icpNumberSchema(provinces, 'either'), t)));
    this.addDialog(new FieldDialog(FIELD.websiteNumber, (t) => parseWith(icpNumberSchema(provinces, 'website'), t)));
    this.addDialog(new FieldDialog(FIELD.domain, (t) => parseWith(domainSchema, t)));
    this.addDialog(new FieldDialog(FIELD.whole, choiceParser(WHOLE)));
    this.addDialog(new FieldDialog(FIELD.asker, choiceParser(ASKERS)));
    this.steps([
      this.askScope.bind(this),
      this.askNumber.bind(this),
      this.askDomain.bind(this),
      this.askWhole.bind(this),
      this.askAsker.bind(this),
      this.confirmOrder.bind(this),
      this.recordOrder.bind(this),
    ]);
  }

  private async askScope(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = valuesOf(step);
    const recognition = isFlowOptions(step.options) ? step.options.recognition : undefined;
    Object.assign(values, givenFiling(step.options));
    if (recognition?.intent === 'cancel_subject') values.scope = 'subject';
    else if (recognition?.intent === 'cancel_website' || values.domain || values.icp?.website !== undefined) values.scope = 'website';
    if (values.scope) return step.next();
    const { sourceTitles } = this.services.understanding.knowledge;
    const prompt = withButtons(
      `${TEXT.scope}\n\n${sourceText([this.services.understanding.knowledge.citations.get('subjectCancelsAll')], sourceTitles)}`,
      SCOPES.map((s) => s.title),
    );
    return step.beginDialog(FIELD.scope, { prompt });
  }

  private async askNumber(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = valuesOf(step);
    if (typeof step.result === 'string') values.scope = step.result === 'subject' ? 'subject' : 'website';
    if (values.scope === 'subject' && values.icp) return step.next();
    if (values.scope === 'website' && values.icp?.website !== undefined) return step.next();
    return values.scope === 'subject'
      ? step.beginDialog(FIELD.subjectNumber, { prompt: MessageFactory.text(TEXT.subjectNumber) })
      : step.beginDialog(FIELD.websiteNumber, { prompt: MessageFactory.text(TEXT.websiteNumber) });
  }

  private async askDomain(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = valuesOf(step);
    if (isIcpNumber(step.result)) values.icp = step.result;
    if (values.scope === 'subject' || values.domain) return step.next();
    return step.beginDialog(FIELD.domain, { prompt: MessageFactory.text(TEXT.domain) });
  }

  private async askWhole(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = valuesOf(step);
    if (isDomain(step.result)) values.domain = step.result;
    if (values.scope === 'subject' || !values.domain) return step.next();
    const prompt = withButtons(TEXT.whole(values.domain.display), WHOLE.map((c) => c.title));
    return step.beginDialog(FIELD.whole, { prompt });
  }

  private async askAsker(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = valuesOf(step);
    if (step.result === 'oneDomain') values.dropOnlyDomain = true;
    const number = values.icp?.normalized ?? '';
    // Dropping one domain is blocked whoever asks: say so before asking anything else.
    if (values.dropOnlyDomain) {
      const checked = await gate(step, this.services, this.request(values));
      if ('ended' in checked) return checked.ended;
    }
    const prompt = withButtons(TEXT.asker(number), ASKERS.map((c) => c.title));
    return step.beginDialog(FIELD.asker, { prompt });
  }

  private async confirmOrder(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = valuesOf(step);
    const result: unknown = step.result;
    if (result === 'subject' || result === 'notSubject' || result === 'cannotOnline') values.asker = result;
    const request = this.request(values);
    const { sourceTitles } = this.services.understanding.knowledge;
    return this.confirmIfAllowed(step, request, (notes) =>
      summaryCard({
        title: TEXT.confirmTitle(this.describe(values)),
        facts: [
          ['Cancellation', values.scope === 'subject' ? 'Cancel Subject' : 'Cancel Website'],
          ['ICP filing number', values.icp?.normalized ?? ''],
          ...(values.domain ? [['Domain', values.domain.display] as const] : []),
          ['Province', provinceNameOf(this.services, request.filing.province)],
          ['Requested by', 'the filing subject'],
        ],
        warnings: [...notes.map((n) => say(this.services, n.text)), TEXT.password],
        nextSteps: cancellationSteps(values.scope ?? 'website'),
        sources: sourceText([this.services.understanding.knowledge.citations.get('cancellationFinal'), ...notes.map((n) => n.source)], sourceTitles),
      }),
    );
  }

  private async recordOrder(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = valuesOf(step);
    return recordOrder(step, this.services, this.request(values), this.describe(values), cancellationSteps(values.scope ?? 'website'));
  }

  private request(values: CancelValues): ActionRequest {
    const icp = values.icp;
    return {
      type: values.scope === 'subject' ? 'cancel_subject' : 'cancel_website',
      filing: filingOf(icp, values.domain, values.scope === 'subject' ? 'subject' : 'asGiven'),
      ...(values.dropOnlyDomain && values.domain ? { dropOnlyDomains: [values.domain.ascii], websiteDomainCount: 2 } : {}),
      ...(values.asker ? { isFilingSubject: values.asker !== 'notSubject', canCancelOnline: values.asker !== 'cannotOnline' } : {}),
    };
  }

  private describe(values: CancelValues): string {
    return values.scope === 'subject'
      ? `cancel the subject ${values.icp?.subject ?? ''} and every website under it`
      : `cancel the website ${values.domain?.display ?? ''} (${values.icp?.normalized ?? ''})`;
  }
}
