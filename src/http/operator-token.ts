// The operator endpoints' bearer token, compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Whether the Authorization header carries `token`. Both sides are hashed first, so the comparison
 * takes the same time whatever was sent, even its length.
 */
export function hasOperatorToken(header: string | undefined, token: string): boolean {
  const presented = BEARER.exec(header ?? '')?.[1] ?? '';
  const match = timingSafeEqual(digest(presented), digest(token));
  return match && presented !== '';
}
