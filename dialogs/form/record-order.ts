// Records a confirmed order (the store runs the rules again under its lock) and says what happened.
import type { TurnContext } from 'botbuilder';
import { evaluateAction, type ActionRequest } from '../../src/domain/rules/index.js';
import type { MessageRef } from '../../src/knowledge/catalogue.js';
import { submitReply } from '../messages/order-replies.js';
import { wordsFor } from '../messages/words.js';
import type { FlowServices } from '../services.js';
import { conversationReferenceOf, requesterOf, sourceActivityKeyOf } from '../turn-identity.js';
import { ruleKnowledgeOf } from './rule-check.js';

export async function recordOrder(
  context: TurnContext,
  services: FlowServices,
  request: ActionRequest,
  action: MessageRef,
  nextSteps: readonly MessageRef[],
): Promise<void> {
  const result = await services.orders.submit(
    {
      type: request.type,
      filing: request.filing,
      request: request.changes ? { changes: request.changes } : {},
      requester: requesterOf(context),
      conversationReference: conversationReferenceOf(context),
      sourceActivityKey: sourceActivityKeyOf(context),
    },
    (existing) => evaluateAction(request, existing, ruleKnowledgeOf(services)),
  );
  const words = wordsFor(services, context);
  await context.sendActivity(submitReply(words, services.understanding.knowledge.sourceTitles, result, action, nextSteps));
}
