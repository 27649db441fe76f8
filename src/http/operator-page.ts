// The back office's pages: the orders at /operator and the unanswered questions at
// /operator/questions, static files from web/ served under one strict policy. The pages hold no
// data: they ask for the operator token and call /api/operator/* with it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Request, Response, Server } from 'restify';

/**
 * Only this server's own script and stylesheet (no inline code at all, so injected markup cannot
 * run), requests only to this server, no framing, no form posts, no plugins.
 */
export const OPERATOR_PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

export const OPERATOR_PAGE_PATH = '/operator';

const FILES = [
  { path: OPERATOR_PAGE_PATH, file: 'operator.html', type: 'text/html; charset=utf-8' },
  { path: `${OPERATOR_PAGE_PATH}/operator.js`, file: 'operator.js', type: 'application/javascript; charset=utf-8' },
  { path: `${OPERATOR_PAGE_PATH}/operator.css`, file: 'operator.css', type: 'text/css; charset=utf-8' },
  { path: `${OPERATOR_PAGE_PATH}/questions`, file: 'operator-questions.html', type: 'text/html; charset=utf-8' },
  { path: `${OPERATOR_PAGE_PATH}/questions.js`, file: 'operator-questions.js', type: 'application/javascript; charset=utf-8' },
  { path: `${OPERATOR_PAGE_PATH}/questions.css`, file: 'operator-questions.css', type: 'text/css; charset=utf-8' },
] as const;

/** Read once at start-up: a missing file stops the server from starting rather than failing later. */
export function mountOperatorPage(server: Server): void {
  for (const { path, file, type } of FILES) {
    const body = readFileSync(fileURLToPath(new URL(`../../web/${file}`, import.meta.url)), 'utf8');
    server.get(path, async (_req: Request, res: Response) => {
      res.sendRaw(200, body, { 'content-type': type, 'cache-control': 'no-cache', ...OPERATOR_PAGE_SECURITY_HEADERS });
    });
  }
}
