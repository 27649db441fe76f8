// The port between conversation storage and the bot: how storage says that a saved state existed but could not be read.
//
// The storage sets the file aside (renamed, never deleted) and returns, for that key and that one
// read, an item whose only content is this symbol-keyed marker. A symbol key is invisible to JSON
// and to Object.values, so a reader that knows nothing of it sees an empty state and starts the
// conversation afresh, as before; a reader that does know can tell the user. It is a registered
// symbol (Symbol.for) so that any storage (files, a database) can set it and the bot recognise it.
export const UNREADABLE_SAVED_STATE: unique symbol = Symbol.for('filing-assistant.unreadable-saved-state');

export interface UnreadableSavedState {
  /** Where the unreadable file now is, for the log and for an operator. */
  setAsideAs: string;
  /** Why it could not be read: "not valid JSON", "not a stored state record", "written for another key". */
  reason: string;
}

export interface UnreadableSavedStateItem {
  [UNREADABLE_SAVED_STATE]: UnreadableSavedState;
}

export function unreadableSavedStateItem(state: UnreadableSavedState): UnreadableSavedStateItem {
  return { [UNREADABLE_SAVED_STATE]: state };
}

/** The marker on an item read from storage, if it carries one. */
export function unreadableSavedStateOf(item: unknown): UnreadableSavedState | undefined {
  if (typeof item !== 'object' || item === null || !(UNREADABLE_SAVED_STATE in item)) return undefined;
  const state: unknown = item[UNREADABLE_SAVED_STATE];
  if (typeof state !== 'object' || state === null || !('setAsideAs' in state) || !('reason' in state)) return undefined;
  const { setAsideAs, reason } = state;
  return typeof setAsideAs === 'string' && typeof reason === 'string' ? { setAsideAs, reason } : undefined;
}
