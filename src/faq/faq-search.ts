// Finds the FAQ entry a question asks for, and decides whether the match is clear enough to answer.
import type { FaqEntry } from '../knowledge/schema.js';
import type { Analyzer } from '../nlu/analyzer.js';
import { SimilarityIndex } from '../nlu/similarity-index.js';

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
  answer: 0.5,
  /** The best match must lead the next distinct one by this much to answer outright. */
  margin: 0.06,
  /** Matches at least this similar are offered as "did you mean" choices. */
  choice: 0.32,
  /** How many choices or alternatives to show at most. */
  maxOptions: 3,
} as const;

/** An answer text supports its entry, but users phrase questions, not answers. */
const ANSWER_TEXT_WEIGHT = 0.7;
const UNKNOWN_WORD_WEIGHT = 0.9;

export class FaqSearch {
  private readonly index: SimilarityIndex<string>;
  private readonly entries: ReadonlyMap<string, FaqEntry>;

  constructor(
    entries: readonly FaqEntry[],
    private readonly analyzer: Analyzer,
  ) {
    this.entries = new Map(entries.map((entry) => [entry.id, entry]));
    this.index = new SimilarityIndex(
      entries.flatMap((entry) => [
        { key: entry.id, tokens: analyzer.analyze(entry.question) },
        ...entry.paraphrases.map((p) => ({ key: entry.id, tokens: analyzer.analyze(p) })),
        { key: entry.id, tokens: analyzer.analyze(entry.answer), weight: ANSWER_TEXT_WEIGHT },
      ]),
      { unknownWordWeight: UNKNOWN_WORD_WEIGHT },
    );
  }

  entry(id: string): FaqEntry | undefined {
    return this.entries.get(id);
  }

  /** Ranked matches for already-analysed tokens. */
  rank(tokens: readonly string[]): FaqMatch[] {
    return this.index.rank(tokens).flatMap(({ key, score }) => {
      const entry = this.entries.get(key);
      return entry ? [{ entry, score }] : [];
    });
  }

  search(question: string): FaqResult {
    return this.decide(this.rank(this.analyzer.analyze(question)));
  }

  decide(ranked: readonly FaqMatch[]): FaqResult {
    const { answer, margin, choice, maxOptions } = FAQ_THRESHOLDS;
    const [best, second] = ranked;
    const close = ranked.filter((m) => m.score >= choice).slice(0, maxOptions);
    if (best && best.score >= answer && (!second || best.score - second.score >= margin)) {
      return { kind: 'answer', match: best, alternatives: ranked.slice(1, maxOptions) };
    }
    // A best match that fails the margin always has a close second, so this is a real choice.
    if (close.length >= 2) return { kind: 'choose', options: close };
    return { kind: 'unknown', alternatives: close };
  }
}
