// Turns the core's answers (FAQ matches, procedures) into the messages the user sees.
import { ActionTypes, MessageFactory, type Activity, type CardAction } from 'botbuilder';
import type { FaqMatch, FaqResult } from '../src/understanding/faq-search.js';
import type { Citation, FaqEntry } from '../src/knowledge/schema.js';

/** Suggested actions beyond this many crowd small screens. */
const MAX_SUGGESTIONS = 4;

export const EXAMPLE_QUESTIONS = [
  'How long does the cancellation review take?',
  'What is the difference between cancelling a subject and a website?',
  'Which provinces verify by phone?',
] as const;

export const TEXT = {
  welcome:
    "Hi, I'm Filing Assistant. I answer questions about China ICP filing (备案) from the filing help " +
    'material, and I can guide you through cancelling a filing (the whole subject or one website), ' +
    'transferring a filing to us, cancelling a transfer, and changing filing information. ' +
    'Ask me a question, in English or Chinese, or say "help" at any time.',
  help:
    'Here is what I can do:\n\n' +
    '- **Answer questions** about cancelling, transferring and changing an ICP filing, e.g. "how long does the review take?" or "注销备案要多久".\n' +
    '- **Cancel a filing**: say "cancel my website filing" or "cancel the subject".\n' +
    '- **Transfer a filing to us**, or **cancel a transfer**.\n' +
    '- **Change filing information**: "change my website information".\n\n' +
    'Every answer cites the part of the help material it comes from.',
  unknown:
    "I'm sorry, I don't know the answer to that: the filing help material I rely on does not cover it, " +
    'and I would rather not guess. I can answer questions about cancelling, transferring and changing ' +
    'an ICP filing, and guide you through those actions.',
  unknownWithGuess: "I'm not sure I understood. Were you asking about one of these?",
  choose: 'Did you mean one of these?',
  empty: 'I did not receive any text. Ask me a question about ICP filing, or say "help".',
} as const;

export function citationLabel(citation: Citation, titles: Record<string, string>): string {
  // DOMAIN.md collects later public sources; its headings carry notes for developers in brackets.
  if (citation.doc === 'DOMAIN.md') return `${citation.section.replace(/\s*\(.*\)\s*$/, '')} (DOMAIN.md)`;
  const title = titles[citation.doc] ?? citation.doc;
  const section = citation.section === title ? '' : ` › ${citation.section}`;
  return `${title}${section} (${citation.doc.slice(0, 3)})`;
}

function sourceLine(citations: readonly Citation[], titles: Record<string, string>): string {
  const labels = [...new Set(citations.map((c) => citationLabel(c, titles)))];
  return `_Source: ${labels.join('; ')}_`;
}

function questionButtons(entries: readonly FaqEntry[]): CardAction[] {
  return entries.slice(0, MAX_SUGGESTIONS).map((entry) => ({
    type: ActionTypes.ImBack,
    title: entry.question,
    value: entry.question,
  }));
}

function withSuggestions(text: string, actions: CardAction[]): Partial<Activity> {
  const message = MessageFactory.text(text);
  if (actions.length > 0) message.suggestedActions = { actions, to: [] };
  return message;
}

export function faqReply(
  result: FaqResult,
  related: (entry: FaqEntry) => FaqEntry[],
  titles: Record<string, string>,
): Partial<Activity> {
  switch (result.kind) {
    case 'answer': {
      const { entry } = result.match;
      return withSuggestions(
        `${entry.answer}\n\n${sourceLine(entry.sources, titles)}`,
        questionButtons(related(entry)),
      );
    }
    case 'choose':
      return withSuggestions(TEXT.choose, questionButtons(result.options.map((m: FaqMatch) => m.entry)));
    case 'unknown':
      return result.alternatives.length > 0
        ? withSuggestions(
            `${TEXT.unknown}\n\n${TEXT.unknownWithGuess}`,
            questionButtons(result.alternatives.map((m) => m.entry)),
          )
        : withSuggestions(TEXT.unknown, exampleButtons());
  }
}

export function exampleButtons(): CardAction[] {
  return EXAMPLE_QUESTIONS.map((q) => ({ type: ActionTypes.ImBack, title: q, value: q }));
}

export function welcomeReply(): Partial<Activity> {
  return withSuggestions(TEXT.welcome, [
    ...exampleButtons().slice(0, 2),
    { type: ActionTypes.ImBack, title: 'Help', value: 'help' },
  ]);
}

export function helpReply(): Partial<Activity> {
  return withSuggestions(TEXT.help, exampleButtons());
}
