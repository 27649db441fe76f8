// The transfer-in flow: which transfer type, the filing exactly as filed, the ECS service code,
// the administrator's mobile, the province's steps, a summary, then the order.
import { MessageFactory } from 'botbuilder';
import type { DialogTurnResult, WaterfallStepContext } from '../src/botframework/dialog-kit.js';
import type { Citation } from '../src/knowledge/schema.js';
import { choiceParser, domainSchema, icpNumberSchema, mobileSchema, parseWith, type Choice } from '../src/understanding/field-parsers.js';
import type { DomainName, IcpNumber } from '../src/understanding/entities.js';
import type { ActionRequest } from '../src/domain/rules/index.js';
import { FlowDialog } from './flow-dialog.js';
import { FieldDialog, withButtons } from './field-dialog.js';
import {
  filingOf,
  gate,
  givenFiling,
  isDomain,
  isIcpNumber,
  provinceNameOf,
  recordOrder,

  say,
  sourceText,
  type FlowServices,
} from './flow-support.js';
import { applicationSteps } from './next-steps.js';
import { summaryCard } from './summary-card.js';

export const TRANSFER_DIALOG = 'transferFlow';

const FIELD = {
  history: 'transfer.history',
  number: 'transfer.number',
  domain: 'transfer.domain',
  serviceCode: 'transfer.serviceCode',
  mobile: 'transfer.mobile',
} as const;

type History = 'never' | 'before' | 'hichina';

const HISTORIES: readonly Choice<History>[] = [
  { value: 'never', title: 'Never used it', synonyms: ['no', 'never', 'first time', 'new', '没有', '第一次'] },
  { value: 'before', title: 'Filed here before', positive: true, synonyms: ['yes', 'before', 'already', 'used it', '有', '用过'] },
  { value: 'hichina', title: 'On HiChina (万网)', synonyms: ['hichina', 'hi china', '万网', 'hichina platform'] },
];
const READY: readonly Choice<'ready' | 'notYet'>[] = [
  { value: 'ready', title: 'I have the service code', positive: true, synonyms: ['yes', 'have it', 'i have it', 'got it', 'ready', '有', '有了'] },
  { value: 'notYet', title: 'Not yet', synonyms: ['no', 'not yet', 'dont have', 'do not have', 'no code', '没有', '还没有'] },
];

export const TRANSFER_SOURCES = {
  types: {
    doc: '002_0d7fdd88b91a65eb.txt',
    section: 'Transfer an ICP license to Alibaba Cloud and cancel an transfer',
    quote: 'the ICP Filing subject has never used Alibaba Cloud ICP Filing system before',
  },
  exact: {
    doc: '002_0d7fdd88b91a65eb.txt',
    section: 'Transfer an ICP Filing',
    quote: 'You must enter the exactly same information of your ICP Filing.',
  },
  serviceCode: {
    doc: '002_0d7fdd88b91a65eb.txt',
    section: 'Transfer an ICP Filing',
    quote: 'You can apply for an ICP Filing service code on ICP No. Application page of the Alibaba Cloud console.',
  },
  noChanges: {
    doc: '003_2c8c2a51a61a4d8b.txt',
    section: 'Can I change the subject or website information during the ICP Filing transfer?',
    quote: 'during the transfer process, you cannot modify the ICP Filing information',
  },
} as const satisfies Record<string, Citation>;

const TEXT = {
  history:
    'Has the filing subject used our ICP Filing system before?\n\n- **Never used it**: you will use "Transfer an ICP Filing".\n- **Filed here before**: you will use "Transfer Another ICP Filing".\n- **On HiChina (万网)**: import the filing information from the HiChina platform first, then use "Transfer Another ICP Filing".',
  number: 'What is the ICP filing number, exactly as filed? For example 京ICP备12345678号-1.',
  domain: 'Which domain name is being transferred, exactly as filed? For example example.cn.',
  serviceCode:
    'The transfer verifies your ECS instance with an ICP Filing service code, which you apply for on the ICP No. Application page of the console. Do you have it?',
  mobile:
    "What is the website administrator's mobile number? MIIT may verify it by text message. I only check its form and do not keep it.",
  noChanges: 'The filing information cannot be changed while the transfer is in process: change it at your current provider first, or after the transfer.',
  title: (domain: string) => `Transfer the filing of ${domain} to us?`,
} as const;

interface TransferValues {
  history?: History;
  icp?: IcpNumber;
  domain?: DomainName;
  serviceCodeReady?: boolean;
  /** Shown masked in the summary; never stored in the order. */
  maskedMobile?: string;
}

function valuesOf(step: WaterfallStepContext): TransferValues {
  return step.values;
}

function masked(mobile: string): string {
  return `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
}

export class TransferDialog extends FlowDialog {
  constructor(services: FlowServices) {
    super(TRANSFER_DIALOG, services);
    const provinces = services.understanding.provinces;
    this.addDialog(new FieldDialog(FIELD.history, choiceParser(HISTORIES)));
    this.addDialog(new FieldDialog(FIELD.number, (t) => parseWith(icpNumberSchema(provinces, 'either'), t)));
    this.addDialog(new FieldDialog(FIELD.domain, (t) => parseWith(domainSchema, t)));
    this.addDialog(new FieldDialog(FIELD.serviceCode, choiceParser(READY)));
    this.addDialog(new FieldDialog(FIELD.mobile, (t) => parseWith(mobileSchema, t)));
    this.steps([
      this.askHistory.bind(this),
      this.askNumber.bind(this),
      this.askDomain.bind(this),
      this.askServiceCode.bind(this),
      this.askMobile.bind(this),
      this.confirmOrder.bind(this),
      this.recordOrder.bind(this),
    ]);
  }

  private async askHistory(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = valuesOf(step);
    Object.assign(values, givenFiling(step.options));
    const { sourceTitles } = this.services.understanding.knowledge;
    const prompt = withButtons(
      `${TEXT.history}\n\n${sourceText([TRANSFER_SOURCES.types], sourceTitles)}`,
      HISTORIES.map((h) => h.title),
    );
    return step.beginDialog(FIELD.history, { prompt });
  }

  private async askNumber(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = valuesOf(step);
    const result: unknown = step.result;
    if (result === 'never' || result === 'before' || result === 'hichina') values.history = result;
    if (values.icp) return step.next();
    return step.beginDialog(FIELD.number, { prompt: MessageFactory.text(TEXT.number) });
  }

  private async askDomain(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = valuesOf(step);
    if (isIcpNumber(step.result)) values.icp = step.result;
    if (values.domain) return step.next();
    return step.beginDialog(FIELD.domain, { prompt: MessageFactory.text(TEXT.domain) });
  }

  private async askServiceCode(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = valuesOf(step);
    if (isDomain(step.result)) values.domain = step.result;
    // The rules (a cancellation in process, another order) are checked before asking for more.
    const checked = await gate(step, this.services, this.request(values));
    if ('ended' in checked) return checked.ended;
    return step.beginDialog(FIELD.serviceCode, { prompt: withButtons(TEXT.serviceCode, READY.map((r) => r.title)) });
  }

  private async askMobile(step: WaterfallStepContext): Promise<DialogTurnResult> {
    valuesOf(step).serviceCodeReady = step.result === 'ready';
    return step.beginDialog(FIELD.mobile, { prompt: MessageFactory.text(TEXT.mobile) });
  }

  private async confirmOrder(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = valuesOf(step);
    if (typeof step.result === 'string') values.maskedMobile = masked(step.result);
    const request = this.request(values);
    const { sourceTitles } = this.services.understanding.knowledge;
    return this.confirmIfAllowed(step, request, (notes) =>
      summaryCard({
        title: TEXT.title(values.domain?.display ?? ''),
        facts: [
          ['Transfer type', this.transferType(values)],
          ['ICP filing number', values.icp?.normalized ?? ''],
          ['Domain', values.domain?.display ?? ''],
          ['Province', provinceNameOf(this.services, request.filing.province)],
          ['Service code', values.serviceCodeReady ? 'ready' : 'not yet: apply for it first'],
          ['Administrator mobile', values.maskedMobile ?? ''],
        ],
        warnings: [...notes.map((n) => say(this.services, n.text)), TEXT.noChanges],
        nextSteps: this.nextSteps(values),
        sources: sourceText(
          [TRANSFER_SOURCES.exact, TRANSFER_SOURCES.serviceCode, TRANSFER_SOURCES.noChanges, ...this.services.provinceRules.phoneVerification.sources.slice(0, 1)],
          sourceTitles,
        ),
      }),
    );
  }

  private async recordOrder(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = valuesOf(step);
    return recordOrder(
      step,
      this.services,
      this.request(values),
      `transfer the filing of ${values.domain?.display ?? ''} (${values.icp?.normalized ?? ''}) to us`,
      this.nextSteps(values),
    );
  }

  private transferType(values: TransferValues): string {
    if (values.history === 'never') return 'Transfer an ICP Filing';
    if (values.history === 'hichina') return 'Import from HiChina, then Transfer Another ICP Filing';
    return 'Transfer Another ICP Filing';
  }

  private nextSteps(values: TransferValues): string[] {
    const province = values.icp?.province.id ?? '';
    return [
      ...(values.history === 'hichina' ? ['Import your filing information from the HiChina ICP Filing platform into the ICP Filing system.'] : []),
      `Log on to the ICP Filing system and start "${values.history === 'never' ? 'Transfer an ICP Filing' : 'Transfer Another ICP Filing'}"; enter the subject information and domain exactly as filed.`,
      values.serviceCodeReady
        ? 'Verify your ECS instance with the ICP Filing service code.'
        : 'Apply for an ICP Filing service code on the ICP No. Application page of the console, then verify your ECS instance with it.',
      'Verify the ICP Filing password issued by MIIT there (never give it to me; if you forgot it, retrieve it from the MIIT website), then enter the administrators of the subject and the website.',
      ...applicationSteps(province, this.services.provinceRules, 'transfer'),
      'Once approved, resolve your domain name to your server here.',
    ];
  }

  private request(values: TransferValues): ActionRequest {
    return {
      type: 'transfer_in',
      filing: filingOf(values.icp, values.domain, 'asGiven'),
    };
  }
}
