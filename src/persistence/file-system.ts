// The few file operations the stores and the readiness probe use, as one replaceable object: tests
// hand in a layer that fails like a read-only or full disk (EROFS, ENOSPC) without mounting one.
import { mkdir, open, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';

export interface FileSystem {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  /** 'wx' fails if the file exists; 'w' replaces it. */
  writeFile(path: string, text: string, options: { flag: 'w' | 'wx' }): Promise<void>;
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

/** What the file system's errors mean to whoever runs the bot, for the codes that stop a store. */
const MEANINGS: Readonly<Record<string, string>> = {
  EROFS: 'read-only file system',
  ENOSPC: 'no space left',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a file is in the way',
  ENOENT: 'a folder on the path is missing and cannot be created',
};

/** "read-only", "no space left": the error in a few words (its code where it has no words here). */
export function fileErrorMeaning(error: unknown): string {
  const code = errorCode(error);
  if (code === undefined) return error instanceof Error ? error.message : String(error);
  return MEANINGS[code] ?? code;
}

/** "read-only (EROFS)", "no space left (ENOSPC)": the error in a few words and its code. */
export function describeFileError(error: unknown): string {
  const code = errorCode(error);
  const meaning = fileErrorMeaning(error);
  return code === undefined || meaning === code ? meaning : `${meaning} (${code})`;
}

/** Whether a failed write means the disk is read-only or full: the store cannot work until someone acts. */
export function isReadOnlyOrFull(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'EROFS' || code === 'ENOSPC' || code === 'EDQUOT';
}
