// The question log in PostgreSQL, shared by every instance (migrations/004_question_log.sql): one
// statement adds a record and drops those beyond the cap, so the tables never grow without bound.
import { AnswerFeedback, MAX_RECORDS_KEPT, UnansweredQuestion, type QuestionLog } from '../../domain/questions/question-log.js';
import type { Database, Row } from './database.js';

/** The time a row holds, as the ISO text the records carry. */
function isoOf(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  throw new Error(`the question log holds a time that is not a timestamp: ${JSON.stringify(value)}`);
}

function unansweredOf(row: Row): UnansweredQuestion {
  return UnansweredQuestion.parse({ text: row.text, locale: row.locale, outcome: row.outcome, candidates: row.candidates, at: isoOf(row.at) });
}

function feedbackOf(row: Row): AnswerFeedback {
  return AnswerFeedback.parse({ entryId: row.entry_id, helpful: row.helpful, locale: row.locale, question: row.question, at: isoOf(row.at) });
}

export class PostgresQuestionLog implements QuestionLog {
  constructor(
    private readonly database: Database,
    private readonly maxKept = MAX_RECORDS_KEPT,
  ) {}

  async recordUnanswered(question: UnansweredQuestion): Promise<void> {
    const { text, locale, outcome, candidates, at } = UnansweredQuestion.parse(question);
    // Ids only grow, so every row more than maxKept ids older than the new one is beyond the cap
    // (a little fewer may be kept where a failed insert used an id): found by the primary key.
    await this.database.query(
      `WITH added AS (
         INSERT INTO unanswered_questions (text, locale, outcome, candidates, at) VALUES ($1, $2, $3, $4, $5) RETURNING id
       )
       DELETE FROM unanswered_questions WHERE id <= (SELECT id FROM added) - $6`,
      [text, locale, outcome, candidates, at, this.maxKept],
    );
  }

  async recordFeedback(feedback: AnswerFeedback): Promise<void> {
    const { entryId, helpful, locale, question, at } = AnswerFeedback.parse(feedback);
    await this.database.query(
      `WITH added AS (
         INSERT INTO answer_feedback (entry_id, helpful, locale, question, at) VALUES ($1, $2, $3, $4, $5) RETURNING id
       )
       DELETE FROM answer_feedback WHERE id <= (SELECT id FROM added) - $6`,
      [entryId, helpful, locale, question, at, this.maxKept],
    );
  }

  async unanswered(since?: Date): Promise<UnansweredQuestion[]> {
    const result = await this.database.query(
      'SELECT text, locale, outcome, candidates, at FROM unanswered_questions WHERE at >= $1 ORDER BY id',
      [since ?? new Date(0)],
    );
    return result.rows.map(unansweredOf);
  }

  async feedback(since?: Date): Promise<AnswerFeedback[]> {
    const result = await this.database.query('SELECT entry_id, helpful, locale, question, at FROM answer_feedback WHERE at >= $1 ORDER BY id', [
      since ?? new Date(0),
    ]);
    return result.rows.map(feedbackOf);
  }

  /** The pool is the order store's to close (it closes last). */
  async close(): Promise<void> {}
}
