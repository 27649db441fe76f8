// TF-IDF cosine similarity over short texts, grouped by key (an FAQ entry, an intent label):
// a query scores against each text and a key keeps the best score of its texts.

export interface IndexedText<K> {
  key: K;
  tokens: readonly string[];
  /** Multiplies this text's similarity: texts that only support a key (an answer) count less. */
  weight?: number;
}

export interface RankedKey<K> {
  key: K;
  score: number;
}

interface Posting {
  text: number;
  weight: number;
}

export interface SimilarityIndexOptions {
  /**
   * How much a query word the index has never seen counts, relative to the rarest known word.
   * Above zero, a question full of words the knowledge lacks scores low: that is how
   * questions the material does not cover are told apart.
   */
  unknownWordWeight: number;
}

function termFrequencies(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}

export class SimilarityIndex<K> {
  private readonly idf = new Map<string, number>();
  private readonly postings = new Map<string, Posting[]>();
  private readonly keys: K[] = [];
  private readonly textWeights: number[] = [];
  private readonly norms: number[] = [];
  private readonly unknownIdf: number;
  /** Scratch space for one query, reused: rank() runs on every message and must not allocate per text. */
  private readonly dots: Float64Array;
  private readonly touched: Int32Array;

  constructor(texts: readonly IndexedText<K>[], private readonly options: SimilarityIndexOptions) {
    // Document frequency counts keys, not texts, so a key with many paraphrases is not penalised.
    const keysByToken = new Map<string, Set<K>>();
    const distinctKeys = new Set<K>();
    for (const text of texts) {
      distinctKeys.add(text.key);
      for (const token of text.tokens) {
        const set = keysByToken.get(token) ?? new Set<K>();
        set.add(text.key);
        keysByToken.set(token, set);
      }
    }
    const keyCount = Math.max(1, distinctKeys.size);
    for (const [token, set] of keysByToken) this.idf.set(token, Math.log(1 + keyCount / set.size));
    this.unknownIdf = Math.log(1 + keyCount) * options.unknownWordWeight;

    texts.forEach((text, index) => {
      this.keys.push(text.key);
      this.textWeights.push(text.weight ?? 1);
      let squares = 0;
      for (const [token, count] of termFrequencies(text.tokens)) {
        const weight = (1 + Math.log(count)) * (this.idf.get(token) ?? 0);
        squares += weight * weight;
        const list = this.postings.get(token) ?? [];
        list.push({ text: index, weight });
        this.postings.set(token, list);
      }
      this.norms.push(Math.sqrt(squares));
    });
    this.dots = new Float64Array(texts.length);
    this.touched = new Int32Array(texts.length);
  }

  /** Whether any indexed text contains the token. */
  knows(token: string): boolean {
    return this.idf.has(token);
  }

  /**
   * Calls `visit` with each text that shares a word with the query and its similarity (times the
   * text's weight). Synchronous and allocation-free per text, so callers can keep what they need.
   */
  forEachMatch(queryTokens: readonly string[], visit: (key: K, score: number) => void): void {
    let touchedCount = 0;
    let querySquares = 0;
    for (const [token, count] of termFrequencies(queryTokens)) {
      const idf = this.idf.get(token) ?? this.unknownIdf;
      const queryWeight = (1 + Math.log(count)) * idf;
      querySquares += queryWeight * queryWeight;
      for (const posting of this.postings.get(token) ?? []) {
        const dot = this.dots[posting.text] ?? 0;
        if (dot === 0) this.touched[touchedCount++] = posting.text;
        this.dots[posting.text] = dot + queryWeight * posting.weight;
      }
    }
    const queryNorm = Math.sqrt(querySquares);
    for (let i = 0; i < touchedCount; i++) {
      const text = this.touched[i] ?? 0;
      const dot = this.dots[text] ?? 0;
      this.dots[text] = 0;
      const norm = this.norms[text] ?? 0;
      const key = this.keys[text];
      if (norm === 0 || queryNorm === 0 || key === undefined) continue;
      visit(key, (dot / (norm * queryNorm)) * (this.textWeights[text] ?? 1));
    }
  }

  /** Keys by descending similarity to the query, best text per key; keys scoring 0 are left out. */
  rank(queryTokens: readonly string[]): RankedKey<K>[] {
    const best = new Map<K, number>();
    this.forEachMatch(queryTokens, (key, score) => {
      if (score > (best.get(key) ?? 0)) best.set(key, score);
    });
    return [...best]
      .map(([key, score]) => ({ key, score }))
      .sort((a, b) => b.score - a.score);
  }
}
