// Cancelling a transfer: which filing, the warning that the number stays valid, then the order.
import { z } from 'zod';
import { provinceName } from '../../src/domain/province-name.js';
import type { ActionRequest } from '../../src/domain/rules/index.js';
import { message } from '../../src/knowledge/catalogue.js';
import { DomainNameValue, IcpNumberValue } from '../../src/understanding/field-parsers.js';
import type { FlowDeclaration } from '../form/flow-declaration.js';
import { cancelTransferSteps } from '../messages/next-steps.js';
import { asFiledSlots, filingOf } from './filing.js';

export const CANCEL_TRANSFER_DIALOG = 'cancelTransferFlow';

const CancelTransferSlots = z.object({
  number: IcpNumberValue.optional(),
  /** Never asked: kept when the user names it, so the order names it too. */
  domain: DomainNameValue.optional(),
});
type CancelTransferSlots = z.infer<typeof CancelTransferSlots>;

function request(filled: CancelTransferSlots): ActionRequest {
  return { type: 'cancel_transfer', filing: filingOf(filled.number, filled.domain, 'asGiven') };
}

export const CANCEL_TRANSFER_FLOW: FlowDeclaration<CancelTransferSlots> = {
  id: CANCEL_TRANSFER_DIALOG,
  name: 'flow.cancelTransfer.name',
  state: CancelTransferSlots,
  slots: (services) => asFiledSlots(services.understanding.provinces, message('cancelTransfer.askNumber', { example: message('example.websiteNumber') })),
  request,
  describe: (filled) => message('cancelTransfer.describe', { icpNumber: filled.number?.normalized ?? '' }),
  summary: (filled, notes, services) => ({
    title: message('cancelTransfer.title', { icpNumber: filled.number?.normalized ?? '' }),
    facts: [
      ['summary.label.icpNumber', filled.number?.normalized ?? ''],
      ...(filled.domain ? [['summary.label.domain', filled.domain.display] as const] : []),
      ['summary.label.province', provinceName(services.provinceRules, request(filled).filing.province)],
    ],
    warnings: [message('cancelTransfer.notNumber'), ...notes.map((n) => n.text)],
    sources: [services.understanding.knowledge.citations.get('transferCancelKeepsNumber'), ...notes.map((n) => n.source)],
  }),
  nextSteps: () => cancelTransferSteps(),
};
