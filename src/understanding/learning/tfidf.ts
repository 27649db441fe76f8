// Turns a text's features (words, concepts, character n-grams) into a sparse TF-IDF vector of unit
// length, over the features seen in training; what training never saw is left out.

export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

export class TfidfVectorizer {
  private readonly index = new Map<string, number>();
  private readonly idf: Float32Array;

  /** Learns the vocabulary and each feature's inverse document frequency from the training documents. */
  constructor(documents: ReadonlyArray<readonly string[]>) {
    const documentFrequency = new Map<string, number>();
    for (const features of documents) {
      for (const feature of new Set(features)) documentFrequency.set(feature, (documentFrequency.get(feature) ?? 0) + 1);
    }
    for (const feature of documentFrequency.keys()) this.index.set(feature, this.index.size);
    this.idf = new Float32Array(this.index.size);
    const n = documents.length;
    for (const [feature, i] of this.index) {
      this.idf[i] = Math.log((1 + n) / (1 + (documentFrequency.get(feature) ?? 0))) + 1;
    }
  }

  get size(): number {
    return this.index.size;
  }

  /** Sublinear term frequency times IDF, scaled to unit length. */
  transform(features: readonly string[]): SparseVector {
    const counts = new Map<number, number>();
    for (const feature of features) {
      const i = this.index.get(feature);
      if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    const indices = Int32Array.from(counts.keys());
    const values = new Float32Array(indices.length);
    let squares = 0;
    indices.forEach((i, j) => {
      const value = (1 + Math.log(counts.get(i) ?? 1)) * (this.idf[i] ?? 0);
      values[j] = value;
      squares += value * value;
    });
    const norm = Math.sqrt(squares) || 1;
    for (let j = 0; j < values.length; j++) values[j] = (values[j] ?? 0) / norm;
    return { indices, values };
  }
}
