// Recognises what a user wants to do from the training phrases in knowledge/intents.json.
import type { IntentLabel } from '../knowledge/schema.js';
import type { Analyzer } from './analyzer.js';
import { SimilarityIndex } from './similarity-index.js';

export interface TrainingIntent {
  label: IntentLabel;
  examples: { en: readonly string[]; zh: readonly string[] };
}

export interface IntentScore {
  intent: IntentLabel;
  score: number;
}

/**
 * Below this similarity to every training phrase of an action, the message is not taken as a
 * request for that action. Tuned with `npm run eval`.
 */
export const INTENT_MIN_SCORE = 0.42;
/** Unknown words weigh less here than in FAQ search: "cancel my shop's filing" is still a cancel. */
const UNKNOWN_WORD_WEIGHT = 0.35;
/** How many nearest training phrases vote for the intent. */
const NEIGHBOURS = 3;

/**
 * A nearest-neighbour classifier over the analysed training phrases: it shares the analyzer with
 * FAQ search, so synonyms, typo correction and Chinese concepts work the same for both.
 */
export class IntentRecognizer {
  private readonly index: SimilarityIndex<number>;
  private readonly labels: IntentLabel[] = [];

  constructor(
    intents: readonly TrainingIntent[],
    private readonly analyzer: Analyzer,
  ) {
    const texts = intents.flatMap((intent) =>
      [...intent.examples.en, ...intent.examples.zh].map((example) => {
        this.labels.push(intent.label);
        return { key: this.labels.length - 1, tokens: analyzer.analyze(example) };
      }),
    );
    this.index = new SimilarityIndex(texts, { unknownWordWeight: UNKNOWN_WORD_WEIGHT });
  }

  recognize(text: string): IntentScore {
    return this.recognizeTokens(this.analyzer.analyze(text));
  }

  recognizeTokens(tokens: readonly string[]): IntentScore {
    const nearest = this.index.rank(tokens).slice(0, NEIGHBOURS);
    const votes = new Map<IntentLabel, number>();
    for (const { key, score } of nearest) {
      const label = this.labels[key];
      if (label) votes.set(label, (votes.get(label) ?? 0) + score);
    }
    const [winner] = [...votes].sort((a, b) => b[1] - a[1]);
    if (!winner) return { intent: 'none', score: 0 };
    // The score is the best single similarity of the winning label: a number a person can read.
    const score = Math.max(
      ...nearest.filter(({ key }) => this.labels[key] === winner[0]).map(({ score }) => score),
    );
    if (winner[0] !== 'none' && score < INTENT_MIN_SCORE) return { intent: 'none', score: 1 - score };
    return { intent: winner[0], score };
  }
}
