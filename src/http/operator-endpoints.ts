// GET /api/ask and /api/recognize: what the understanding makes of a text, as JSON for operators.
import type { Next, Request, Response, Server } from 'restify';
import type { Citation } from '../knowledge/schema.js';
import { operatorAccess, type Config } from '../config.js';
import { hasOperatorToken } from './operator-token.js';
import { refuse } from './refuse.js';

/** Operator queries are questions, not documents. */
const MAX_QUERY_CHARS = 1000;

/** An FAQ entry the search found, with how well it matched. */
export interface FaqMatchView {
  entry: { id: string; question: string; answer: string; sources: readonly Citation[] };
  score: number;
}

/** What the FAQ search answers a question with (the understanding's FaqResult satisfies it). */
export type FaqAnswerView =
  | { kind: 'answer'; match: FaqMatchView; alternatives: readonly FaqMatchView[] }
  | { kind: 'choose'; options: readonly FaqMatchView[] }
  | { kind: 'unknown'; alternatives: readonly FaqMatchView[] };

/** What the recognizer makes of a text (the understanding's Recognition satisfies it). */
export interface RecognitionView {
  intent: string;
  score: number;
  entities: {
    icpNumbers: readonly { normalized: string }[];
    domains: readonly { ascii: string }[];
    province?: { id: string };
  };
}

/** The port these routes call; the composition root hands them the understanding. */
export interface OperatorQueries {
  ask(question: string): FaqAnswerView;
  recognize(text: string): RecognitionView;
}

function queryText(req: Request, res: Response): string | undefined {
  const query: unknown = req.query;
  const raw = typeof query === 'object' && query !== null && 'q' in query ? query.q : undefined;
  const q = typeof raw === 'string' ? raw.trim() : '';
  if (q === '' || q.length > MAX_QUERY_CHARS) {
    res.send(400, { error: `q must be a question of 1 to ${MAX_QUERY_CHARS} characters` });
    return undefined;
  }
  return q;
}

const rounded = (score: number): number => Math.round(score * 1000) / 1000;

const summary = (m: FaqMatchView) => ({ id: m.entry.id, question: m.entry.question, score: rounded(m.score) });

/**
 * Mounts the routes. With OPERATOR_TOKEN set they need it as a bearer token; without one they are
 * open in local configuration and not there at all (404) once an Azure Bot is set up.
 */
export function mountOperatorEndpoints(server: Server, queries: OperatorQueries, config: Config): void {
  const access = operatorAccess(config);
  if (access === 'off') return;
  const token = config.OPERATOR_TOKEN;
  const requireToken = (req: Request, res: Response, next: Next) => {
    if (access === 'open' || (token !== undefined && hasOperatorToken(req.header('authorization'), token))) return next();
    refuse(res, 401, 'Unauthorized', 'send the operator token as "Authorization: Bearer <token>"', { 'www-authenticate': 'Bearer' });
    return next(false);
  };

  server.get('/api/ask', requireToken, async (req: Request, res: Response) => {
    const q = queryText(req, res);
    if (q === undefined) return;
    const result = queries.ask(q);
    if (result.kind === 'answer') {
      res.send(200, {
        kind: 'answer',
        answer: result.match.entry.answer,
        source: result.match.entry.sources,
        score: rounded(result.match.score),
        id: result.match.entry.id,
        alternatives: result.alternatives.map(summary),
      });
    } else {
      const options = result.kind === 'choose' ? result.options : result.alternatives;
      res.send(200, { kind: result.kind, answer: null, source: null, score: options[0]?.score ?? 0, alternatives: options.map(summary) });
    }
  });

  server.get('/api/recognize', requireToken, async (req: Request, res: Response) => {
    const q = queryText(req, res);
    if (q === undefined) return;
    const { intent, score, entities } = queries.recognize(q);
    res.send(200, {
      intent,
      score,
      entities: {
        icp_number: entities.icpNumbers.map((n) => n.normalized),
        domain: entities.domains.map((d) => d.ascii),
        province: entities.province?.id ?? null,
      },
    });
  });
}
