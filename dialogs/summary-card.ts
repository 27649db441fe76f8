// The summary shown before an order is recorded: an Adaptive Card 1.5 (rendered by Teams, Web
// Chat and the Emulator) with every field, the steps that follow and the warnings, plus Confirm.
import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import type { Choice } from '../src/understanding/field-parsers.js';

export const CONFIRM = 'Confirm';
export const STOP = 'Stop';

/** What confirms a summary: the card's button or the same word typed. */
export const CONFIRMATION: Choice<'confirm'> = {
  value: 'confirm',
  title: CONFIRM,
  synonyms: ['yes', 'yes confirm', 'confirmed', 'go ahead', 'record it', 'ok', '确认', '是', '是的', '确定', '提交'],
};

export interface Summary {
  title: string;
  facts: ReadonlyArray<readonly [string, string]>;
  nextSteps: readonly string[];
  warnings: readonly string[];
  sources: string;
}

export function summaryCard(summary: Summary): Partial<Activity> {
  const card = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: summary.title, weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'FactSet', facts: summary.facts.map(([title, value]) => ({ title, value })) },
      ...(summary.warnings.length > 0
        ? [
            { type: 'TextBlock', text: 'Before you confirm', weight: 'Bolder', wrap: true, spacing: 'Medium' },
            ...summary.warnings.map((w) => ({ type: 'TextBlock', text: `⚠ ${w}`, wrap: true, color: 'Attention' })),
          ]
        : []),
      { type: 'TextBlock', text: 'What happens next', weight: 'Bolder', wrap: true, spacing: 'Medium' },
      // One block: each block is its own markdown list, which would number every step "1.".
      { type: 'TextBlock', text: summary.nextSteps.map((step, i) => `${i + 1}. ${step}`).join('\n'), wrap: true, spacing: 'Small' },
      { type: 'TextBlock', text: summary.sources, wrap: true, isSubtle: true, size: 'Small', spacing: 'Medium' },
    ],
    actions: [
      { type: 'Action.Submit', title: CONFIRM, data: { answer: CONFIRM } },
      { type: 'Action.Submit', title: STOP, data: { answer: STOP } },
    ],
  };
  // The card carries the details; the text names the order and says what to do.
  return MessageFactory.attachment(
    CardFactory.adaptiveCard(card),
    `${summary.title} Please check the details, then press "${CONFIRM}" to record it, or "${STOP}".`,
  );
}
