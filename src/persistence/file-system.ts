// The few file operations the stores and the readiness probe use, as one replaceable object: tests
// hand in a layer that fails like a read-only or full disk (EROFS, ENOSPC) without mounting one.
import { mkdir, open, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';

export interface FileSystem {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  writeFile(path: string, text: string, options: { flag: 'wx' }): Promise<void>;
  /** Flushes a written file (or a directory's entries) to the disk: a rename is durable only after it. */
  sync(path: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  mkdir(path: string): Promise<void>;
  readdir(path: string): Promise<string[]>;
  /** The last modification time in milliseconds. */
  modifiedAt(path: string): Promise<number>;
}

async function sync(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export const nodeFileSystem: FileSystem = {
  readFile: (path, encoding) => readFile(path, encoding),
  writeFile: (path, text, options) => writeFile(path, text, options),
  sync,
  rename,
  unlink,
  mkdir: async (path) => {
    await mkdir(path, { recursive: true });
  },
  readdir: (path) => readdir(path),
  modifiedAt: async (path) => (await stat(path)).mtimeMs,
};

/** The error code of a failed file operation ("ENOENT"), or undefined for anything else. */
export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}
