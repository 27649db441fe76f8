// HTTP endpoints: the Bot Framework messaging endpoint, health, and JSON endpoints for operators.
import type { CloudAdapter } from 'botbuilder';
import restify, { type Request, type Response } from 'restify';
import type { FilingBot } from './bot.js';
import { localDirectLineEnabled, type Config } from './config.js';
import { mountLocalChannel } from './directline/local-channel.js';
import type { Understanding } from './nlu/understanding.js';
import { log } from './log.js';

/** Activities are small; anything bigger is a mistake or an attack. */
export const MAX_BODY_BYTES = 256 * 1024;
/** Operator queries are questions, not documents. */
const MAX_QUERY_CHARS = 1000;

export interface ServerParts {
  adapter: CloudAdapter;
  bot: FilingBot;
  understanding: Understanding;
  version: string;
  storageLoaded: () => boolean;
  /** Decides the optional channels (the local Direct Line and Web Chat page); without it, none. */
  config?: Config;
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

export function createServer(parts: ServerParts): restify.Server {
  const server = restify.createServer({ name: 'filing-assistant', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: MAX_BODY_BYTES }));

  server.post('/api/messages', async (req: Request, res: Response) => {
    await parts.adapter.process(req, res, (context) => parts.bot.run(context));
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, {
      status: 'ok',
      version: parts.version,
      storage: parts.storageLoaded(),
      knowledge: { loaded: true, faqEntries: parts.understanding.knowledge.faq.length },
    });
  });

  server.get('/api/ask', async (req: Request, res: Response) => {
    const q = queryText(req, res);
    if (q === undefined) return;
    const result = parts.understanding.ask(q);
    const summary = (m: { entry: { id: string; question: string }; score: number }) => ({
      id: m.entry.id,
      question: m.entry.question,
      score: Math.round(m.score * 1000) / 1000,
    });
    if (result.kind === 'answer') {
      res.send(200, {
        kind: 'answer',
        answer: result.match.entry.answer,
        source: result.match.entry.sources,
        score: Math.round(result.match.score * 1000) / 1000,
        id: result.match.entry.id,
        alternatives: result.alternatives.map(summary),
      });
    } else {
      const options = result.kind === 'choose' ? result.options : result.alternatives;
      res.send(200, { kind: result.kind, answer: null, source: null, score: options[0]?.score ?? 0, alternatives: options.map(summary) });
    }
  });

  server.get('/api/recognize', async (req: Request, res: Response) => {
    const q = queryText(req, res);
    if (q === undefined) return;
    const { intent, score, entities } = parts.understanding.recognize(q);
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

  if (parts.config && localDirectLineEnabled(parts.config)) {
    mountLocalChannel(server, { adapter: parts.adapter, bot: parts.bot, appId: parts.config.MicrosoftAppId });
  }

  server.on('restifyError', (req: Request, _res: Response, error: Error & { statusCode?: number }, callback: () => void) => {
    if ((error.statusCode ?? 500) >= 500) log.error('request failed', { path: req.path(), error: error.message });
    callback();
  });
  return server;
}
