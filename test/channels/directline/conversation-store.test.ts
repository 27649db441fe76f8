// The local Direct Line's memory: watermarks, and the limits that keep it bounded.
import { expect } from 'chai';
import { ConversationStore, type ConversationLimits } from '../../../src/channels/directline/conversation-store.js';

const message = (text: string) => ({ type: 'message', text });

function store(limits: Partial<ConversationLimits> = {}, now: () => number = Date.now): ConversationStore {
  return new ConversationStore(
    { maxConversations: 10, maxActivities: 10, maxConversationBytes: 1024 * 1024, maxTotalBytes: 8 * 1024 * 1024, maxIdleMs: 60_000, ...limits },
    now,
  );
}

describe('local Direct Line conversation store', () => {
  it('gives each conversation its own id, token and user, the user id always its own', () => {
    const conversations = store();
    const a = conversations.create({ name: 'Mei' });
    const b = conversations.create();
    expect(a.id).to.not.equal(b.id);
    expect(a.token).to.not.equal(b.token);
    expect(a.token).to.have.length.of.at.least(43);
    expect(a.user).to.deep.include({ name: 'Mei', role: 'user' });
    expect(a.user.id).to.match(/^user-[\w-]{16}$/);
    expect(b.user.id).to.not.equal(a.user.id);
    expect(conversations.byToken(a.token)).to.equal(a);
    expect(ConversationStore.opens(a, a.token)).to.equal(true);
    expect(ConversationStore.opens(a, b.token)).to.equal(false);
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

  it('has no room for another conversation at the limit, and keeps the live ones', () => {
    let time = 1_000_000;
    const conversations = store({ maxConversations: 2, maxIdleMs: 1000 }, () => time);
    const a = conversations.create();
    const b = conversations.create();
    expect(conversations.hasRoomForConversation()).to.equal(false);
    expect(() => conversations.create()).to.throw(/no room/);
    expect(conversations.get(a.id)).to.equal(a);
    expect(conversations.get(b.id)).to.equal(b);
    time += 600;
    conversations.get(a.id);
    time += 600;
    expect(conversations.hasRoomForConversation(), 'b has been idle past the limit').to.equal(true);
    expect(conversations.byToken(b.token)).to.equal(undefined);
    expect(conversations.append(b.id, message('late reply')), 'a reply to a forgotten conversation is dropped').to.equal(undefined);
    expect(conversations.get(a.id)).to.equal(a);
  });

  it('keeps a conversation within its bytes, dropping its oldest activities', () => {
    const conversations = store({ maxConversationBytes: 2000 });
    const { id } = conversations.create();
    for (let i = 0; i < 10; i += 1) conversations.append(id, message(`${i}`.padEnd(500, '.')));
    const kept = conversations.since(id, 0).activities;
    expect(kept.map((a) => a.text?.[0])).to.deep.equal(['7', '8', '9']);
    expect(conversations.bytes).to.be.at.most(2000);
    expect(conversations.since(id, 0).watermark).to.equal('10');
  });

  it('makes room for a post only from the conversation itself, and has none once others fill the store', () => {
    const conversations = store({ maxConversationBytes: 4000, maxTotalBytes: 4000 });
    const first = conversations.create();
    const second = conversations.create();
    for (let i = 0; i < 6; i += 1) conversations.append(first.id, message('x'.repeat(500)));
    expect(conversations.bytes, 'six activities of about 590 bytes').to.be.within(3000, 4000);
    expect(conversations.makeRoom(second.id, 600), 'second would have to take room from first').to.equal(false);
    expect(conversations.makeRoom(first.id, 600), 'first gives up its own oldest activities').to.equal(true);
    expect(conversations.since(first.id, 0).activities).to.have.length(5);
    expect(conversations.makeRoom(second.id, 600)).to.equal(true);
  });

  it('has no room for a new conversation while the activities kept fill the store', () => {
    // Replies are appended without asking for room, so they may take the store to its limit.
    const conversations = store({ maxConversationBytes: 4000, maxTotalBytes: 3000 });
    const { id } = conversations.create();
    for (let i = 0; i < 8; i += 1) conversations.append(id, message('x'.repeat(500)));
    expect(conversations.hasRoomForConversation()).to.equal(false);
  });

  it('gives back the bytes of a forgotten conversation', () => {
    let time = 1_000_000;
    const conversations = store({ maxIdleMs: 1000 }, () => time);
    const { id } = conversations.create();
    conversations.append(id, message('x'.repeat(5000)));
    expect(conversations.bytes).to.be.above(5000);
    time += 1001;
    conversations.hasRoomForConversation();
    expect(conversations.bytes).to.equal(0);
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
