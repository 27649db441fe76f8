// The port through which the understanding asks whether a word is real English: the knowledge
// layer reads the list from disk, the pure core only asks.

/** A set of words that can only be asked; an implementation may read itself on the first question. */
export interface WordList {
  has(word: string): boolean;
}
