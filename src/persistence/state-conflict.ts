// A conversation-state write that lost a race: another turn of the conversation changed the state
// since this turn read it. Both stores refuse such a write with this error, and the turn tells
// the user instead of silently overwriting the other turn's work.
import { causedBy } from './error-cause.js';

export class StateConflictError extends Error {
  override name = 'StateConflictError';
}

export function causedByStateConflict(error: unknown): boolean {
  return causedBy(error, StateConflictError);
}
