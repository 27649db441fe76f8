// One file of question-log records (DATA_DIR/questions/<name>.json): read once, kept in memory,
// rewritten whole through lowdb and atomic-file.ts, the oldest records dropped beyond the cap.
import { dirname, join } from 'node:path';
import { Low } from 'lowdb';
import type { z } from 'zod';
import { log } from '../../log.js';
import { MAX_RECORDS_KEPT } from '../../domain/questions/question-log.js';
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

  private constructor(
    private readonly fs: FileSystem,
    readonly path: string,
    private readonly schema: z.ZodType<T>,
    private readonly maxKept: number,
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
   * Reads the file (none yet: no records). A record this version cannot read is left out and
   * counted in the log; a file that is not a question log at all stops start-up, naming it.
   */
  static async open<T extends { at: string }>(fs: FileSystem, dir: string, name: string, schema: z.ZodType<T>, maxKept = MAX_RECORDS_KEPT): Promise<RecordFile<T>> {
    const file = new RecordFile(fs, join(dir, `${name}.json`), schema, maxKept);
    await file.db.read();
    const parsed = file.db.data.records.map((record) => schema.safeParse(record));
    file.records = parsed.flatMap((result) => (result.success ? [result.data] : []));
    const unreadable = parsed.length - file.records.length;
    if (unreadable > 0) log.warn('question log records this version cannot read were left out', { file: file.path, unreadable });
    return file;
  }

  /** Adds a record; resolves once it is on disk (with any added meanwhile). */
  async add(record: T): Promise<void> {
    this.records.push(record);
    // The cap: the oldest records go first (see MAX_RECORDS_KEPT).
    if (this.records.length > this.maxKept) this.records.splice(0, this.records.length - this.maxKept);
    await this.flush();
  }

  /** Records at or after `since`, oldest first (copies: the caller may keep them). */
  since(since: Date | undefined): T[] {
    const from = since?.toISOString();
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
