// The rules' verdict on what a flow gathered, against the orders stored for that filing now; and
// the reply when they refuse.
import type { TurnContext } from 'botbuilder';
import { evaluateAction, type ActionRequest, type Blocked, type RuleId, type RuleKnowledge, type RuleOutcome } from '../../src/domain/rules/index.js';
import type { TitleId } from '../../src/understanding/field-parsers.js';
import { blockedReply } from '../messages/order-replies.js';
import { wordsFor } from '../messages/words.js';
import type { FlowServices } from '../services.js';
import { requesterOf } from '../turn-identity.js';

/** Actions a block suggests instead, as buttons that start them. */
const INSTEAD: Partial<Record<RuleId, readonly TitleId[]>> = {
  'drop-one-domain': ['conversation.button.changeWebsite'],
};

/** What the rules need to know: the province facts and the citations they show. */
export function ruleKnowledgeOf(services: FlowServices): RuleKnowledge {
  return { provinces: services.provinceRules, citations: services.understanding.knowledge.citations };
}

export async function checkRules(context: TurnContext, services: FlowServices, request: ActionRequest): Promise<RuleOutcome> {
  const existing = request.filing.subjectNumber
    ? await services.orders.summariesFor(request.filing.subjectNumber, requesterOf(context))
    : [];
  return evaluateAction(request, existing, ruleKnowledgeOf(services));
}

/**
 * Checks the rules and, when they refuse, explains why and what to do instead: true then, and the
 * flow ends. The store checks again when recording.
 */
export async function refusedByRules(context: TurnContext, services: FlowServices, request: ActionRequest): Promise<boolean> {
  const outcome = await checkRules(context, services, request);
  if (outcome.allowed) return false;
  await explainBlock(context, services, outcome);
  return true;
}

/** Why the rules refuse, what to do instead, where the help material says so; nothing was recorded. */
export async function explainBlock(context: TurnContext, services: FlowServices, blocked: Blocked): Promise<void> {
  const words = wordsFor(services, context);
  await context.sendActivity(blockedReply(words, services.understanding.knowledge.sourceTitles, blocked, INSTEAD[blocked.ruleId]));
}
