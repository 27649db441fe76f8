// `npm run eval`: scores the understanding on the development set (test/eval/faq.json and
// intents.json: used while tuning), the validation set, the blind set (test/eval/blind/: its "tune"
// half may be tuned on, its "check" half reports) and the sealed set (test/eval/sealed/: written
// before any tuning, scored, never tuned on). `--gate` fails when a sealed figure is worse than the
// one the README reports (test/eval/sealed-baseline.json); `--verbose` lists the development set's
// and the blind tune half's misses;
// `--no-sealed` leaves the sealed set out (for whoever is tuning: its figures must not steer choices).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { withdrawRequestId } from '../../dialogs/orders-dialog.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { IntentLabel } from '../../src/knowledge/schema.js';
import { interpret } from '../../src/understanding/interpret.js';
import { Understanding } from '../../src/understanding/understanding.js';
import { blindReport, scoreBlind } from './blind.js';
import { scoreValidation, validationReport } from './validation.js';
import { gateProblems, scoreSealed, sealedFigures, sealedReport, SealedFigures } from './sealed.js';

const FaqEval = z.strictObject({
  answerable: z.array(z.strictObject({ q: z.string(), expect: z.string() })),
  unanswerable: z.array(z.string()),
});
const IntentEval = z.array(z.strictObject({ q: z.string(), intent: IntentLabel }));

const percent = (n: number, d: number): string => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;
const verbose = process.argv.includes('--verbose');
const gate = process.argv.includes('--gate');
const withoutSealed = process.argv.includes('--no-sealed');
if (gate && withoutSealed) throw new Error('--gate compares the sealed figures: it cannot run with --no-sealed');

const understanding = new Understanding(loadKnowledge('knowledge'));
const faq = FaqEval.parse(JSON.parse(readFileSync('test/eval/faq.json', 'utf8')));
const intents = IntentEval.parse(JSON.parse(readFileSync('test/eval/intents.json', 'utf8')));

let top1 = 0;
let answeredRight = 0;
let answeredWrong = 0;
let offeredChoice = 0;
let routedAway = 0;
for (const { q, expect } of faq.answerable) {
  const meaning = interpret(understanding, q);
  const [best] = understanding.readQuestion(q).entries;
  if (best?.entry.id === expect) top1 += 1;
  if (meaning.kind !== 'question') {
    routedAway += 1;
    if (verbose) console.log(`ROUTED ${meaning.kind === 'action' ? meaning.intent : meaning.kind}: ${q}`);
    continue;
  }
  const { result } = meaning;
  if (result.kind === 'answer') {
    if (result.match.entry.id === expect) answeredRight += 1;
    else {
      answeredWrong += 1;
      if (verbose) console.log(`WRONG ${result.match.entry.id} (${result.match.score.toFixed(2)}) want ${expect}: ${q}`);
    }
  } else {
    const offered = result.kind === 'choose' ? result.options : result.alternatives;
    if (offered.some((o) => o.entry.id === expect)) offeredChoice += 1;
    else if (verbose) console.log(`MISS ${result.kind} top ${best?.entry.id} ${best?.score.toFixed(2)} want ${expect}: ${q}`);
  }
}

let confidentUnanswerable = 0;
for (const q of faq.unanswerable) {
  const meaning = interpret(understanding, q);
  if (meaning.kind === 'question' && meaning.result.kind === 'answer') {
    confidentUnanswerable += 1;
    if (verbose) console.log(`CONFIDENT ${meaning.result.match.entry.id} (${meaning.result.match.score.toFixed(2)}): ${q}`);
  } else if (meaning.kind === 'action') {
    confidentUnanswerable += 1;
    if (verbose) console.log(`UNANSWERABLE ROUTED ${meaning.intent}: ${q}`);
  }
}

let intentRight = 0;
for (const { q, intent } of intents) {
  const got = understanding.recognize(q).intent;
  if (got === intent) intentRight += 1;
  else if (verbose) console.log(`INTENT ${got} want ${intent}: ${q}`);
}

const n = faq.answerable.length;
console.log(`Development set (tuned on): ${n} answerable, ${faq.unanswerable.length} unanswerable; intent messages: ${intents.length}`);
console.log(`top-1 accuracy (best-ranked entry is right):      ${percent(top1, n)}`);
console.log(`answered confidently and right:                   ${percent(answeredRight, n)}`);
console.log(`right entry offered as a "did you mean" choice:   ${percent(offeredChoice, n)}`);
console.log(`answered confidently but WRONG:                   ${percent(answeredWrong, n)}`);
console.log(`taken for an action request instead:              ${percent(routedAway, n)}`);
console.log(`unanswerable answered confidently or a flow:      ${percent(confidentUnanswerable, faq.unanswerable.length)}`);
console.log(`intent accuracy:                                  ${percent(intentRight, intents.length)}`);

console.log('');
console.log('Validation set (written independently of the knowledge; settings that trade questions against requests are chosen on it):');
for (const line of validationReport(scoreValidation(understanding, (text) => withdrawRequestId(text) !== null))) console.log(line);

console.log('');
console.log('Blind set (written from the help documents by helpers who never saw the knowledge; "tune" may be tuned on, "check" only reports):');
for (const half of ['tune', 'check'] as const) {
  const scores = scoreBlind(understanding, half);
  for (const line of blindReport(half, scores)) console.log(line);
  if (verbose) for (const miss of scores.misses) console.log(miss);
}

if (withoutSealed) process.exit();
const sealed = scoreSealed(understanding, (text) => withdrawRequestId(text) !== null);
console.log('');
console.log('Sealed set (written before tuning, never tuned on):');
for (const line of sealedReport(sealed)) console.log(line);
if (gate) {
  const baseline = SealedFigures.parse(JSON.parse(readFileSync('test/eval/sealed-baseline.json', 'utf8')));
  const problems = gateProblems(sealedFigures(sealed), baseline);
  for (const problem of problems) console.error(`sealed figure worse than the README's: ${problem}`);
  if (problems.length > 0) process.exitCode = 1;
  else console.log('sealed figures are at least those the README reports');
}
