// Conversation state nobody has touched for CONVERSATION_IDLE_DAYS is removed; recent state stays.
import { existsSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { scheduleIdleExpiry } from '../../src/persistence/idle-state-expiry.js';
import { LowdbStorage } from '../../src/persistence/lowdb-storage.js';
import { makeTempDir, removeDir } from '../support/paths.js';

const DAY_MS = 24 * 60 * 60_000;

/** Sets a file's modification time `days` days back. */
function age(file: string, days: number): void {
  const then = new Date(Date.now() - days * DAY_MS);
  utimesSync(file, then, then);
}

describe('idle conversation state expiry', () => {
  let dir: string;
  let storage: LowdbStorage;

  beforeEach(() => {
    dir = makeTempDir();
    storage = new LowdbStorage(join(dir, 'conversations'));
  });

  afterEach(() => removeDir(dir));

  it('removes state idle longer than the limit and keeps the rest, also in memory', async () => {
    await storage.write({ old: { n: 1 }, recent: { n: 2 } });
    age(storage.fileFor('old'), 31);
    age(storage.fileFor('recent'), 29);

    const expiry = scheduleIdleExpiry(storage, { idleDays: 30, intervalMs: 60 * 60_000 });
    try {
      // The start-up sweep is already under way; this waits for it rather than running a second.
      await expiry.sweep();
    } finally {
      expiry.stop();
    }

    expect(existsSync(storage.fileFor('old'))).to.equal(false);
    expect(existsSync(storage.fileFor('recent'))).to.equal(true);
    expect(Object.keys(await storage.read(['old', 'recent']))).to.deep.equal(['recent']);
  });

  it('never loses a write that lands while a sweep runs', async () => {
    await storage.write({ back: { n: 1 } });
    age(storage.fileFor('back'), 40);
    const sweep = storage.expireIdle(Date.now() - 30 * DAY_MS);
    await storage.write({ back: { n: 2, eTag: '*' } });
    await sweep;
    expect((await new LowdbStorage(storage.dir).read(['back'])).back).to.deep.include({ n: 2 });
  });

  it('keeps everything when the limit is 0', async () => {
    await storage.write({ ancient: { n: 1 } });
    age(storage.fileFor('ancient'), 3000);
    const expiry = scheduleIdleExpiry(storage, { idleDays: 0 });
    expect(await expiry.sweep()).to.equal(0);
    expiry.stop();
    expect(existsSync(storage.fileFor('ancient'))).to.equal(true);
  });
});
