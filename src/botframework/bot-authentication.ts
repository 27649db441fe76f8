// Bot Framework tokens on /api/messages, checked before anything reads the activity: a request
// without a valid token is refused with 401, whatever the library underneath would answer (it
// answers 500 when a token's signing key cannot be fetched or its signature does not verify).
import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { AuthenticationConstants, AuthenticationError, type BotFrameworkAuthentication } from 'botframework-connector';
import type { Config } from '../config.js';
import { bearerToken } from './bearer-token.js';

/** The same authentication the adapter uses (the composition root builds both from the same four settings). */
export function createBotAuthentication(config: Config): BotFrameworkAuthentication {
  return new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
  });
}

/** jsonwebtoken's error names for a token that is simply not valid. */
const JWT_REFUSALS: ReadonlySet<string> = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/** A JWT's three base64url parts: header, claims, signature. */
const JWT = /^([\w-]+)\.([\w-]+)\.([\w-]*)$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Why an Authorization header cannot hold a Bot Framework token, judged from its form alone:
 * not `Bearer <JWT>`, or a JWT whose header names no key (`kid`) or an algorithm Bot Framework
 * never signs with (`none`, HS256). Such requests are refused before their body is read and
 * before the library would fetch signing keys for them.
 */
export function bearerTokenProblem(header: string | undefined): string | undefined {
  const token = bearerToken(header);
  if (token === undefined) return 'no Bot Framework token: send "Authorization: Bearer <token>"';
  const match = JWT.exec(token);
  if (!match) return 'the token is not a JWT';
  let jwtHeader: unknown;
  try {
    jwtHeader = JSON.parse(Buffer.from(match[1] ?? '', 'base64url').toString('utf8'));
  } catch {
    return 'the token is not a JWT';
  }
  if (!isRecord(jwtHeader)) return 'the token is not a JWT';
  const { alg, kid } = jwtHeader;
  if (typeof alg !== 'string' || !AuthenticationConstants.AllowedSigningAlgorithms.includes(alg)) {
    return 'the token is not signed with an algorithm Bot Framework uses';
  }
  if (typeof kid !== 'string' || kid === '') return 'the token names no signing key';
  return undefined;
}

/**
 * What token validation reads of an activity: the channel (emulator tokens are checked differently)
 * and the service URL (a channel token must name it). Taken from the raw body, before its shape is
 * checked, so that an unauthenticated caller learns nothing about what shape would pass.
 */
function activityForTokenCheck(body: unknown): Activity {
  const field = (name: string): string => {
    const value = isRecord(body) ? body[name] : undefined;
    return typeof value === 'string' ? value : '';
  };
  return {
    type: '',
    localTimezone: '',
    callerId: '',
    serviceUrl: field('serviceUrl'),
    channelId: field('channelId'),
    from: { id: '', name: '' },
    conversation: { id: '', name: '', isGroup: false, conversationType: '' },
    recipient: { id: '', name: '' },
    text: '',
    label: '',
    valueType: '',
    listenFor: [],
  };
}

export type TokenVerdict =
  | { valid: true }
  /** `expected`: an ordinary refusal; otherwise the token could not be checked (keys unreachable, a library error). */
  | { valid: false; reason: string; expected: boolean };

/** Validates the request's token against the activity's channel and service URL. Never throws. */
export async function verifyBotToken(
  authentication: BotFrameworkAuthentication,
  body: unknown,
  header: string | undefined,
): Promise<TokenVerdict> {
  const problem = bearerTokenProblem(header);
  if (problem !== undefined) return { valid: false, reason: problem, expected: true };
  try {
    await authentication.authenticateRequest(activityForTokenCheck(body), header?.trim() ?? '');
    return { valid: true };
  } catch (error) {
    // The library lets jsonwebtoken's own refusals (bad signature, wrong algorithm) through as they are.
    const expected =
      (error instanceof AuthenticationError && error.statusCode === 401) ||
      (error instanceof Error && JWT_REFUSALS.has(error.name));
    return { valid: false, reason: error instanceof Error ? error.message : String(error), expected };
  }
}
