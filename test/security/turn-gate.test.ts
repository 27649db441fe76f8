// The gate on turns at once: a burst runs a few turns at a time, the rest wait in order, and
// beyond the queue a turn is refused at once instead of piling up.
import { expect } from 'chai';
import { TurnGate } from '../../src/http/turn-gate.js';

const FULL = Symbol('full');

/** A turn that runs until released, recording when it starts. */
function heldTurn(started: number[], id: number): { run: () => Promise<number>; release: () => void } {
  let release: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (release = resolve));
  return {
    run: async () => {
      started.push(id);
      await done;
      return id;
    },
    release: () => release(),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the gate on turns at once', () => {
  it('runs two at once, starts the waiting ones in order as places free, and refuses beyond the queue', async () => {
    const gate = new TurnGate(2, 2);
    const started: number[] = [];
    const turns = [1, 2, 3, 4].map((id) => heldTurn(started, id));
    const results = turns.map((turn) => gate.run(turn.run, FULL));
    await settle();
    expect(started).to.deep.equal([1, 2]);
    expect(gate.full).to.equal(true);
    expect(await gate.run(async () => 5, FULL), 'a fifth finds the queue full').to.equal(FULL);
    turns[0]?.release();
    await settle();
    await settle();
    expect(started).to.deep.equal([1, 2, 3]);
    for (const turn of turns) turn.release();
    expect(await Promise.all(results)).to.deep.equal([1, 2, 3, 4]);
    expect(gate.full).to.equal(false);
  });

  it('frees the place of a turn that throws', async () => {
    const gate = new TurnGate(1, 0);
    const failing = gate.run(async () => {
      throw new Error('the turn failed');
    }, FULL);
    const error: unknown = await failing.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).to.be.instanceOf(Error).with.property('message', 'the turn failed');
    expect(await gate.run(async () => 'ran', FULL)).to.equal('ran');
  });
});
