// Bot state storage on disk with lowdb. Each key (one conversation's state) is its own small lowdb
// file, so a turn rewrites only its own conversation, however many are stored; steno writes a
// temporary file and renames it, so a crash never leaves a broken file; eTags stop two turns from
// silently overwriting each other.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Storage, StoreItems } from 'botbuilder';
import { TextFile } from 'lowdb/node';
import { log } from '../log.js';

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

/**
 * An item as kept in memory: its eTag, and the file's text (compact JSON: nobody reads these files
 * by eye often enough to pay for indentation on every turn). A read parses the text, which gives
 * the caller its own copy; a write serialises once, for the file and the cache alike.
 */
interface CachedItem {
  eTag: string;
  text: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStoredRecord(value: unknown): value is StoredRecord {
  return isRecord(value) && typeof value.key === 'string' && isRecord(value.item) && typeof value.item.eTag === 'string';
}

/** Removes a file that may not exist (one call, where rm() would look at it first). */
async function removeFile(file: string): Promise<void> {
  try {
    await unlink(file);
  } catch (error) {
    if (!(isRecord(error) && error.code === 'ENOENT')) throw error;
  }
}

const ABSENT = 'absent';
const UNREADABLE = 'unreadable';

/** A fresh copy of a cached item, for a caller that may change it. */
function itemOf(cached: CachedItem): StoredItem {
  const parsed: unknown = JSON.parse(cached.text);
  if (!isStoredRecord(parsed)) throw new Error('Storage: a cached item is not a stored record');
  return parsed.item;
}

function eTagOf(change: unknown): string | undefined {
  return isRecord(change) && typeof change.eTag === 'string' ? change.eTag : undefined;
}

export class LowdbStorage implements Storage {
  /**
   * key -> item; ABSENT when the key is known to have no file, UNREADABLE when its file could not
   * be read (it reads as no item, but a delete must still remove the file). Map order is recency.
   */
  private readonly cache = new Map<string, CachedItem | typeof ABSENT | typeof UNREADABLE>();
  /** Per-key chains: an eTag check and its write happen without another turn in between. */
  private readonly locks = new Map<string, Promise<unknown>>();
  private nextETag = Date.now();
  /** key -> file path, and the folders known to exist: neither is worked out twice. */
  private readonly paths = new Map<string, string>();
  private readonly folders = new Set<string>();

  /** @param dir the folder the state files live in (created if missing). */
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
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

  private ensureFolder(file: string): void {
    const folder = dirname(file);
    if (this.folders.has(folder)) return;
    mkdirSync(folder, { recursive: true });
    this.folders.add(folder);
  }

  async read(keys: string[]): Promise<StoreItems> {
    const found: StoreItems = {};
    for (const key of keys) {
      const cached = await this.current(key);
      if (cached) found[key] = itemOf(cached);
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
          throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
        }
      }
      await Promise.all(
        keys.map(async (key) => {
          const change: unknown = changes[key];
          const eTag = String(this.nextETag++);
          const item: StoredItem = { ...(isRecord(change) ? change : { value: change }), eTag };
          const text = JSON.stringify({ key, item } satisfies StoredRecord);
          const file = this.fileFor(key);
          this.ensureFolder(file);
          await new TextFile(file).write(text);
          this.remember(key, { eTag, text });
        }),
      );
    });
  }

  async delete(keys: string[]): Promise<void> {
    await this.exclusive(keys, async () => {
      // A key known to have no file needs no call to the disk at all.
      await Promise.all(keys.filter((key) => this.cache.get(key) !== ABSENT).map((key) => removeFile(this.fileFor(key))));
      for (const key of keys) this.remember(key, ABSENT);
    });
  }

  private async current(key: string): Promise<CachedItem | null> {
    const cached = this.cache.get(key) ?? (await this.readFile(key));
    this.remember(key, cached);
    return typeof cached === 'string' ? null : cached;
  }

  private async readFile(key: string): Promise<CachedItem | typeof ABSENT | typeof UNREADABLE> {
    const file = this.fileFor(key);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (isRecord(error) && error.code === 'ENOENT') return ABSENT;
      throw error;
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (isStoredRecord(parsed) && parsed.key === key) return { eTag: parsed.item.eTag, text };
    } catch {
      // Reported below: an unreadable file must not make the conversation unusable.
    }
    log.warn('conversation state file unreadable; starting that conversation afresh', { file });
    return UNREADABLE;
  }

  private remember(key: string, item: CachedItem | typeof ABSENT | typeof UNREADABLE): void {
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
