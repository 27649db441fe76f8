// The write probe behind /readyz: a real write in the directory, briefly remembered.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { DirectoryProbe } from '../../src/persistence/directory-probe.js';
import { makeTempDir, removeDir } from '../support/paths.js';

describe('DirectoryProbe', () => {
  let root: string;
  let dir: string;
  let clock: number;
  const now = () => clock;

  beforeEach(() => {
    root = makeTempDir();
    dir = join(root, 'orders');
    mkdirSync(dir);
    clock = 1_000_000;
  });

  afterEach(() => removeDir(root));

  /** Tests run as root, whom permissions do not stop: a file where the directory should be does. */
  function breakDirectory(): void {
    rmSync(dir, { recursive: true, force: true });
    writeFileSync(dir, 'not a directory');
  }

  it('passes in a writable directory and leaves no file behind', async () => {
    const probe = new DirectoryProbe(dir, 'the orders directory', { now });
    expect(await probe.check()).to.deep.equal({ ok: true });
    expect(readdirSync(dir)).to.deep.equal([]);
  });

  it('fails where the directory is not one, saying which directory and the error code, not the path', async () => {
    breakDirectory();
    const result = await new DirectoryProbe(dir, 'the orders directory', { now }).check();
    expect(result).to.deep.equal({ ok: false, reason: 'cannot write a file in the orders directory (ENOTDIR)' });
  });

  it('fails when the directory is gone, rather than creating it', async () => {
    rmSync(dir, { recursive: true });
    const result = await new DirectoryProbe(dir, 'the orders directory', { now }).check();
    expect(result).to.deep.equal({ ok: false, reason: 'cannot write a file in the orders directory (ENOENT)' });
  });

  it('reuses a result for the cache time, then looks again', async () => {
    const probe = new DirectoryProbe(dir, 'the orders directory', { now, cacheMs: 2000 });
    expect((await probe.check()).ok).to.equal(true);
    breakDirectory();
    clock += 1999;
    expect((await probe.check()).ok, 'still the remembered result').to.equal(true);
    clock += 1;
    expect((await probe.check()).ok, 'looked again').to.equal(false);
    rmSync(dir);
    mkdirSync(dir);
    clock += 2000;
    expect((await probe.check()).ok, 'recovered').to.equal(true);
  });

  it('answers probes that arrive together with one write', async () => {
    const probe = new DirectoryProbe(dir, 'the orders directory', { now });
    const results = [probe.check(), probe.check(), probe.check()];
    expect(new Set(results).size, 'the same pending result').to.equal(1);
    expect(await Promise.all(results)).to.deep.equal([{ ok: true }, { ok: true }, { ok: true }]);
  });
});
