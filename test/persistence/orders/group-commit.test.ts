import { expect } from 'chai';
import { GroupCommit } from '../../../src/persistence/orders/group-commit.js';
import { Mutex } from '../../../src/persistence/orders/mutex.js';

/** A write that waits until the test lets it finish, counting how often it ran. */
function controlledWrite(): { write: () => Promise<void>; calls: () => number; finish: (error?: Error) => void } {
  let calls = 0;
  let pending: Array<(error?: Error) => void> = [];
  return {
    write: () => {
      calls++;
      return new Promise<void>((resolve, reject) => pending.push((error) => (error ? reject(error) : resolve())));
    },
    calls: () => calls,
    finish: (error) => {
      const current = pending;
      pending = [];
      for (const done of current) done(error);
    },
  };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('writes the changes made during a write together, in one more write', async () => {
    const io = controlledWrite();
    const commit = new GroupCommit(io.write, async () => undefined);
    const first = commit.request();
    const rest = Array.from({ length: 10 }, () => commit.request());
    expect(io.calls()).to.equal(1);
    io.finish();
    await first;
    await tick();
    expect(io.calls()).to.equal(2);
    io.finish();
    await Promise.all(rest);
    expect(io.calls()).to.equal(2);
  });

  it('fails the changes of a failed write and those waiting behind it once recovery abandons them', async () => {
    const io = controlledWrite();
    let recovered = 0;
    const commit = new GroupCommit(io.write, async (error) => {
      recovered++;
      commit.abandonPending(error);
    });
    const first = commit.request();
    const second = commit.request();
    io.finish(new Error('disk full'));
    const results = await Promise.allSettled([first, second]);
    expect(results.map((r) => r.status)).to.deep.equal(['rejected', 'rejected']);
    expect(recovered).to.equal(1);
    expect(io.calls()).to.equal(1);
    const later = commit.request();
    await tick();
    expect(io.calls()).to.equal(2);
    io.finish();
    await later;
  });

  it('settles immediately when nothing waits to be written', async () => {
    const commit = new GroupCommit(async () => undefined, async () => undefined);
    await commit.settled();
  });
});

describe('Mutex', () => {
  it('runs sections one at a time, in order, even when one fails', async () => {
    const mutex = new Mutex();
    const log: string[] = [];
    const section = (name: string, fail = false) => async (): Promise<void> => {
      log.push(`${name} in`);
      await tick();
      log.push(`${name} out`);
      if (fail) throw new Error(name);
    };
    await Promise.allSettled([mutex.run(section('a')), mutex.run(section('b', true)), mutex.run(section('c'))]);
    expect(log).to.deep.equal(['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
  });
});
