// One process per DATA_DIR: a second bot on the same directory refuses to start, naming the first,
// and a directory left by a killed bot is taken over at once.
import { expect } from 'chai';
import { hostname } from 'node:os';
import { DataDirLock, DataDirLockError } from '../../src/persistence/data-dir-lock.js';
import { makeTempDir, removeDir } from '../support/paths.js';
import { ServerProcess } from '../support/server-process.js';

describe('one process per DATA_DIR', function () {
  this.timeout(60_000);
  let dir: string;

  beforeEach(() => {
    dir = makeTempDir();
  });

  afterEach(() => removeDir(dir));

  it('refuses a second hold on a directory, naming the holder, until the first lets go', async () => {
    const first = await DataDirLock.acquire(dir);
    expect(first.held).to.equal(true);
    let refusal: unknown;
    try {
      await DataDirLock.acquire(dir);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).to.be.instanceOf(DataDirLockError);
    expect(String(refusal)).to.include(`process ${process.pid} on ${hostname()}`).and.include(dir);
    await first.release();
    const second = await DataDirLock.acquire(dir);
    expect(second.held).to.equal(true);
    await second.release();
  });

  it('stops a second npm start on the same DATA_DIR with one line naming the first, and lets a bot take over from a killed one', async () => {
    const first = await ServerProcess.start(dir);
    let second: unknown;
    try {
      await ServerProcess.start(dir);
    } catch (error) {
      second = error;
    }
    expect(String(second)).to.match(/exited .*before listening/);
    expect(String(second)).to.match(/DATA_DIR .* is in use by process \d+ on /);
    // SIGKILL leaves no chance to clean up: the operating system still releases the lock.
    await first.kill();
    const third = await ServerProcess.start(dir);
    const ready = await fetch(`${third.url}/readyz`);
    expect(ready.status).to.equal(200);
    expect(await ready.json()).to.have.nested.property('checks.dataDirLock.ok', true);
    await third.kill();
  });
});
