// Decides what a message is: a conversation command, a request for an action, or a question.
import type { FaqResult } from './faq-search.js';
import type { IntentLabel } from '../knowledge/schema.js';
import { recognizeCommand, type Command } from './commands.js';
import { speechAct } from './speech-act.js';
import type { Recognition, Understanding } from './understanding.js';

export type ActionIntent = Exclude<IntentLabel, 'none'>;

export type Interpretation =
  | { kind: 'empty' }
  | { kind: 'command'; command: Command }
  | { kind: 'action'; intent: ActionIntent; recognition: Recognition }
  | { kind: 'question'; result: FaqResult; recognition: Recognition };

export function isActionIntent(intent: IntentLabel): intent is ActionIntent {
  return intent !== 'none';
}

export function interpret(understanding: Understanding, text: string): Interpretation {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  const command = recognizeCommand(trimmed);
  if (command) return { kind: 'command', command };
  const reading = understanding.read(trimmed);
  const { recognition } = reading;
  // A question button sends its entry's question word for word: that is a question, whatever it names.
  if (understanding.exactQuestion(trimmed)) return { kind: 'question', result: understanding.ask(trimmed, reading), recognition };
  if (isActionIntent(recognition.intent)) return { kind: 'action', intent: recognition.intent, recognition };
  return { kind: 'question', result: understanding.ask(trimmed, reading), recognition };
}

/**
 * What the material makes of a message shaped as a question (a question mark, a question word,
 * 吗/呢/多久/怎么...): asked while a flow waits, such a message may be a question rather than an
 * answer, even when it holds a choice's word ("...cancel all my websites?" holds "all").
 */
export function askedQuestion(understanding: Understanding, text: string): FaqResult | undefined {
  const act = speechAct(text);
  if (act !== 'question' && act !== 'howTo') return undefined;
  const meaning = interpret(understanding, text);
  return meaning.kind === 'question' ? meaning.result : undefined;
}
