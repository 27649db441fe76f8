// Writes through a temporary file of their own: concurrent writers never share one, a failed write
// leaves the old file and no temporary file, and start-up removes only our own leftovers.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { isLeftoverTempFile, writeFileAtomically } from '../../src/persistence/atomic-file.js';
import { nodeFileSystem, type FileSystem } from '../../src/persistence/file-system.js';
import { removeLeftoverTempFiles } from '../../src/persistence/leftover-temp-files.js';
import { FaultyFileSystem, fileError } from './faulty-file-system.js';
import { tempDirPerTest } from './temp-dir-per-test.js';

describe('atomic file writes', () => {
  const temp = tempDirPerTest();

  it('lets many writers replace one file at once, each through its own temporary file', async () => {
    const file = join(temp.path, 'orders-00.json');
    const texts = Array.from({ length: 30 }, (_, i) => `{"writer":${i}}\n`);
    // steno's single `.orders-00.json.tmp` made concurrent writers rename each other's file away (ENOENT).
    await Promise.all(texts.map((text) => writeFileAtomically(nodeFileSystem, file, text, { durable: true })));
    expect(texts).to.include(readFileSync(file, 'utf8'));
    expect(readdirSync(temp.path)).to.deep.equal(['orders-00.json']);
  });

  it('leaves the old file and no temporary file when a write fails', async () => {
    const file = join(temp.path, 'orders-00.json');
    writeFileSync(file, 'old\n');
    const fs = new FaultyFileSystem();
    fs.fail('ENOSPC', { operations: ['rename'], under: file });
    const error = await writeFileAtomically(fs, file, 'new\n', { durable: false }).catch((e: unknown) => e);
    expect(String(error)).to.include('ENOSPC');
    expect(readFileSync(file, 'utf8')).to.equal('old\n');
    expect(readdirSync(temp.path)).to.deep.equal(['orders-00.json']);
  });

  it('names its temporary files after the process, so they can be told from anything else', async () => {
    const file = join(temp.path, 'orders-00.json');
    const seen: string[] = [];
    // The rename fails once the temporary file exists, so its name can be looked at.
    const failingRename: FileSystem = {
      ...nodeFileSystem,
      rename: async (from) => {
        seen.push(from);
        throw fileError('EIO', 'rename', from);
      },
    };
    await writeFileAtomically(failingRename, file, 'x', { durable: false }).catch(() => undefined);
    expect(seen).to.have.length(1);
    const name = seen[0]?.slice(temp.path.length + 1) ?? '';
    expect(name).to.match(new RegExp(`^\\.orders-00\\.json\\.${process.pid}-[0-9a-f]{12}\\.tmp$`));
    expect(isLeftoverTempFile(name)).to.equal(true);
  });

  it('removes the temporary files a killed process left in the stores, and nothing else', async () => {
    const orders = join(temp.path, 'orders');
    const conversations = join(temp.path, 'conversations', 'ab');
    const terminal = join(temp.path, 'terminal', 'orders');
    for (const folder of [orders, conversations, terminal]) mkdirSync(folder, { recursive: true });
    const leftovers = [
      join(orders, '.orders-3f.json.4242-0123456789ab.tmp'),
      join(orders, '.orders-3f.json.tmp'),
      join(conversations, '.cdef0123456789abcdef0123456789abcdef01.json.4242-0123456789ab.tmp'),
    ];
    const kept = [
      join(orders, 'orders-3f.json'),
      join(orders, 'notes.tmp'),
      join(temp.path, '.orders-3f.json.tmp'),
      // Another process's DATA_DIR (npm run chat), with its own lock: not ours to clean.
      join(terminal, '.orders-3f.json.4242-0123456789ab.tmp'),
    ];
    for (const file of [...leftovers, ...kept]) writeFileSync(file, '{}');

    const removed = await removeLeftoverTempFiles(nodeFileSystem, temp.path);

    expect([...removed].sort()).to.deep.equal([...leftovers].sort());
    expect(kept.filter((file) => !existsSync(file)), 'files that must stay').to.deep.equal([]);
  });
});
