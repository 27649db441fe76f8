// The back office's order page at /operator: three static files from web/, served the way the Web
// Chat page is, under a stricter policy. The page holds no data: it asks for the operator token
// and calls /api/operator/orders with it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Request, Response, Server } from 'restify';

/**
 * Only this server's own script and stylesheet (no inline code at all, so injected markup cannot
 * run), requests only to this server, no framing, no form posts, no plugins.
 */
export const OPERATOR_PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
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
