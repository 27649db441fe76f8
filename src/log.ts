// Structured one-line JSON logs on stderr. Callers pass facts, never message text; as a second
// line of defence every value is scrubbed of identity numbers, phone numbers and secrets.
import { IDENTITY_NUMBER, MOBILE_NUMBER } from './understanding/personal-data.js';

export const LOG_LEVELS = ['info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

let threshold: LogLevel = 'info';
let sink: (line: string) => void = (line) => process.stderr.write(line);

/** Sets the lowest level written; start-up calls it once from configuration. */
export function setLogLevel(level: LogLevel): void {
  threshold = level;
}

/** Sends log lines elsewhere (tests read them); returns a function that restores stderr. */
export function captureLog(write: (line: string) => void): () => void {
  const previous = sink;
  sink = write;
  return () => {
    sink = previous;
  };
}

/** Field names whose values are never written, whatever they hold. */
const SECRET_KEY = /pass(word)?|secret|token|authorization|credential|密码/i;
const REDACTED = '[redacted]';

/** Scrubs a record's values (see redact); the keys stay. */
function redactFields(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([key, field]) => [key, SECRET_KEY.test(key) ? REDACTED : redact(field)]),
  );
}

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    return value.replace(IDENTITY_NUMBER, '[id-number]').replace(MOBILE_NUMBER, '[phone]');
  }
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [key, SECRET_KEY.test(key) ? REDACTED : redact(field, depth + 1)]),
  );
}

function write(level: Exclude<LogLevel, 'silent'>, message: string, fields: Record<string, unknown> = {}): void {
  if (LOG_LEVELS.indexOf(level) < LOG_LEVELS.indexOf(threshold)) return;
  const entry = { time: new Date().toISOString(), level, message: redact(message), ...redactFields(fields) };
  sink(`${JSON.stringify(entry)}\n`);
}

export const log = {
  info: (message: string, fields?: Record<string, unknown>) => write('info', message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write('warn', message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write('error', message, fields),
};
