// What every flow shares: its services, the facts the user gave up front, and the messages for
// rule outcomes and recorded orders.
import { provinceName } from '../src/domain/province-name.js';
import { ActionTypes, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import type { ProvinceRules } from '../src/knowledge/province-rules-schema.js';
import type { Citation } from '../src/knowledge/schema.js';
import type { DomainName, IcpNumber } from '../src/understanding/entities.js';
import type { Recognition, Understanding } from '../src/understanding/understanding.js';
import type { OrderStore, SubmitResult } from '../src/domain/orders/order-store.js';
import { activityKey, type ConversationReference, type Requester } from '../src/domain/orders/order.js';
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { evaluateAction, type ActionRequest, type Blocked, type Note, type RuleKnowledge, type RuleOutcome } from '../src/domain/rules/index.js';
import { DEFAULT_LOCALE, type MessageRef } from '../src/knowledge/catalogue.js';
import { citationLabel } from './replies.js';

export interface FlowServices {
  understanding: Understanding;
  orders: OrderStore;
  provinceRules: ProvinceRules;
}

/** How a flow is started: with what the user already said, so it asks only for what is missing. */
export interface FlowOptions {
  recognition?: Recognition;
}

export function isFlowOptions(value: unknown): value is FlowOptions {
  return typeof value === 'object' && value !== null;
}

/** The ICP number and domain the user named when starting the flow, if any. */
export function givenFiling(options: unknown): { icp?: IcpNumber; domain?: DomainName } {
  const entities = isFlowOptions(options) ? options.recognition?.entities : undefined;
  return { icp: entities?.icpNumbers[0], domain: entities?.domains[0] };
}

export function isIcpNumber(value: unknown): value is IcpNumber {
  return typeof value === 'object' && value !== null && 'normalized' in value && 'subject' in value;
}

export function isDomain(value: unknown): value is DomainName {
  return typeof value === 'object' && value !== null && 'ascii' in value && 'display' in value;
}

/**
 * The filing an action concerns, as the rules and orders see it. `level` says whether the order
 * names the subject's number or the website's (the number as given).
 */
export function filingOf(icp: IcpNumber | undefined, domain: DomainName | undefined, level: 'subject' | 'asGiven'): ActionRequest['filing'] {
  return {
    icpNumber: level === 'subject' ? (icp?.subject ?? '') : (icp?.normalized ?? ''),
    subjectNumber: icp?.subject ?? '',
    province: icp?.province.id ?? '',
    domains: domain ? [domain.ascii] : [],
  };
}

/** A province's English name for messages; the id if provinces.json does not know it. */
export function provinceNameOf(services: FlowServices, id: string): string {
  return provinceName(services.provinceRules, id);
}

export function requesterOf(context: TurnContext): Requester {
  return { channelId: context.activity.channelId, userId: context.activity.from.id };
}

/** The message that confirmed the order: a channel retry of it must not record a second order. */
export function sourceActivityKeyOf(context: TurnContext): string {
  const { channelId, conversation, id } = context.activity;
  return activityKey(channelId, conversation.id, id ?? `${Date.now()}`);
}

/** Enough to reach the user later; the user's name and other channel details are left out. */
export function conversationReferenceOf(context: TurnContext): ConversationReference {
  const { activity } = context;
  return {
    activityId: activity.id,
    channelId: activity.channelId,
    serviceUrl: activity.serviceUrl,
    locale: activity.locale,
    bot: activity.recipient ? { id: activity.recipient.id } : undefined,
    user: { id: activity.from.id },
    conversation: {
      id: activity.conversation.id,
      isGroup: activity.conversation.isGroup,
      conversationType: activity.conversation.conversationType,
      tenantId: activity.conversation.tenantId,
    },
  };
}

export function sourceText(sources: readonly Citation[], titles: Record<string, string>): string {
  return `_Source: ${[...new Set(sources.map((s) => citationLabel(s, titles)))].join('; ')}_`;
}

/** A message the core returned, in the conversation's language (English until a later issue adds more). */
export function say(services: FlowServices, ref: MessageRef): string {
  return services.understanding.knowledge.catalogue.render(DEFAULT_LOCALE, ref);
}

/** What the rules need to know: the province facts and the citations they show. */
export function ruleKnowledgeOf(services: FlowServices): RuleKnowledge {
  return { provinces: services.provinceRules, citations: services.understanding.knowledge.citations };
}

/** A blocked action: why, what to do instead, and where the help material says so. */
export function blockedReply(blocked: Blocked, services: FlowServices, nextActions: string[] = []): Partial<Activity> {
  const titles = services.understanding.knowledge.sourceTitles;
  const message = MessageFactory.text(
    `I can't record this: ${say(services, blocked.reason)}\n\n**What you can do instead:** ${say(services, blocked.instead)}\n\n${sourceText([blocked.source], titles)}\n\nNothing was recorded.`,
  );
  const titlesOfButtons = [...nextActions, 'My orders', 'Help'];
  message.suggestedActions = {
    to: [],
    actions: titlesOfButtons.map((title) => ({ type: ActionTypes.ImBack, title, value: title })),
  };
  return message;
}

/** What the user is told after confirming: recorded, already recorded, or blocked after all. */
export function submitReply(
  result: SubmitResult,
  describe: string,
  nextSteps: readonly string[],
  services: FlowServices,
): Partial<Activity> {
  if ('blocked' in result) return blockedReply(result.blocked, services);
  const order = 'recorded' in result ? result.recorded : result.duplicate;
  const already = 'duplicate' in result ? ' (already recorded: I did not record it twice)' : '';
  const steps = nextSteps.map((s, i) => `${i + 1}. ${s}`).join('\n');
  const message = MessageFactory.text(
    `Recorded: order **${order.id}** to ${describe}${already}. Its state is "in process".\n\n` +
      `**What happens next**\n${steps}\n\nAsk "my orders" at any time to see its status.`,
  );
  message.suggestedActions = {
    to: [],
    actions: ['My orders', 'Help'].map((title) => ({ type: ActionTypes.ImBack, title, value: title })),
  };
  return message;
}

/** Actions a block suggests instead, as buttons that start them. */
const NEXT_ACTIONS: Partial<Record<Blocked['ruleId'], string[]>> = {
  'drop-one-domain': ['Change website information'],
};

/** The rules' verdict on what was gathered so far, against the orders stored for that filing now. */
export async function checkRules(step: WaterfallStepContext, services: FlowServices, request: ActionRequest): Promise<RuleOutcome> {
  const existing = request.filing.subjectNumber
    ? await services.orders.summariesFor(request.filing.subjectNumber, requesterOf(step.context))
    : [];
  return evaluateAction(request, existing, ruleKnowledgeOf(services));
}

export type Gate = { ended: DialogTurnResult } | { notes: Note[] };

/**
 * Checks the rules on what was gathered so far: a block is explained and ends the flow, so nobody
 * is asked for more only to be refused; otherwise the notes to show come back. The store checks
 * again when recording.
 */
export async function gate(step: WaterfallStepContext, services: FlowServices, request: ActionRequest): Promise<Gate> {
  const outcome = await checkRules(step, services, request);
  if (outcome.allowed) return { notes: outcome.notes };
  const reply = blockedReply(outcome, services, NEXT_ACTIONS[outcome.ruleId]);
  await step.context.sendActivity(reply);
  return { ended: await step.endDialog() };
}

/** Records the confirmed order (the store runs the rules again under its lock) and says what happened. */
export async function recordOrder(
  step: WaterfallStepContext,
  services: FlowServices,
  request: ActionRequest,
  describe: string,
  nextSteps: readonly string[],
): Promise<DialogTurnResult> {
  const result = await services.orders.submit(
    {
      type: request.type,
      filing: request.filing,
      request: request.changes ? { changes: request.changes } : {},
      requester: requesterOf(step.context),
      conversationReference: conversationReferenceOf(step.context),
      sourceActivityKey: sourceActivityKeyOf(step.context),
    },
    (existing) => evaluateAction(request, existing, ruleKnowledgeOf(services)),
  );
  await step.context.sendActivity(submitReply(result, describe, nextSteps, services));
  return step.endDialog();
}
