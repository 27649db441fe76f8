// What the bot does with a message once it is read: answer an FAQ entry, offer a choice, say it does
// not know, or start an action. The classifier's probabilities are sharpened by the similarity
// ranking (the two err in different places), and the thresholds come from cross-validation
// (`npm run calibrate`, knowledge/calibration.json), not from the evaluation sets.
import type { Calibration, FaqEntry } from '../knowledge/schema.js';
import type { FaqMatch, FaqResult } from './faq-search.js';
import type { ActionIntent } from './interpret.js';
import type { Classification } from './message-classifier.js';
import type { SpeechAct } from './speech-act.js';

/** One reading of a question: each FAQ entry's probability, and the probability it is out of scope. */
export interface QuestionReading {
  entries: FaqMatch[];
  outOfScope: number;
}

/**
 * The classifier's FAQ and out-of-scope probabilities, each entry's multiplied by exp(weight ×
 * its similarity), renormalised: an entry both models like rises, one only the classifier likes
 * sinks. Actions are left out: this is the reading of a message already taken for a question.
 */
export function readQuestion(
  classification: Classification,
  similarity: ReadonlyMap<string, number>,
  entries: ReadonlyMap<string, FaqEntry>,
  calibration: Calibration,
): QuestionReading {
  let outOfScope = 0;
  const matches: FaqMatch[] = [];
  for (const { label, probability } of classification.ranked) {
    if (label.kind === 'outOfScope') outOfScope = probability;
    if (label.kind !== 'faq') continue;
    const entry = entries.get(label.entryId);
    if (entry) matches.push({ entry, score: probability * Math.exp(calibration.similarityWeight * (similarity.get(entry.id) ?? 0)) });
  }
  const total = outOfScope + matches.reduce((sum, m) => sum + m.score, 0) || 1;
  for (const m of matches) m.score /= total;
  matches.sort((a, b) => b.score - a.score);
  return { entries: matches, outOfScope: outOfScope / total };
}

/**
 * Answer when sure, offer the likely entries when not, and say "I don't know" when nothing is likely.
 * `topicOnly`: the message is a word or two, not a sentence (see the calibration's topicMargin).
 */
export function decideQuestion(reading: QuestionReading, calibration: Calibration, topicOnly = false): FaqResult {
  const { answer, choice, maxOptions, answerMargin = 0 } = calibration;
  const likely = reading.entries.filter((m) => m.score >= choice).slice(0, maxOptions);
  const [best, second] = reading.entries;
  // A runner-up close behind the best means the two readings are hard to tell apart: offering both
  // as buttons costs the user a click, answering the wrong one costs more.
  const margin = topicOnly ? Math.max(answerMargin, calibration.topicMargin) : answerMargin;
  const clearLead = !best || best.score - (second?.score ?? 0) >= margin;
  const inScope = reading.outOfScope < calibration.maxOutOfScope;
  if (best && best.score >= answer && best.score > reading.outOfScope && inScope && clearLead) {
    return { kind: 'answer', match: best, alternatives: likely.filter((m) => m !== best) };
  }
  if (likely.length >= 2 && (best?.score ?? 0) > reading.outOfScope) return { kind: 'choose', options: likely };
  return { kind: 'unknown', alternatives: likely };
}

/**
 * The action a message asks for, if it asks for one: the classifier puts most of its probability on
 * actions (all actions together: "canel my filing pls" spreads it over three cancellations), its
 * best class is an action, and the sentence requests rather than asks ("how do I cancel?" is a
 * question; "where is my order?" is the order-status action itself, phrased as a question).
 */
export function decideAction(classification: Classification, act: SpeechAct, calibration: Calibration): { intent: ActionIntent; score: number } | undefined {
  const [best] = classification.ranked;
  if (!best || best.label.kind !== 'action') return undefined;
  const actions = classification.ranked.reduce((sum, s) => sum + (s.label.kind === 'action' ? s.probability : 0), 0);
  if (actions < calibration.action) return undefined;
  const asks = act === 'question' || act === 'howTo';
  if (asks && best.label.intent !== 'order_status') return undefined;
  return { intent: best.label.intent, score: actions };
}
