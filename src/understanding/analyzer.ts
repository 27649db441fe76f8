// Turns what a user typed (English, Chinese, typos, synonyms) into the tokens search and intent
// recognition compare: domain concepts, stemmed English words, and Chinese words.
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import type { WordList } from '../knowledge/word-list.js';
import type { WordSegmenter } from '../knowledge/word-segmenter.js';
import { TypoCorrector } from './typo-corrector.js';
import { ENGLISH_STOPWORDS } from './stopwords.js';

export interface VocabularyConcept {
  concept: string;
  variants: readonly string[];
}

/** A name that stands for itself and for a concept: "上海" and "Shanghai" both read "shanghai province". */
export interface NamedThing {
  token: string;
  concept: string;
  names: readonly string[];
}

export interface AnalyzerOptions {
  concepts: readonly VocabularyConcept[];
  names?: readonly NamedThing[];
  extraStopwords?: readonly string[];
  /** Words the knowledge uses; an unknown word this close to one of them is read as it. */
  knownText?: readonly string[];
  /**
   * Real English words, never corrected (see english-word-forms.ts). Asked only about unknown
   * words, so a list that reads itself on its first question is not read at start-up.
   */
  englishWords?: WordList;
  /** Splits what is left of a Chinese text, once its domain terms are read, into words. */
  segmenter?: WordSegmenter;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const SEGMENTS = /[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+/g;
/** Prefix that keeps Chinese words apart from English tokens. */
export const CHINESE_WORD_PREFIX = 'zh:';

/**
 * Without a dictionary, Chinese is read as overlapping character pairs: crude, but it needs no
 * data, so the analyzer still works on a fixture of its own.
 */
export const CHARACTER_PAIRS: WordSegmenter = {
  cut(text: string): string[] {
    const pairs: string[] = [];
    for (let i = 0; i + 1 < text.length; i++) pairs.push(text.slice(i, i + 2));
    return pairs;
  },
};
/** Bounds the memory of analysed texts; the knowledge alone has about 6,000. */
const MAX_CACHED_ANALYSES = 20_000;

/** Full-width letters and digits become ASCII, apostrophes vanish ("don't" -> "dont"). */
export function foldText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/['’`]/g, '');
}

function englishWords(text: string): string[] {
  return foldText(text).match(/[a-z0-9]+/g) ?? [];
}

export class Analyzer {
  private readonly phraseConcepts = new Map<string, readonly string[]>();
  private readonly wordConcepts = new Map<string, readonly string[]>();
  private readonly chineseConcepts = new Map<string, readonly string[]>();
  private readonly chineseStopwords = new Set<string>();
  private readonly stopwords: Set<string>;
  private readonly longestPhrase: number;
  private readonly longestChinese: number;
  private readonly typos: TypoCorrector;
  private readonly segmenter: WordSegmenter;
  /** Texts analysed lately: the same phrasing, button text or question comes again and again. */
  private readonly analysed = new Map<string, readonly string[]>();

  constructor(options: AnalyzerOptions) {
    this.stopwords = new Set(ENGLISH_STOPWORDS);
    this.segmenter = options.segmenter ?? CHARACTER_PAIRS;
    for (const word of options.extraStopwords ?? []) {
      const folded = foldText(word).trim();
      if (CJK.test(folded)) this.chineseStopwords.add(folded);
      else this.stopwords.add(folded);
    }
    for (const { concept, variants } of options.concepts) {
      for (const variant of variants) this.addVariant([concept], variant);
    }
    for (const { token, concept, names } of options.names ?? []) {
      for (const name of names) if (foldText(name).trim().length > 1) this.addVariant([token, concept], name);
    }
    this.longestPhrase = Math.max(1, ...[...this.phraseConcepts.keys()].map((k) => k.split(' ').length));
    this.longestChinese = Math.max(
      1,
      ...[...this.chineseConcepts.keys(), ...this.chineseStopwords].map((k) => k.length),
    );
    this.typos = new TypoCorrector({
      knownText: options.knownText ?? [],
      // Domain words first: a typo equally close to two known words is read as the one the help
      // material is about ("provice" -> "province").
      preferred: new Set(options.concepts.flatMap((c) => c.variants.flatMap(englishWords))),
      neverCorrected: this.stopwords,
      englishWords: options.englishWords ?? new Set<string>(),
    });
  }

  private addVariant(tokens: readonly string[], variant: string): void {
    const folded = foldText(variant).trim();
    if (CJK.test(folded)) {
      this.chineseConcepts.set(folded.replace(/\s+/g, ''), tokens);
      return;
    }
    const words = englishWords(folded);
    if (words.length === 1 && words[0]) {
      this.wordConcepts.set(words[0], tokens);
      this.wordConcepts.set(PorterStemmer.stem(words[0]), tokens);
    } else if (words.length > 1) {
      this.phraseConcepts.set(words.join(' '), tokens);
      this.phraseConcepts.set(words.map((w) => PorterStemmer.stem(w)).join(' '), tokens);
    }
  }

  /** The tokens of a text, in order. */
  analyze(text: string): string[] {
    const known = this.analysed.get(text);
    if (known) return [...known];
    const tokens = this.analyzeFresh(text);
    if (this.analysed.size >= MAX_CACHED_ANALYSES) this.analysed.clear();
    this.analysed.set(text, tokens);
    return [...tokens];
  }

  private analyzeFresh(text: string): string[] {
    const tokens: string[] = [];
    const folded = foldText(text);
    let englishRun: string[] = [];
    for (const segment of folded.match(SEGMENTS) ?? []) {
      if (CJK.test(segment)) {
        this.analyzeEnglish(englishRun, tokens);
        englishRun = [];
        this.analyzeChinese(segment, tokens);
      } else {
        englishRun.push(segment);
      }
    }
    this.analyzeEnglish(englishRun, tokens);
    return tokens;
  }

  private analyzeEnglish(words: readonly string[], tokens: string[]): void {
    const corrected = this.typos.correctAll(words);
    const stems = corrected.map((w) => PorterStemmer.stem(w));
    for (let i = 0; i < corrected.length; ) {
      let matched = 0;
      for (let length = Math.min(this.longestPhrase, corrected.length - i); length >= 2; length--) {
        const concept =
          this.phraseConcepts.get(corrected.slice(i, i + length).join(' ')) ??
          this.phraseConcepts.get(stems.slice(i, i + length).join(' '));
        if (concept) {
          tokens.push(...concept);
          matched = length;
          break;
        }
      }
      if (matched > 0) {
        i += matched;
        continue;
      }
      const word = corrected[i] ?? '';
      const stem = stems[i] ?? '';
      // Stopwords are checked before stems: "provide" must not become "provider" by its stem.
      const concept =
        this.wordConcepts.get(word) ?? (this.stopwords.has(word) ? undefined : this.wordConcepts.get(stem));
      if (concept) tokens.push(...concept);
      else if (!this.stopwords.has(word) && word.length > 1) tokens.push(stem);
      i += 1;
    }
  }

  private analyzeChinese(run: string, tokens: string[]): void {
    let leftover = '';
    const flushLeftover = (): void => {
      for (const word of this.segmenter.cut(leftover)) {
        if (CJK.test(word) && !this.chineseStopwords.has(word)) tokens.push(CHINESE_WORD_PREFIX + word);
      }
      leftover = '';
    };
    for (let i = 0; i < run.length; ) {
      let matched = 0;
      for (let length = Math.min(this.longestChinese, run.length - i); length >= 1; length--) {
        const piece = run.slice(i, i + length);
        const concept = this.chineseConcepts.get(piece);
        if (concept) {
          flushLeftover();
          tokens.push(...concept);
          matched = length;
          break;
        }
        if (this.chineseStopwords.has(piece)) {
          flushLeftover();
          matched = length;
          break;
        }
      }
      if (matched > 0) {
        i += matched;
      } else {
        leftover += run[i];
        i += 1;
      }
    }
    flushLeftover();
  }
}
