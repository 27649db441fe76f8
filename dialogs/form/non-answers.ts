// How a question tells the router that a message was not an answer, so the router, not the
// question, decides what it was (help, stop, a question, a change of mind) before anything is re-asked.
import type { TurnContext } from 'botbuilder';
import type { MessageRef } from '../../src/knowledge/catalogue.js';

/** Turns in which the router decides what a non-answer is. */
const routed = new WeakSet<TurnContext>();
/** Why the message of a turn was not an answer to the question asked. */
const reports = new WeakMap<TurnContext, MessageRef>();

/** Called by the router before it lets a flow read the message. */
export function routerDecides(context: TurnContext): void {
  routed.add(context);
}

export function isRouted(context: TurnContext): boolean {
  return routed.has(context);
}

export function reportNotAnAnswer(context: TurnContext, problem: MessageRef): void {
  reports.set(context, problem);
}

/** What was wrong with this turn's message as an answer, if it was not one. */
export function notAnAnswer(context: TurnContext): MessageRef | undefined {
  return reports.get(context);
}
