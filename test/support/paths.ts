// Where the repository, its knowledge and the shared folder are, and throwaway directories for tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Resolved from this file, so tests do not depend on the directory mocha was started from. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const KNOWLEDGE_DIR = join(REPO_ROOT, 'knowledge');
/** The shared material (seed documents, DOMAIN.md) sits next to the clone, in CI as on a laptop. */
export const SHARED_DIR = join(REPO_ROOT, '..', 'shared');

/** A fresh empty directory under the system temp directory. */
export function makeTempDir(): string {
  return mkdtempSync(join(tmpdir(), 'filing-assistant-test-'));
}

export function removeDir(dir: string | undefined): void {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
}
