// Reads a misspelt word as the word the knowledge uses ("reveiw" -> review, "lng" -> long), in the
// context of its neighbours ("how long dose it take" -> does), never turning a real English word the
// knowledge does not use into a domain word, and within a fixed budget of work per message.
import type { WordList } from '../knowledge/word-list.js';
import { isEnglishWord } from './english-word-forms.js';

/** A message's new (uncached) candidate searches stop here: a flood of garbage words costs nothing more. */
const MAX_SEARCHES_PER_TEXT = 16;
/** Candidate lists kept; bounded so a stream of garbage words cannot grow memory. */
const MAX_CACHED_WORDS = 5000;
const MIN_LENGTH = 3;

interface Candidate {
  word: string;
  distance: number;
  rank: number;
}

export interface TypoCorrectorOptions {
  /** Texts whose words are the right spellings, most important first by how often they occur. */
  knownText: readonly string[];
  /** Words preferred over equally close ones (the domain's own vocabulary). */
  preferred: ReadonlySet<string>;
  /** Words that are never corrected (stopwords). */
  neverCorrected: ReadonlySet<string>;
  englishWords: WordList;
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

/**
 * Optimal string alignment distance (insertions, deletions, substitutions and transpositions of
 * neighbours), giving up as soon as it must exceed `max`: most candidates are rejected within a
 * row or two.
 */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (before[j - 2] ?? 0) + 1);
      current[j] = value;
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length] ?? max + 1;
}

export class TypoCorrector {
  /** Known words by first letter: a typo rarely changes the first letter, and this keeps the search small. */
  private readonly byFirstLetter = new Map<string, string[]>();
  private readonly known = new Set<string>();
  private readonly rank = new Map<string, number>();
  /** "how long", "long does": pairs of neighbouring words the knowledge uses. */
  private readonly pairs = new Set<string>();
  private readonly candidates = new Map<string, readonly Candidate[]>();

  constructor(private readonly options: TypoCorrectorOptions) {
    const frequency = new Map<string, number>();
    for (const text of options.knownText) {
      const words = wordsOf(text);
      words.forEach((word, i) => {
        frequency.set(word, (frequency.get(word) ?? 0) + 1);
        const next = words[i + 1];
        if (next) this.pairs.add(`${word} ${next}`);
      });
    }
    const ordered = [...new Set([...options.preferred, ...frequency.keys()])].sort(
      (a, b) =>
        Number(options.preferred.has(b)) - Number(options.preferred.has(a)) || (frequency.get(b) ?? 0) - (frequency.get(a) ?? 0),
    );
    for (const word of ordered) {
      if (word.length < MIN_LENGTH || /\d/.test(word)) continue;
      this.rank.set(word, this.rank.size);
      this.known.add(word);
      const first = word[0] ?? '';
      const list = this.byFirstLetter.get(first) ?? [];
      list.push(word);
      this.byFirstLetter.set(first, list);
    }
  }

  /** The words of one message, each read as the word it most likely means. */
  correctAll(words: readonly string[]): string[] {
    let searches = 0;
    return words.map((word, i) => {
      if (word.length < MIN_LENGTH || /\d/.test(word) || this.known.has(word) || this.options.neverCorrected.has(word)) return word;
      let candidates = this.candidates.get(word);
      if (!candidates) {
        if (searches >= MAX_SEARCHES_PER_TEXT) return word;
        searches += 1;
        candidates = this.search(word);
        if (this.candidates.size >= MAX_CACHED_WORDS) this.candidates.clear();
        this.candidates.set(word, candidates);
      }
      return this.choose(word, candidates, words[i - 1], words[i + 1]);
    });
  }

  private search(word: string): Candidate[] {
    const maxEdits = word.length >= 8 ? 2 : 1;
    const first = word[0] ?? '';
    // A transposition of the first two letters ("rveiew") changes the first letter too.
    const pool = [...(this.byFirstLetter.get(first) ?? []), ...(word[1] && word[1] !== first ? (this.byFirstLetter.get(word[1]) ?? []) : [])];
    const found: Candidate[] = [];
    for (const candidate of pool) {
      const distance = boundedDistance(word, candidate, maxEdits);
      if (distance <= maxEdits) found.push({ word: candidate, distance, rank: this.rank.get(candidate) ?? Number.MAX_SAFE_INTEGER });
    }
    return found.sort((a, b) => a.distance - b.distance || a.rank - b.rank);
  }

  /**
   * The closest candidate, preferring one that makes a word pair the knowledge uses with a
   * neighbour. A real English word is changed only for such a pair one edit away ("how long
   * dose" -> does), so "ahead" or "script" stay as they are.
   */
  private choose(word: string, candidates: readonly Candidate[], previous: string | undefined, next: string | undefined): string {
    const [closest] = candidates;
    if (!closest) return word;
    const fits = (c: Candidate): boolean =>
      (previous !== undefined && this.pairs.has(`${previous} ${c.word}`)) || (next !== undefined && this.pairs.has(`${c.word} ${next}`));
    const inContext = candidates.find((c) => c.distance === closest.distance && fits(c));
    if (isEnglishWord(word, this.options.englishWords)) {
      return inContext && inContext.distance === 1 ? inContext.word : word;
    }
    return (inContext ?? closest).word;
  }
}
