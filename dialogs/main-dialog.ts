// The router: reads each message once (commands, intent, FAQ), answers or starts the right flow,
// and while a flow runs, lets the flow's question read the message first; what is not an answer
// it handles here: help, stop, start over, questions and a change of mind, or else a re-ask.
import type { Activity, StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  Dialog,
  DialogTurnStatus,
  WaterfallDialog,
  cachedDialogSet,
  keepMemoryConfiguration,
  type DialogContext,
  type DialogState,
  type DialogTurnResult,
  type WaterfallStepContext,
} from '../src/botframework/dialog-kit.js';
import type { FaqResult } from '../src/understanding/faq-search.js';
import type { FaqEntry } from '../src/knowledge/schema.js';
import { message, type MessageRef } from '../src/knowledge/catalogue.js';
import type { TitleId } from '../src/understanding/field-parsers.js';
import { asksToStop, type Command } from '../src/understanding/commands.js';
import { askedQuestion, interpret, type ActionIntent } from '../src/understanding/interpret.js';
import { answerText } from './answer-text.js';
import { AskDialog } from './form/ask-dialog.js';
import { FormDialog } from './form/form-dialog.js';
import { notAnAnswer, routerDecides } from './form/non-answers.js';
import { CANCEL_DIALOG, CANCEL_FLOW } from './flows/cancel-flow.js';
import { CANCEL_TRANSFER_DIALOG, CANCEL_TRANSFER_FLOW } from './flows/cancel-transfer-flow.js';
import { CHANGE_DIALOG, CHANGE_FLOW } from './flows/change-flow.js';
import { TRANSFER_DIALOG, TRANSFER_FLOW } from './flows/transfer-flow.js';
import { wordsFor, type Words } from './messages/words.js';
import { ORDER_STATUS_DIALOG, OrderStatusDialog, WITHDRAW_DIALOG, WithdrawDialog, orderListReply, withdrawRequestId } from './orders-dialog.js';
import { asCardButtons, faqReply, helpReply, welcomeReply } from './replies.js';
import type { FaqReplySent, QuestionLearning } from './question-learning.js';
import { isReminderCommand, setReminderPreference, type ReminderCommand } from './reminder-preference.js';
import type { FlowOptions, FlowServices } from './services.js';

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
  withdraw_order: WITHDRAW_DIALOG,
};

/** Buttons the bot itself shows that start an action, so a tap never depends on recognition. */
const BUTTON_INTENTS: ReadonlyArray<readonly [TitleId, ActionIntent]> = [
  ['conversation.button.changeWebsite', 'change_website'],
  ['conversation.button.myOrders', 'order_status'],
];

/**
 * Mid-flow, a message that is not a valid answer starts another action only when it asks for it
 * clearly, naming the action: a mistyped answer ("example") must be re-asked, not taken for a
 * change of mind. The score is the classifier's probability that the message asks for that action:
 * clear requests ("I want to transfer my filing instead", "我要变更网站信息", "my orders") score 0.8 and
 * more, while answers that merely mention a website ("my website", 0.99) are held back by naming no action.
 */
const SWITCH_MIN_SCORE = 0.7;

/** What the router does with a message when no flow is under way. */
type Routing =
  | { kind: 'reply'; reply: Partial<Activity> | string }
  | { kind: 'begin'; dialogId: string; options?: FlowOptions };

/** The reply to a conversation command when no flow is under way. */
function commandReply(words: Words, command: Exclude<Command, ReminderCommand>): Partial<Activity> | string {
  switch (command) {
    case 'help':
      return helpReply(words);
    case 'greeting':
      return welcomeReply(words);
    case 'thanks':
      return words.say(message('conversation.thanks'));
    case 'language':
      return helpReply(words, 'conversation.languageSwitched');
    case 'stop':
    case 'startOver':
      return words.say(message('conversation.nothingToStop'));
  }
}

/** Whether the conversation has a dialog under way (a flow, or a question of one). */
async function flowUnderWay(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<boolean> {
  const state = await dialogState.get(context);
  return (state?.dialogStack?.length ?? 0) > 0;
}

export class MainDialog extends ComponentDialog {
  /** Each flow's name inside a sentence ("OK, I stopped the cancellation."), by dialog id. */
  private readonly flowNames = new Map<string, TitleId>([[WITHDRAW_DIALOG, 'flow.withdraw.name']]);
  /** The flow run() chose for this turn's message, for the route step to begin without reading it again. */
  private readonly chosen = new WeakMap<TurnContext, Routing>();

  constructor(
    private readonly services: FlowServices,
    /** Logs what the bot could not answer and takes feedback on answers (left out, nothing is logged). */
    private readonly learning?: QuestionLearning,
  ) {
    super('main');
    this.addDialog(new WaterfallDialog(ROUTE, [this.route.bind(this), this.finish.bind(this)]));
    for (const flow of [CANCEL_FLOW, TRANSFER_FLOW, CANCEL_TRANSFER_FLOW, CHANGE_FLOW]) {
      const form = new FormDialog(flow, services);
      this.addDialog(form);
      this.addDialog(form.ask);
      this.flowNames.set(flow.id, flow.name);
    }
    this.addDialog(new OrderStatusDialog(services));
    this.addDialog(new WithdrawDialog(services));
    this.initialDialogId = ROUTE;
  }

  /** Tells the user their flow under way was lost (its saved state could not be read) and how to start again. */
  async tellSavedFlowUnreadable(context: TurnContext): Promise<void> {
    // Card buttons: the reply to the message itself follows, and would hide suggested actions.
    await context.sendActivity(asCardButtons(helpReply(wordsFor(this.services, context), 'conversation.savedFlowUnreadable')));
  }

  /**
   * Runs one turn: continues an active flow or routes the new message. With no flow under way, a
   * message that gets a reply (a question, a greeting) is answered without building the dialogs'
   * contexts and memory at all: most turns are such, and the dialog machinery cost them more than
   * the understanding did. Only a flow that begins goes through the dialogs, which store it.
   */
  async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<void> {
    if (context.activity.type === 'message' && (await this.learning?.settleLastReply(context))) return;
    if (context.activity.type === 'message' && !(await flowUnderWay(context, dialogState))) {
      const routing = await this.routing(context);
      if (routing.kind === 'reply') {
        await context.sendActivity(routing.reply);
        return;
      }
      this.chosen.set(context, routing);
    }
    const dialogContext = await keepMemoryConfiguration(context, () => cachedDialogSet(this, dialogState).createContext(context));
    const result = await dialogContext.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dialogContext.beginDialog(this.id);
  }

  /** The welcome, in the conversation's words: for the bot to send when someone joins. */
  welcome(context: TurnContext): ReturnType<typeof welcomeReply> {
    return welcomeReply(wordsFor(this.services, context));
  }

  private get understanding() {
    return this.services.understanding;
  }

  /**
   * Begins the flow run() chose straight inside this dialog, without the route step under it: that
   * waterfall's step contexts and its finish step cost more than the rest of beginning a flow. The
   * stack is then the one a switch of flow leaves, [flow, question]. A conversation saved with the
   * route under its flow (by an earlier version) still ends through the route's finish step.
   */
  protected override async onBeginDialog(innerDc: DialogContext, options?: object): Promise<DialogTurnResult> {
    const routing = this.chosen.get(innerDc.context);
    if (routing?.kind === 'begin') return innerDc.beginDialog(routing.dialogId, routing.options);
    return super.onBeginDialog(innerDc, options);
  }

  /**
   * The first step of a conversation's dialog: begins the flow the router chose, or answers (when the
   * router runs inside the dialog without run() having chosen first, as a dialog test does).
   */
  private async route(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const routing = this.chosen.get(step.context) ?? (await this.routing(step.context));
    if (routing.kind === 'begin') return step.beginDialog(routing.dialogId, routing.options);
    await step.context.sendActivity(routing.reply);
    return step.endDialog();
  }

  /** What a message asks for when no flow is under way: a reply, or the dialog to begin. */
  private async routing(context: TurnContext): Promise<Routing> {
    const words = wordsFor(this.services, context);
    const text = answerText(context.activity);
    if (withdrawRequestId(text) !== null) return { kind: 'begin', dialogId: WITHDRAW_DIALOG };
    const button = BUTTON_INTENTS.find(([title]) => words.say(message(title)).toLowerCase() === text.toLowerCase())?.[1];
    if (button) {
      // The button names the action exactly: the flow need not ask which kind it is.
      const options: FlowOptions = { recognition: { intent: button, score: 1, entities: { icpNumbers: [], domains: [] } } };
      return this.begin(context, button, options);
    }
    const meaning = interpret(this.understanding, text);
    switch (meaning.kind) {
      case 'empty':
        return { kind: 'reply', reply: words.say(message('conversation.empty')) };
      case 'command':
        if (isReminderCommand(meaning.command)) return { kind: 'reply', reply: await setReminderPreference(this.services, context, meaning.command) };
        return { kind: 'reply', reply: commandReply(words, meaning.command) };
      case 'action': {
        const options: FlowOptions = { recognition: meaning.recognition, said: text };
        return this.begin(context, meaning.intent, options);
      }
      case 'question': {
        const reply = this.faqReply(words, meaning.result);
        return { kind: 'reply', reply: await this.learned(context, { asked: text, result: meaning.result, reply, inFlow: false }) };
      }
    }
  }

  /** The flow an action starts; the user's orders, which ask nothing, are listed in a reply. */
  private async begin(context: TurnContext, intent: ActionIntent, options: FlowOptions): Promise<Routing> {
    const dialogId = FLOW_FOR_INTENT[intent];
    if (dialogId === ORDER_STATUS_DIALOG) return { kind: 'reply', reply: await orderListReply(this.services, context) };
    return { kind: 'begin', dialogId, options };
  }

  private async finish(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog();
  }

  private faqReply(words: Words, result: FaqResult) {
    return faqReply(words, result, (entry) => this.related(entry), this.understanding.knowledge.sourceTitles);
  }

  /** The FAQ reply as sent, once the question log has seen it. */
  private async learned(context: TurnContext, sent: FaqReplySent): Promise<Partial<Activity>> {
    return this.learning ? this.learning.replied(context, sent) : sent.reply;
  }

  private related(entry: FaqEntry): FaqEntry[] {
    return entry.related.flatMap((id) => this.understanding.faq.entry(id) ?? []);
  }

  /**
   * While a flow runs: a refusal to go on, or a question the material answers, is taken for what it
   * is before the flow's question reads the message (else "actually no, stop" answers "No" and a
   * question holding "all" picks "all"). Then the question reads it (once); only when it is not an
   * answer does the router decide what it is, and re-ask when it is nothing else.
   */
  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    // The flow is the lowest dialog that is not the route (after a switch the route is gone).
    const flow = innerDc.stack.find((entry) => entry.id !== ROUTE)?.id;
    if (!flow) return super.onContinueDialog(innerDc);
    const words = wordsFor(this.services, innerDc.context);
    const text = answerText(innerDc.context.activity);
    const flowName = message(this.flowNames.get(flow) ?? 'conversation.whatWeWereDoing');
    if (asksToStop(text)) return this.stop(innerDc, words, flowName);
    const asked = this.questionInsteadOfAnswer(innerDc, text);
    if (asked) {
      const reply = this.faqReplyInFlow(words, asked);
      await innerDc.context.sendActivity(await this.learned(innerDc.context, { asked: text, result: asked, reply, inFlow: true }));
      return this.backToFlow(innerDc, words);
    }

    routerDecides(innerDc.context);
    const result = await super.onContinueDialog(innerDc);
    const report = notAnAnswer(innerDc.context);
    if (!report) return result;
    const { problem } = report;

    if (text === '' || report.surelyAnAnswer) return this.reask(innerDc, problem);
    const meaning = interpret(this.understanding, text);
    const send = (reply: Parameters<TurnContext['sendActivity']>[0]) => innerDc.context.sendActivity(reply);

    if (meaning.kind === 'command') {
      switch (meaning.command) {
        case 'stop':
          return this.stop(innerDc, words, flowName);
        case 'startOver':
          await innerDc.cancelAllDialogs();
          await send(words.say(message('conversation.startingOver')));
          return innerDc.beginDialog(flow, {});
        case 'help':
          await send(asCardButtons(helpReply(words)));
          break;
        case 'language':
          // The pending question, in the new language, in the same message: its buttons stay last.
          return this.backToFlow(innerDc, words, 'conversation.flowLanguageSwitched');
        case 'remindersOff':
        case 'remindersOn':
          await send(await setReminderPreference(this.services, innerDc.context, meaning.command));
          break;
        case 'greeting':
        case 'thanks':
          break;
      }
      return this.backToFlow(innerDc, words);
    }
    const withdraw = withdrawRequestId(text) !== null;
    const asksForAction =
      meaning.kind === 'action' && meaning.recognition.score >= SWITCH_MIN_SCORE && this.understanding.namesAction(text);
    const target = withdraw ? WITHDRAW_DIALOG : asksForAction ? FLOW_FOR_INTENT[meaning.intent] : undefined;
    if (target && target !== flow) {
      await innerDc.cancelAllDialogs();
      await send(words.say(message('conversation.switched', { flow: flowName })));
      const options: FlowOptions = meaning.kind === 'action' ? { recognition: meaning.recognition, said: text } : {};
      return innerDc.beginDialog(target, options);
    }
    if (meaning.kind === 'question' && meaning.result.kind !== 'unknown') {
      await send(this.faqReplyInFlow(words, meaning.result));
      return this.backToFlow(innerDc, words);
    }
    // Not an interruption we recognise: the question is asked again, with what was wrong.
    return this.reask(innerDc, problem);
  }

  private async stop(innerDc: DialogContext, words: Words, flowName: MessageRef): Promise<DialogTurnResult> {
    await innerDc.cancelAllDialogs();
    await innerDc.context.sendActivity(words.say(message('conversation.stopped', { flow: flowName })));
    return { status: DialogTurnStatus.complete };
  }

  /**
   * A question asked instead of an answer, never one of the step's own buttons: one the material
   * answers, at any step; at a choice step also one it can offer likely entries for ("did you
   * mean"), since a question that names a choice's word ("what does subject mean?") does not pick it.
   */
  private questionInsteadOfAnswer(innerDc: DialogContext, text: string): FaqResult | undefined {
    const pending = pendingQuestion(innerDc);
    const buttons = pending?.question.buttonTitles(pending.dc) ?? [];
    if (buttons.some((title) => title.toLowerCase() === text.toLowerCase())) return undefined;
    const result = askedQuestion(this.understanding, text);
    if (result?.kind === 'answer' || (result?.kind === 'choose' && buttons.length > 0)) return result;
    return undefined;
  }

  /**
   * An FAQ reply inside a flow: Web Chat shows suggested actions only on a reply's last message,
   * which must be the flow's question with its buttons, so the reply's own go on a card.
   */
  private faqReplyInFlow(words: Words, result: FaqResult) {
    return asCardButtons(this.faqReply(words, result));
  }

  /** The flow's question again, led by "Now, back to where we were:", in one message that keeps its buttons last. */
  private async backToFlow(
    innerDc: DialogContext,
    words: Words,
    lead: 'conversation.backToFlow' | 'conversation.flowLanguageSwitched' = 'conversation.backToFlow',
  ): Promise<DialogTurnResult> {
    const back = words.say(message(lead));
    const pending = pendingQuestion(innerDc);
    if (pending) {
      await pending.question.resume(pending.dc, back);
    } else {
      await innerDc.context.sendActivity(back);
      await innerDc.repromptDialog();
    }
    return Dialog.EndOfTurn;
  }

  /** The question being asked, wherever it sits (a flow's, or inside the withdrawal), asks again. */
  private async reask(innerDc: DialogContext, problem: MessageRef): Promise<DialogTurnResult> {
    const pending = pendingQuestion(innerDc);
    if (pending) await pending.question.reask(pending.dc, problem);
    return Dialog.EndOfTurn;
  }
}

/** The question being asked, wherever it sits (a flow's, or inside the withdrawal), with its dialog context. */
function pendingQuestion(innerDc: DialogContext): { dc: DialogContext; question: AskDialog } | undefined {
  let dc: DialogContext = innerDc;
  while (dc.child) dc = dc.child;
  const id = dc.activeDialog?.id;
  const question = id ? dc.findDialog(id) : undefined;
  return question instanceof AskDialog ? { dc, question } : undefined;
}
