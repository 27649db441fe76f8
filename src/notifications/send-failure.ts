// What a failed delivery attempt records and logs: the channel's status or the connection's error
// code, never the message, the user's ids or an address (a service URL can name a tenant).
import { MAX_ATTEMPT_ERROR_CHARS } from '../domain/notifications/notification.js';

function field(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null ? Reflect.get(error, name) : undefined;
}

export function sendFailure(error: unknown): string {
  const status = field(error, 'statusCode');
  if (typeof status === 'number') return `the channel answered HTTP ${status}`;
  // The outbound deadline (OUTBOUND_DEADLINE_MS) cut the connector's own retries short.
  if (field(error, 'name') === 'AbortError') return 'the channel did not take the message before the outbound deadline';
  const code = field(error, 'code');
  if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return `the channel could not be reached (${code})`;
  const text = error instanceof Error ? error.message : String(error);
  // URLs can carry tenant or conversation ids: keep the gist without them.
  return text.replace(/\bhttps?:\/\/\S+/g, '<url>').slice(0, MAX_ATTEMPT_ERROR_CHARS);
}
