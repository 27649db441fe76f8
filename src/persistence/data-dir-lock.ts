// One process owns a DATA_DIR. Two processes writing the same lowdb files lose orders (each
// rewrites the file it read before the other's write), so the second refuses to start. The lock
// is a listening Unix socket whose name comes from the directory: the operating system releases it
// when its process ends in any way (even SIGKILL), so a killed bot never leaves a stale lock.
// On Linux the socket lives in the abstract namespace; elsewhere it is a socket file in the
// directory, removed when a connection to it is refused (its owner is gone).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { hostname } from 'node:os';
import { dirname, join, resolve as absolutePath } from 'node:path';
import { z } from 'zod';
import { describeFileError, errorCode } from './file-system.js';

/** Who holds a lock, written beside it for the refusal message and for people looking at the directory. */
const HOLDER_FILE = '.owner.json';
const SOCKET_FILE = '.lock.sock';

export class DataDirLockError extends Error {
  override name = 'DataDirLockError';
}

/** DATA_DIR cannot be created or written at all (a read-only or full disk, say): one line that says why. */
export class DataDirUnusableError extends Error {
  override name = 'DataDirUnusableError';
}

/** Runs a file operation on DATA_DIR, turning its failure into one line an operator can act on. */
function onDataDir<T>(dir: string, operation: () => T): T {
  try {
    return operation();
  } catch (error) {
    throw new DataDirUnusableError(
      `DATA_DIR ${dir} cannot be used: ${describeFileError(error)}. Point DATA_DIR at a writable directory with free space, or fix this one.`,
      { cause: error },
    );
  }
}

/**
 * Creates DATA_DIR and its parents. Node's recursive mkdir reports ENOENT when a parent cannot be
 * created on a read-only file system; creating the first missing folder alone gives the real cause.
 */
function createDirectory(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
    let missing = absolutePath(dir);
    while (!existsSync(dirname(missing)) && dirname(missing) !== missing) missing = dirname(missing);
    // Throws the real cause; should it succeed after all, the recursive call's error stands.
    mkdirSync(missing);
    throw error;
  }
}

const HolderFile = z.object({ pid: z.number().int(), host: z.string(), since: z.string() });
type Holder = z.infer<typeof HolderFile>;

function socketPath(dir: string): string {
  if (process.platform === 'linux') {
    const id = createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32);
    return `\0filing-assistant-data-dir-${id}`;
  }
  return join(dir, SOCKET_FILE);
}

function listen(server: Server, path: string): Promise<'listening' | 'inUse'> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') resolve('inUse');
      else reject(error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve('listening');
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(path);
  });
}

/** Whether something answers on a socket file: a file left by a process that is gone refuses. */
function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection(path);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function holderOf(dir: string): string {
  try {
    const holder = HolderFile.safeParse(JSON.parse(readFileSync(join(dir, HOLDER_FILE), 'utf8')));
    if (holder.success) return `process ${holder.data.pid} on ${holder.data.host} (since ${holder.data.since})`;
  } catch {
    // No holder file (or an unreadable one): the socket alone says the directory is taken.
  }
  return 'another process';
}

export class DataDirLock {
  private constructor(
    readonly dir: string,
    private readonly server: Server,
  ) {}

  /** Takes the directory for this process, or throws DataDirLockError naming the process that has it. */
  static async acquire(dir: string): Promise<DataDirLock> {
    onDataDir(dir, () => createDirectory(dir));
    const path = socketPath(dir);
    const server = createServer((socket) => socket.destroy());
    let outcome = await listen(server, path);
    if (outcome === 'inUse' && !path.startsWith('\0') && !(await answers(path))) {
      rmSync(path, { force: true });
      outcome = await listen(server, path);
    }
    if (outcome === 'inUse') {
      throw new DataDirLockError(
        `DATA_DIR ${dir} is in use by ${holderOf(dir)}: stop that bot first, or give this one another DATA_DIR`,
      );
    }
    // The lock must not keep the process alive on its own.
    server.unref();
    const holder: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
    try {
      onDataDir(dir, () => writeFileSync(join(dir, HOLDER_FILE), `${JSON.stringify(holder)}\n`));
    } catch (error) {
      server.close();
      throw error;
    }
    return new DataDirLock(dir, server);
  }

  /** Whether this process still holds the directory (for readiness). */
  get held(): boolean {
    return this.server.listening;
  }

  release(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server.listening) return resolve();
      this.server.close(() => resolve());
    });
  }
}
