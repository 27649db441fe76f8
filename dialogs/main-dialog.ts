// The router: reads each message once (commands, intent, FAQ) and answers or starts the right flow.
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  DialogSet,
  DialogTurnStatus,
  type DialogTurnResult,
  WaterfallDialog,
  type DialogState,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { FaqEntry, IntentLabel } from '../src/knowledge/schema.js';
import { recognizeCommand } from '../src/nlu/commands.js';
import type { Understanding } from '../src/nlu/understanding.js';
import { faqReply, helpReply, procedureReply, TEXT, welcomeReply } from './replies.js';

const ROUTE = 'route';

export const ACTION_INTENTS: ReadonlySet<IntentLabel> = new Set([
  'cancel_subject',
  'cancel_website',
  'cancel_filing',
  'transfer_in',
  'cancel_transfer',
  'change_subject',
  'change_website',
  'change',
  'order_status',
]);

export class MainDialog extends ComponentDialog {
  constructor(private readonly understanding: Understanding) {
    super('main');
    this.addDialog(new WaterfallDialog(ROUTE, [this.route.bind(this)]));
    this.initialDialogId = ROUTE;
  }

  /** Runs one turn: continues an active flow or routes the new message. */
  async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogSet = new DialogSet(dialogState);
    dialogSet.add(this);
    const dialogContext = await dialogSet.createContext(context);
    const result = await dialogContext.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dialogContext.beginDialog(this.id);
  }

  private async route(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const text = (step.context.activity.text ?? '').trim();
    await step.context.sendActivity(this.replyTo(text));
    return step.endDialog();
  }

  private replyTo(text: string): ReturnType<typeof helpReply> {
    if (text === '') return { type: 'message', text: TEXT.empty };
    const command = recognizeCommand(text);
    if (command === 'help') return helpReply();
    if (command === 'greeting') return welcomeReply();
    if (command === 'thanks') return { type: 'message', text: "You're welcome. Anything else about your filing?" };
    const { intent } = this.understanding.recognize(text);
    if (ACTION_INTENTS.has(intent)) {
      const procedures = this.understanding.knowledge.procedures.filter((p) => p.intents.includes(intent));
      if (procedures.length > 0) return procedureReply(procedures, this.understanding.knowledge.sourceTitles);
    }
    return faqReply(
      this.understanding.ask(text),
      (entry) => this.related(entry),
      this.understanding.knowledge.sourceTitles,
    );
  }

  private related(entry: FaqEntry): FaqEntry[] {
    return entry.related.flatMap((id) => this.understanding.faq.entry(id) ?? []);
  }
}
