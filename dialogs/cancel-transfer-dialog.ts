// Cancelling a transfer: which filing, the warning that the number stays valid, then the order.
import { MessageFactory } from 'botbuilder';
import type { DialogTurnResult, WaterfallStepContext } from '../src/botframework/dialog-kit.js';
import { icpNumberSchema, parseWith } from '../src/understanding/field-parsers.js';
import type { DomainName, IcpNumber } from '../src/understanding/entities.js';
import type { ActionRequest } from '../src/domain/rules/index.js';
import { FlowDialog } from './flow-dialog.js';
import { FieldDialog } from './field-dialog.js';
import {
  filingOf,
  givenFiling,
  isIcpNumber,
  provinceNameOf,
  recordOrder,

  say,
  sourceText,
  type FlowServices,
} from './flow-support.js';
import { cancelTransferSteps } from './next-steps.js';
import { summaryCard } from './summary-card.js';

export const CANCEL_TRANSFER_DIALOG = 'cancelTransferFlow';

const FIELD = { number: 'cancelTransfer.number' } as const;


const TEXT = {
  number: 'Which filing should no longer be transferred to us? Give its ICP filing number, e.g. 京ICP备12345678号-1.',
  title: (number: string) => `Cancel the transfer of ${number}?`,
  notNumber: 'This removes us as the provider of the filing; it does not cancel the ICP number itself.',
} as const;

interface CancelTransferValues {
  icp?: IcpNumber;
  domain?: DomainName;
}

function valuesOf(step: WaterfallStepContext): CancelTransferValues {
  return step.values;
}

export class CancelTransferDialog extends FlowDialog {
  constructor(services: FlowServices) {
    super(CANCEL_TRANSFER_DIALOG, services);
    const provinces = services.understanding.provinces;
    this.addDialog(new FieldDialog(FIELD.number, (t) => parseWith(icpNumberSchema(provinces, 'either'), t)));
    this.steps([
      this.askNumber.bind(this),
      this.confirmOrder.bind(this),
      this.recordOrder.bind(this),
    ]);
  }

  private async askNumber(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = valuesOf(step);
    Object.assign(values, givenFiling(step.options));
    if (values.icp) return step.next();
    return step.beginDialog(FIELD.number, { prompt: MessageFactory.text(TEXT.number) });
  }

  private async confirmOrder(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = valuesOf(step);
    if (isIcpNumber(step.result)) values.icp = step.result;
    const request = this.request(values);
    return this.confirmIfAllowed(step, request, (notes) =>
      summaryCard({
        title: TEXT.title(values.icp?.normalized ?? ''),
        facts: [
          ['ICP filing number', values.icp?.normalized ?? ''],
          ...(values.domain ? [['Domain', values.domain.display] as const] : []),
          ['Province', provinceNameOf(this.services, request.filing.province)],
        ],
        warnings: [TEXT.notNumber, ...notes.map((n) => say(this.services, n.text))],
        nextSteps: cancelTransferSteps(),
        sources: sourceText(
          [this.services.understanding.knowledge.citations.get('transferCancelKeepsNumber'), ...notes.map((n) => n.source)],
          this.services.understanding.knowledge.sourceTitles,
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
      `cancel the transfer of ${values.icp?.normalized ?? ''} (the number stays valid)`,
      cancelTransferSteps(),
    );
  }

  private request(values: CancelTransferValues): ActionRequest {
    return {
      type: 'cancel_transfer',
      filing: filingOf(values.icp, values.domain, 'asGiven'),
    };
  }
}
