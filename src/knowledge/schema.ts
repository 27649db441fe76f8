// The shapes of the files in knowledge/: the single source of truth for what a support person may edit.
import { z } from 'zod';
import type { Catalogue } from './catalogue.js';
import type { Citations } from './citations.js';
import type { WordList } from './word-list.js';
import type { WordSegmenter } from './word-segmenter.js';

/** The documents an entry may cite; copies of them live in knowledge/sources/. */
export const SOURCE_DOCUMENTS = [
  '000_8f40d240c022136d.txt',
  '001_a9e1d99f57a6bcba.txt',
  '002_0d7fdd88b91a65eb.txt',
  '003_2c8c2a51a61a4d8b.txt',
  '004_32622779390f9597.txt',
  'DOMAIN.md',
] as const;

/**
 * Where a fact comes from: a document, one of its headings (without the `{#...}` anchor) and a
 * short verbatim quote from that section, so a test can prove the fact is really there.
 */
export const Citation = z.strictObject({
  doc: z.enum(SOURCE_DOCUMENTS),
  section: z.string().min(1),
  quote: z.string().min(8),
});
export type Citation = z.infer<typeof Citation>;

const EntryId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lower-case words joined by hyphens, e.g. "cancel-review-time"');

export const FaqEntry = z.strictObject({
  id: EntryId,
  /** The question as the help material (or a typical user) asks it; shown on buttons. */
  question: z.string().min(5),
  /** Other ways people ask the same thing, in English or Chinese. */
  paraphrases: z.array(z.string().min(2)).min(3),
  /** The fact asked for, in a few sentences at most. */
  answer: z.string().min(10).max(700),
  /** The question and the answer in Chinese, written from the same facts (the quotes stay the source's English). */
  zh: z.strictObject({ question: z.string().min(3), answer: z.string().min(5).max(500) }),
  sources: z.array(Citation).min(1),
  related: z.array(EntryId).default([]),
});
export type FaqEntry = z.infer<typeof FaqEntry>;

export const FaqFile = z.strictObject({ entries: z.array(FaqEntry).min(1) });

export const INTENT_LABELS = [
  'cancel_subject',
  'cancel_website',
  'cancel_filing',
  'transfer_in',
  'cancel_transfer',
  'change_subject',
  'change_website',
  'change',
  'order_status',
  'withdraw_order',
  'none',
] as const;
export const IntentLabel = z.enum(INTENT_LABELS);
export type IntentLabel = z.infer<typeof IntentLabel>;

export const IntentsFile = z.strictObject({
  intents: z
    .array(
      z.strictObject({
        label: IntentLabel,
        description: z.string().min(5),
        examples: z.strictObject({
          en: z.array(z.string().min(2)).min(5),
          zh: z.array(z.string().min(2)).min(3),
        }),
      }),
    )
    .length(INTENT_LABELS.length),
});

export const Province = z.strictObject({
  /** Stable id: the English name in lower case without spaces, e.g. "innermongolia". */
  id: z.string().regex(/^[a-z]+$/),
  en: z.string(),
  zh: z.string(),
  /** Pinyin spellings people type, lower case, with and without spaces. */
  pinyin: z.array(z.string()).min(1),
  /** One-character abbreviations used in ICP numbers; the first is the usual one. */
  abbreviations: z.array(z.string().length(1)).min(1),
  /** Other names people use (e.g. "Peking", "Shensi"). */
  aliases: z.array(z.string()).default([]),
});
export type Province = z.infer<typeof Province>;

export const ProvincesFile = z.strictObject({
  source: Citation,
  provinces: z.array(Province).length(31),
});

/**
 * Domain vocabulary: each group maps the words users type (English, pinyin, Chinese) to one
 * canonical concept word that the search and intent models see.
 */
export const VocabularyFile = z.strictObject({
  concepts: z.array(
    z.strictObject({
      concept: z.string().regex(/^[a-z_]+$/),
      /**
       * A focus concept names what a question is about (how long, what it costs, cancel vs
       * transfer): an FAQ entry that never mentions it cannot be the answer, however similar.
       */
      focus: z.boolean().default(false),
      variants: z.array(z.string().min(1)).min(1),
    }),
  ),
  /** Words that carry no meaning for matching (beyond the built-in English list). */
  stopwords: z.array(z.string()).default([]),
});

/** Messages the help material does not answer: the understanding learns to refuse their kind. */
export const OutOfScopeFile = z.strictObject({
  about: z.string().optional(),
  examples: z.array(z.string().min(2)).min(20),
});

/**
 * How sure the understanding must be before it acts, chosen by cross-validation on the knowledge's
 * own phrasings (`npm run calibrate` writes knowledge/calibration.json; see its `measured` figures).
 */
export const CalibrationFile = z.strictObject({
  about: z.string().optional(),
  /** How strongly the similarity ranking sharpens the classifier's probabilities. */
  similarityWeight: z.number().min(0).max(20),
  /** At least this probability to answer an FAQ entry outright. */
  answer: z.number().min(0).max(1),
  /** Entries at least this probable are offered as "did you mean" buttons. */
  choice: z.number().min(0).max(1),
  /** How many entries to offer at most. */
  maxOptions: z.number().int().min(1).max(5),
  /** The best entry must lead the second by at least this much to be answered outright (0: no such rule). */
  answerMargin: z.number().min(0).max(1).optional(),
  /**
   * Answered outright only while the out-of-scope class holds less than this: a question the material
   * does not answer often lends most of its probability to the nearest entry and still leaves a
   * noticeable share on out of scope, where a question it answers rarely does. Chosen by
   * `npm run calibrate`.
   */
  maxOutOfScope: z.number().min(0).max(1),
  /**
   * How far the best entry must lead the next for a message that only names a topic (a word or two:
   * "documents", 材料) to be answered outright; otherwise its entries are offered.
   */
  topicMargin: z.number().min(0).max(1),
  /** At least this probability to start an action. */
  action: z.number().min(0).max(1),
  /** What cross-validation (and the blind tune half) measured with these values, for the person reading the file. */
  measured: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
});
export type Calibration = z.infer<typeof CalibrationFile>;

/** Everything loaded from knowledge/, validated. */
export interface Knowledge {
  faq: FaqEntry[];
  intents: z.infer<typeof IntentsFile>['intents'];
  /** Messages the material does not answer, to learn from (knowledge/out-of-scope.json). */
  outOfScope: string[];
  /** The understanding's thresholds (knowledge/calibration.json). */
  calibration: Calibration;
  vocabulary: z.infer<typeof VocabularyFile>;
  provinces: z.infer<typeof ProvincesFile>['provinces'];
  /** Document file name -> its title, for citing sources to users. */
  sourceTitles: Record<string, string>;
  /** Every word a user reads, by message id and locale. */
  catalogue: Catalogue;
  /** The citations the code shows beside its own words, by id. */
  citations: Citations;
  /** Real English words, which typo correction must leave alone; read on the first question, not at start-up. */
  englishWords: WordList;
  /** Splits Chinese text into words, knowing the domain's terms; loaded on the first Chinese text. */
  chineseWords: WordSegmenter;
}
