// Each user's flow in each conversation (PrivateConversationState), with a cheaper way to tell
// whether a turn changed it. BotState hashes the whole state three times a turn (on load, before
// saving and after) with a JavaScript JSON serialiser and SHA-256: a few percent of every turn.
// The native JSON.stringify of the same state, compared as a string, decides the same thing.
// A state with nothing in it (no flow under way) is not kept at all: loading a missing state gives
// the same empty one back, and most conversations are a few questions and no flow.
import { PrivateConversationState, type Storage, type StoreItem, type TurnContext } from 'botbuilder';
import { unreadableSavedStateOf } from '../domain/unreadable-saved-state.js';

interface Loaded {
  state: StoreItem;
  /** The state as last read or written, without its eTag; undefined forces the next save. */
  snapshot: string | undefined;
  /**
   * Whether storage holds something under the key, as last read or written: an emptied state is
   * then deleted. Kept apart from the snapshot so that deciding it does not parse the snapshot.
   */
  stored: boolean;
}

/** The state less its eTag (which storage changes on every write); a shallow copy, the state itself is not touched. */
function withoutETag(state: StoreItem): StoreItem {
  return { ...state, eTag: undefined };
}

/** The state as saved, less the eTag. */
function snapshotOf(state: StoreItem): string {
  // An undefined field is left out of JSON.
  return JSON.stringify(withoutETag(state));
}

/**
 * Whether a value holds nothing a later turn could miss: no values, only empty arrays and objects
 * (an empty dialog stack). Such a state behaves exactly like none.
 */
function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.values(value).every(isEmpty);
  return false;
}

function isStoreItem(value: unknown): value is StoreItem {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Bypass of botbuilder (checked on 4.23.3, see bypasses.ts): overrides BotState's load, saveChanges,
 * clear, delete and get, keeping its storage key (PrivateConversationState.getStorageKey) and its
 * property accessors. The cached state lives under a turn-state key of its own, so nothing in the
 * library that reads BotState's private cache key may be used with this class; none is in this bot.
 */
export class FlowState extends PrivateConversationState {
  private readonly loadedKey = Symbol('flow state');
  /** Set in a turn whose saved state storage could not read (and set aside). */
  private readonly unreadableKey = Symbol('saved state unreadable');

  constructor(storage: Storage) {
    super(storage);
  }

  override async load(context: TurnContext, force = false): Promise<StoreItem> {
    const loaded: Loaded | undefined = context.turnState.get(this.loadedKey);
    if (loaded && !force) return loaded.state;
    const key = await this.storageKey(context);
    const items = await this.storage.read([key]);
    const item: unknown = items[key];
    if (unreadableSavedStateOf(item)) context.turnState.set(this.unreadableKey, true);
    const state: StoreItem = isStoreItem(item) ? item : {};
    context.turnState.set(this.loadedKey, { state, snapshot: snapshotOf(state), stored: !isEmpty(withoutETag(state)) } satisfies Loaded);
    return state;
  }

  /** Whether this turn found a saved flow that storage could not read: the user is told, not left guessing. */
  async savedStateWasUnreadable(context: TurnContext): Promise<boolean> {
    await this.load(context);
    return context.turnState.get(this.unreadableKey) === true;
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const loaded: Loaded | undefined = context.turnState.get(this.loadedKey);
    if (!loaded && !force) return;
    const current: Loaded = loaded ?? { state: {}, snapshot: undefined, stored: true };
    // Computed once: it decides whether to save, and is what was saved (the eTag aside).
    const snapshot = snapshotOf(current.state);
    if (!force && snapshot === current.snapshot) return;
    const key = await this.storageKey(context);
    if (isEmpty(withoutETag(current.state))) {
      // Nothing stored, or the flow ended: an empty state is the absence of one.
      if (current.snapshot === undefined || current.stored) await this.storage.delete([key]);
      current.stored = false;
      // Gone from storage: a state written later in the turn is a new one, not a change of that.
      current.state.eTag = undefined;
    } else {
      // The eTag read with the state (the storage writes the new one back after each write): a
      // turn that lost a race with another turn of the conversation is refused, never overwrites.
      current.state.eTag ??= '*';
      await this.storage.write({ [key]: current.state });
      current.stored = true;
    }
    current.snapshot = snapshot;
    context.turnState.set(this.loadedKey, current);
  }

  override async clear(context: TurnContext): Promise<void> {
    context.turnState.set(this.loadedKey, { state: {}, snapshot: undefined, stored: true } satisfies Loaded);
  }

  override async delete(context: TurnContext): Promise<void> {
    context.turnState.delete(this.loadedKey);
    await this.storage.delete([await this.storageKey(context)]);
  }

  override get(context: TurnContext): StoreItem | undefined {
    const loaded: Loaded | undefined = context.turnState.get(this.loadedKey);
    return loaded?.state;
  }
}
