// The summary shown before an order is recorded: an Adaptive Card 1.5 (rendered by Teams, Web
// Chat and the Emulator) with every field, the steps that follow and the warnings, plus Confirm.
import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import { message } from '../src/knowledge/catalogue.js';
import { numberedSteps } from './messages/numbered-steps.js';
import type { Words } from './messages/words.js';

/** A summary in the user's words: every text already rendered. */
export interface Summary {
  title: string;
  facts: ReadonlyArray<readonly [string, string]>;
  nextSteps: readonly string[];
  warnings: readonly string[];
  sources: string;
}

/** The card itself (Adaptive Card JSON), with Confirm and Stop buttons that send their titles. */
export function summaryCardContent(summary: Summary, words: Words): object {
  const confirm = words.say(message('summary.confirm'));
  const stop = words.say(message('summary.stop'));
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: summary.title, weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'FactSet', facts: summary.facts.map(([title, value]) => ({ title, value })) },
      ...(summary.warnings.length > 0
        ? [
            { type: 'TextBlock', text: words.say(message('summary.beforeYouConfirm')), weight: 'Bolder', wrap: true, spacing: 'Medium' },
            ...summary.warnings.map((w) => ({ type: 'TextBlock', text: `⚠ ${w}`, wrap: true, color: 'Attention' })),
          ]
        : []),
      { type: 'TextBlock', text: words.say(message('summary.whatHappensNext')), weight: 'Bolder', wrap: true, spacing: 'Medium' },
      // One block: each block is its own markdown list, which would number every step "1.".
      { type: 'TextBlock', text: numberedSteps(summary.nextSteps), wrap: true, spacing: 'Small' },
      { type: 'TextBlock', text: summary.sources, wrap: true, isSubtle: true, size: 'Small', spacing: 'Medium' },
    ],
    actions: [
      { type: 'Action.Submit', title: confirm, data: { answer: confirm } },
      { type: 'Action.Submit', title: stop, data: { answer: stop } },
    ],
  };
}

/** The text sent with the card: the card carries the details, the text names the order and says what to do. */
export function summaryText(summary: Summary, words: Words): string {
  return words.say(
    message('summary.prompt', { title: summary.title, confirm: message('summary.confirm'), stop: message('summary.stop') }),
  );
}

export function summaryCard(summary: Summary, words: Words): Partial<Activity> {
  return MessageFactory.attachment(CardFactory.adaptiveCard(summaryCardContent(summary, words)), summaryText(summary, words));
}
