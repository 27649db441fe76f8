// Finds the FAQ entry a question asks for, and decides whether the match is clear enough to answer.
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

/**
 * Thresholds on cosine similarity, tuned with `npm run eval` (test/eval/). A confident wrong
 * answer is worse than "I don't know", so ANSWER is set where unanswerable questions stop
 * getting answers, not where the most answerable ones get one.
 */
export const FAQ_THRESHOLDS = {
  /** At least this similarity to answer outright. */
  answer: 0.42,
  /**
   * The best match must score this many times the next one to answer outright: "how long?" fits
   * three review times about equally, and deserves a choice rather than a guess.
   */
  leadRatio: 1.1,
  /** Matches at least this similar are offered as "did you mean" choices. */
  choice: 0.28,
  /** How many choices or alternatives to show at most. */
  maxOptions: 3,
} as const;

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

  search(question: string): FaqResult {
    return this.decide(this.rank(this.analyzer.analyze(question)));
  }

  private decide(ranked: readonly FaqMatch[]): FaqResult {
    const { answer, leadRatio, choice, maxOptions } = FAQ_THRESHOLDS;
    const [best, second] = ranked;
    const close = ranked.filter((m) => m.score >= choice).slice(0, maxOptions);
    if (best && best.score >= answer && (!second || best.score >= second.score * leadRatio)) {
      return { kind: 'answer', match: best, alternatives: ranked.slice(1, maxOptions) };
    }
    // A best match that fails the lead ratio has a close second: a real choice.
    if (close.length >= 2) return { kind: 'choose', options: close };
    return { kind: 'unknown', alternatives: close };
  }
}
