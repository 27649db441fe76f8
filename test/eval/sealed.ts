// Scores the understanding on the sealed set (test/eval/sealed/): questions it must answer, questions
// and requests it must refuse, and requests it must route. The set is scored, never tuned on: it
// reports figures only, never which items failed, so nobody is tempted to tune on them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { interpret } from '../../src/understanding/interpret.js';
import type { Understanding } from '../../src/understanding/understanding.js';
import { answeredOrStartedFlow, outcomeOf, rightEntryBesideWrongAnswer, type Outcome } from './question-outcome.js';

const SEALED_DIR = join(import.meta.dirname, 'sealed');

const Question = z.object({ id: z.string(), text: z.string() });
const OutOfScope = z.object({ id: z.string(), text: z.string(), lang: z.enum(['en', 'zh']), kind: z.enum(['question', 'request']) });
const Request = z.object({ id: z.string(), text: z.string(), lang: z.enum(['en', 'zh']), action: z.string() });
const Labels = z.object({ labels: z.record(z.string(), z.array(z.string())) });

function read<T>(name: string, schema: z.ZodType<T>): T {
  return schema.parse(JSON.parse(readFileSync(join(SEALED_DIR, name), 'utf8')));
}

export interface SealedScores {
  questions: Record<'en' | 'zh', { total: number; counts: Record<Outcome, number> }>;
  /** Questions answered wrong with the right entry among the answer's buttons (both languages). */
  wrongWithRightButton: number;
  /** Out-of-scope items answered with an entry or taken for a request to act. */
  outOfScope: { total: number; answeredOrFlow: number };
  requests: { total: number; right: number };
}

/**
 * Whether the router would start the labelled action: withdrawing by its own words first, then the
 * recognised intent (the classifier's withdraw_order starts the withdrawal too, as in main-dialog.ts).
 */
function requestRight(understanding: Understanding, text: string, action: string, withdraws: (text: string) => boolean): boolean {
  if (withdraws(text)) return action === 'withdraw_order';
  const meaning = interpret(understanding, text);
  return meaning.kind === 'action' && meaning.intent === action;
}

export function scoreSealed(understanding: Understanding, withdraws: (text: string) => boolean): SealedScores {
  const { labels } = read('labels.json', Labels);
  const empty = (): Record<Outcome, number> => ({ right: 0, oneClick: 0, wrong: 0, unknown: 0, flow: 0 });
  const questions = { en: { total: 0, counts: empty() }, zh: { total: 0, counts: empty() } };
  let wrongWithRightButton = 0;
  for (const lang of ['en', 'zh'] as const) {
    for (const { id, text } of read(`questions-${lang}.json`, z.array(Question))) {
      const expected = labels[id] ?? [];
      // A question no entry answers yet is a gap in the knowledge, not in the understanding.
      if (expected.length === 0) continue;
      const meaning = interpret(understanding, text);
      const outcome = outcomeOf(meaning, expected);
      questions[lang].total += 1;
      questions[lang].counts[outcome] += 1;
      if (outcome === 'wrong' && rightEntryBesideWrongAnswer(meaning, expected)) wrongWithRightButton += 1;
    }
  }
  let answeredOrFlow = 0;
  const outOfScope = read('out-of-scope.json', z.array(OutOfScope));
  for (const { text } of outOfScope) if (answeredOrStartedFlow(interpret(understanding, text))) answeredOrFlow += 1;
  const requests = read('requests.json', z.array(Request));
  let right = 0;
  for (const { text, action } of requests) {
    if (requestRight(understanding, text, action, withdraws)) right += 1;
  }
  return { questions, wrongWithRightButton, outOfScope: { total: outOfScope.length, answeredOrFlow }, requests: { total: requests.length, right } };
}

/** The sealed figures as lines for `npm run eval`. */
export function sealedReport(scores: SealedScores): string[] {
  const pct = (n: number, d: number): string => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;
  const lines: string[] = [];
  for (const lang of ['en', 'zh'] as const) {
    const { total, counts } = scores.questions[lang];
    lines.push(
      `sealed ${lang} questions (${total}): answered right ${pct(counts.right, total)}, within one click ${pct(counts.right + counts.oneClick, total)}, ` +
        `answered wrong ${pct(counts.wrong, total)}, "I don't know" ${pct(counts.unknown, total)}, took for a request ${pct(counts.flow, total)}`,
    );
  }
  const all = sealedFigures(scores);
  lines.push(`sealed questions, both languages: answered right ${all.answeredRight}%, within one click ${all.withinOneClick}%, answered wrong ${all.answeredWrong}% (with the right entry among its buttons ${pct(scores.wrongWithRightButton, scores.questions.en.total + scores.questions.zh.total)})`);
  const { total, answeredOrFlow } = scores.outOfScope;
  lines.push(`sealed out-of-scope (${total}): answered confidently or started a flow ${pct(answeredOrFlow, total)}`);
  lines.push(`sealed requests (${scores.requests.total}): routed to the right action ${pct(scores.requests.right, scores.requests.total)}`);
  return lines;
}

/** The sealed figures the README reports, in percent with one decimal, as the gate compares them. */
export const SealedFigures = z.strictObject({
  answeredRight: z.number(),
  withinOneClick: z.number(),
  answeredWrong: z.number(),
  chineseAnsweredRight: z.number(),
  outOfScopeAnsweredOrFlow: z.number(),
  requestsRouted: z.number(),
});
export type SealedFigures = z.infer<typeof SealedFigures>;

const tenths = (n: number, d: number): number => Math.round((1000 * n) / Math.max(1, d)) / 10;

export function sealedFigures(scores: SealedScores): SealedFigures {
  const { en, zh } = scores.questions;
  const total = en.total + zh.total;
  const sum = (outcome: Outcome): number => en.counts[outcome] + zh.counts[outcome];
  return {
    answeredRight: tenths(sum('right'), total),
    withinOneClick: tenths(sum('right') + sum('oneClick'), total),
    answeredWrong: tenths(sum('wrong'), total),
    chineseAnsweredRight: tenths(zh.counts.right, zh.total),
    outOfScopeAnsweredOrFlow: tenths(scores.outOfScope.answeredOrFlow, scores.outOfScope.total),
    requestsRouted: tenths(scores.requests.right, scores.requests.total),
  };
}

/** Which figures are worse than the baseline: lower where higher is better, higher where lower is. */
export function gateProblems(figures: SealedFigures, baseline: SealedFigures): string[] {
  const lowerIsBetter = new Set<keyof SealedFigures>(['answeredWrong', 'outOfScopeAnsweredOrFlow']);
  const keys = Object.keys(SealedFigures.shape).filter((key): key is keyof SealedFigures => key in baseline);
  return keys.flatMap((key) => {
    const worse = lowerIsBetter.has(key) ? figures[key] > baseline[key] : figures[key] < baseline[key];
    return worse ? [`${key}: ${figures[key]}% (README: ${baseline[key]}%)`] : [];
  });
}
