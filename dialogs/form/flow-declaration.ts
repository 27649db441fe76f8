// What a flow declares for the form engine: its slots (parser, prompt, when needed, how to prefill
// them from what the user already said), when the rules run, and the request, summary and next
// steps it builds from the filled slots.
import type { z } from 'zod';
import type { ActionRequest, Note } from '../../src/domain/rules/index.js';
import type { LocalizedText, MessageId, MessageRef } from '../../src/knowledge/catalogue.js';
import type { CitationId } from '../../src/knowledge/citations.js';
import type { Citation } from '../../src/knowledge/schema.js';
import type { DomainName, IcpNumber } from '../../src/understanding/entities.js';
import { choiceParser, type AnswerParser, type Choice, type TitleId } from '../../src/understanding/field-parsers.js';
import type { FlowServices } from '../services.js';

/** What the user said when the flow started: the action they named, the filing they gave, their words. */
export interface Given {
  intent?: string;
  icp?: IcpNumber;
  domain?: DomainName;
  /** A second domain named ("replace example.cn with example.net"): the new one. */
  otherDomain?: DomainName;
  /** The message word for word, for what the user named in so many words ("website", "主体"). */
  said?: string;
}

/** A question as declared: the message (with its placeholders), the buttons, the citations shown under it. */
export interface SlotPrompt {
  /** Said before the question, e.g. why it is asked although the user seemed to have answered it. */
  lead?: MessageRef;
  text: MessageRef;
  buttons?: readonly TitleId[];
  cites?: readonly CitationId[];
}

/** One slot of a flow, typed by the flow's slot state F. */
export interface SlotDeclaration<F> {
  name: keyof F & string;
  parse: AnswerParser<unknown>;
  /** The question, given the slots filled so far and what the user said up front. */
  prompt: (filled: F, given: Given) => SlotPrompt;
  /** Whether the slot is needed, given the slots filled so far; always, when absent. */
  when?: (filled: F) => boolean;
  /** The value the user already gave, if any; tried whether or not the slot is needed. */
  prefill?: (given: Given, filled: F) => unknown;
  /** Whether the rules run before this slot is asked, so nobody is asked for more only to be refused. */
  checkRulesFirst?: (filled: F) => boolean;
}

/** Builds a slot whose parser and prefill produce exactly the slot's type. */
export function slot<F, K extends keyof F & string>(declaration: {
  name: K;
  parse: AnswerParser<NonNullable<F[K]>>;
  prompt: (filled: F, given: Given) => SlotPrompt;
  when?: (filled: F) => boolean;
  prefill?: (given: Given, filled: F) => F[K] | undefined;
  checkRulesFirst?: (filled: F) => boolean;
}): SlotDeclaration<F> {
  return declaration;
}

/** The summary card as a flow declares it; the engine renders it. */
export interface SummaryDeclaration {
  title: MessageRef;
  facts: ReadonlyArray<readonly [MessageId & TitleId, string | MessageRef | LocalizedText]>;
  warnings: readonly MessageRef[];
  sources: readonly Citation[];
}

export interface FlowDeclaration<F> {
  /** The dialog id, kept in conversation state: never rename a released one. */
  id: string;
  /** The flow's name inside a sentence, e.g. "the cancellation". */
  name: TitleId;
  /** The slot state's schema: it types the slots and checks them when the conversation is read back. */
  state: z.ZodType<F>;
  slots: (services: FlowServices) => readonly SlotDeclaration<F>[];
  request: (filled: F) => ActionRequest;
  /** The action as it follows "Recorded: order FA-… to". */
  describe: (filled: F) => MessageRef;
  summary: (filled: F, notes: readonly Note[], services: FlowServices) => SummaryDeclaration;
  nextSteps: (filled: F, services: FlowServices) => MessageRef[];
}

/** A slot answered by picking one of its choices, which the question shows as buttons. */
export function choiceSlot<F, K extends keyof F & string>(declaration: {
  name: K;
  choices: readonly Choice<NonNullable<F[K]> & string>[];
  text: (filled: F) => MessageRef;
  /** Said before the question when what the user said up front calls for it. */
  lead?: (given: Given) => MessageRef | undefined;
  cites?: readonly CitationId[];
  when?: (filled: F) => boolean;
  prefill?: (given: Given, filled: F) => F[K] | undefined;
  checkRulesFirst?: (filled: F) => boolean;
}): SlotDeclaration<F> {
  const { choices, text, lead, cites, ...rest } = declaration;
  return slot<F, K>({
    ...rest,
    parse: choiceParser(choices),
    prompt: (filled, given) => ({ lead: lead?.(given), text: text(filled), buttons: choices.map((c) => c.title), cites }),
  });
}
