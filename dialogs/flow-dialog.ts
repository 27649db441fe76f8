// What every action flow is made of: its waterfall of named steps and the summary it asks the
// user to confirm. The flows differ only in their steps and questions.
import { confirmationParser } from '../src/understanding/field-parsers.js';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from '../src/botframework/dialog-kit.js';
import { FieldDialog } from './field-dialog.js';
import { gate, type FlowServices } from './flow-support.js';
import type { ActionRequest, Note } from '../src/domain/rules/index.js';
import { CONFIRMATION } from './summary-card.js';
import type { Activity } from 'botbuilder';

type Step = (step: WaterfallStepContext) => Promise<DialogTurnResult>;

export abstract class FlowDialog extends ComponentDialog {
  private readonly confirmField: string;

  protected constructor(
    dialogId: string,
    protected readonly services: FlowServices,
  ) {
    super(dialogId);
    this.confirmField = `${dialogId}.confirm`;
    this.addDialog(new FieldDialog(this.confirmField, confirmationParser(CONFIRMATION)));
  }

  /** The flow's steps, in order (bound to the flow); each is asked in turn. */
  protected steps(steps: readonly Step[]): void {
    const id = `${this.id}.steps`;
    this.addDialog(new WaterfallDialog(id, [...steps]));
    this.initialDialogId = id;
  }

  /**
   * Checks the rules on what was gathered: a block is explained and ends the flow (gate); otherwise
   * shows the summary card, built with the rules' notes, and waits for Confirm (Stop is handled by
   * the main dialog).
   */
  protected async confirmIfAllowed(
    step: WaterfallStepContext,
    request: ActionRequest,
    card: (notes: readonly Note[]) => Partial<Activity>,
  ): Promise<DialogTurnResult> {
    const checked = await gate(step, this.services, request);
    if ('ended' in checked) return checked.ended;
    return step.beginDialog(this.confirmField, { prompt: card(checked.notes) });
  }
}
