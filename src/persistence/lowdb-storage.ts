// Bot state storage on disk, one small JSON file per key (one conversation's state), so a turn
// rewrites only its own conversation, however many are stored; every write goes through a
// temporary file of its own and a rename (atomic-file.ts), so a crash never leaves a broken file;
// eTags stop two turns from silently overwriting each other. A file that cannot be read is set
// aside, never deleted (src/domain/unreadable-saved-state.ts); state left idle too long is removed (expireIdle).
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Storage, StoreItems } from 'botbuilder';
import { log } from '../log.js';
import { writeFileAtomically } from './atomic-file.js';
import { describeFileError, errorCode, nodeFileSystem, type FileSystem } from './file-system.js';
import { StateConflictError } from './state-conflict.js';
import { unreadableSavedStateItem, type UnreadableSavedState } from '../domain/unreadable-saved-state.js';

/** The folder under DATA_DIR that holds conversation state. */
export const CONVERSATIONS_DIR = 'conversations';

interface StoredRecord {
  /** The storage key, kept in the file so a person (or a migration) can tell what it holds. */
  key: string;
  item: StoredItem;
}

interface StoredItem {
  eTag: string;
  [field: string]: unknown;
}

/** Recently used items stay in memory; beyond this many, the oldest are read from disk again. */
const CACHE_SIZE = 5000;
const STATE_FILE = /^[0-9a-f]{38}\.json$/;
const HASH_FOLDER = /^[0-9a-f]{2}$/;

/**
 * An item as kept in memory: its eTag, and the file's text (compact JSON: nobody reads these files
 * by eye often enough to pay for indentation on every turn). A read parses the text, which gives
 * the caller its own copy; a write serialises once, for the file and the cache alike.
 */
interface CachedItem {
  eTag: string;
  text: string;
}

/** A file that was there but could not be read, now renamed out of the way. */
interface SetAside {
  setAside: UnreadableSavedState;
}

/** A store error that names its file (and keeps the file system's error as the cause). */
export class StateFileError extends Error {
  override name = 'StateFileError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStoredRecord(value: unknown): value is StoredRecord {
  return isRecord(value) && typeof value.key === 'string' && isRecord(value.item) && typeof value.item.eTag === 'string';
}

const ABSENT = 'absent';

/** A fresh copy of a cached item, for a caller that may change it. */
function itemOf(cached: CachedItem): StoredItem {
  const parsed: unknown = JSON.parse(cached.text);
  if (!isStoredRecord(parsed)) throw new Error('Storage: a cached item is not a stored record');
  return parsed.item;
}

function eTagOf(change: unknown): string | undefined {
  return isRecord(change) && typeof change.eTag === 'string' ? change.eTag : undefined;
}

/** The stored record of `key` in a state file's text, or why the text is not one. */
function parseState(text: string, key: string): { record: StoredRecord } | { unreadable: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { unreadable: 'not valid JSON' };
  }
  if (!isStoredRecord(parsed)) return { unreadable: 'not a stored state record' };
  return parsed.key === key ? { record: parsed } : { unreadable: 'written for another key' };
}

export interface LowdbStorageOptions {
  /** The file operations; tests pass a layer that fails like a read-only or full disk. */
  fs?: FileSystem;
  /** The clock, in milliseconds, for idle expiry and set-aside names. */
  now?: () => number;
}

export class LowdbStorage implements Storage {
  /** key -> item; ABSENT when the key is known to have no file. Map order is recency. */
  private readonly cache = new Map<string, CachedItem | typeof ABSENT>();
  /** Per-key chains: an eTag check and its write happen without another turn in between. */
  private readonly locks = new Map<string, Promise<unknown>>();
  private nextETag = Date.now();
  /** key -> file path, and the folders known to exist: neither is worked out twice. */
  private readonly paths = new Map<string, string>();
  private readonly folders = new Set<string>();
  private readonly fs: FileSystem;
  private readonly now: () => number;

  /** @param dir the folder the state files live in (created if missing). */
  constructor(
    readonly dir: string,
    options: LowdbStorageOptions = {},
  ) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new StateFileError(`${dir} cannot be used for conversation state (${describeFileError(error)})`, { cause: error });
    }
    this.fs = options.fs ?? nodeFileSystem;
    this.now = options.now ?? Date.now;
  }

  /** Where a key's file is: hashed, because keys contain slashes and ids from channels. */
  fileFor(key: string): string {
    const known = this.paths.get(key);
    if (known) return known;
    const hash = createHash('sha256').update(key).digest('hex');
    const file = join(this.dir, hash.slice(0, 2), `${hash.slice(2, 40)}.json`);
    if (this.paths.size >= CACHE_SIZE) this.paths.clear();
    this.paths.set(key, file);
    return file;
  }

  private async ensureFolder(file: string): Promise<void> {
    const folder = dirname(file);
    if (this.folders.has(folder)) return;
    await this.fs.mkdir(folder);
    this.folders.add(folder);
  }

  /**
   * The items stored under `keys`. A key whose file could not be read gets, on this one read, an
   * item carrying only the UNREADABLE_SAVED_STATE marker (see src/domain/unreadable-saved-state.ts).
   */
  async read(keys: string[]): Promise<StoreItems> {
    const found: StoreItems = {};
    for (const key of keys) {
      const cached = this.cache.get(key) ?? (await this.readFile(key));
      if (typeof cached === 'object' && 'setAside' in cached) {
        this.remember(key, ABSENT);
        found[key] = unreadableSavedStateItem(cached.setAside);
        continue;
      }
      this.remember(key, cached);
      if (cached !== ABSENT) found[key] = itemOf(cached);
    }
    return found;
  }

  async write(changes: StoreItems): Promise<void> {
    const keys = Object.keys(changes);
    await this.exclusive(keys, async () => {
      // Check every eTag before changing anything, so a conflict writes nothing.
      for (const key of keys) {
        const expected = eTagOf(changes[key]);
        const current = await this.current(key);
        if (current && expected && expected !== '*' && expected !== current.eTag) {
          throw new StateConflictError(`Storage: error writing "${key}" due to eTag conflict.`);
        }
      }
      await Promise.all(
        keys.map(async (key) => {
          const change: unknown = changes[key];
          const eTag = String(this.nextETag++);
          const item: StoredItem = { ...(isRecord(change) ? change : { value: change }), eTag };
          const text = JSON.stringify({ key, item } satisfies StoredRecord);
          const file = this.fileFor(key);
          try {
            await this.ensureFolder(file);
            // Not flushed to the disk: a power cut may cost the last turn of a conversation, which
            // the user repeats; an fsync on every turn would cost every user.
            await writeFileAtomically(this.fs, file, text, { durable: false });
          } catch (error) {
            throw new StateFileError(`${file} could not be written (${describeFileError(error)})`, { cause: error });
          }
          this.remember(key, { eTag, text });
          // The writer's item gets its new eTag, so writing the same item again in its turn is not a conflict with itself.
          if (isRecord(change)) change.eTag = eTag;
        }),
      );
    });
  }

  async delete(keys: string[]): Promise<void> {
    await this.exclusive(keys, async () => {
      // A key known to have no file needs no call to the disk at all.
      await Promise.all(keys.filter((key) => this.cache.get(key) !== ABSENT).map((key) => this.removeFile(this.fileFor(key))));
      for (const key of keys) this.remember(key, ABSENT);
    });
  }

  /**
   * Removes the state of conversations idle since before `cutoffMs` (their file's modification
   * time), so state nobody comes back to does not pile up. A conversation written meanwhile is
   * kept: each file is looked at again under its key's lock. Returns how many were removed.
   */
  async expireIdle(cutoffMs: number): Promise<number> {
    let removed = 0;
    for (const folder of (await this.entries(this.dir)).filter((name) => HASH_FOLDER.test(name))) {
      const dir = join(this.dir, folder);
      for (const name of (await this.entries(dir)).filter((entry) => STATE_FILE.test(entry))) {
        if (await this.expire(join(dir, name), cutoffMs)) removed++;
      }
    }
    return removed;
  }

  private async expire(file: string, cutoffMs: number): Promise<boolean> {
    if (!(await this.idleSince(file, cutoffMs))) return false;
    let key: string;
    try {
      const parsed: unknown = JSON.parse(await this.fs.readFile(file, 'utf8'));
      if (!isStoredRecord(parsed)) return false;
      key = parsed.key;
    } catch {
      // Unreadable: left for the turn that reads it to set aside, with the user told.
      return false;
    }
    if (this.fileFor(key) !== file) return false;
    return this.exclusive([key], async () => {
      if (!(await this.idleSince(file, cutoffMs))) return false;
      await this.removeFile(file);
      this.remember(key, ABSENT);
      return true;
    });
  }

  private async idleSince(file: string, cutoffMs: number): Promise<boolean> {
    try {
      return (await this.fs.modifiedAt(file)) < cutoffMs;
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return false;
      throw error;
    }
  }

  private async entries(dir: string): Promise<string[]> {
    try {
      return await this.fs.readdir(dir);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      throw error;
    }
  }

  /** Removes a file that may not exist (one call, where rm() would look at it first). */
  private async removeFile(file: string): Promise<void> {
    try {
      await this.fs.unlink(file);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw new StateFileError(`${file} could not be removed (${describeFileError(error)})`, { cause: error });
    }
  }

  private async current(key: string): Promise<CachedItem | null> {
    const found = this.cache.get(key) ?? (await this.readFile(key));
    // A file set aside here (by a write before any read) is gone from its place: the key has none.
    const cached = typeof found === 'object' && 'setAside' in found ? ABSENT : found;
    this.remember(key, cached);
    return cached === ABSENT ? null : cached;
  }

  private async readFile(key: string): Promise<CachedItem | typeof ABSENT | SetAside> {
    const file = this.fileFor(key);
    let text: string;
    try {
      text = await this.fs.readFile(file, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return ABSENT;
      throw new StateFileError(`${file} could not be read (${describeFileError(error)})`, { cause: error });
    }
    const state = parseState(text, key);
    if ('record' in state) return { eTag: state.record.item.eTag, text };
    return { setAside: await this.setAside(file, state.unreadable) };
  }

  /**
   * Moves an unreadable state file out of the way (renamed, so an operator or a newer version can
   * still read it) and logs where it went. Throws, naming the file, if it cannot be moved: then it
   * stays where it is and nothing overwrites it.
   */
  private async setAside(file: string, reason: string): Promise<UnreadableSavedState> {
    const setAsideAs = `${file}.unreadable-${new Date(this.now()).toISOString().replace(/[:.]/g, '-')}`;
    try {
      await this.fs.rename(file, setAsideAs);
    } catch (error) {
      throw new StateFileError(`${file} is unreadable (${reason}) and could not be set aside (${describeFileError(error)})`, {
        cause: error,
      });
    }
    log.warn('conversation state file unreadable; set aside, and that conversation starts afresh', { file, setAsideAs, reason });
    return { setAsideAs, reason };
  }

  private remember(key: string, item: CachedItem | typeof ABSENT): void {
    this.cache.delete(key);
    this.cache.set(key, item);
    if (this.cache.size > CACHE_SIZE) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }

  /** Runs `work` once no other write or delete of these keys is in progress. */
  private async exclusive<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const previous = Promise.allSettled(keys.map((key) => this.locks.get(key) ?? Promise.resolve()));
    const run = previous.then(work);
    const settled = run.catch(() => undefined);
    for (const key of keys) this.locks.set(key, settled);
    try {
      return await run;
    } finally {
      for (const key of keys) if (this.locks.get(key) === settled) this.locks.delete(key);
    }
  }
}
