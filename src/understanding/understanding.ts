// One place that reads a message: its intent, the entities it names, and the FAQ entry it asks for.
import { createHash } from 'node:crypto';
import type { FaqEntry, IntentLabel, Knowledge } from '../knowledge/schema.js';
import { FaqSearch, type FaqResult } from './faq-search.js';
import { Analyzer, foldText } from './analyzer.js';
import { extractEntities, withoutEntities, type Entities } from './entities.js';
import { decideAction, decideQuestion, readQuestion, type QuestionReading } from './decision.js';
import { MessageClassifier, trainingTexts, type Classification } from './message-classifier.js';
import { MAX_READ_CHARACTERS, messageFeatures } from './message-features.js';
import { speechAct } from './speech-act.js';
import { ProvinceDirectory } from './provinces.js';

/** A message of at most this many words and concepts names a topic ("phone verification"), not a question. */
const TOPIC_ONLY_WORDS = 2;

/** A question as read (at most its first characters) and its words as the analyzer reads them, entities left out. */
interface QuestionText {
  read: string;
  tokens: string[];
}

function topicOnly({ read, tokens }: QuestionText): boolean {
  // "subject?" is still only a topic: the question mark alone asks nothing about it.
  const asked = speechAct(read.replace(/[?？]+\s*$/, '')) !== 'statement';
  return !asked && tokens.length <= TOPIC_ONLY_WORDS;
}

/** Vocabulary concepts that name something the user can ask the bot to do. */
const ACTION_CONCEPTS: ReadonlySet<string> = new Set(['cancel', 'transfer', 'change', 'withdraw', 'order', 'status']);

export interface Recognition {
  intent: IntentLabel;
  score: number;
  entities: Entities;
}

/**
 * A message read once: what it asks the bot to do, and the classifier's view of it, which reading
 * the same text as a question uses again instead of classifying it a second time.
 */
export interface Reading {
  recognition: Recognition;
  classification: Classification;
}

export class Understanding {
  readonly analyzer: Analyzer;
  readonly faq: FaqSearch;
  readonly classifier: MessageClassifier;
  readonly provinces: ProvinceDirectory;
  /** The vocabulary's focus concepts (cancel, transfer, change, ...): what a question is about. */
  readonly focusConcepts: readonly string[];
  /** What the classifier sees of a text (the same function for training and for reading a message). */
  readonly features: (text: string) => string[];
  private readonly questionsByText: Map<string, string>;
  private readonly entries: ReadonlyMap<string, FaqEntry>;

  constructor(readonly knowledge: Knowledge) {
    this.analyzer = new Analyzer({
      concepts: knowledge.vocabulary.concepts,
      extraStopwords: knowledge.vocabulary.stopwords,
      englishWords: knowledge.englishWords,
      segmenter: knowledge.chineseWords,
      // Province names in any language read as the province and as "province".
      names: knowledge.provinces.map((p) => ({
        token: p.id,
        concept: 'province',
        names: [p.en, p.zh, ...p.pinyin, ...p.aliases],
      })),
      knownText: [
        ...knowledge.faq.flatMap((e) => [e.question, ...e.paraphrases, e.answer]),
        ...knowledge.intents.flatMap((i) => i.examples.en),
        ...knowledge.outOfScope,
      ],
    });
    this.focusConcepts = knowledge.vocabulary.concepts.filter((c) => c.focus).map((c) => c.concept);
    this.faq = new FaqSearch(knowledge.faq, this.analyzer, { focusConcepts: this.focusConcepts });
    const focus = new Set(this.focusConcepts);
    this.features = (text) => messageFeatures(this.analyzer, text, focus);
    this.classifier = MessageClassifier.train(trainingTexts(knowledge), this.features, fingerprint(knowledge));
    this.provinces = new ProvinceDirectory(knowledge.provinces);
    // A button shows an entry's question; clicking it must answer exactly that entry.
    // In either language: a Chinese conversation's buttons show the Chinese question.
    this.questionsByText = new Map(knowledge.faq.flatMap((e) => [[questionKey(e.question), e.id], [questionKey(e.zh.question), e.id]]));
    this.entries = new Map(knowledge.faq.map((e) => [e.id, e]));
  }

  /** What the message asks the bot to do, if anything, with the entities it names. */
  recognize(text: string): Recognition {
    return this.read(text).recognition;
  }

  /** recognize(), with the classification kept for ask() on the same text. */
  read(text: string): Reading {
    const read = readable(text);
    const entities = extractEntities(read, this.provinces);
    const classification = this.classify(read);
    const action = decideAction(classification, speechAct(read), this.knowledge.calibration);
    const none = classification.ranked.find((s) => s.label.kind !== 'action')?.probability ?? 0;
    const recognition: Recognition = action
      ? { ...action, score: round(action.score), entities }
      : { intent: 'none', score: round(none), entities };
    return { recognition, classification };
  }

  /** Whether the text names an action (cancel, transfer, change, an order's status) in so many words. */
  namesAction(text: string): boolean {
    return this.analyzer.analyze(text).some((token) => ACTION_CONCEPTS.has(token));
  }

  /** The entry whose own question this is, word for word: what its button sends. */
  exactQuestion(text: string): FaqEntry | undefined {
    const id = this.questionsByText.get(questionKey(text));
    return id ? this.faq.entry(id) : undefined;
  }

  /**
   * The FAQ entry a question asks for: an answer, a choice of likely entries, or "I don't know".
   * `reading` is read(text) when the caller has it already: the text is not classified again.
   */
  ask(text: string, reading?: Reading): FaqResult {
    const entry = this.exactQuestion(text);
    if (entry) return { kind: 'answer', match: { entry, score: 1 }, alternatives: [] };
    return this.judge(text, reading);
  }

  /** What the understanding makes of a typed question, without the shortcut for a button's exact text. */
  judge(text: string, reading?: Reading): FaqResult {
    // The question's words are analysed once, for the similarity and for telling a topic from a sentence.
    const question = this.questionText(text);
    return decideQuestion(this.readAnalysedQuestion(question, reading), this.knowledge.calibration, topicOnly(question));
  }

  /** Whether the message only names a topic: a word or two (as the analyzer reads them), not a sentence. */
  topicOnly(text: string): boolean {
    return topicOnly(this.questionText(text));
  }

  /** Every FAQ entry with its probability for this question, most likely first, and the chance it is out of scope. */
  readQuestion(text: string, reading?: Reading): QuestionReading {
    return this.readAnalysedQuestion(this.questionText(text), reading);
  }

  private questionText(text: string): QuestionText {
    const read = readable(text);
    return { read, tokens: this.analyzer.analyze(withoutEntities(read)) };
  }

  private readAnalysedQuestion({ read, tokens }: QuestionText, reading?: Reading): QuestionReading {
    const similarity = new Map(this.faq.rank(tokens).map((m) => [m.entry.id, m.score]));
    return readQuestion(reading?.classification ?? this.classify(read), similarity, this.entries, this.knowledge.calibration);
  }

  private classify(text: string): Classification {
    return this.classifier.classify(text);
  }
}

/** A message longer than the understanding reads is cut there: its cost stays bounded. */
function readable(text: string): string {
  return text.length > MAX_READ_CHARACTERS ? text.slice(0, MAX_READ_CHARACTERS) : text;
}

/** Everything the classifier's model depends on: the same fingerprint, the same model. */
function fingerprint(knowledge: Knowledge): string {
  const { faq, intents, outOfScope, vocabulary, provinces } = knowledge;
  return createHash('sha256').update(JSON.stringify({ faq, intents, outOfScope, vocabulary, provinces })).digest('hex');
}

function questionKey(text: string): string {
  return foldText(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
