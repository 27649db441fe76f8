// GET /api/operator/questions (.csv) and /api/operator/feedback: what users asked that the bot could
// not answer, grouped, and what they thought of its answers, for operators to add knowledge where
// it is needed. Behind the operator token, always (the text is scrubbed, but it is still users').
import type { Request, Response, Server } from 'restify';
import type { Config } from '../config.js';
import { sendCsv, toCsv } from './csv.js';
import { requireOperator } from './operator-auth.js';
import { refuse } from './refuse.js';

/** One group of like questions (the understanding's QuestionGroup satisfies it). */
export interface QuestionGroupView {
  text: string;
  count: number;
  examples: readonly string[];
  locales: readonly string[];
  outcomes: { unknown: number; unresolved: number };
  lastAt: string;
}

/** Feedback on one FAQ entry's answer. */
export interface EntryFeedbackView {
  entryId: string;
  /** The entry's question, so an operator sees which answer without looking the id up. */
  question: string | null;
  helpful: number;
  notHelpful: number;
  notHelpfulQuestions: readonly string[];
  lastAt: string;
}

/** The port these routes read; the composition root builds it on the question log and the understanding. */
export interface QuestionReports {
  /** Most asked first. */
  groups(since?: Date): Promise<QuestionGroupView[]>;
  feedback(since?: Date): Promise<EntryFeedbackView[]>;
}

const CSV_HEADER = ['question', 'count', 'unknown', 'unresolved', 'locales', 'last_asked', 'examples'];
/** Several wordings in one cell, apart enough to read. */
const EXAMPLE_SEPARATOR = ' | ';

/** `?since=` as a time, undefined when absent; a value that is not an ISO 8601 time is refused (400). */
function sinceOf(req: Request, res: Response): { since: Date | undefined } | undefined {
  const query: unknown = req.query;
  const raw = typeof query === 'object' && query !== null && 'since' in query ? query.since : undefined;
  if (raw === undefined || raw === '') return { since: undefined };
  const since = typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(raw) ? new Date(raw) : undefined;
  if (since === undefined || Number.isNaN(since.getTime())) {
    refuse(res, 400, 'BadRequest', 'since must be an ISO 8601 time, e.g. 2026-01-31 or 2026-01-31T08:00:00Z');
    return undefined;
  }
  return { since };
}

export function mountOperatorQuestions(server: Server, reports: QuestionReports, config: Pick<Config, 'OPERATOR_TOKEN'>): void {
  const operator = requireOperator(config);

  server.get('/api/operator/questions', operator, async (req: Request, res: Response) => {
    const filter = sinceOf(req, res);
    if (!filter) return;
    const groups = await reports.groups(filter.since);
    res.send(200, { groups, total: groups.reduce((sum, group) => sum + group.count, 0) }, { 'cache-control': 'no-store' });
  });

  server.get('/api/operator/questions.csv', operator, async (req: Request, res: Response) => {
    const filter = sinceOf(req, res);
    if (!filter) return;
    const groups = await reports.groups(filter.since);
    const rows = groups.map((g) => [g.text, g.count, g.outcomes.unknown, g.outcomes.unresolved, g.locales.join(' '), g.lastAt, g.examples.join(EXAMPLE_SEPARATOR)]);
    sendCsv(res, 'unanswered-questions.csv', toCsv(CSV_HEADER, rows));
  });

  server.get('/api/operator/feedback', operator, async (req: Request, res: Response) => {
    const filter = sinceOf(req, res);
    if (!filter) return;
    res.send(200, { entries: await reports.feedback(filter.since) }, { 'cache-control': 'no-store' });
  });
}
