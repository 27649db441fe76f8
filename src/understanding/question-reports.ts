// What operators read of the question log: unanswered questions grouped by wording, and feedback
// counted per FAQ entry with the entry's question beside its id.
import { summarizeFeedback } from '../domain/questions/feedback-summary.js';
import type { QuestionLog } from '../domain/questions/question-log.js';
import { groupQuestions, type QuestionGroup } from './question-groups.js';
import type { Understanding } from './understanding.js';

export interface EntryFeedbackReport {
  entryId: string;
  question: string | null;
  helpful: number;
  notHelpful: number;
  notHelpfulQuestions: string[];
  lastAt: string;
}

export interface QuestionReporting {
  groups(since?: Date): Promise<QuestionGroup[]>;
  feedback(since?: Date): Promise<EntryFeedbackReport[]>;
}

export function questionReports(log: QuestionLog, understanding: Understanding): QuestionReporting {
  return {
    groups: async (since) => groupQuestions(await log.unanswered(since), (text) => understanding.analyzer.analyze(text)),
    feedback: async (since) =>
      summarizeFeedback(await log.feedback(since)).map((entry) => ({ ...entry, question: understanding.faq.entry(entry.entryId)?.question ?? null })),
  };
}
