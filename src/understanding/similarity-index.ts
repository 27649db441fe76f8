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
  /** Each text's key as a small number, and the keys in that numbering: rank() keeps scores in an array. */
  private readonly keyNumbers: Int32Array;
  private readonly distinctKeys: K[] = [];
  private readonly bestScores: Float64Array;
  private readonly rankedKeys: Int32Array;
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
    const numberOf = new Map<K, number>();
    this.keyNumbers = Int32Array.from(texts, (text) => {
      let number = numberOf.get(text.key);
      if (number === undefined) {
        number = this.distinctKeys.length;
        numberOf.set(text.key, number);
        this.distinctKeys.push(text.key);
      }
      return number;
    });
    this.bestScores = new Float64Array(this.distinctKeys.length);
    this.rankedKeys = new Int32Array(this.distinctKeys.length);
  }

  /**
   * Calls `visit` with each text that shares a word with the query and its similarity (times the
   * text's weight). Synchronous and allocation-free per text, so callers can keep what they need.
   */
  forEachMatch(queryTokens: readonly string[], visit: (key: K, score: number) => void): void {
    this.forEachTextMatch(queryTokens, (text, score) => {
      const key = this.keys[text];
      if (key !== undefined) visit(key, score);
    });
  }

  /** forEachMatch by text number rather than key. */
  private forEachTextMatch(queryTokens: readonly string[], visit: (text: number, score: number) => void): void {
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
      if (norm === 0 || queryNorm === 0) continue;
      visit(text, (dot / (norm * queryNorm)) * (this.textWeights[text] ?? 1));
    }
  }

  /** Keys by descending similarity to the query, best text per key; keys scoring 0 are left out. */
  rank(queryTokens: readonly string[]): RankedKey<K>[] {
    // Keys in the order they first score, so equal scores keep that order after the (stable) sort.
    let rankedCount = 0;
    this.forEachTextMatch(queryTokens, (text, score) => {
      const key = this.keyNumbers[text] ?? 0;
      const best = this.bestScores[key] ?? 0;
      if (score <= best) return;
      if (best === 0) this.rankedKeys[rankedCount++] = key;
      this.bestScores[key] = score;
    });
    const ranked: RankedKey<K>[] = [];
    for (let i = 0; i < rankedCount; i++) {
      const number = this.rankedKeys[i] ?? 0;
      const key = this.distinctKeys[number];
      if (key !== undefined) ranked.push({ key, score: this.bestScores[number] ?? 0 });
      this.bestScores[number] = 0;
    }
    return ranked.sort((a, b) => b.score - a.score);
  }
}
