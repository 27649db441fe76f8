// Feedback on answers counted per FAQ entry, for operators: which answers users found wanting.
import type { AnswerFeedback, ScrubbedText } from './question-log.js';

/** Not-helpful questions shown per entry: the most recent, enough to see the pattern. */
export const MAX_NOT_HELPFUL_QUESTIONS = 20;

export interface EntryFeedback {
  entryId: string;
  helpful: number;
  notHelpful: number;
  /** What users had asked when they said the answer did not help, newest first. */
  notHelpfulQuestions: ScrubbedText[];
  lastAt: string;
}

/** One line per entry, the entries most often found not helpful first (then by most feedback). */
export function summarizeFeedback(records: readonly AnswerFeedback[]): EntryFeedback[] {
  const byEntry = new Map<string, EntryFeedback>();
  for (const record of records) {
    const entry = byEntry.get(record.entryId) ?? { entryId: record.entryId, helpful: 0, notHelpful: 0, notHelpfulQuestions: [], lastAt: record.at };
    if (record.helpful) entry.helpful += 1;
    else {
      entry.notHelpful += 1;
      entry.notHelpfulQuestions.unshift(record.question);
      entry.notHelpfulQuestions.length = Math.min(entry.notHelpfulQuestions.length, MAX_NOT_HELPFUL_QUESTIONS);
    }
    if (record.at > entry.lastAt) entry.lastAt = record.at;
    byEntry.set(record.entryId, entry);
  }
  return [...byEntry.values()].sort(
    (a, b) => b.notHelpful - a.notHelpful || b.helpful + b.notHelpful - (a.helpful + a.notHelpful) || a.entryId.localeCompare(b.entryId),
  );
}
