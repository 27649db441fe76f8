// The local Direct Line's memory: watermarks, and the limits that keep it bounded.
import { expect } from 'chai';
import { ConversationStore, type ConversationLimits } from '../../../src/channels/directline/conversation-store.js';

const message = (text: string) => ({ type: 'message', text });

function store(limits: Partial<ConversationLimits> = {}, now: () => number = Date.now): ConversationStore {
  return new ConversationStore({ maxConversations: 10, maxActivities: 10, maxIdleMs: 60_000, ...limits }, now);
}

describe('local Direct Line conversation store', () => {
  it('gives each conversation its own id, token and user', () => {
    const conversations = store();
    const a = conversations.create({ id: 'user-1', name: 'Mei' });
    const b = conversations.create();
    expect(a.id).to.not.equal(b.id);
    expect(a.token).to.not.equal(b.token);
    expect(a.user).to.deep.equal({ id: 'user-1', name: 'Mei', role: 'user' });
    expect(b.user.id).to.match(/^user-/);
    expect(conversations.byToken(a.token)).to.equal(a);
  });

  it('returns the activities after a watermark and the watermark to use next', () => {
    const conversations = store();
    const { id } = conversations.create();
    conversations.append(id, message('one'));
    conversations.append(id, message('two'));
    const first = conversations.since(id, 0);
    expect(first.activities.map((a) => a.text)).to.deep.equal(['one', 'two']);
    expect(first.activities.map((a) => a.id)).to.deep.equal([`${id}|0`, `${id}|1`]);
    expect(first.watermark).to.equal('2');
    conversations.append(id, message('three'));
    expect(conversations.since(id, 2).activities.map((a) => a.text)).to.deep.equal(['three']);
    expect(conversations.since(id, 99)).to.deep.equal({ activities: [], watermark: '3' });
  });

  it('keeps only the newest activities, and their ids and watermarks keep counting', () => {
    const conversations = store({ maxActivities: 3 });
    const { id } = conversations.create();
    for (let i = 0; i < 5; i += 1) conversations.append(id, message(`m${i}`));
    const all = conversations.since(id, 0);
    expect(all.activities.map((a) => a.text)).to.deep.equal(['m2', 'm3', 'm4']);
    expect(all.activities[0]?.id).to.equal(`${id}|2`);
    expect(all.watermark).to.equal('5');
    expect(conversations.since(id, 4).activities.map((a) => a.text)).to.deep.equal(['m4']);
  });

  it('forgets the least recently used conversation, with its token, at the limit', () => {
    const conversations = store({ maxConversations: 2 });
    const a = conversations.create();
    const b = conversations.create();
    conversations.get(a.id);
    const c = conversations.create();
    expect(conversations.size).to.equal(2);
    expect(conversations.get(b.id)).to.equal(undefined);
    expect(conversations.byToken(b.token)).to.equal(undefined);
    expect(conversations.get(a.id)).to.equal(a);
    expect(conversations.get(c.id)).to.equal(c);
    expect(conversations.append(b.id, message('late reply')), 'a reply to a forgotten conversation is dropped').to.equal(undefined);
  });

  it('forgets a conversation idle for longer than the limit', () => {
    let time = 1_000_000;
    const conversations = store({ maxIdleMs: 1000 }, () => time);
    const old = conversations.create();
    time += 1001;
    expect(conversations.get(old.id)).to.equal(undefined);
    expect(conversations.byToken(old.token)).to.equal(undefined);
  });

  it('runs the turns of one conversation one after another, even when one fails', async () => {
    const conversations = store();
    const { id } = conversations.create();
    const order: string[] = [];
    const slow = conversations.inTurn(id, async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push('first');
      throw new Error('first turn failed');
    });
    const fast = conversations.inTurn(id, async () => {
      order.push('second');
    });
    await Promise.allSettled([slow, fast]);
    expect(order).to.deep.equal(['first', 'second']);
    try {
      await slow;
      expect.fail('the failure reaches the caller of that turn');
    } catch (error) {
      expect(error).to.be.instanceOf(Error);
    }
  });

  it('gives replies sent in the same millisecond increasing timestamps', () => {
    const conversations = store({}, () => 5000);
    const { id } = conversations.create();
    const a = conversations.append(id, message('a'));
    const b = conversations.append(id, message('b'));
    expect(b?.timestamp.getTime()).to.be.greaterThan(a?.timestamp.getTime() ?? Infinity);
  });
});
