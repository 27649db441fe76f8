// The router: reads each message once (commands, intent, FAQ), answers or starts the right flow,
// and while a flow runs, handles help, stop, start over, questions and a change of mind.
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  Dialog,
  DialogSet,
  DialogTurnStatus,
  WaterfallDialog,
  type DialogContext,
  type DialogState,
  type DialogTurnResult,
  type WaterfallStepContext,
} from '../src/botframework/dialog-kit.js';
import type { FaqResult } from '../src/understanding/faq-search.js';
import type { FaqEntry } from '../src/knowledge/schema.js';
import { interpret, type ActionIntent } from '../src/understanding/interpret.js';
import { CANCEL_DIALOG, CancelDialog } from './cancel-dialog.js';
import { CANCEL_TRANSFER_DIALOG, CancelTransferDialog } from './cancel-transfer-dialog.js';
import { CHANGE_DIALOG, ChangeDialog } from './change-dialog.js';
import { answerText, FieldDialog } from './field-dialog.js';
import type { FlowOptions, FlowServices } from './flow-support.js';
import { ORDER_STATUS_DIALOG, OrderStatusDialog, WITHDRAW_DIALOG, WithdrawDialog, withdrawRequestId } from './orders-dialog.js';
import { faqReply, helpReply, TEXT, welcomeReply } from './replies.js';
import { TRANSFER_DIALOG, TransferDialog } from './transfer-dialog.js';

const ROUTE = 'route';

export const FLOW_FOR_INTENT: Readonly<Record<ActionIntent, string>> = {
  cancel_subject: CANCEL_DIALOG,
  cancel_website: CANCEL_DIALOG,
  cancel_filing: CANCEL_DIALOG,
  transfer_in: TRANSFER_DIALOG,
  cancel_transfer: CANCEL_TRANSFER_DIALOG,
  change_subject: CHANGE_DIALOG,
  change_website: CHANGE_DIALOG,
  change: CHANGE_DIALOG,
  order_status: ORDER_STATUS_DIALOG,
};

const FLOW_NAMES: Readonly<Record<string, string>> = {
  [CANCEL_DIALOG]: 'the cancellation',
  [TRANSFER_DIALOG]: 'the transfer',
  [CANCEL_TRANSFER_DIALOG]: 'cancelling the transfer',
  [CHANGE_DIALOG]: 'the change',
  [WITHDRAW_DIALOG]: 'the withdrawal',
};

/** Buttons the bot itself shows that start an action, so a tap never depends on recognition. */
const BUTTON_INTENTS: Readonly<Record<string, ActionIntent>> = {
  'change website information': 'change_website',
  'my orders': 'order_status',
};

/**
 * Mid-flow, a message that is not a valid answer starts another action only when it asks for it
 * clearly, naming the action: a mistyped answer ("example") must be re-asked, not taken for a
 * change of mind.
 */
const SWITCH_MIN_SCORE = 0.7;

const FLOW_TEXT = {
  stopped: (flow: string) => `OK, I stopped ${flow}. Nothing was recorded. What else can I do for you?`,
  nothingToStop: 'There is nothing in progress to stop. Ask me a question, or say "help".',
  startingOver: 'Starting over.',
  switched: (flow: string) => `OK, I left ${flow} (nothing was recorded).`,
  backToFlow: 'Now, back to where we were:',
} as const;

/** Where a DialogStateManager looks for its configuration in turn state (botbuilder-dialogs' key). */
const MEMORY_CONFIGURATION_KEY = 'DialogStateManagerConfiguration';

export class MainDialog extends ComponentDialog {
  constructor(private readonly services: FlowServices) {
    super('main');
    this.addDialog(new WaterfallDialog(ROUTE, [this.route.bind(this), this.finish.bind(this)]));
    this.addDialog(new CancelDialog(services));
    this.addDialog(new TransferDialog(services));
    this.addDialog(new CancelTransferDialog(services));
    this.addDialog(new ChangeDialog(services));
    this.addDialog(new OrderStatusDialog(services));
    this.addDialog(new WithdrawDialog(services));
    this.initialDialogId = ROUTE;
  }

  /** Runs one turn: continues an active flow or routes the new message. */
  async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<void> {
    if (this.memoryConfiguration !== undefined) context.turnState.set(MEMORY_CONFIGURATION_KEY, this.memoryConfiguration);
    const dialogSet = this.dialogSetFor(dialogState);
    const dialogContext = await dialogSet.createContext(context);
    this.memoryConfiguration ??= context.turnState.get(MEMORY_CONFIGURATION_KEY);
    const result = await dialogContext.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dialogContext.beginDialog(this.id);
  }

  /**
   * botbuilder-dialogs' memory scopes and path resolvers, which its first DialogContext in a turn
   * builds afresh (a service collection each time: a few percent of a turn) unless the turn already
   * has them. They hold nothing of a turn, so the first turn's are kept, as DialogManager does.
   */
  private memoryConfiguration: unknown;

  /** The set holding this dialog, built once per state accessor: it keeps nothing of a turn. */
  private readonly dialogSets = new WeakMap<StatePropertyAccessor<DialogState>, DialogSet>();

  private dialogSetFor(dialogState: StatePropertyAccessor<DialogState>): DialogSet {
    let dialogSet = this.dialogSets.get(dialogState);
    if (!dialogSet) {
      dialogSet = new DialogSet(dialogState);
      dialogSet.add(this);
      this.dialogSets.set(dialogState, dialogSet);
    }
    return dialogSet;
  }

  private get understanding() {
    return this.services.understanding;
  }

  private async route(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const text = answerText(step.context.activity);
    if (withdrawRequestId(text) !== null) return step.beginDialog(WITHDRAW_DIALOG);
    const button = BUTTON_INTENTS[text.toLowerCase()];
    if (button) {
      // The button names the action exactly: the flow need not ask which kind it is.
      const options: FlowOptions = { recognition: { intent: button, score: 1, entities: { icpNumbers: [], domains: [] } } };
      return step.beginDialog(FLOW_FOR_INTENT[button], options);
    }
    const meaning = interpret(this.understanding, text);
    switch (meaning.kind) {
      case 'empty':
        await step.context.sendActivity(TEXT.empty);
        break;
      case 'command':
        if (meaning.command === 'help') await step.context.sendActivity(helpReply());
        else if (meaning.command === 'greeting') await step.context.sendActivity(welcomeReply());
        else if (meaning.command === 'thanks') await step.context.sendActivity("You're welcome. Anything else about your filing?");
        else await step.context.sendActivity(FLOW_TEXT.nothingToStop);
        break;
      case 'action': {
        const options: FlowOptions = { recognition: meaning.recognition };
        return step.beginDialog(FLOW_FOR_INTENT[meaning.intent], options);
      }
      case 'question':
        await step.context.sendActivity(this.faqReply(meaning.result));
        break;
    }
    return step.endDialog();
  }

  private async finish(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog();
  }

  private faqReply(result: FaqResult) {
    return faqReply(result, (entry) => this.related(entry), this.understanding.knowledge.sourceTitles);
  }

  private related(entry: FaqEntry): FaqEntry[] {
    return entry.related.flatMap((id) => this.understanding.faq.entry(id) ?? []);
  }

  /** While a flow runs: answers interruptions and re-asks, or lets the answer through to the flow. */
  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const flow = innerDc.activeDialog?.id;
    const text = answerText(innerDc.context.activity);
    if (!flow || flow === ROUTE || text === '' || this.isAnswer(innerDc, text)) {
      return super.onContinueDialog(innerDc);
    }
    const flowName = FLOW_NAMES[flow] ?? 'what we were doing';
    const meaning = interpret(this.understanding, text);
    const send = (message: Parameters<TurnContext['sendActivity']>[0]) => innerDc.context.sendActivity(message);

    if (meaning.kind === 'command') {
      switch (meaning.command) {
        case 'stop':
          await innerDc.cancelAllDialogs();
          await send(FLOW_TEXT.stopped(flowName));
          return { status: DialogTurnStatus.complete };
        case 'startOver':
          await innerDc.cancelAllDialogs();
          await send(FLOW_TEXT.startingOver);
          return innerDc.beginDialog(flow, {});
        case 'help':
          await send(helpReply());
          break;
        case 'greeting':
        case 'thanks':
          break;
      }
      await send(FLOW_TEXT.backToFlow);
      await innerDc.repromptDialog();
      return Dialog.EndOfTurn;
    }
    const withdraw = withdrawRequestId(text) !== null;
    const asksForAction =
      meaning.kind === 'action' && meaning.recognition.score >= SWITCH_MIN_SCORE && this.understanding.namesAction(text);
    const target = withdraw ? WITHDRAW_DIALOG : asksForAction ? FLOW_FOR_INTENT[meaning.intent] : undefined;
    if (target && target !== flow) {
      await innerDc.cancelAllDialogs();
      await send(FLOW_TEXT.switched(flowName));
      const options: FlowOptions = meaning.kind === 'action' ? { recognition: meaning.recognition } : {};
      return innerDc.beginDialog(target, options);
    }
    if (meaning.kind === 'question') {
      if (meaning.result.kind !== 'unknown') {
        await send(this.faqReply(meaning.result));
        await send(FLOW_TEXT.backToFlow);
        await innerDc.repromptDialog();
        return Dialog.EndOfTurn;
      }
    }
    // Not an interruption we recognise: the field re-asks with an example.
    return super.onContinueDialog(innerDc);
  }

  /** Whether the deepest active dialog is a field that accepts this text as its answer. */
  private isAnswer(innerDc: DialogContext, text: string): boolean {
    let dc: DialogContext = innerDc;
    while (dc.child) dc = dc.child;
    const id = dc.activeDialog?.id;
    const dialog = id ? dc.findDialog(id) : undefined;
    return dialog instanceof FieldDialog && dialog.accepts(text);
  }
}
