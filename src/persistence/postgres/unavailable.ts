// Which database failures mean "the database cannot be reached or did not answer in time", as
// opposed to a bug: those become DatabaseUnavailableError, which the turn answers with an apology.
import { causedBy, fieldOf } from '../error-cause.js';

/** The database could not be reached, dropped the connection, or cancelled a statement that ran too long. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/** SQLSTATE classes and codes that say the server is gone or busy, not that the request was wrong. */
const UNAVAILABLE_STATES = new Set([
  '57014', // query_canceled: statement_timeout
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down)
  '53300', // too_many_connections
  '55P03', // lock_not_available
]);

/** Node network errors on the way to the server. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);

/** Whether a pg error (or a network error under it) means the database is unavailable. */
export function isUnavailable(error: unknown): boolean {
  const code = fieldOf(error, 'code');
  if (typeof code === 'string' && (UNAVAILABLE_STATES.has(code) || code.startsWith('08') || NETWORK_CODES.has(code))) return true;
  const message = error instanceof Error ? error.message : '';
  // pg's own wording for a pool that could not connect in time, a query that outlived query_timeout,
  // and a connection that ended under a query: none of them carries a code.
  return /timeout exceeded when trying to connect|Query read timeout|Connection terminated|connection timeout/i.test(message);
}

export function causedByUnavailableDatabase(error: unknown): boolean {
  return causedBy(error, DatabaseUnavailableError);
}
