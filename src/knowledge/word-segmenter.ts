// The port through which the understanding splits Chinese text into words: the knowledge layer
// loads the dictionary, the pure core only asks.

/** Splits a run of Chinese characters into words ("管局一般要审核几天" -> 管局 / 一般 / 要 / 审核 / 几天). */
export interface WordSegmenter {
  cut(text: string): string[];
}
