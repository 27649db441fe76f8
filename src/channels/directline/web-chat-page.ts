// The Web Chat page at / and the Web Chat bundle at /webchat.js, served from the installed
// botframework-webchat package (no CDN), for the local Direct Line channel.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import type { Request, Response, Server } from 'restify';
import { log } from '../../log.js';

/**
 * The page may load only this server's scripts and talk only to this server, and no other site may
 * frame it. Its own short script and Web Chat's injected styles are inline, hence 'unsafe-inline'.
 */
export const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
    "font-src 'self' data:; connect-src 'self'; media-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

const PAGE_FILE = fileURLToPath(new URL('../../../web/index.html', import.meta.url));

/** The self-contained browser build that defines window.WebChat (React included). */
export function webChatBundlePath(): string {
  // The package exports only its entry points: find its folder from the CommonJS one.
  const entry = createRequire(import.meta.url).resolve('botframework-webchat');
  return join(dirname(dirname(entry)), 'dist', 'webchat.js');
}

export function mountWebChatPage(server: Server): void {
  const page = readFileSync(PAGE_FILE, 'utf8');
  const bundle = webChatBundlePath();

  server.get('/', async (_req: Request, res: Response) => {
    res.sendRaw(200, page, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      ...PAGE_SECURITY_HEADERS,
    });
  });

  server.get('/webchat.js', async (_req: Request, res: Response) => {
    let size: number;
    try {
      size = statSync(bundle).size;
    } catch (error) {
      log.error('the Web Chat bundle is missing: run npm install', { file: bundle, error: error instanceof Error ? error.message : String(error) });
      res.send(500, { error: 'the Web Chat bundle is not installed on the server' });
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/javascript; charset=utf-8',
      'content-length': String(size),
      'cache-control': 'public, max-age=3600',
      'x-content-type-options': 'nosniff',
    });
    try {
      await pipeline(createReadStream(bundle), res);
    } catch (error) {
      // A browser that goes away mid-download is not the server's failure.
      log.warn('sending the Web Chat bundle stopped', { error: error instanceof Error ? error.message : String(error) });
    }
  });
}
