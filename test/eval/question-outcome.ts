// What a user sees for one answerable question, as every evaluation set scores it: answered with a
// right entry, offered a right entry as a button, answered wrong, told "I don't know", or taken
// into a flow.
import { runnersUp } from '../../dialogs/replies.js';
import type { Interpretation } from '../../src/understanding/interpret.js';

export type Outcome = 'right' | 'oneClick' | 'wrong' | 'unknown' | 'flow';

export const OUTCOMES: readonly Outcome[] = ['right', 'oneClick', 'wrong', 'unknown', 'flow'];

/** The outcome of a reading of a question any of the `expected` entries answers. */
export function outcomeOf(meaning: Interpretation, expected: readonly string[]): Outcome {
  if (meaning.kind !== 'question') return meaning.kind === 'action' ? 'flow' : 'unknown';
  const { result } = meaning;
  if (result.kind === 'answer') return expected.includes(result.match.entry.id) ? 'right' : 'wrong';
  const offered = result.kind === 'choose' ? result.options : result.alternatives;
  return offered.some((m) => expected.includes(m.entry.id)) ? 'oneClick' : 'unknown';
}

/**
 * For a question answered wrong: whether the right entry is one of the buttons under the answer (the
 * entries the reading nearly chose). Still a wrong answer, reported beside that figure, not in
 * "within one click": the user has read a wrong answer first.
 */
export function rightEntryBesideWrongAnswer(meaning: Interpretation, expected: readonly string[]): boolean {
  if (meaning.kind !== 'question' || meaning.result.kind !== 'answer') return false;
  return runnersUp(meaning.result).some((entry) => expected.includes(entry.id));
}

/** Whether a reading of an out-of-scope message answers it with an entry or takes it for a request to act. */
export function answeredOrStartedFlow(meaning: Interpretation): boolean {
  return meaning.kind === 'action' || (meaning.kind === 'question' && meaning.result.kind === 'answer');
}
