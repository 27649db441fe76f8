// FlowState decides whether a turn changed the user's flow with native JSON instead of hashing:
// a change must still be written (and read back on the next turn), an unchanged state must not be.
import { expect } from 'chai';
import { MemoryStorage, TestAdapter, type StoreItems, type TurnContext } from 'botbuilder';
import { FlowState } from '../../src/botframework/flow-state.js';

/** MemoryStorage that counts its writes and deletes. */
class CountingStorage extends MemoryStorage {
  writes = 0;
  deletes = 0;

  override async write(changes: StoreItems): Promise<void> {
    this.writes += 1;
    await super.write(changes);
  }

  override async delete(keys: string[]): Promise<void> {
    this.deletes += 1;
    await super.delete(keys);
  }

  get keys(): number {
    return Object.values(this.memory).filter((value) => value !== undefined).length;
  }
}

describe('FlowState', () => {
  let storage: CountingStorage;
  let state: FlowState;
  let adapter: TestAdapter;
  const seen: unknown[] = [];

  /** A turn that records what it found and stores the text when it starts with "set ". */
  async function turn(context: TurnContext): Promise<void> {
    const note = state.createProperty<string | { stack: unknown[] }>('note');
    seen.push(await note.get(context));
    const text = context.activity.text ?? '';
    if (text.startsWith('set ')) await note.set(context, text.slice(4));
    if (text === 'clear') await state.clear(context);
    if (text === 'empty') await note.set(context, { stack: [] });
    await state.saveChanges(context);
    await context.sendActivity('ok');
  }

  beforeEach(() => {
    storage = new CountingStorage();
    state = new FlowState(storage);
    adapter = new TestAdapter(turn);
    seen.length = 0;
  });

  it('writes a changed state and reads it back on the next turn', async () => {
    await adapter.send('set 注销备案').assertReply('ok').send('look').assertReply('ok').startTest();
    expect(seen).to.deep.equal([undefined, '注销备案']);
    expect(storage.writes).to.equal(1);
  });

  it('does not write a state the turn left as it was, nor the same value set again', async () => {
    await adapter.send('set a').assertReply('ok').send('look').assertReply('ok').send('set a').assertReply('ok').startTest();
    expect(storage.writes).to.equal(1);
  });

  it('removes the stored state after clear(), so the next turn starts empty', async () => {
    await adapter.send('set a').assertReply('ok').send('clear').assertReply('ok').send('look').assertReply('ok').startTest();
    expect(seen).to.deep.equal([undefined, 'a', undefined]);
    expect([storage.writes, storage.deletes, storage.keys]).to.deep.equal([1, 1, 0]);
  });

  it('stores nothing for a state with nothing in it (an empty dialog stack), and removes one that became so', async () => {
    await adapter.send('empty').assertReply('ok').send('look').assertReply('ok').startTest();
    expect(seen).to.deep.equal([undefined, undefined]);
    expect([storage.writes, storage.keys]).to.deep.equal([0, 0]);
    await adapter.send('set a').assertReply('ok').send('empty').assertReply('ok').send('look').assertReply('ok').startTest();
    expect(seen.at(-1)).to.equal(undefined);
    expect([storage.writes, storage.keys]).to.deep.equal([1, 0]);
  });

  it('delete() removes the stored state', async () => {
    await adapter.send('set a').assertReply('ok').startTest();
    const reference = adapter.conversation;
    await new TestAdapter(async (context) => state.delete(context), reference).send('bye').startTest();
    await adapter.send('look').assertReply('ok').startTest();
    expect(seen.at(-1)).to.equal(undefined);
  });
});
