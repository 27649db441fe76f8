// `npm run calibrate`: chooses the understanding's thresholds by cross-validation on the knowledge's
// own phrasings and writes them to knowledge/calibration.json. Each fold trains the classifier and
// the similarity index without a fifth of the FAQ phrasings and out-of-scope examples, then reads
// those as a user would: the thresholds are measured on texts the models never saw. Of the
// evaluation sets in test/eval/, only the blind set's tune half plays a part (see blindCases); the
// development, validation, blind check and sealed sets do not.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CalibrationFile, type Calibration, type FaqEntry } from '../src/knowledge/schema.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { decideQuestion, readQuestion, type QuestionReading } from '../src/understanding/decision.js';
import { withoutEntities } from '../src/understanding/entities.js';
import { FaqSearch } from '../src/understanding/faq-search.js';
import { seededRandom, shuffle } from '../src/understanding/learning/random.js';
import { MessageClassifier, trainingTexts, type LabelledText } from '../src/understanding/message-classifier.js';
import { Understanding } from '../src/understanding/understanding.js';
import { readBlindHalf } from '../test/eval/blind.js';

const FOLDS = 5;
/** `--dry-run` prints what it would choose without writing calibration.json (to compare knowledge edits first). */
const DRY_RUN = process.argv.includes('--dry-run');
/** `--verbose` prints the best thresholds for each number of buttons and each answer margin. */
const VERBOSE = process.argv.includes('--verbose');
const KNOWLEDGE_DIR = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'knowledge';
/**
 * At most this share of held-out questions may be answered with the wrong entry, and at most this
 * share of held-out out-of-scope messages answered at all. Held-out phrasings are harder than most
 * users' questions (each fold removes a fifth of what the model learns from), so these limits are
 * strict on purpose: a confident wrong answer costs a user more than a "did you mean" button.
 */
const MAX_WRONG = 0.03;
/**
 * Below 5% on purpose: held-out out-of-scope messages are few (about 500), and at 4.8% the
 * development set's unanswerable questions were answered 9.9% of the time (4.2% at 4.0%). At 4.5%
 * the calibration chose to answer from 0.55 and the development set's wrong answers rose from 0 to
 * 2 of 171; at 4.0% it answers from 0.65, with none.
 */
const MAX_OUT_OF_SCOPE_ANSWERED = 0.04;
/** How many "did you mean" buttons at most. */
const MAX_OPTIONS = (process.env.CALIBRATE_MAX_OPTIONS ?? '3,4').split(',').map(Number);
/** How far the best entry must lead the second to be answered outright. */
const ANSWER_MARGINS = (process.env.CALIBRATE_MARGINS ?? '0,0.2,0.4').split(',').map(Number);
/**
 * The out-of-scope probability under which an entry may be answered outright. A question the
 * material does not answer often lends most of its probability to the nearest entry ("https
 * certificate expired": 0.77 to domain-certificates) and still leaves a tenth or more on out of scope
 * (0.23), where a question it answers rarely does. With this rule the answer threshold can fall
 * (first measured at 0.1: answered right 80.6% -> 84.6%, within one click 96.6% -> 95.9%; on two
 * other fold splits +2.6 and +5.0 points answered right). Later, with the classifier's blend and
 * focus emphasis: 0.1 89.5%, 0.15 88.8%, 0.2 88.8% answered right, and 0.2 answered one more of the
 * validation set's out-of-scope messages (5 of 80).
 */
const MAX_OUT_OF_SCOPE = (process.env.CALIBRATE_MAX_OUT_OF_SCOPE ?? '0.05,0.1,0.15,0.2,0.3').split(',').map(Number);
/**
 * How far the best entry must lead the next for a topic-only message to be answered (decision.ts).
 * Not searched unless asked: topic-only messages are too few among the held-out phrasings to choose
 * it. 0.6 was chosen by reading them: a word or two ("documents", "phone verification", 材料) names
 * a topic several entries cover, and the classifier still puts most of its probability on one
 * (documents: 0.67 transfer documents, 0.32 change documents); a topic with one clear entry still
 * leads by more ("photo" 0.88, 幕布 1.0, "review time" 0.88). Between 0.5 and 0.6 lie 资料 (0.51:
 * transfer or change documents) and "backdrop clothes" (0.52, photo-clothing): at 0.6 both get
 * buttons, the development set's "backdrop clothes" with the right entry first (answered right
 * 97.7% -> 97.1%); the blind set's tune half is the same either way.
 */
const TOPIC_MARGINS = process.env.CALIBRATE_TOPIC_MARGINS?.split(',').map(Number);

const knowledge = loadKnowledge(KNOWLEDGE_DIR);
const understanding = new Understanding(knowledge);
const { features, focusConcepts } = understanding;
const entries = new Map(knowledge.faq.map((e) => [e.id, e]));

/** Which texts may be held out: a user's question (FAQ phrasings) or an out-of-scope message. */
function heldOutCandidate(text: LabelledText, entry: FaqEntry | undefined): boolean {
  if (text.label.kind === 'outOfScope') return true;
  return text.label.kind === 'faq' && entry !== undefined && text.text !== entry.answer && text.text !== entry.question;
}

/** Whether a held-out text is Chinese: the two languages are reported apart, English being the weaker. */
const isChinese = (text: string): boolean => /[\u3400-\u9fff]/.test(text);

interface Case {
  /** The entries that answer it; undefined for an out-of-scope message. */
  expected: readonly string[] | undefined;
  /** A word or two, not a sentence: decided with a wider lead (decision.ts). */
  topicOnly: boolean;
  language: 'en' | 'zh';
  similarity: Map<string, number>;
  classification: ReturnType<MessageClassifier['classify']>;
}

const texts = trainingTexts(knowledge);
const order = shuffle(texts.map((_, i) => i), seededRandom(7));
const fold = new Map(order.map((index, position) => [index, position % FOLDS]));
const cases: Case[] = [];
for (let f = 0; f < FOLDS; f++) {
  const heldOut = new Set(
    texts.flatMap((t, i) => {
      const entry = t.label.kind === 'faq' ? entries.get(t.label.entryId) : undefined;
      return fold.get(i) === f && heldOutCandidate(t, entry) ? [t] : [];
    }),
  );
  const classifier = MessageClassifier.train(texts.filter((t) => !heldOut.has(t)), features);
  const heldOutTexts = new Set([...heldOut].map((t) => t.text));
  const search = new FaqSearch(
    knowledge.faq.map((e) => ({ ...e, paraphrases: e.paraphrases.filter((p) => !heldOutTexts.has(p)) })),
    understanding.analyzer,
    { focusConcepts },
  );
  for (const t of heldOut) {
    cases.push({
      expected: t.label.kind === 'faq' ? [t.label.entryId] : undefined,
      topicOnly: understanding.topicOnly(t.text),
      language: isChinese(t.text) ? 'zh' : 'en',
      similarity: new Map(search.rank(understanding.analyzer.analyze(withoutEntities(t.text))).map((m) => [m.entry.id, m.score])),
      classification: classifier.classify(t.text),
    });
  }
  console.log(`fold ${f + 1}/${FOLDS}: ${heldOut.size} held out`);
}

/**
 * The blind set's tune half (test/eval/blind/tune.json): questions written from the help documents by
 * helpers who never saw the knowledge, read by the model trained on all of it. Held-out phrasings
 * are written like the knowledge's own; users write otherwise (long situations, keywords, typos), and
 * the thresholds that suit one need not suit the other: with CV alone, an answer margin of 0.2 and
 * 0 tied (89.5% and 89.3% answered right) while on the tune half the margin cost 2.7 points
 * answered right and saved no wrong answer. Its check half stays out of calibration.
 */
const search = new FaqSearch(knowledge.faq, understanding.analyzer, { focusConcepts });
const blindTune = readBlindHalf('tune');
const blindCases: Case[] = [
  ...blindTune.questions.filter((q) => q.entries.length > 0).map((q) => ({ expected: q.entries, text: q.text, language: q.lang })),
  ...blindTune.outOfScope.map((o) => ({ expected: undefined, text: o.text, language: o.lang })),
].map(({ expected, text, language }) => ({
  expected,
  topicOnly: understanding.topicOnly(text),
  language,
  similarity: new Map(search.rank(understanding.analyzer.analyze(withoutEntities(text))).map((m) => [m.entry.id, m.score])),
  classification: understanding.read(text).classification,
}));

interface Score {
  right: number;
  oneClick: number;
  wrong: number;
  outOfScopeAnswered: number;
  /** The same, for English and for Chinese held-out questions. */
  byLanguage: Record<'en' | 'zh', { right: number; oneClick: number; wrong: number }>;
}

/** The readings depend only on the similarity weight: computed once per set and weight, not once per threshold. */
const readings = new Map<readonly Case[], Map<number, QuestionReading[]>>();
function readingsFor(set: readonly Case[], calibration: Calibration): QuestionReading[] {
  const bySet = readings.get(set) ?? new Map<number, QuestionReading[]>();
  readings.set(set, bySet);
  let known = bySet.get(calibration.similarityWeight);
  if (!known) {
    // Only the first few entries can become an answer or a button (entries come most likely first):
    // the rest are dropped, so trying tens of thousands of thresholds stays quick.
    const mostButtons = Math.max(...MAX_OPTIONS);
    known = set.map((c) => {
      const reading = readQuestion(c.classification, c.similarity, entries, calibration);
      return { ...reading, entries: reading.entries.slice(0, mostButtons) };
    });
    bySet.set(calibration.similarityWeight, known);
  }
  return known;
}

function score(set: readonly Case[], calibration: Calibration): Score {
  const counts = { en: { n: 0, right: 0, oneClick: 0, wrong: 0 }, zh: { n: 0, right: 0, oneClick: 0, wrong: 0 } };
  let outOfScope = 0;
  let outOfScopeAnswered = 0;
  const read = readingsFor(set, calibration);
  set.forEach((c, i) => {
    const reading = read[i];
    if (!reading) return;
    const result = decideQuestion(reading, calibration, c.topicOnly);
    const { expected } = c;
    if (expected === undefined) {
      outOfScope += 1;
      if (result.kind === 'answer') outOfScopeAnswered += 1;
      return;
    }
    const count = counts[c.language];
    count.n += 1;
    const offered = result.kind === 'answer' ? [result.match] : result.kind === 'choose' ? result.options : result.alternatives;
    const answersIt = (m: { entry: FaqEntry }): boolean => expected.includes(m.entry.id);
    if (result.kind === 'answer' && answersIt(result.match)) count.right += 1;
    else if (result.kind === 'answer') count.wrong += 1;
    if (offered.some(answersIt)) count.oneClick += 1;
  });
  const share = (n: number, d: number): number => n / Math.max(1, d);
  const inScope = counts.en.n + counts.zh.n;
  const language = (l: 'en' | 'zh') => ({ right: share(counts[l].right, counts[l].n), oneClick: share(counts[l].oneClick, counts[l].n), wrong: share(counts[l].wrong, counts[l].n) });
  return {
    right: share(counts.en.right + counts.zh.right, inScope),
    oneClick: share(counts.en.oneClick + counts.zh.oneClick, inScope),
    wrong: share(counts.en.wrong + counts.zh.wrong, inScope),
    outOfScopeAnswered: share(outOfScopeAnswered, outOfScope),
    byLanguage: { en: language('en'), zh: language('zh') },
  };
}

/**
 * The limits on the blind tune half. Users' questions are harder to read than held-out phrasings: at
 * the thresholds the phrasings alone chose, 4.5% of the tune half was answered wrong. 5% lets it
 * lower a threshold only where that costs at most half a point more wrong answers; its out-of-scope
 * messages are held to the issue's 3%.
 */
const MAX_BLIND_WRONG = 0.05;
const MAX_BLIND_OUT_OF_SCOPE_ANSWERED = 0.03;
function withinLimits({ score: s, blind: b }: Candidate): boolean {
  if (s.wrong > MAX_WRONG || s.outOfScopeAnswered > MAX_OUT_OF_SCOPE_ANSWERED) return false;
  return b.wrong <= MAX_BLIND_WRONG && b.outOfScopeAnswered <= MAX_BLIND_OUT_OF_SCOPE_ANSWERED;
}

const pct = (n: number): string => `${(100 * n).toFixed(1)}%`;
const current = CalibrationFile.parse(JSON.parse(readFileSync(join(KNOWLEDGE_DIR, 'calibration.json'), 'utf8')));
// Most answered right or within one click, answered right counting double and a wrong answer
// counting against as much (it misleads: worse than a button, worse than "I don't know"); held-out
// phrasings and the blind tune half count alike. Without the penalty, this round's search (then
// with a long-message threshold, since dropped) chose values that answered 0.9 points more of the
// tune half right for 1.8 points more wrong (80.0% / 4.5% against 79.1% / 2.7%).
const usefulness = (s: Score): number => 2 * s.right + s.oneClick - 2 * s.wrong;
const value = (x: { score: Score; blind: Score }): number => usefulness(x.score) + usefulness(x.blind);
interface Candidate {
  calibration: Calibration;
  /** On the held-out phrasings. */
  score: Score;
  /** On the blind set's tune half. */
  blind: Score;
}
let best: Candidate | undefined;
/** The best thresholds for each number of buttons, margin, out-of-scope cap and topic lead, printed so the trade-off can be read. */
const bestPerShape = new Map<string, Candidate>();
/** Every combination of the searched values, as the calibration it would write. */
function* candidates(): Generator<Calibration> {
  for (const maxOptions of MAX_OPTIONS)
    for (const answerMargin of ANSWER_MARGINS)
      for (const maxOutOfScope of MAX_OUT_OF_SCOPE)
        for (const topicMargin of TOPIC_MARGINS ?? [current.topicMargin])
          for (const similarityWeight of [0, 1, 2, 3, 4, 5, 6, 8])
            for (const answer of [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8])
              // Not below 4%: buttons that unlikely are noise ("the blue one" at an order-id step got four at 2%-4%),
              // and 2% measured only 0.1 points more within one click.
              for (const choice of [0.04, 0.06, 0.08, 0.1, 0.15])
                yield { ...current, similarityWeight, answer, choice, maxOptions, answerMargin, maxOutOfScope, topicMargin };
}
for (const calibration of candidates()) {
  const candidate = { calibration, score: score(cases, calibration), blind: score(blindCases, calibration) };
  if (!withinLimits(candidate)) continue;
  const { maxOptions, answerMargin, maxOutOfScope, topicMargin } = calibration;
  const shape = `maxOptions ${maxOptions}, answerMargin ${answerMargin}, maxOutOfScope ${maxOutOfScope}, topicMargin ${topicMargin}`;
  const known = bestPerShape.get(shape);
  if (!known || value(candidate) > value(known)) bestPerShape.set(shape, candidate);
  if (!best || value(candidate) > value(best)) best = candidate;
}
if (VERBOSE) {
  for (const [shape, { calibration, score: s, blind: b }] of bestPerShape) {
    console.log(
      `${shape}: weight ${calibration.similarityWeight}, answer ${calibration.answer}, choice ${calibration.choice} -> right ${pct(s.right)}, one click ${pct(s.oneClick)}, wrong ${pct(s.wrong)}, out of scope ${pct(s.outOfScopeAnswered)}; ` +
        `blind tune: right ${pct(b.right)}, one click ${pct(b.oneClick)}, wrong ${pct(b.wrong)}, out of scope ${pct(b.outOfScopeAnswered)}`,
    );
  }
}
if (!best) throw new Error('no thresholds meet the limits on wrong answers and out-of-scope answers');
if (VERBOSE) {
  // The entries whose held-out English phrasings are answered right least often: where new phrasings help most.
  const chosen = best.calibration;
  const perEntry = new Map<string, { n: number; right: number }>();
  readingsFor(cases, chosen).forEach((reading, i) => {
    const c = cases[i];
    const [expected] = c?.expected ?? [];
    if (!c || expected === undefined || c.language !== 'en') return;
    const result = decideQuestion(reading, chosen, c.topicOnly);
    const counts = perEntry.get(expected) ?? { n: 0, right: 0 };
    counts.n += 1;
    if (result.kind === 'answer' && result.match.entry.id === expected) counts.right += 1;
    perEntry.set(expected, counts);
  });
  const weakest = [...perEntry].sort(([, a], [, b]) => a.right / a.n - b.right / b.n).slice(0, 30);
  console.log(`English answered right, weakest entries: ${weakest.map(([id, { n, right }]) => `${id} ${right}/${n}`).join(', ')}`);
}
const measured = {
  folds: FOLDS,
  heldOutQuestions: cases.filter((c) => c.expected !== undefined).length,
  heldOutOutOfScope: cases.filter((c) => c.expected === undefined).length,
  answeredRight: pct(best.score.right),
  withinOneClick: pct(best.score.oneClick),
  answeredWrong: pct(best.score.wrong),
  outOfScopeAnswered: pct(best.score.outOfScopeAnswered),
  englishAnsweredRight: pct(best.score.byLanguage.en.right),
  englishWithinOneClick: pct(best.score.byLanguage.en.oneClick),
  chineseAnsweredRight: pct(best.score.byLanguage.zh.right),
  chineseWithinOneClick: pct(best.score.byLanguage.zh.oneClick),
  blindTuneAnsweredRight: pct(best.blind.right),
  blindTuneWithinOneClick: pct(best.blind.oneClick),
  blindTuneAnsweredWrong: pct(best.blind.wrong),
  blindTuneOutOfScopeAnswered: pct(best.blind.outOfScopeAnswered),
};
const written: Calibration = { ...best.calibration, measured };
if (!DRY_RUN) writeFileSync(join(KNOWLEDGE_DIR, 'calibration.json'), `${JSON.stringify(written, null, 2)}\n`);
console.log(
  `${DRY_RUN ? 'would choose' : 'chose'} similarityWeight ${written.similarityWeight}, answer ${written.answer}, choice ${written.choice}, maxOptions ${written.maxOptions}, ` +
    `answerMargin ${written.answerMargin}, maxOutOfScope ${written.maxOutOfScope}, topicMargin ${written.topicMargin}`,
);
console.log(measured);
