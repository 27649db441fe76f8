// Whether a data directory can be written right now, found out the only sure way: by writing (and
// removing) a small file there. Results are kept briefly, so a flood of readiness probes costs the
// disk one write per interval, and probes that arrive together share one write.
import { join } from 'node:path';
import { errorCode, fileErrorMeaning, isReadOnlyOrFull, nodeFileSystem, type FileSystem } from './file-system.js';

export type ProbeResult = { ok: true } | { ok: false; reason: string };

export interface DirectoryProbeOptions {
  /** How long a result is reused; 2 s by default. */
  cacheMs?: number;
  /** The clock, in milliseconds; tests pass their own. */
  now?: () => number;
  /** The file operations; tests pass a layer that fails like a read-only or full disk. */
  fs?: FileSystem;
}

export const DEFAULT_PROBE_CACHE_MS = 2000;

export class DirectoryProbe {
  private readonly file: string;
  private readonly cacheMs: number;
  private readonly now: () => number;
  private readonly fs: FileSystem;
  private last: { at: number; result: Promise<ProbeResult> } | undefined;

  /** @param what the directory as a reader of /readyz knows it ("the orders directory"): paths are not shown. */
  constructor(
    dir: string,
    private readonly what: string,
    options: DirectoryProbeOptions = {},
  ) {
    // A dot file by process: ignored by the stores, which read only their own file names.
    this.file = join(dir, `.write-probe-${process.pid}`);
    this.cacheMs = options.cacheMs ?? DEFAULT_PROBE_CACHE_MS;
    this.now = options.now ?? Date.now;
    this.fs = options.fs ?? nodeFileSystem;
  }

  check(): Promise<ProbeResult> {
    const now = this.now();
    if (this.last && now - this.last.at < this.cacheMs) return this.last.result;
    const result = this.probe();
    this.last = { at: now, result };
    return result;
  }

  private async probe(): Promise<ProbeResult> {
    try {
      await this.fs.writeFile(this.file, 'probe\n', { flag: 'w' });
      await this.fs.unlink(this.file);
      return { ok: true };
    } catch (error) {
      // The error in words and its code only: its message names the path, which /readyz does not tell.
      if (isReadOnlyOrFull(error)) return { ok: false, reason: `${fileErrorMeaning(error)}: ${this.what} (${errorCode(error)})` };
      return { ok: false, reason: `cannot write a file in ${this.what} (${errorCode(error) ?? 'an unknown error'})` };
    }
  }
}
