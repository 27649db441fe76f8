// A lowdb adapter for one JSON file, written through atomic-file.ts: lowdb's own DataFile writes
// through steno, whose temporary file has a fixed name (see atomic-file.ts for why that matters).
import type { Adapter } from 'lowdb';
import { writeFileAtomically } from '../atomic-file.js';
import { errorCode, type FileSystem } from '../file-system.js';

export interface AtomicJsonFileOptions<T> {
  fs: FileSystem;
  parse: (text: string) => T;
  stringify: (data: T) => string;
  /** Flush to the disk before a write is reported done. */
  durable: boolean;
}

export class AtomicJsonFile<T> implements Adapter<T> {
  constructor(
    readonly path: string,
    private readonly options: AtomicJsonFileOptions<T>,
  ) {}

  /** The parsed file, or null when there is none yet. */
  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await this.options.fs.readFile(this.path, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return null;
      throw error;
    }
    return this.options.parse(text);
  }

  async write(data: T): Promise<void> {
    await writeFileAtomically(this.options.fs, this.path, this.options.stringify(data), { durable: this.options.durable });
  }
}
