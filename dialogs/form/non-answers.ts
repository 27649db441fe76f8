// How a question tells the router that a message was not an answer, so the router, not the
// question, decides what it was (help, stop, a question, a change of mind) before anything is re-asked.
import type { TurnContext } from 'botbuilder';
import type { MessageRef } from '../../src/knowledge/catalogue.js';

/** Turns in which the router decides what a non-answer is. */
const routed = new WeakSet<TurnContext>();
/** Why the message of a turn was not an answer to the question asked. */
export interface NotAnAnswer {
  problem: MessageRef;
  /** It was certainly meant as the answer: the router re-asks without reading it as anything else. */
  surelyAnAnswer: boolean;
}
const reports = new WeakMap<TurnContext, NotAnAnswer>();

/** Called by the router before it lets a flow read the message. */
export function routerDecides(context: TurnContext): void {
  routed.add(context);
}

export function isRouted(context: TurnContext): boolean {
  return routed.has(context);
}

export function reportNotAnAnswer(context: TurnContext, report: NotAnAnswer): void {
  reports.set(context, report);
}

/** What was wrong with this turn's message as an answer, if it was not one. */
export function notAnAnswer(context: TurnContext): NotAnAnswer | undefined {
  return reports.get(context);
}
