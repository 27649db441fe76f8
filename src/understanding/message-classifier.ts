// Learns from the knowledge what a message is: the FAQ entry it asks about, the action it asks
// for, or something the material does not cover. Two softmax regressions trained at start-up on the
// knowledge's own phrasings, so an edit to knowledge/ teaches them: one over all TF-IDF features, one
// over the whole-word features alone; they err in different places, so their probabilities are blended.
import type { Knowledge } from '../knowledge/schema.js';
import { entitiesAsWords } from './entities.js';
import type { ActionIntent } from './interpret.js';
import { SoftmaxRegression, type TrainingExample } from './learning/softmax-regression.js';
import { TfidfVectorizer } from './learning/tfidf.js';
import { isWholeWordFeature } from './message-features.js';

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

/**
 * The whole-word regression's share of the blended log-probabilities; the all-features one has the
 * rest. Cross-validated against the all-features regression alone, the decision's thresholds chosen
 * again each time: answered right 89.4% -> 89.5%, within one click 96.2% -> 96.4%, answered wrong
 * 3.0% -> 2.6%, for start-up 3.9 s -> 4.7 s of CPU. 0.1 and 0.3 measured within half a
 * point; letters and characters alone as the second view did worse (answered right 80.3% against
 * 81.6%). Naive Bayes as a third model added nothing measurable (answered right 88.9% against 88.8%)
 * and was what made "Can you move my server from the Beijing region to Shanghai?" (out of scope)
 * sure enough of change-province (0.70 against 0.48) to answer it.
 */
const WHOLE_WORDS_SHARE = 0.2;
/** Probabilities are floored here before their logarithm, so one model's certainty cannot veto the others. */
const PROBABILITY_FLOOR = 1e-12;

/** A regression over one view of a text's features, with the vectorizer that turns them into its input. */
interface View {
  vectorizer: TfidfVectorizer;
  model: SoftmaxRegression;
}

/** What training produced: kept per process by fingerprint, since the same knowledge gives the same model. */
interface Trained {
  allFeatures: View;
  wholeWords: View;
  labels: readonly MessageClass[];
}

/** Models trained in this process, by the fingerprint of what they learned from; a few at most. */
const TRAINED = new Map<string, Trained>();
const MAX_TRAINED = 4;

export class MessageClassifier {
  private constructor(
    private readonly features: (text: string) => string[],
    private readonly trained: Trained,
  ) {}

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
    const classes = texts.map((t) => {
      const key = labelKey(t.label);
      let label = index.get(key);
      if (label === undefined) {
        label = labels.length;
        index.set(key, label);
        labels.push(t.label);
      }
      return label;
    });
    const documents = texts.map((t) => features(entitiesAsWords(t.text)));
    const fitView = (viewDocuments: ReadonlyArray<readonly string[]>): View => {
      const vectorizer = new TfidfVectorizer(viewDocuments);
      const examples: TrainingExample[] = texts.map((t, i) => ({ vector: vectorizer.transform(viewDocuments[i] ?? []), label: classes[i] ?? 0, weight: t.weight }));
      return { vectorizer, model: SoftmaxRegression.train(examples, labels.length, vectorizer.size) };
    };
    const allFeatures = fitView(documents);
    const wholeWords = fitView(documents.map((d) => d.filter(isWholeWordFeature)));
    return { allFeatures, wholeWords, labels };
  }

  classify(text: string): Classification {
    const { allFeatures, wholeWords, labels } = this.trained;
    const features = this.features(entitiesAsWords(text));
    const all = allFeatures.model.probabilities(allFeatures.vectorizer.transform(features));
    const words = wholeWords.model.probabilities(wholeWords.vectorizer.transform(features.filter(isWholeWordFeature)));
    const blended = labels.map(
      (_, i) =>
        (1 - WHOLE_WORDS_SHARE) * Math.log(Math.max(all[i] ?? 0, PROBABILITY_FLOOR)) +
        WHOLE_WORDS_SHARE * Math.log(Math.max(words[i] ?? 0, PROBABILITY_FLOOR)),
    );
    const highest = Math.max(...blended);
    const exponentials = blended.map((b) => Math.exp(b - highest));
    const total = exponentials.reduce((sum, e) => sum + e, 0);
    const ranked = labels
      .map((label, i) => ({ label, probability: (exponentials[i] ?? 0) / total }))
      .sort((a, b) => b.probability - a.probability);
    return { ranked };
  }
}
