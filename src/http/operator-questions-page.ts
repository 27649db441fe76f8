// The back-office page for unanswered questions and feedback (web/operator-questions.html and its
// script), same origin as the API it reads. The page itself holds nothing secret: the data needs the token.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Request, Response, Server } from 'restify';

const PAGE_FILE = fileURLToPath(new URL('../../web/operator-questions.html', import.meta.url));
const SCRIPT_FILE = fileURLToPath(new URL('../../web/operator-questions.js', import.meta.url));
export const OPERATOR_QUESTIONS_PATH = '/operator/questions';
const SCRIPT_PATH = '/operator/questions.js';

/** The hash of the page's one inline style block, the only inline content its policy allows. */
function styleHash(page: string): string {
  const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1];
  if (style === undefined) throw new Error(`${PAGE_FILE} has no <style> block`);
  return `'sha256-${createHash('sha256').update(style).digest('base64')}'`;
}

/**
 * Stricter than the Web Chat page's: scripts only from this server (no inline script at all),
 * styles only the page's own block, requests only to this server, never framed.
 */
function securityHeaders(page: string): Record<string, string> {
  return {
    'content-security-policy':
      `default-src 'none'; script-src 'self'; style-src ${styleHash(page)}; img-src 'self' data:; connect-src 'self'; ` +
      "frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  };
}

export function mountOperatorQuestionsPage(server: Server): void {
  const page = readFileSync(PAGE_FILE, 'utf8');
  const script = readFileSync(SCRIPT_FILE, 'utf8');
  const headers = securityHeaders(page);

  server.get(OPERATOR_QUESTIONS_PATH, async (_req: Request, res: Response) => {
    res.sendRaw(200, page, { 'content-type': 'text/html; charset=utf-8', ...headers });
  });
  server.get(SCRIPT_PATH, async (_req: Request, res: Response) => {
    res.sendRaw(200, script, { 'content-type': 'application/javascript; charset=utf-8', ...headers });
  });
}
