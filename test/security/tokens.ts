// JSON Web Tokens for the authentication tests: signed with a key of our own that a local OpenID
// metadata endpoint publishes, unsigned, or forged in the ways attackers forge them.
import { createHmac, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { AuthenticationConstants } from 'botframework-connector';
import { APP_ID } from './support.js';

/** The issuer of tokens from Bot Framework channels (Teams, Web Chat, Direct Line...). */
export const CHANNEL_ISSUER = AuthenticationConstants.ToBotFromChannelTokenIssuer;
export const KEY_ID = 'security-test-key';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function newSigningKey(): SigningKey {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

/** The key as a JWKS entry, endorsed for the channels the tests use. */
export function jwk(key: SigningKey, kid = KEY_ID): Record<string, unknown> {
  const { n, e } = key.publicKey.export({ format: 'jwk' });
  return { kty: 'RSA', use: 'sig', kid, n, e, endorsements: ['msteams', 'emulator', 'webchat'] };
}

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Claims a channel's token for this bot carries; `overrides` replace or (undefined) remove some. */
export function channelClaims(serviceUrl: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { iss: CHANNEL_ISSUER, aud: APP_ID, serviceurl: serviceUrl, nbf: now - 60, exp: now + 3600, ...overrides };
}

export function signedRs256(key: SigningKey, claims: Record<string, unknown>, kid = KEY_ID): string {
  const unsigned = `${encode({ alg: 'RS256', typ: 'JWT', kid })}.${encode(claims)}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(key.privateKey).toString('base64url');
  return `${unsigned}.${signature}`;
}

/** alg "none": no signature at all. */
export function unsigned(claims: Record<string, unknown>, kid = KEY_ID): string {
  return `${encode({ alg: 'none', typ: 'JWT', kid })}.${encode(claims)}.`;
}

/** HS256 with a secret of the forger's choosing (the bot's public key, in the classic confusion attack). */
export function signedHs256(secret: string | Buffer, claims: Record<string, unknown>, kid = KEY_ID): string {
  const unsignedPart = `${encode({ alg: 'HS256', typ: 'JWT', kid })}.${encode(claims)}`;
  return `${unsignedPart}.${createHmac('sha256', secret).update(unsignedPart).digest('base64url')}`;
}

export function publicKeyPem(key: SigningKey): string {
  const pem = key.publicKey.export({ format: 'pem', type: 'spki' });
  return typeof pem === 'string' ? pem : pem.toString('utf8');
}
