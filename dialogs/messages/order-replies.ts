// What the user is told when the rules refuse an action, and when an order is recorded.
import type { Activity } from 'botbuilder';
import { ORDER_STATE_WORDS } from '../../src/domain/orders/order-state-words.js';
import type { SubmitResult } from '../../src/domain/orders/order-store.js';
import type { Blocked } from '../../src/domain/rules/index.js';
import { message, type MessageRef } from '../../src/knowledge/catalogue.js';
import type { TitleId } from '../../src/understanding/field-parsers.js';
import { withButtons } from './buttons.js';
import { numberedSteps } from './numbered-steps.js';
import { sourceLine } from './source-line.js';
import type { Words } from './words.js';

/** Buttons under every outcome: the user's orders and help. */
const AFTERWARDS: readonly TitleId[] = ['conversation.button.myOrders', 'conversation.button.help'];

/** A blocked action: why, what to do instead, where the help material says so; buttons for what to do next. */
export function blockedReply(words: Words, titles: Record<string, string>, blocked: Blocked, nextActions: readonly TitleId[] = []): Partial<Activity> {
  const text = words.say(
    message('order.blocked', { reason: blocked.reason, instead: blocked.instead, source: sourceLine(words, [blocked.source], titles) }),
  );
  return withButtons(text, [...nextActions, ...AFTERWARDS].map((id) => words.say(message(id))));
}

/** Recorded (or already recorded): the order, its state, what happens next. Blocked after all: why. */
export function submitReply(
  words: Words,
  titles: Record<string, string>,
  result: SubmitResult,
  action: MessageRef,
  nextSteps: readonly MessageRef[],
): Partial<Activity> {
  if ('blocked' in result) return blockedReply(words, titles, result.blocked);
  const order = 'recorded' in result ? result.recorded : result.duplicate;
  const vars = { orderId: order.id, action, state: message(ORDER_STATE_WORDS.in_process) };
  const recorded = words.say('recorded' in result ? message('order.recorded', vars) : message('order.recordedAlready', vars));
  const text = [
    recorded,
    `${words.say(message('order.whatHappensNext'))}\n${numberedSteps(nextSteps.map((step) => words.say(step)))}`,
    words.say(message('order.askMyOrders')),
  ].join('\n\n');
  return withButtons(text, AFTERWARDS.map((id) => words.say(message(id))));
}
