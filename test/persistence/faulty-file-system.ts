// A file layer that fails like a read-only or full disk, for tests: no mount needed, and it works
// the same on a laptop, in CI and as root (whom permissions do not stop).
import { nodeFileSystem, type FileSystem } from '../../src/persistence/file-system.js';

type Operation = keyof FileSystem;

/** The error Node gives for a failed file operation, with its code. */
export function fileError(code: 'EROFS' | 'ENOSPC' | 'EIO', operation: string, path: string): NodeJS.ErrnoException {
  const descriptions = { EROFS: 'read-only file system', ENOSPC: 'no space left on device', EIO: 'i/o error' };
  return Object.assign(new Error(`${code}: ${descriptions[code]}, ${operation} '${path}'`), { code, path, syscall: operation });
}

export class FaultyFileSystem implements FileSystem {
  private fault: { code: 'EROFS' | 'ENOSPC' | 'EIO'; operations: readonly Operation[]; under: string; times: number } | undefined;

  /** From now on, the named operations on paths under `under` fail with `code` (`times` times, or until healed). */
  fail(code: 'EROFS' | 'ENOSPC' | 'EIO', options: { operations: readonly Operation[]; under: string; times?: number }): void {
    this.fault = { code, operations: options.operations, under: options.under, times: options.times ?? Infinity };
  }

  heal(): void {
    this.fault = undefined;
  }

  private check(operation: Operation, path: string): void {
    const fault = this.fault;
    if (!fault || !fault.operations.includes(operation) || !path.startsWith(fault.under) || fault.times <= 0) return;
    fault.times--;
    throw fileError(fault.code, operation, path);
  }

  readFile = async (path: string, encoding: 'utf8'): Promise<string> => {
    this.check('readFile', path);
    return nodeFileSystem.readFile(path, encoding);
  };
  writeFile = async (path: string, text: string, options: { flag: 'w' | 'wx' }): Promise<void> => {
    this.check('writeFile', path);
    return nodeFileSystem.writeFile(path, text, options);
  };
  sync = async (path: string): Promise<void> => {
    this.check('sync', path);
    return nodeFileSystem.sync(path);
  };
  rename = async (from: string, to: string): Promise<void> => {
    this.check('rename', to);
    return nodeFileSystem.rename(from, to);
  };
  unlink = async (path: string): Promise<void> => {
    this.check('unlink', path);
    return nodeFileSystem.unlink(path);
  };
  mkdir = async (path: string): Promise<void> => {
    this.check('mkdir', path);
    return nodeFileSystem.mkdir(path);
  };
  readdir = async (path: string): Promise<string[]> => {
    this.check('readdir', path);
    return nodeFileSystem.readdir(path);
  };
  modifiedAt = async (path: string): Promise<number> => {
    this.check('modifiedAt', path);
    return nodeFileSystem.modifiedAt(path);
  };
}
