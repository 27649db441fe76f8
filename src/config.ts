// The environment (and an optional .env), parsed once by zod; a bad value stops start-up with one line.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { LOG_LEVELS } from './log.js';

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** An operator token shorter than this could be guessed; `openssl rand -base64 32` gives 44. */
export const MIN_OPERATOR_TOKEN_CHARS = 24;

/** A whole number setting from `min` to `max`, with its default; the error names the range. */
function wholeNumber(min: number, max: number, fallback: number) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error: message }).int(message).min(min, message).max(max, message).default(fallback);
}

const KIB = 1024;
const MIB = 1024 * KIB;

/**
 * A PostgreSQL schema name, or a prefix ending in `*`: then each DATA_DIR gets a schema of its own
 * (the prefix and a hash of the path), which is how the test suite keeps its bots apart on one
 * database.
 */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,40}\*?$/;

/**
 * Where orders and conversation state live once DATABASE_URL is set (lowdb under DATA_DIR
 * otherwise), and how the bot talks to that PostgreSQL.
 */
export const DatabaseSettingsSchema = z.object({
  DATABASE_URL: optionalText.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
    message: 'must be a postgres:// or postgresql:// connection URL',
  }),
  /** Connections per instance; PostgreSQL's own limit (100 by default) is shared by every instance. */
  DATABASE_POOL_SIZE: wholeNumber(1, 100, 10),
  /** Longer than this, a statement is cancelled and its transaction rolled back (nothing half-written). */
  DATABASE_STATEMENT_TIMEOUT_MS: wholeNumber(100, 600_000, 5000),
  DATABASE_TLS: z
    .enum(['off', 'require', 'verify'], { error: 'must be off, require (encrypt) or verify (encrypt and check the certificate)' })
    .default('off'),
  DATABASE_SCHEMA: z
    .string()
    .trim()
    .regex(SCHEMA_NAME, 'must be a lower-case schema name (letters, digits, _), optionally ending in *')
    .default('public'),
  /** Conversation state untouched for longer is removed, on lowdb and PostgreSQL alike; 0 keeps it forever. */
  CONVERSATION_IDLE_DAYS: wholeNumber(0, 3650, 30),
});
export type DatabaseSettings = z.infer<typeof DatabaseSettingsSchema>;

export const ConfigSchema = z
  .object({
    PORT: z.coerce
      .number({ error: 'must be a whole number between 0 and 65535' })
      .int('must be a whole number between 0 and 65535')
      .min(0, 'must be a whole number between 0 and 65535')
      .max(65535, 'must be a whole number between 0 and 65535')
      .default(3978),
    /** Unset: loopback while no Azure Bot is configured (nothing authenticates), every interface once one is. */
    HOST: optionalText,
    DATA_DIR: z.string().trim().min(1, 'must be a directory path').default('./data'),
    KNOWLEDGE_DIR: z.string().trim().min(1, 'must be a directory path').default('./knowledge'),
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
    CANCELLATION_UNDO_MINUTES: z.coerce
      .number({ error: 'must be a whole number of minutes from 0 to 1440' })
      .int('must be a whole number of minutes from 0 to 1440')
      .min(0, 'must be a whole number of minutes from 0 to 1440')
      .max(1440, 'must be a whole number of minutes from 0 to 1440')
      .default(30),
    LOCAL_DIRECTLINE: z
      .enum(['auto', 'on', 'off'], { error: 'must be auto, on or off' })
      .default('auto'),
    /**
     * The local Direct Line's memory. Conversations at once (a new one beyond them is refused with
     * 429, live ones are never pushed out before their idle time), the largest activity a client
     * may post (larger: 413), and the bytes of activities kept per conversation (the oldest go
     * first) and in all conversations together (a post that finds no room is refused with 429).
     */
    DIRECTLINE_MAX_CONVERSATIONS: wholeNumber(1, 100_000, 500),
    DIRECTLINE_MAX_ACTIVITY_BYTES: wholeNumber(KIB, 256 * KIB, 64 * KIB),
    DIRECTLINE_MAX_CONVERSATION_BYTES: wholeNumber(16 * KIB, 64 * MIB, MIB),
    DIRECTLINE_MAX_TOTAL_BYTES: wholeNumber(MIB, 4096 * MIB, 32 * MIB),
    /**
     * The HTTP server's connections: how many at once (more are closed on arrival), how long a
     * client may take to send a request's headers and its whole request (then 408 and the
     * connection is closed), and how long an idle keep-alive connection stays open.
     */
    HTTP_MAX_CONNECTIONS: wholeNumber(1, 100_000, 512),
    HTTP_HEADERS_TIMEOUT_MS: wholeNumber(1000, 600_000, 10_000),
    HTTP_REQUEST_TIMEOUT_MS: wholeNumber(1000, 600_000, 30_000),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: wholeNumber(1000, 600_000, 65_000),
    /**
     * Turns (messages to the bot, from any channel) run at once, and turns that may wait for a
     * place; beyond them a message is refused with 503 and Retry-After. Two at once keep other
     * requests (/healthz) answered quickly during a burst, and still overlap one turn's I/O with
     * another's work.
     */
    MAX_CONCURRENT_TURNS: wholeNumber(1, 1000, 4),
    MAX_WAITING_TURNS: wholeNumber(0, 100_000, 1000),
    /**
     * Replies the bot posts to a channel's service URL: how long one attempt may take, and how long
     * a whole send may take with its retries (connection errors, 408 and 5xx, 429 and 503 with
     * Retry-After: at most three, with growing waits between).
     */
    OUTBOUND_TIMEOUT_MS: wholeNumber(1000, 120_000, 15_000),
    OUTBOUND_DEADLINE_MS: wholeNumber(1000, 600_000, 30_000),
    /**
     * Notifications to users about their orders (src/notifications): how often the notifier looks
     * for what is due (0: never on its own, only when an order is moved here), and when reminders
     * go out: hours before the 48-hour phone verification ends, days before an unfinished order expires.
     */
    NOTIFY_INTERVAL_MS: wholeNumber(0, 3_600_000, 30_000),
    PHONE_REMINDER_LEAD_HOURS: wholeNumber(1, 47, 12),
    EXPIRY_REMINDER_DAYS: wholeNumber(1, 44, 5),
    /**
     * Without an Azure Bot nothing vouches for an activity's serviceUrl, so replies go only to this
     * machine (localhost, 127.0.0.1, ::1, as the Emulator uses) and to these origins, comma-separated
     * (https://example.org,http://10.0.0.5:8080). With an Azure Bot the token names the service URL.
     */
    ALLOWED_SERVICE_URLS: z
      .string()
      .trim()
      .transform((text, context) => {
        const origins: string[] = [];
        for (const item of text.split(',').map((part) => part.trim()).filter((part) => part !== '')) {
          const url = URL.canParse(item) ? new URL(item) : undefined;
          if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
            context.addIssue({ code: 'custom', message: `must be http(s) origins separated by commas ("${item}" is not one)` });
            return z.NEVER;
          }
          origins.push(url.origin);
        }
        return origins;
      })
      .default([]),
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppType: z
      .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], {
        error: 'must be MultiTenant, SingleTenant or UserAssignedMSI',
      })
      .default('MultiTenant'),
    MicrosoftAppTenantId: optionalText,
    OPERATOR_TOKEN: z
      .string()
      .trim()
      .refine((v) => v === '' || (v.length >= MIN_OPERATOR_TOKEN_CHARS && /^\S+$/.test(v)), {
        message: `must be at least ${MIN_OPERATOR_TOKEN_CHARS} characters without spaces (for example: openssl rand -base64 32)`,
      })
      .transform((v) => (v === '' ? undefined : v))
      .optional(),
    /**
     * The request header naming the operator (for example X-Forwarded-Email), set by an identity-aware
     * proxy in front of the back office; it is only believed on requests that also carry OPERATOR_TOKEN.
     */
    OPERATOR_IDENTITY_HEADER: z
      .string()
      .trim()
      .regex(/^$|^[A-Za-z0-9-]+$/, 'must be a header name such as X-Forwarded-Email')
      .transform((v) => (v === '' ? undefined : v.toLowerCase()))
      .optional(),
  })
  .extend(DatabaseSettingsSchema.shape)
  .superRefine((config, context) => {
    if (config.DIRECTLINE_MAX_ACTIVITY_BYTES > config.DIRECTLINE_MAX_CONVERSATION_BYTES) {
      context.addIssue({ code: 'custom', path: ['DIRECTLINE_MAX_ACTIVITY_BYTES'], message: 'must not exceed DIRECTLINE_MAX_CONVERSATION_BYTES' });
    }
    if (config.DIRECTLINE_MAX_CONVERSATION_BYTES > config.DIRECTLINE_MAX_TOTAL_BYTES) {
      context.addIssue({ code: 'custom', path: ['DIRECTLINE_MAX_CONVERSATION_BYTES'], message: 'must not exceed DIRECTLINE_MAX_TOTAL_BYTES' });
    }
    if (config.OUTBOUND_TIMEOUT_MS > config.OUTBOUND_DEADLINE_MS) {
      context.addIssue({ code: 'custom', path: ['OUTBOUND_TIMEOUT_MS'], message: 'must not exceed OUTBOUND_DEADLINE_MS' });
    }
    if (config.HTTP_HEADERS_TIMEOUT_MS > config.HTTP_REQUEST_TIMEOUT_MS) {
      context.addIssue({ code: 'custom', path: ['HTTP_HEADERS_TIMEOUT_MS'], message: 'must not exceed HTTP_REQUEST_TIMEOUT_MS' });
    }
    if (!config.MicrosoftAppId) return;
    if (config.MicrosoftAppType !== 'UserAssignedMSI' && !config.MicrosoftAppPassword) {
      context.addIssue({
        code: 'custom',
        path: ['MicrosoftAppPassword'],
        message: 'is required when MicrosoftAppId is set (the client secret of the Azure Bot app registration)',
      });
    }
    if (config.MicrosoftAppType !== 'MultiTenant' && !config.MicrosoftAppTenantId) {
      context.addIssue({
        code: 'custom',
        path: ['MicrosoftAppTenantId'],
        message: `is required when MicrosoftAppType is ${config.MicrosoftAppType}`,
      });
    }
  });

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses configuration from an environment; throws ConfigError naming the first bad variable.
 * Not z.prettifyError: it writes every issue on two lines each ("✖ <message>\n  → at PORT"), with
 * the variable last and without the value that was given; start-up says one line, variable first.
 */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = ConfigSchema.safeParse(env);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const variable = String(issue?.path[0] ?? 'configuration');
  const value = env[variable];
  const shown = value === undefined || /password|secret|token/i.test(variable) ? '' : ` (got "${value}")`;
  throw new ConfigError(`Invalid configuration: ${variable} ${issue?.message ?? 'is invalid'}${shown}`);
}

/** Reads .env (without overriding real environment variables) and parses the result. */
export function loadConfig(envFile = '.env'): Config {
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return parseConfig(process.env);
}

/** Whether requests must carry a Bot Framework token (Azure Bot Service) or not (Emulator, local). */
export function requiresAuthentication(config: Config): boolean {
  return config.MicrosoftAppId !== undefined;
}

/**
 * The interface the server listens on: HOST if set; otherwise only this machine (127.0.0.1) while
 * requests are not authenticated, so an unauthenticated bot is not open to the network by
 * default, and every interface once an Azure Bot checks tokens.
 */
export function listenHost(config: Config): string {
  return config.HOST ?? (requiresAuthentication(config) ? '0.0.0.0' : '127.0.0.1');
}

/**
 * The local Direct Line channel (for the Web Chat page) is a development convenience: on by
 * default only while no Azure Bot is configured; production turns it on explicitly or not at all.
 */
export function localDirectLineEnabled(config: Config): boolean {
  if (config.LOCAL_DIRECTLINE === 'auto') return !requiresAuthentication(config);
  return config.LOCAL_DIRECTLINE === 'on';
}

/**
 * Who may call the operator endpoints (/api/ask, /api/recognize): with OPERATOR_TOKEN set, whoever
 * sends it; without one, anyone in local configuration and nobody once an Azure Bot is configured.
 */
export type OperatorAccess = 'token' | 'open' | 'off';

export function operatorAccess(config: Config): OperatorAccess {
  if (config.OPERATOR_TOKEN !== undefined) return 'token';
  return requiresAuthentication(config) ? 'off' : 'open';
}

/** Where and how long the bot's replies to channels may go (the adapter's OutboundLimits). */
export function outboundLimits(config: Config) {
  return {
    attemptTimeoutMs: config.OUTBOUND_TIMEOUT_MS,
    deadlineMs: config.OUTBOUND_DEADLINE_MS,
    authenticated: requiresAuthentication(config),
    allowedOrigins: config.ALLOWED_SERVICE_URLS,
  };
}
