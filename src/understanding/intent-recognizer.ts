// Recognises what a user wants to do from the training phrases in knowledge/intents.json.
import type { IntentLabel } from '../knowledge/schema.js';
import type { Analyzer } from './analyzer.js';
import { SimilarityIndex } from './similarity-index.js';
import { speechAct, type SpeechAct } from './speech-act.js';

export interface TrainingIntent {
  label: IntentLabel;
  examples: { en: readonly string[]; zh: readonly string[] };
}

export interface IntentScore {
  intent: IntentLabel;
  score: number;
}

/** Tuned with `npm run eval`. */
export const INTENT_TUNING = {
  /** Below this similarity to every training phrase of an action, it is not a request for it. */
  minActionScore: 0.5,
  /**
   * An action wins over a question it is about this much less similar to: "how do I cancel my
   * website?" is better served by the guided flow than by the FAQ entry on cancelling.
   */
  actionBias: 0,
  /** Unknown words weigh less here than in FAQ search: "cancel my shop's filing" is still a cancel. */
  unknownWordWeight: 0.6,
  /**
   * Each focus concept (cancel, transfer, change...) in the message but not the phrase, or in the
   * phrase but not the message, multiplies the similarity by this: "cancel the transfer" and
   * "transfer the filing" share words but not their action.
   */
  focusMismatchFactor: 0.85,
  /** Added to the action's score by the shape of the sentence (see speech-act.ts). */
  speechActBonus: { request: 0.2, howTo: 0, question: -0.3, statement: 0 } satisfies Record<SpeechAct, number>,
};

/**
 * A nearest-neighbour classifier over the analysed training phrases: it shares the analyzer with
 * FAQ search, so synonyms, typo correction and Chinese concepts work the same for both. Each
 * label scores its single most similar phrase; questions (label none) include every FAQ phrasing.
 */
export class IntentRecognizer {
  private readonly index: SimilarityIndex<number>;
  private readonly labels: IntentLabel[] = [];

  /** Each phrase's focus concepts as bits, so comparing them with a message's is one XOR. */
  private readonly focusOf: number[] = [];
  private readonly focusBits: ReadonlyMap<string, number>;

  constructor(
    intents: readonly TrainingIntent[],
    private readonly analyzer: Analyzer,
    /** Questions from the FAQ: more examples of what is not a request to act. */
    questions: readonly string[] = [],
    focusConcepts: readonly string[] = [],
  ) {
    this.focusBits = new Map(focusConcepts.slice(0, 31).map((concept, i) => [concept, 1 << i]));
    const examples = [
      ...intents.flatMap((intent) =>
        [...intent.examples.en, ...intent.examples.zh].map((text) => ({ label: intent.label, text })),
      ),
      ...questions.map((text) => ({ label: 'none' as const, text })),
    ];
    const texts = examples.map(({ label, text }) => {
      this.labels.push(label);
      const tokens = analyzer.analyze(text);
      this.focusOf.push(this.focusIn(tokens));
      return { key: this.labels.length - 1, tokens };
    });
    this.index = new SimilarityIndex(texts, { unknownWordWeight: INTENT_TUNING.unknownWordWeight });
  }

  recognize(text: string): IntentScore {
    return this.recognizeTokens(this.analyzer.analyze(text), speechAct(text));
  }

  private focusIn(tokens: readonly string[]): number {
    let bits = 0;
    for (const token of tokens) bits |= this.focusBits.get(token) ?? 0;
    return bits;
  }

  recognizeTokens(tokens: readonly string[], act: SpeechAct): IntentScore {
    let question = 0;
    let action: IntentScore | undefined;
    const focus = this.focusIn(tokens);
    const { focusMismatchFactor } = INTENT_TUNING;
    this.index.forEachMatch(tokens, (key, similarity) => {
      const mismatches = bitCount(focus ^ (this.focusOf[key] ?? 0));
      const score = mismatches === 0 ? similarity : similarity * focusMismatchFactor ** mismatches;
      const label = this.labels[key];
      if (label === 'none') question = Math.max(question, score);
      else if (label && (!action || score > action.score)) action = { intent: label, score };
    });
    const { minActionScore, actionBias, speechActBonus } = INTENT_TUNING;
    // Asking where one's order stands is the order-status action itself, phrased as a question.
    const bonus = action?.intent === 'order_status' && act === 'question' ? 0 : speechActBonus[act];
    if (action && action.score + bonus >= minActionScore && action.score + bonus + actionBias >= question) {
      return action;
    }
    return { intent: 'none', score: question };
  }
}

function bitCount(bits: number): number {
  let count = 0;
  for (let rest = bits; rest !== 0; rest &= rest - 1) count += 1;
  return count;
}
