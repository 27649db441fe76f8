// One file of question-log records (DATA_DIR/questions/<kind>-<day>.json): read once, kept in
// memory, rewritten whole through lowdb and atomic-file.ts, one write at a time.
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import type { z } from 'zod';
import { log } from '../../log.js';
import { errorCode, type FileSystem } from '../file-system.js';
import { AtomicJsonFile } from '../orders/atomic-json-file.js';

interface RecordsFile {
  records: unknown[];
}

function parseRecordsFile(path: string, text: string): RecordsFile {
  const data: unknown = JSON.parse(text);
  if (typeof data !== 'object' || data === null || !('records' in data) || !Array.isArray(data.records)) {
    throw new Error(`${path} is not a question log file: it has no "records" list`);
  }
  return { records: data.records };
}

export class RecordFile<T extends { at: string }> {
  private readonly db: Low<RecordsFile>;
  private records: T[] = [];
  /** The writes, one after another. */
  private chain: Promise<void> = Promise.resolve();
  /** The next write, not started yet: records added meanwhile go out with it. */
  private scheduled: Promise<void> | undefined;

  constructor(
    private readonly fs: FileSystem,
    readonly path: string,
  ) {
    this.db = new Low<RecordsFile>(
      new AtomicJsonFile<RecordsFile>(path, {
        fs,
        parse: (text) => parseRecordsFile(path, text),
        stringify: (data) => JSON.stringify(data),
        // A question lost to a power cut costs nothing a user was promised.
        durable: false,
      }),
      { records: [] },
    );
  }

  /**
   * Reads the file. A record this version cannot read is left out and counted in the log; a file
   * that is not a question log at all stops start-up, naming it.
   */
  static async open<T extends { at: string }>(fs: FileSystem, path: string, schema: z.ZodType<T>): Promise<RecordFile<T>> {
    const file = new RecordFile<T>(fs, path);
    await file.db.read();
    const parsed = file.db.data.records.map((record) => schema.safeParse(record));
    file.records = parsed.flatMap((result) => (result.success ? [result.data] : []));
    const unreadable = parsed.length - file.records.length;
    if (unreadable > 0) log.warn('question log records this version cannot read were left out', { file: path, unreadable });
    return file;
  }

  get count(): number {
    return this.records.length;
  }

  /** Adds a record; resolves once it is on disk (with any added meanwhile). */
  add(record: T): Promise<void> {
    this.records.push(record);
    return this.flush();
  }

  /** Drops the `count` oldest records; resolves once the file is rewritten without them. */
  dropOldest(count: number): Promise<void> {
    this.records.splice(0, count);
    return this.flush();
  }

  /** Removes the file, after any write under way. */
  remove(): Promise<void> {
    this.records = [];
    const removal = this.chain.catch(() => undefined).then(async () => {
      await this.fs.unlink(this.path).catch((error: unknown) => {
        if (errorCode(error) !== 'ENOENT') throw error;
      });
    });
    this.chain = removal;
    return removal;
  }

  /** Records at or after `from` (ISO time; all when undefined), oldest first. */
  since(from: string | undefined): T[] {
    return from === undefined ? [...this.records] : this.records.filter((record) => record.at >= from);
  }

  async close(): Promise<void> {
    await this.chain.catch(() => undefined);
  }

  /** One write at a time, and at most one waiting, which takes every record added before it starts. */
  private flush(): Promise<void> {
    if (this.scheduled) return this.scheduled;
    const next = this.chain
      .catch(() => undefined)
      .then(() => {
        this.scheduled = undefined;
        return this.write();
      });
    this.scheduled = next;
    this.chain = next;
    return next;
  }

  private async write(): Promise<void> {
    this.db.data = { records: this.records };
    try {
      await this.db.write();
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
      // The folder is made on the first write, so a bot that never logs a question makes none.
      await this.fs.mkdir(dirname(this.path));
      await this.db.write();
    }
  }
}
