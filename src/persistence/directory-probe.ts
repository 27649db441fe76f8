// Whether a data directory can be written right now, found out the only sure way: by writing (and
// removing) a small file there. Results are kept briefly, so a flood of readiness probes costs the
// disk one write per interval, and probes that arrive together share one write.
import { unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type ProbeResult = { ok: true } | { ok: false; reason: string };

export interface DirectoryProbeOptions {
  /** How long a result is reused; 2 s by default. */
  cacheMs?: number;
  /** The clock, in milliseconds; tests pass their own. */
  now?: () => number;
}

const DEFAULT_CACHE_MS = 2000;

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : 'an unknown error';
}

export class DirectoryProbe {
  private readonly file: string;
  private readonly cacheMs: number;
  private readonly now: () => number;
  private last: { at: number; result: Promise<ProbeResult> } | undefined;

  /** @param what the directory as a reader of /readyz knows it ("the orders directory"): paths are not shown. */
  constructor(
    dir: string,
    private readonly what: string,
    options: DirectoryProbeOptions = {},
  ) {
    // A dot file by process: ignored by the stores, which read only their own file names.
    this.file = join(dir, `.write-probe-${process.pid}`);
    this.cacheMs = options.cacheMs ?? DEFAULT_CACHE_MS;
    this.now = options.now ?? Date.now;
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
      await writeFile(this.file, 'probe\n');
      await unlink(this.file);
      return { ok: true };
    } catch (error) {
      // The error code only: its message names the path, which /readyz does not tell.
      return { ok: false, reason: `cannot write a file in ${this.what} (${codeOf(error)})` };
    }
  }
}
