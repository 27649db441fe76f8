// Scores the understanding on the blind set (test/eval/blind/): questions and out-of-scope messages
// written from the help documents by helpers who never saw the knowledge, then labelled with the
// entries that answer them by another helper. It comes in two halves: `tune.json` may be looked at
// item by item while tuning (`npm run eval -- --verbose` lists its misses); `check.json` reports
// figures only, so a gap between the halves shows tuning that does not carry over.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { interpret } from '../../src/understanding/interpret.js';
import type { Understanding } from '../../src/understanding/understanding.js';
import { answeredOrStartedFlow, OUTCOMES, outcomeOf, rightEntryBesideWrongAnswer, type Outcome } from './question-outcome.js';

const Language = z.enum(['en', 'zh']);
const BlindHalf = z.strictObject({
  questions: z.array(
    z.strictObject({
      id: z.string(),
      lang: Language,
      text: z.string(),
      expected: z.string(),
      source: z.strictObject({ doc: z.string(), section: z.string() }),
      /** The entries whose answer states the expected fact; empty when no entry does (a knowledge gap). */
      entries: z.array(z.string()),
    }),
  ),
  outOfScope: z.array(z.strictObject({ id: z.string(), lang: Language, text: z.string(), why: z.string() })),
});

export type BlindHalfName = 'tune' | 'check';

export interface BlindScores {
  questions: Record<'en' | 'zh', { total: number; counts: Record<Outcome, number> }>;
  /** Questions answered wrong with the right entry among the answer's buttons (both languages). */
  wrongWithRightButton: number;
  outOfScope: { total: number; answeredOrFlow: number };
  /** The tune half's misses, for `--verbose`; empty for the check half. */
  misses: string[];
}

const noOutcomes = (): Record<Outcome, number> => ({ right: 0, oneClick: 0, wrong: 0, unknown: 0, flow: 0 });

export type BlindHalf = z.infer<typeof BlindHalf>;

/** One half of the blind set, as written and labelled. */
export function readBlindHalf(half: BlindHalfName): BlindHalf {
  return BlindHalf.parse(JSON.parse(readFileSync(join(import.meta.dirname, 'blind', `${half}.json`), 'utf8')));
}

export function scoreBlind(understanding: Understanding, half: BlindHalfName): BlindScores {
  const set = readBlindHalf(half);
  const scores: BlindScores = { questions: { en: { total: 0, counts: noOutcomes() }, zh: { total: 0, counts: noOutcomes() } }, outOfScope: { total: 0, answeredOrFlow: 0 }, misses: [], wrongWithRightButton: 0 };
  for (const { id, lang, text, entries } of set.questions) {
    // A question no entry answers is a gap in the knowledge, not in the understanding.
    if (entries.length === 0) continue;
    const meaning = interpret(understanding, text);
    const outcome = outcomeOf(meaning, entries);
    scores.questions[lang].total += 1;
    scores.questions[lang].counts[outcome] += 1;
    if (outcome === 'wrong' && rightEntryBesideWrongAnswer(meaning, entries)) scores.wrongWithRightButton += 1;
    if (half === 'tune' && outcome !== 'right') {
      const [best] = understanding.readQuestion(text).entries;
      scores.misses.push(`${outcome.toUpperCase()} ${id} top ${best?.entry.id} ${best?.score.toFixed(2)} want ${entries.join('|')}: ${text}`);
    }
  }
  for (const { id, text } of set.outOfScope) {
    scores.outOfScope.total += 1;
    if (!answeredOrStartedFlow(interpret(understanding, text))) continue;
    scores.outOfScope.answeredOrFlow += 1;
    if (half === 'tune') scores.misses.push(`OUT-OF-SCOPE ANSWERED ${id}: ${text}`);
  }
  return scores;
}

export function blindReport(half: BlindHalfName, scores: BlindScores): string[] {
  const pct = (n: number, d: number): string => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;
  const lines: string[] = [];
  const all = { total: 0, counts: noOutcomes() };
  for (const lang of ['en', 'zh'] as const) {
    const { total, counts } = scores.questions[lang];
    all.total += total;
    for (const o of OUTCOMES) all.counts[o] += counts[o];
    lines.push(
      `${half} ${lang} questions (${total}): answered right ${pct(counts.right, total)}, within one click ${pct(counts.right + counts.oneClick, total)}, ` +
        `answered wrong ${pct(counts.wrong, total)}, "I don't know" ${pct(counts.unknown, total)}, took for a request ${pct(counts.flow, total)}`,
    );
  }
  const { total, counts } = all;
  lines.push(`${half} questions, both languages: answered right ${pct(counts.right, total)}, within one click ${pct(counts.right + counts.oneClick, total)}, answered wrong ${pct(counts.wrong, total)} (with the right entry among its buttons ${pct(scores.wrongWithRightButton, total)})`);
  lines.push(`${half} out-of-scope (${scores.outOfScope.total}): answered confidently or started a flow ${pct(scores.outOfScope.answeredOrFlow, scores.outOfScope.total)}`);
  return lines;
}
