// The operator endpoints' bearer token, compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import { bearerToken } from '../botframework/bearer-token.js';

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Whether the Authorization header carries `token`. Both sides are hashed first, so the comparison
 * takes the same time whatever was sent, even its length.
 */
export function hasOperatorToken(header: string | undefined, token: string): boolean {
  const presented = bearerToken(header) ?? '';
  const match = timingSafeEqual(digest(presented), digest(token));
  return match && presented !== '';
}
