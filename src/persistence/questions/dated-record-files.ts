// One kind of question-log record kept in a file per day (DATA_DIR/questions/<kind>-YYYY-MM-DD.json):
// a new record rewrites only its own day's file, however many records are kept, and the cap drops
// the oldest records (whole days at a time where it can).
import { join } from 'node:path';
import type { z } from 'zod';
import { errorCode, type FileSystem } from '../file-system.js';
import { RecordFile } from './record-file.js';

/** The day of a record (UTC), from its ISO time. */
function dayOf(at: string): string {
  return at.slice(0, 10);
}

export class DatedRecordFiles<T extends { at: string }> {
  /** Each day's file, the oldest day first. */
  private days = new Map<string, RecordFile<T>>();
  private total = 0;

  private constructor(
    private readonly fs: FileSystem,
    private readonly dir: string,
    private readonly kind: string,
    private readonly maxKept: number,
  ) {}

  /** Reads every day's file of this kind (no folder yet: no records). */
  static async open<T extends { at: string }>(fs: FileSystem, dir: string, kind: string, schema: z.ZodType<T>, maxKept: number): Promise<DatedRecordFiles<T>> {
    const files = new DatedRecordFiles<T>(fs, dir, kind, maxKept);
    const pattern = new RegExp(`^${kind}-(\\d{4}-\\d{2}-\\d{2})\\.json$`);
    let names: string[] = [];
    try {
      names = await fs.readdir(dir);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
    }
    for (const name of names.sort()) {
      const day = pattern.exec(name)?.[1];
      if (day === undefined) continue;
      const file = await RecordFile.open(fs, join(dir, name), schema);
      files.days.set(day, file);
      files.total += file.count;
    }
    return files;
  }

  /** Adds a record; resolves once it and any dropping of old records are on disk. */
  async add(record: T): Promise<void> {
    const written = this.fileFor(dayOf(record.at)).add(record);
    this.total += 1;
    await Promise.all([written, this.dropBeyondCap()]);
  }

  /** Records at or after `since` (all when undefined), oldest first. */
  since(since: Date | undefined): T[] {
    const from = since?.toISOString();
    const fromDay = from === undefined ? '' : dayOf(from);
    return [...this.days].flatMap(([day, file]) => (day < fromDay ? [] : file.since(from)));
  }

  async close(): Promise<void> {
    await Promise.all([...this.days.values()].map((file) => file.close()));
  }

  private fileFor(day: string): RecordFile<T> {
    const known = this.days.get(day);
    if (known) return known;
    const file = new RecordFile<T>(this.fs, join(this.dir, `${this.kind}-${day}.json`));
    this.days.set(day, file);
    // A day older than the last (a clock set back) goes in its place, so the oldest stay first.
    const last = [...this.days.keys()].at(-2);
    if (last !== undefined && day < last) this.days = new Map([...this.days].sort(([a], [b]) => a.localeCompare(b)));
    return file;
  }

  /** The cap (MAX_RECORDS_KEPT): the oldest records go, whole days' files first. */
  private async dropBeyondCap(): Promise<void> {
    const work: Promise<void>[] = [];
    for (const [day, file] of this.days) {
      const excess = this.total - this.maxKept;
      if (excess <= 0) break;
      if (file.count <= excess) {
        this.days.delete(day);
        this.total -= file.count;
        work.push(file.remove());
      } else {
        this.total -= excess;
        work.push(file.dropOldest(excess));
      }
    }
    await Promise.all(work);
  }
}
