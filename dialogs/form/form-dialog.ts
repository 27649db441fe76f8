// The form engine: runs a flow declaration. It fills slots from what the user already said, asks
// only for what is missing (each answer parsed once, by the question, into a typed slot), runs the
// rules where the flow says and before the summary, asks for confirmation and records the order.
import { z } from 'zod';
import { Dialog, type DialogContext, type DialogInstance, type DialogTurnResult } from '../../src/botframework/dialog-kit.js';
import type { Note } from '../../src/domain/rules/index.js';
import { message } from '../../src/knowledge/catalogue.js';
import { DomainNameValue, IcpNumberValue, confirmationParser, type AnswerParser } from '../../src/understanding/field-parsers.js';
import { sourceLine } from '../messages/source-line.js';
import { wordsFor, wordsIn, type Words } from '../messages/words.js';
import type { FlowOptions, FlowServices } from '../services.js';
import { summaryCardContent, summaryText, type Summary } from '../summary-card.js';
import { Answer, AskDialog, inEveryLocale, type Prompt, type Prompts, type Question } from './ask-dialog.js';
import type { FlowDeclaration, Given, SlotDeclaration, SlotPrompt } from './flow-declaration.js';
import { recordOrder } from './record-order.js';
import { checkRules, explainBlock, refusedByRules } from './rule-check.js';

/** The slot the engine itself asks for: the answer to the summary. */
const CONFIRMATION_SLOT = '$confirmation';

/** What confirms a summary besides the card's own button title (recognition data, both languages). */
const CONFIRMATION_WORDS = ['yes', 'yes confirm', 'confirmed', 'go ahead', 'record it', 'ok', '确认', '是', '是的', '确定', '提交'];

const GivenState = z.object({
  intent: z.string().optional(),
  icp: IcpNumberValue.optional(),
  domain: DomainNameValue.optional(),
  otherDomain: DomainNameValue.optional(),
  said: z.string().optional(),
});

/** The engine's state in the dialog instance: what the user gave up front and the slots filled so far. */
const FormState = z.object({ given: GivenState, filled: z.record(z.string(), z.unknown()) });
type FormState = z.infer<typeof FormState>;

function givenOf(options: FlowOptions | undefined): Given {
  const recognition = options?.recognition;
  const icp = recognition?.entities.icpNumbers[0];
  const [domain, otherDomain] = recognition?.entities.domains ?? [];
  return { intent: recognition?.intent, icp, domain, otherDomain, said: options?.said };
}

export class FormDialog<F> extends Dialog<FlowOptions> {
  /** The dialog that asks each question; the router registers it beside this one. */
  readonly ask: AskDialog;
  private readonly slots: readonly SlotDeclaration<F>[];
  private readonly confirmation = confirmationParser('summary.confirm', CONFIRMATION_WORDS);

  constructor(
    readonly flow: FlowDeclaration<F>,
    private readonly services: FlowServices,
  ) {
    super(flow.id);
    this.slots = flow.slots(services);
    this.ask = new AskDialog(`${flow.id}.ask`, (name) => this.parserFor(name), services);
  }

  override async beginDialog(dc: DialogContext, options?: FlowOptions): Promise<DialogTurnResult> {
    const state: FormState = { given: givenOf(options), filled: {} };
    this.instanceOf(dc).state = state;
    return this.advance(dc, this.stateOf(this.instanceOf(dc)));
  }

  /**
   * The flow itself is on top only in a conversation saved by the version before this engine, when
   * its questions lived inside it: its answers cannot be read, so the flow starts over.
   */
  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    await dc.context.sendActivity(wordsFor(this.services, dc.context).say(message('conversation.startingOver')));
    return dc.replaceDialog(this.id, {});
  }

  /** A question of this flow was answered: keep the answer, then go on. */
  override async resumeDialog(dc: DialogContext, _reason: unknown, result?: unknown): Promise<DialogTurnResult> {
    const answer = Answer.parse(result);
    const state = this.stateOf(this.instanceOf(dc));
    if (answer.slot !== CONFIRMATION_SLOT) {
      state.filled[answer.slot] = answer.value;
      this.instanceOf(dc).state = state;
      return this.advance(dc, state);
    }
    const filled = this.filledOf(state);
    if (answer.value === 'confirm') {
      await recordOrder(dc.context, this.services, this.flow.request(filled), this.flow.describe(filled), this.flow.nextSteps(filled, this.services));
    } else {
      const words = wordsFor(this.services, dc.context);
      await dc.context.sendActivity(words.say(message('conversation.stopped', { flow: message(this.flow.name) })));
    }
    return dc.endDialog();
  }

  /**
   * Asks for the next missing slot, or checks the rules and shows the summary when none is missing.
   * `state` is the instance's, read once this turn; the slots are typed again only when one is filled.
   */
  private async advance(dc: DialogContext, state: FormState): Promise<DialogTurnResult> {
    let filled = this.filledOf(state);
    for (const slot of this.slots) {
      if (state.filled[slot.name] !== undefined) continue;
      const prefilled = slot.prefill?.(state.given, filled);
      if (prefilled !== undefined) {
        state.filled[slot.name] = prefilled;
        filled = this.filledOf(state);
        continue;
      }
      if (slot.when && !slot.when(filled)) continue;
      this.instanceOf(dc).state = state;
      if (slot.checkRulesFirst?.(filled) && (await refusedByRules(dc.context, this.services, this.flow.request(filled)))) {
        return dc.endDialog();
      }
      const declared = slot.prompt(filled, state.given);
      return this.askFor(dc, slot.name, inEveryLocale((locale) => this.promptOf(declared, wordsIn(this.services, locale))));
    }
    this.instanceOf(dc).state = state;
    return this.confirm(dc, filled);
  }

  private async confirm(dc: DialogContext, filled: F): Promise<DialogTurnResult> {
    const outcome = await checkRules(dc.context, this.services, this.flow.request(filled));
    if (!outcome.allowed) {
      await explainBlock(dc.context, this.services, outcome);
      return dc.endDialog();
    }
    const prompts = inEveryLocale((locale): Prompt => {
      const words = wordsIn(this.services, locale);
      const summary = this.summaryOf(words, filled, outcome.notes);
      return { text: summaryText(summary, words), buttons: [], card: summaryCardContent(summary, words) };
    });
    return this.askFor(dc, CONFIRMATION_SLOT, prompts);
  }

  private summaryOf(words: Words, filled: F, notes: readonly Note[]): Summary {
    const declared = this.flow.summary(filled, notes, this.services);
    return {
      title: words.say(declared.title),
      facts: declared.facts.map(([label, value]): readonly [string, string] => [words.say(message(label)), words.value(value)]),
      warnings: declared.warnings.map((warning) => words.say(warning)),
      nextSteps: this.flow.nextSteps(filled, this.services).map((step) => words.say(step)),
      sources: sourceLine(words, declared.sources, this.services.understanding.knowledge.sourceTitles),
    };
  }

  private promptOf(declared: SlotPrompt, words: Words): Prompt {
    const { citations, sourceTitles } = this.services.understanding.knowledge;
    const cited = declared.cites?.length ? `\n\n${sourceLine(words, declared.cites.map((id) => citations.get(id)), sourceTitles)}` : '';
    const lead = declared.lead ? `${words.say(declared.lead)}\n\n` : '';
    return { text: `${lead}${words.say(declared.text)}${cited}`, buttons: (declared.buttons ?? []).map((id) => words.say(message(id))) };
  }

  private async askFor(dc: DialogContext, slot: string, prompts: Prompts): Promise<DialogTurnResult> {
    const question: Question = { slot, prompts };
    return dc.beginDialog(this.ask.id, question);
  }

  private parserFor(name: string): AnswerParser<unknown> {
    if (name === CONFIRMATION_SLOT) return this.confirmation;
    const declared = this.slots.find((s) => s.name === name);
    if (!declared) throw new Error(`${this.id} has no slot ${name}`);
    return declared.parse;
  }

  /** The slots filled so far, typed by the flow's schema (stored state is checked, not trusted). */
  private filledOf(state: FormState): F {
    const parsed = this.flow.state.safeParse(state.filled);
    if (!parsed.success) throw new Error(`${this.id}: its slots do not fit the flow: ${z.prettifyError(parsed.error)}`);
    return parsed.data;
  }

  private instanceOf(dc: DialogContext): DialogInstance {
    const instance = dc.activeDialog;
    if (!instance || instance.id !== this.id) throw new Error(`${this.id} is not the active dialog`);
    return instance;
  }

  private stateOf(instance: DialogInstance): FormState {
    const state = FormState.safeParse(instance.state);
    if (!state.success) throw new Error(`${this.id} lost its state: ${z.prettifyError(state.error)}`);
    return state.data;
  }
}
