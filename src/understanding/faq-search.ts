// Ranks the FAQ entries by how similar a question is to their phrasings (TF-IDF cosine): one of the
// two signals the decision combines (decision.ts), and the one that explains itself in shared words.
import type { FaqEntry } from '../knowledge/schema.js';
import type { Analyzer } from './analyzer.js';
import { SimilarityIndex } from './similarity-index.js';

export interface FaqMatch {
  entry: FaqEntry;
  score: number;
}

export type FaqResult =
  /** One clear best match: answer it and cite its source. */
  | { kind: 'answer'; match: FaqMatch; alternatives: FaqMatch[] }
  /** Two or more close matches: ask which one the user meant. */
  | { kind: 'choose'; options: FaqMatch[] }
  /** Nothing matches well enough: say so honestly. */
  | { kind: 'unknown'; alternatives: FaqMatch[] };

/** How matching weighs its evidence; the defaults are tuned with `npm run eval`. */
export const FAQ_WEIGHTS = {
  /** An answer text supports its entry, but users phrase questions, not answers. */
  answerText: 0.5,
  /** See SimilarityIndexOptions.unknownWordWeight. */
  unknownWord: 1.1,
  /**
   * The score mixes the best single phrasing (precise for short questions) with the entry's
   * phrasings taken together (robust for long ones that borrow words from several phrasings).
   */
  bestPhrasingShare: 0.3,
  /** Each focus concept of the question that an entry never mentions multiplies its score by this. */
  missingFocusFactor: 0.4,
};

export interface FaqSearchOptions {
  /** Concept tokens that name what a question is about (see the vocabulary's `focus`). */
  focusConcepts?: readonly string[];
}

export class FaqSearch {
  private readonly phrasings: SimilarityIndex<string>;
  private readonly wholeEntries: SimilarityIndex<string>;
  private readonly entries: ReadonlyMap<string, FaqEntry>;
  private readonly entryTokens = new Map<string, ReadonlySet<string>>();
  private readonly focusConcepts: ReadonlySet<string>;

  constructor(
    entries: readonly FaqEntry[],
    private readonly analyzer: Analyzer,
    options: FaqSearchOptions = {},
  ) {
    this.entries = new Map(entries.map((entry) => [entry.id, entry]));
    this.focusConcepts = new Set(options.focusConcepts ?? []);
    const texts = entries.flatMap((entry) => [
      { key: entry.id, tokens: analyzer.analyze(entry.question) },
      ...entry.paraphrases.map((p) => ({ key: entry.id, tokens: analyzer.analyze(p) })),
      { key: entry.id, tokens: analyzer.analyze(entry.answer), weight: FAQ_WEIGHTS.answerText },
    ]);
    this.phrasings = new SimilarityIndex(texts, { unknownWordWeight: FAQ_WEIGHTS.unknownWord });
    const wholes = entries.map((entry) => ({
      key: entry.id,
      tokens: texts.filter((t) => t.key === entry.id).flatMap((t) => t.tokens),
    }));
    for (const whole of wholes) this.entryTokens.set(whole.key, new Set(whole.tokens));
    this.wholeEntries = new SimilarityIndex(wholes, { unknownWordWeight: FAQ_WEIGHTS.unknownWord });
  }

  entry(id: string): FaqEntry | undefined {
    return this.entries.get(id);
  }

  /** Ranked matches for already-analysed tokens. */
  rank(tokens: readonly string[]): FaqMatch[] {
    const whole = new Map(this.wholeEntries.rank(tokens).map(({ key, score }) => [key, score]));
    const focus = [...new Set(tokens.filter((t) => this.focusConcepts.has(t)))];
    return this.phrasings
      .rank(tokens)
      .flatMap(({ key, score }) => {
        const entry = this.entries.get(key);
        if (!entry) return [];
        const mentioned = this.entryTokens.get(key);
        const missingFocus = focus.filter((concept) => !mentioned?.has(concept)).length;
        const { bestPhrasingShare, missingFocusFactor } = FAQ_WEIGHTS;
        const mixed = bestPhrasingShare * score + (1 - bestPhrasingShare) * (whole.get(key) ?? 0);
        return [{ entry, score: mixed * missingFocusFactor ** missingFocus }];
      })
      .sort((a, b) => b.score - a.score);
  }
}
