// One place that reads a message: its intent, the entities it names, and the FAQ entry it asks for.
import type { Knowledge } from '../knowledge/schema.js';
import type { FaqEntry, IntentLabel } from '../knowledge/schema.js';
import { FaqSearch, type FaqResult } from './faq-search.js';
import { Analyzer, foldText } from './analyzer.js';
import { entitiesAsWords, extractEntities, withoutEntities, type Entities } from './entities.js';
import { IntentRecognizer } from './intent-recognizer.js';
import { ProvinceDirectory } from './provinces.js';

/** Vocabulary concepts that name something the user can ask the bot to do. */
const ACTION_CONCEPTS: ReadonlySet<string> = new Set(['cancel', 'transfer', 'change', 'withdraw', 'order', 'status']);

export interface Recognition {
  intent: IntentLabel;
  score: number;
  entities: Entities;
}

export class Understanding {
  readonly analyzer: Analyzer;
  readonly faq: FaqSearch;
  readonly intents: IntentRecognizer;
  readonly provinces: ProvinceDirectory;
  private readonly questionsByText: Map<string, string>;

  constructor(readonly knowledge: Knowledge) {
    this.analyzer = new Analyzer({
      concepts: knowledge.vocabulary.concepts,
      extraStopwords: knowledge.vocabulary.stopwords,
      englishWords: knowledge.englishWords,
      // Province names in any language read as the province and as "province".
      names: knowledge.provinces.map((p) => ({
        token: p.id,
        concept: 'province',
        names: [p.en, p.zh, ...p.pinyin, ...p.aliases],
      })),
      knownText: [
        ...knowledge.faq.flatMap((e) => [e.question, ...e.paraphrases, e.answer]),
        ...knowledge.intents.flatMap((i) => i.examples.en),
      ],
    });
    const focusConcepts = knowledge.vocabulary.concepts.filter((c) => c.focus).map((c) => c.concept);
    this.faq = new FaqSearch(knowledge.faq, this.analyzer, { focusConcepts });
    // Every FAQ question is, by definition, a question and not a request to act: teaching the
    // recognizer so keeps "how long does cancelling take?" from starting a cancellation.
    // Training phrases are read the way messages are: entities as the words they stand for.
    this.intents = new IntentRecognizer(
      knowledge.intents.map((intent) => ({
        ...intent,
        examples: { en: intent.examples.en.map(entitiesAsWords), zh: intent.examples.zh.map(entitiesAsWords) },
      })),
      this.analyzer,
      knowledge.faq.flatMap((e) => [e.question, ...e.paraphrases]),
      focusConcepts,
    );
    this.provinces = new ProvinceDirectory(knowledge.provinces);
    // A button shows an entry's question; clicking it must answer exactly that entry.
    this.questionsByText = new Map(knowledge.faq.map((e) => [questionKey(e.question), e.id]));
  }

  recognize(text: string): Recognition {
    const entities = extractEntities(text, this.provinces);
    const { intent, score } = this.intents.recognize(entitiesAsWords(text));
    return { intent, score: round(score), entities };
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

  ask(text: string): FaqResult {
    const entry = this.exactQuestion(text);
    if (entry) return { kind: 'answer', match: { entry, score: 1 }, alternatives: [] };
    return this.faq.search(withoutEntities(text));
  }
}

function questionKey(text: string): string {
  return foldText(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
