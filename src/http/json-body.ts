// Request bodies at the HTTP edge, for every route: JSON only, bounded in bytes and in nesting,
// parsed once; anything else is refused with a 4xx before a handler sees it.
import type { Next, Request, RequestHandler, Response } from 'restify';
import { refuse } from './refuse.js';

/** Activities are small; anything bigger is a mistake or an attack. */
export const MAX_BODY_BYTES = 256 * 1024;
/**
 * Real activities nest a handful of levels (Teams channelData, an Adaptive Card submit); deeper
 * bodies only exist to make recursive code (validation, storage, logging) overflow its stack.
 */
export const MAX_BODY_DEPTH = 32;

/** application/json and the +json types (application/vnd.x+json), with or without parameters. */
const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json$/i;

function declaredLength(req: Request): number | undefined {
  const header = req.headers['content-length'];
  return header === undefined ? undefined : Number(header);
}

function hasBody(req: Request): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  return req.isChunked() || (declaredLength(req) ?? 0) > 0;
}

/**
 * Refuses what restify's parsers would otherwise accept or mishandle: form and multipart bodies
 * (multipart writes uploads to disk), compressed bodies (restify counts the compressed bytes, so a
 * small gzip could inflate to gigabytes), and a declared length over the limit (refused unread).
 */
function acceptOnlyJson(req: Request, res: Response, next: Next): void {
  if (!hasBody(req)) return next();
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
    refuse(res, 415, 'UnsupportedMediaType', 'send the body uncompressed (no Content-Encoding)');
    return next(false);
  }
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
  if (!JSON_MEDIA_TYPE.test(mediaType)) {
    refuse(res, 415, 'UnsupportedMediaType', 'send the body as JSON with "Content-Type: application/json"');
    return next(false);
  }
  if ((declaredLength(req) ?? 0) > MAX_BODY_BYTES) {
    refuse(res, 413, 'PayloadTooLarge', `the body must be at most ${MAX_BODY_BYTES} bytes`);
    return next(false);
  }
  return next();
}

/**
 * Why a parsed body is refused: nested deeper than `maxDepth`, or a `__proto__` key (harmless to
 * JSON.parse, but not to any code that later merges the object into another). Walks iteratively
 * and stops at the first problem, so the check itself cannot overflow the stack.
 */
export function bodyStructureProblem(body: unknown, maxDepth = MAX_BODY_DEPTH): string | undefined {
  const pending: { value: unknown; depth: number }[] = [{ value: body, depth: 0 }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { value, depth } = item;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= maxDepth) return `the body nests deeper than ${maxDepth} levels`;
    if (Array.isArray(value)) {
      for (const child of value) pending.push({ value: child, depth: depth + 1 });
      continue;
    }
    for (const [key, child] of Object.entries(value)) {
      if (key === '__proto__') return 'the body has a "__proto__" key';
      pending.push({ value: child, depth: depth + 1 });
    }
  }
  return undefined;
}

function checkStructure(req: Request, res: Response, next: Next): void {
  const body: unknown = req.body;
  const problem = body === undefined ? undefined : bodyStructureProblem(body);
  if (problem === undefined) return next();
  refuse(res, 400, 'BadRequest', problem);
  return next(false);
}

/**
 * Reads the body as UTF-8 JSON into `req.body`: 413 once it grows past MAX_BODY_BYTES (a chunked
 * body declares no length), 400 when it is not JSON. Written here rather than restify's bodyReader
 * and jsonBodyParser: those build each body through a deprecated Buffer constructor and checks we
 * do not need, a measurable part of every turn.
 */
function readJson(req: Request, res: Response, next: Next): void {
  if (!hasBody(req)) return next();
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  const finish = (refusal?: { status: number; code: string; message: string }): void => {
    if (finished) return;
    finished = true;
    if (!refusal) return next();
    refuse(res, refusal.status, refusal.code, refusal.message);
    next(false);
  };
  req.on('data', (chunk: Buffer) => {
    if (finished) return;
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      finish({ status: 413, code: 'PayloadTooLarge', message: `the body must be at most ${MAX_BODY_BYTES} bytes` });
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (finished) return;
    try {
      const body: unknown = JSON.parse(Buffer.concat(chunks, size).toString('utf8'));
      req.body = body;
    } catch {
      finish({ status: 400, code: 'BadRequest', message: 'the body is not valid JSON' });
      return;
    }
    finish();
  });
  req.on('error', () => finish({ status: 400, code: 'BadRequest', message: 'the body could not be read' }));
}

/**
 * The body handlers for `server.use`: after them `req.body` is undefined (no body) or parsed JSON
 * of at most MAX_BODY_BYTES and MAX_BODY_DEPTH. GET and HEAD bodies stay unread.
 */
export function jsonBody(): RequestHandler[] {
  return [acceptOnlyJson, readJson, checkStructure];
}
