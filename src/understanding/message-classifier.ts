// Learns from the knowledge what a message is: the FAQ entry it asks about, the action it asks
// for, or something the material does not cover. A softmax regression over TF-IDF features,
// trained at start-up on the knowledge's own phrasings, so an edit to knowledge/ teaches it.
import type { Knowledge } from '../knowledge/schema.js';
import { entitiesAsWords } from './entities.js';
import type { ActionIntent } from './interpret.js';
import { SoftmaxRegression, type TrainingExample } from './learning/softmax-regression.js';
import { TfidfVectorizer } from './learning/tfidf.js';

export type MessageClass =
  | { kind: 'faq'; entryId: string }
  | { kind: 'action'; intent: ActionIntent }
  | { kind: 'outOfScope' };

export interface ClassScore {
  label: MessageClass;
  probability: number;
}

export interface Classification {
  /** Every class, most probable first. */
  ranked: ClassScore[];
}

/** How much one text counts in training. */
const WEIGHTS = {
  /** Users phrase questions, not answers: an answer's words support its entry, but less. */
  answerText: 0.3,
  phrasing: 1,
} as const;

export interface LabelledText {
  text: string;
  label: MessageClass;
  weight: number;
}

/** The training texts the knowledge holds, each with its class. */
export function trainingTexts(knowledge: Pick<Knowledge, 'faq' | 'intents' | 'outOfScope'>): LabelledText[] {
  const texts: LabelledText[] = [];
  for (const entry of knowledge.faq) {
    const label: MessageClass = { kind: 'faq', entryId: entry.id };
    for (const text of [entry.question, ...entry.paraphrases]) texts.push({ text, label, weight: WEIGHTS.phrasing });
    texts.push({ text: entry.answer, label, weight: WEIGHTS.answerText });
  }
  for (const intent of knowledge.intents) {
    // "none" examples are questions and chat: the FAQ phrasings and out-of-scope examples say it better.
    if (intent.label === 'none') continue;
    const label: MessageClass = { kind: 'action', intent: intent.label };
    for (const text of [...intent.examples.en, ...intent.examples.zh]) texts.push({ text, label, weight: WEIGHTS.phrasing });
  }
  for (const text of knowledge.outOfScope) texts.push({ text, label: { kind: 'outOfScope' }, weight: WEIGHTS.phrasing });
  return texts;
}

function labelKey(label: MessageClass): string {
  if (label.kind === 'faq') return `faq:${label.entryId}`;
  if (label.kind === 'action') return `action:${label.intent}`;
  return 'outOfScope';
}

/** What training produced: kept per process by fingerprint, since the same knowledge gives the same model. */
interface Trained {
  vectorizer: TfidfVectorizer;
  model: SoftmaxRegression;
  labels: readonly MessageClass[];
}

/** Models trained in this process, by the fingerprint of what they learned from; a few at most. */
const TRAINED = new Map<string, Trained>();
const MAX_TRAINED = 4;

export class MessageClassifier {
  private readonly vectorizer: TfidfVectorizer;
  private readonly model: SoftmaxRegression;
  private readonly labels: readonly MessageClass[];

  private constructor(
    private readonly features: (text: string) => string[],
    trained: Trained,
  ) {
    ({ vectorizer: this.vectorizer, model: this.model, labels: this.labels } = trained);
  }

  /**
   * Trains on the given texts; `features` turns a text into the features the model sees. With a
   * fingerprint (of the texts and of everything the features depend on), a model already trained in
   * this process is reused: tests and tools that build many bots from one knowledge train once.
   */
  static train(texts: readonly LabelledText[], features: (text: string) => string[], fingerprint?: string): MessageClassifier {
    const known = fingerprint === undefined ? undefined : TRAINED.get(fingerprint);
    if (known) return new MessageClassifier(features, known);
    const trained = MessageClassifier.fit(texts, features);
    if (fingerprint !== undefined) {
      if (TRAINED.size >= MAX_TRAINED) TRAINED.clear();
      TRAINED.set(fingerprint, trained);
    }
    return new MessageClassifier(features, trained);
  }

  private static fit(texts: readonly LabelledText[], features: (text: string) => string[]): Trained {
    const labels: MessageClass[] = [];
    const index = new Map<string, number>();
    const documents = texts.map((t) => features(entitiesAsWords(t.text)));
    const vectorizer = new TfidfVectorizer(documents);
    const examples: TrainingExample[] = texts.map((t, i) => {
      const key = labelKey(t.label);
      let label = index.get(key);
      if (label === undefined) {
        label = labels.length;
        index.set(key, label);
        labels.push(t.label);
      }
      return { vector: vectorizer.transform(documents[i] ?? []), label, weight: t.weight };
    });
    const model = SoftmaxRegression.train(examples, labels.length, vectorizer.size);
    return { vectorizer, model, labels };
  }

  classify(text: string): Classification {
    const vector = this.vectorizer.transform(this.features(entitiesAsWords(text)));
    const probabilities = this.model.probabilities(vector);
    const ranked = this.labels
      .map((label, i) => ({ label, probability: probabilities[i] ?? 0 }))
      .sort((a, b) => b.probability - a.probability);
    return { ranked };
  }
}
