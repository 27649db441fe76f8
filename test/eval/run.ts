// `npm run eval`: scores FAQ answering and intent recognition on held-out questions (test/eval/*.json).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { IntentLabel } from '../../src/knowledge/schema.js';
import { withoutEntities } from '../../src/understanding/entities.js';
import { interpret } from '../../src/understanding/interpret.js';
import { Understanding } from '../../src/understanding/understanding.js';

const FaqEval = z.strictObject({
  answerable: z.array(z.strictObject({ q: z.string(), expect: z.string() })),
  unanswerable: z.array(z.string()),
});
const IntentEval = z.array(z.strictObject({ q: z.string(), intent: IntentLabel }));

const percent = (n: number, d: number): string => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;
const verbose = process.argv.includes('--verbose');

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
  const ranked = understanding.faq.rank(understanding.analyzer.analyze(withoutEntities(q)));
  if (ranked[0]?.entry.id === expect) top1 += 1;
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
    if (result.kind === 'choose' && result.options.some((o) => o.entry.id === expect)) offeredChoice += 1;
    else if (verbose) console.log(`MISS ${result.kind} top ${ranked[0]?.entry.id} ${ranked[0]?.score.toFixed(2)} want ${expect}: ${q}`);
  }
}

let confidentUnanswerable = 0;
for (const q of faq.unanswerable) {
  const meaning = interpret(understanding, q);
  if (meaning.kind === 'question' && meaning.result.kind === 'answer') {
    confidentUnanswerable += 1;
    if (verbose) console.log(`CONFIDENT ${meaning.result.match.entry.id} (${meaning.result.match.score.toFixed(2)}): ${q}`);
  } else if (meaning.kind === 'action' && verbose) {
    console.log(`UNANSWERABLE ROUTED ${meaning.intent}: ${q}`);
  }
}

let intentRight = 0;
for (const { q, intent } of intents) {
  const got = understanding.recognize(q).intent;
  if (got === intent) intentRight += 1;
  else if (verbose) console.log(`INTENT ${got} want ${intent}: ${q}`);
}

const n = faq.answerable.length;
console.log(`FAQ questions: ${n} answerable, ${faq.unanswerable.length} unanswerable; intent messages: ${intents.length}`);
console.log(`top-1 accuracy (best-ranked entry is right):      ${percent(top1, n)}`);
console.log(`answered confidently and right:                   ${percent(answeredRight, n)}`);
console.log(`right entry offered as a "did you mean" choice:   ${percent(offeredChoice, n)}`);
console.log(`answered confidently but WRONG:                   ${percent(answeredWrong, n)}`);
console.log(`taken for an action request instead:              ${percent(routedAway, n)}`);
console.log(`unanswerable questions given a confident answer:  ${percent(confidentUnanswerable, faq.unanswerable.length)}`);
console.log(`intent accuracy:                                  ${percent(intentRight, intents.length)}`);
