// Cancelling a transfer: which filing, the warning that the number stays valid, then the order.
import { z } from 'zod';
import { provinceName } from '../../src/domain/province-name.js';
import type { ActionRequest } from '../../src/domain/rules/index.js';
import { message } from '../../src/knowledge/catalogue.js';
import { domainParser, DomainNameValue, icpNumberParser, IcpNumberValue } from '../../src/understanding/field-parsers.js';
import { slot, type FlowDeclaration } from '../form/flow-declaration.js';
import { cancelTransferSteps } from '../messages/next-steps.js';
import { filingOf } from './filing.js';

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
  slots: (services) => [
    slot<CancelTransferSlots, 'number'>({
      name: 'number',
      parse: icpNumberParser(services.understanding.provinces, 'either'),
      prompt: () => ({ text: message('cancelTransfer.askNumber', { example: message('example.websiteNumber') }) }),
      prefill: (given) => given.icp,
    }),
    slot<CancelTransferSlots, 'domain'>({
      name: 'domain',
      parse: domainParser,
      prompt: () => ({ text: message('cancel.askDomain') }),
      // Never asked: the number names the filing; a domain the user gave is kept for the order.
      when: () => false,
      prefill: (given) => given.domain,
    }),
  ],
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
