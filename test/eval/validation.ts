// Scores the router on the validation set (test/eval/validation.json): requests, questions and
// out-of-scope messages written by a helper who saw neither the knowledge nor the other sets. It is
// the set settings are chosen on when a change trades questions against requests; the sealed set
// still only reports.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { interpret } from '../../src/understanding/interpret.js';
import type { Understanding } from '../../src/understanding/understanding.js';
import { answeredOrStartedFlow } from './question-outcome.js';

const Item = z.strictObject({ text: z.string(), lang: z.enum(['en', 'zh']), label: z.string() });

export interface ValidationScores {
  requests: { total: number; right: number };
  questions: { total: number; tookForRequest: number };
  outOfScope: { total: number; answeredOrFlow: number };
}

export function scoreValidation(understanding: Understanding, withdraws: (text: string) => boolean): ValidationScores {
  const items = z.array(Item).parse(JSON.parse(readFileSync(join(import.meta.dirname, 'validation.json'), 'utf8')));
  const scores: ValidationScores = {
    requests: { total: 0, right: 0 },
    questions: { total: 0, tookForRequest: 0 },
    outOfScope: { total: 0, answeredOrFlow: 0 },
  };
  for (const { text, label } of items) {
    const meaning = interpret(understanding, text);
    if (label === 'question') {
      scores.questions.total += 1;
      if (meaning.kind === 'action' || withdraws(text)) scores.questions.tookForRequest += 1;
    } else if (label === 'outOfScope') {
      scores.outOfScope.total += 1;
      if (answeredOrStartedFlow(meaning)) scores.outOfScope.answeredOrFlow += 1;
    } else {
      scores.requests.total += 1;
      // As the router does: withdrawing by its own words first, then the recognised intent (withdraw_order included).
      const right = withdraws(text) ? label === 'withdraw_order' : meaning.kind === 'action' && meaning.intent === label;
      if (right) scores.requests.right += 1;
    }
  }
  return scores;
}

export function validationReport(scores: ValidationScores): string[] {
  const pct = (n: number, d: number): string => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;
  const { requests, questions, outOfScope } = scores;
  return [
    `requests (${requests.total}): routed to the right action ${pct(requests.right, requests.total)}`,
    `questions (${questions.total}): taken for a request ${pct(questions.tookForRequest, questions.total)}`,
    `out-of-scope (${outOfScope.total}): answered confidently or started a flow ${pct(outOfScope.answeredOrFlow, outOfScope.total)}`,
  ];
}
