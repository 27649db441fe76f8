// Bot state storage on disk with lowdb: survives restarts, writes atomically (steno writes a
// temporary file and renames it), and honours eTags so two turns cannot silently overwrite each other.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Storage, StoreItems } from 'botbuilder';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';

interface StateFile {
  items: Record<string, StoredItem>;
}

interface StoredItem {
  eTag: string;
  [field: string]: unknown;
}

function copy<T>(value: T): T {
  return structuredClone(value);
}

export class LowdbStorage implements Storage {
  private readonly db: Low<StateFile>;
  private loaded: Promise<void> | undefined;
  private nextETag = Date.now();

  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Low<StateFile>(new JSONFile<StateFile>(file), { items: {} });
  }

  /** Reads the file once; later calls reuse the data in memory, which this process alone writes. */
  load(): Promise<void> {
    this.loaded ??= this.db.read();
    return this.loaded;
  }

  async read(keys: string[]): Promise<StoreItems> {
    await this.load();
    const found: StoreItems = {};
    for (const key of keys) {
      const item = this.db.data.items[key];
      if (item) found[key] = copy(item);
    }
    return found;
  }

  async write(changes: StoreItems): Promise<void> {
    await this.load();
    const items = this.db.data.items;
    // Check every eTag before changing anything, so a conflict writes nothing.
    for (const [key, change] of Object.entries(changes)) {
      const expected = eTagOf(change);
      const current = items[key];
      if (current && expected && expected !== '*' && expected !== current.eTag) {
        throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }
    }
    for (const [key, change] of Object.entries(changes)) {
      items[key] = { ...copy(isRecord(change) ? change : { value: change }), eTag: String(this.nextETag++) };
    }
    await this.db.write();
  }

  async delete(keys: string[]): Promise<void> {
    await this.load();
    for (const key of keys) delete this.db.data.items[key];
    await this.db.write();
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function eTagOf(change: unknown): string | undefined {
  return isRecord(change) && typeof change.eTag === 'string' ? change.eTag : undefined;
}
