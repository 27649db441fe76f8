// The transfer-in flow: which transfer type, the filing exactly as filed, the ECS service code,
// the administrator's mobile, the province's steps, a summary, then the order.
import { z } from 'zod';
import { provinceName } from '../../src/domain/province-name.js';
import type { ActionRequest } from '../../src/domain/rules/index.js';
import { message, type MessageRef } from '../../src/knowledge/catalogue.js';
import {
  DomainNameValue,
  IcpNumberValue,
  mobileParser,
  type AnswerParser,
  type Choice,
} from '../../src/understanding/field-parsers.js';
import { choiceSlot, slot, type FlowDeclaration } from '../form/flow-declaration.js';
import { applicationSteps } from '../messages/next-steps.js';
import { asFiledSlots, filingOf } from './filing.js';

export const TRANSFER_DIALOG = 'transferFlow';

const HISTORIES = ['never', 'before', 'hichina'] as const;
const READY = ['ready', 'notYet'] as const;

// Choice synonyms are recognition data: they stay beside the choices they pick, in every language read.
const HISTORY_CHOICES: readonly Choice<(typeof HISTORIES)[number]>[] = [
  { value: 'never', title: 'transfer.history.never', synonyms: ['no', 'never', 'first time', 'new', '没有', '第一次'] },
  { value: 'before', title: 'transfer.history.before', positive: true, synonyms: ['yes', 'before', 'already', 'used it', '有', '用过'] },
  { value: 'hichina', title: 'transfer.history.hichina', synonyms: ['hichina', 'hi china', '万网', 'hichina platform'] },
];
const READY_CHOICES: readonly Choice<(typeof READY)[number]>[] = [
  { value: 'ready', title: 'transfer.ready.ready', positive: true, synonyms: ['yes', 'have it', 'i have it', 'got it', 'ready', '有', '有了'] },
  { value: 'notYet', title: 'transfer.ready.notYet', synonyms: ['no', 'not yet', 'dont have', 'do not have', 'no code', '没有', '还没有'] },
];

const TransferSlots = z.object({
  history: z.enum(HISTORIES).optional(),
  number: IcpNumberValue.optional(),
  domain: DomainNameValue.optional(),
  serviceCode: z.enum(READY).optional(),
  /** Only the masked number is kept (for the summary): never the number itself, in state or order. */
  maskedMobile: z.string().optional(),
});
type TransferSlots = z.infer<typeof TransferSlots>;

/** Reads the mobile number and keeps only what the summary shows of it, e.g. 138****5678. */
const maskedMobileParser: AnswerParser<string> = (text, words) => {
  const mobile = mobileParser(text, words);
  return mobile.ok ? { ok: true, value: `${mobile.value.slice(0, 3)}****${mobile.value.slice(-4)}` } : mobile;
};

function request(filled: TransferSlots): ActionRequest {
  return { type: 'transfer_in', filing: filingOf(filled.number, filled.domain, 'asGiven') };
}

function transferType(filled: TransferSlots): MessageRef {
  if (filled.history === 'never') return message('transfer.type.first');
  if (filled.history === 'hichina') return message('transfer.type.hichina');
  return message('transfer.type.another');
}

export const TRANSFER_FLOW: FlowDeclaration<TransferSlots> = {
  id: TRANSFER_DIALOG,
  name: 'flow.transfer.name',
  state: TransferSlots,
  slots: (services) => [
    choiceSlot<TransferSlots, 'history'>({
      name: 'history',
      choices: HISTORY_CHOICES,
      text: () => message('transfer.askHistory'),
      cites: ['transferTypes'],
    }),
    ...asFiledSlots(services.understanding.provinces, message('transfer.askNumber', { example: message('example.websiteNumber') }), message('transfer.askDomain')),
    choiceSlot<TransferSlots, 'serviceCode'>({
      name: 'serviceCode',
      choices: READY_CHOICES,
      text: () => message('transfer.askServiceCode'),
      // The rules (a cancellation in process, another order) are checked before asking for more.
      checkRulesFirst: () => true,
    }),
    slot<TransferSlots, 'maskedMobile'>({ name: 'maskedMobile', parse: maskedMobileParser, prompt: () => ({ text: message('transfer.askMobile') }) }),
  ],
  request,
  describe: (filled) => message('transfer.describe', { domain: filled.domain?.display ?? '', icpNumber: filled.number?.normalized ?? '' }),
  summary: (filled, notes, services) => {
    const { citations } = services.understanding.knowledge;
    return {
      title: message('transfer.title', { domain: filled.domain?.display ?? '' }),
      facts: [
        ['transfer.label.type', transferType(filled)],
        ['summary.label.icpNumber', filled.number?.normalized ?? ''],
        ['summary.label.domain', filled.domain?.display ?? ''],
        ['summary.label.province', provinceName(services.provinceRules, request(filled).filing.province)],
        ['transfer.label.serviceCode', message(filled.serviceCode === 'ready' ? 'transfer.serviceCode.ready' : 'transfer.serviceCode.notYet')],
        ['transfer.label.mobile', filled.maskedMobile ?? ''],
      ],
      warnings: [...notes.map((n) => n.text), message('transfer.noChanges')],
      sources: [
        citations.get('transferExact'),
        citations.get('transferServiceCode'),
        citations.get('changeDuringTransfer'),
        ...services.provinceRules.phoneVerification.sources.slice(0, 1),
      ],
    };
  },
  nextSteps: (filled, services) => [
    ...(filled.history === 'hichina' ? [message('transfer.step.importHiChina')] : []),
    message('transfer.step.start', { transferType: message(filled.history === 'never' ? 'transfer.type.first' : 'transfer.type.another') }),
    message(filled.serviceCode === 'ready' ? 'transfer.step.verifyCode' : 'transfer.step.applyCode'),
    message('transfer.step.password'),
    ...applicationSteps(filled.number?.province.id ?? '', services.provinceRules, 'transfer'),
    message('transfer.step.resolve'),
  ],
};
