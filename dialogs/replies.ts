// Turns the core's answers (FAQ matches) and the bot's own greetings into the messages users see.
import { ActionTypes, CardFactory, MessageFactory, type Activity, type CardAction } from 'botbuilder';
import { message, type Locale } from '../src/knowledge/catalogue.js';
import type { TitleId } from '../src/understanding/field-parsers.js';
import type { FaqEntry } from '../src/knowledge/schema.js';
import type { FaqMatch, FaqResult } from '../src/understanding/faq-search.js';
import { sourceLine } from './messages/source-line.js';
import type { Words } from './messages/words.js';

/** Suggested actions beyond this many crowd small screens. */
const MAX_SUGGESTIONS = 4;

/**
 * At most this many of the entries the reading found next most likely lead an answer's buttons,
 * before its related questions: when the answer is the wrong one, the right one is often the
 * runner-up, one click away (on the sealed set, about half of the questions answered wrong). Two
 * leaves room for the entry's own related questions, which an author chose.
 */
const MAX_RUNNER_UPS = 2;

/** The entries an answer offers first as buttons: the ones its reading nearly chose instead. */
export function runnersUp(result: Extract<FaqResult, { kind: 'answer' }>): FaqEntry[] {
  return result.alternatives.slice(0, MAX_RUNNER_UPS).map((m) => m.entry);
}

/** Questions offered as buttons when the bot has nothing better to suggest. */
const EXAMPLE_QUESTIONS: readonly TitleId[] = [
  'conversation.example.reviewTime',
  'conversation.example.subjectOrWebsite',
  'conversation.example.phoneProvinces',
];

/** The command the welcome's Help button sends, whatever its title says. */
const HELP_COMMAND = 'help';

function questionButtons(questions: readonly string[]): CardAction[] {
  return questions.slice(0, MAX_SUGGESTIONS).map((question) => ({ type: ActionTypes.ImBack, title: question, value: question }));
}

function withSuggestions(text: string, actions: CardAction[]): Partial<Activity> {
  return actions.length > 0 ? MessageFactory.suggestedActions(actions, text) : MessageFactory.text(text);
}

function exampleButtons(words: Words): CardAction[] {
  return questionButtons(EXAMPLE_QUESTIONS.map((id) => words.say(message(id))));
}

/** An FAQ entry's question and answer in the conversation's language (written for each, never translated at run time). */
export function faqText(entry: FaqEntry, locale: Locale): { question: string; answer: string } {
  return locale === 'zh' ? entry.zh : { question: entry.question, answer: entry.answer };
}

export function faqReply(
  words: Words,
  result: FaqResult,
  related: (entry: FaqEntry) => FaqEntry[],
  titles: Record<string, string>,
): Partial<Activity> {
  const questionsOf = (entries: readonly FaqEntry[]) => questionButtons(entries.map((entry) => faqText(entry, words.locale).question));
  switch (result.kind) {
    case 'answer': {
      const { entry } = result.match;
      const { answer } = faqText(entry, words.locale);
      const buttons = [...runnersUp(result), ...related(entry)].filter((other, i, all) => other.id !== entry.id && all.findIndex((e) => e.id === other.id) === i);
      return withSuggestions(`${answer}\n\n${sourceLine(words, entry.sources, titles)}`, questionsOf(buttons));
    }
    case 'choose':
      return withSuggestions(words.say(message('conversation.choose')), questionsOf(result.options.map((m: FaqMatch) => m.entry)));
    case 'unknown': {
      const unknown = words.say(message('conversation.unknown'));
      return result.alternatives.length > 0
        ? withSuggestions(`${unknown}\n\n${words.say(message('conversation.unknownWithGuess'))}`, questionsOf(result.alternatives.map((m) => m.entry)))
        : withSuggestions(unknown, exampleButtons(words));
    }
  }
}

export function welcomeReply(words: Words): Partial<Activity> {
  return withSuggestions(words.say(message('conversation.welcome')), [
    ...exampleButtons(words).slice(0, 2),
    { type: ActionTypes.ImBack, title: words.say(message('conversation.button.help')), value: HELP_COMMAND },
  ]);
}

/** Help (or another opening, such as the confirmation of a language switch), with a button to switch language. */
export function helpReply(
  words: Words,
  opening: 'conversation.help' | 'conversation.languageSwitched' | 'conversation.savedFlowUnreadable' = 'conversation.help',
): Partial<Activity> {
  return withSuggestions(words.say(message(opening)), [
    ...exampleButtons(words),
    {
      type: ActionTypes.ImBack,
      title: words.say(message('conversation.button.otherLanguage')),
      value: words.say(message('conversation.otherLanguageRequest')),
    },
  ]);
}

/**
 * The same reply with its suggested actions moved onto an Adaptive Card under its text (buttons that
 * send their value as the answer, as the summary card's do): Web Chat shows suggested actions only
 * on a reply's last message, which inside a flow is the flow's question.
 */
export function asCardButtons(reply: Partial<Activity>): Partial<Activity> {
  const actions = reply.suggestedActions?.actions ?? [];
  if (actions.length === 0) return reply;
  const card = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [],
    actions: actions.map((action) => ({ type: 'Action.Submit', title: action.title, data: { answer: typeof action.value === 'string' ? action.value : action.title } })),
  };
  return { ...reply, suggestedActions: undefined, attachments: [...(reply.attachments ?? []), CardFactory.adaptiveCard(card)] };
}
