// Writes a file whole or not at all: the text goes to a temporary file of its own, which is then
// renamed over the real one, so a crash or kill leaves the old file or the new one, never half.
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { FileSystem } from './file-system.js';

/**
 * Our temporary files: `.<file>.<pid>-<random>.tmp`. Unique per write (steno's fixed `.<file>.tmp`
 * lets two writers of one file, or a writer and a leftover, trip over each other), and
 * recognisable, so start-up can remove those a killed process left behind and nothing else.
 */
const TEMP_FILE = /^\..+\.\d+-[0-9a-f]{12}\.tmp$/;
/** What steno, which wrote these files before, leaves behind: `.<name>.json.tmp`. */
const STENO_TEMP_FILE = /^\..+\.json\.tmp$/;

export function isLeftoverTempFile(name: string): boolean {
  return TEMP_FILE.test(name) || STENO_TEMP_FILE.test(name);
}

function tempFileFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
}

export interface AtomicWriteOptions {
  /**
   * Flush the file and its directory to the disk before answering, so a power cut cannot take back
   * a write that was reported done. Orders need it; conversation state can afford to lose a turn.
   */
  durable: boolean;
}

/** Replaces `file` with `text`; on failure the old file is untouched and no temporary file is left. */
export async function writeFileAtomically(fs: FileSystem, file: string, text: string, options: AtomicWriteOptions): Promise<void> {
  const temp = tempFileFor(file);
  try {
    // 'wx': a temporary file that somehow exists is someone else's; never write through it.
    await fs.writeFile(temp, text, { flag: 'wx' });
    if (options.durable) await fs.sync(temp);
    await fs.rename(temp, file);
  } catch (error) {
    // The write's own error is the one to report; a temporary file that cannot be removed now is
    // removed at the next start-up.
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  if (options.durable) await fs.sync(dirname(file));
}
