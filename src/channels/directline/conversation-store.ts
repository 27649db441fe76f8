// The local Direct Line's conversations in memory: tokens bound to a user, activity lists with
// watermarks, and the limits (in count and in bytes) that keep them bounded.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Activity, ChannelAccount } from 'botbuilder';

/** An activity as the channel keeps and returns it: always with its type, id and timestamp. */
export type ChannelActivity = Partial<Activity> & { type: string; id: string; timestamp: Date };

export interface ConversationLimits {
  /** Conversations kept at once; beyond them a new one is refused until one is idle long enough. */
  maxConversations: number;
  /** Activities kept per conversation; the oldest go first (clients past them just miss them). */
  maxActivities: number;
  /** Bytes (as JSON) of the activities kept per conversation; the oldest go first. */
  maxConversationBytes: number;
  /** Bytes of the activities kept in all conversations together. */
  maxTotalBytes: number;
  /** A conversation unused this long is forgotten, with its token. */
  maxIdleMs: number;
}

export const DEFAULT_LIMITS: ConversationLimits = {
  maxConversations: 500,
  maxActivities: 500,
  maxConversationBytes: 1024 * 1024,
  maxTotalBytes: 32 * 1024 * 1024,
  maxIdleMs: 2 * 60 * 60 * 1000,
};

/** What an activity costs the store: the bytes of its JSON, which is also what a poll sends. */
export function activityBytes(activity: object): number {
  return Buffer.byteLength(JSON.stringify(activity), 'utf8');
}

export interface Conversation {
  readonly id: string;
  readonly token: string;
  /**
   * The user the token is bound to. Its id is the channel's, never the client's: whoever holds the
   * token acts as this user and no other, whatever ids the client sends.
   */
  readonly user: ChannelAccount;
  /** Whether the conversation was opened (and the welcome turn run), not only given a token. */
  started: boolean;
}

interface Entry {
  conversation: Conversation;
  /** The watermark of activities[0]: activity ids and watermarks keep counting after trimming. */
  firstIndex: number;
  activities: ChannelActivity[];
  /** activityBytes of each activity, in the same order. */
  sizes: number[];
  bytes: number;
  lastUsed: number;
  lastTimestamp: number;
  /** Turns of one conversation run one after another, as a channel delivers them. */
  turns: Promise<void>;
}

function randomId(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

export class ConversationStore {
  /** In insertion order of use: the first entry is the least recently used. */
  private readonly entries = new Map<string, Entry>();
  private readonly conversationByToken = new Map<string, string>();
  private totalBytes = 0;

  constructor(
    private readonly limits: ConversationLimits = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The bytes of every activity kept, in all conversations. */
  get bytes(): number {
    return this.totalBytes;
  }

  /**
   * Whether a new conversation may start now, after forgetting idle ones: not while the store is
   * full (in conversations or in bytes), since a live conversation is never pushed out to make
   * room for a stranger's.
   */
  hasRoomForConversation(): boolean {
    this.forgetIdle();
    return this.entries.size < this.limits.maxConversations && this.totalBytes < this.limits.maxTotalBytes;
  }

  /**
   * A new conversation with its own token and its own user: a random id (only the display name is
   * the client's). Ask hasRoomForConversation first; without room this throws.
   */
  create(user: { name?: string | undefined } = {}): Conversation {
    if (!this.hasRoomForConversation()) throw new Error('local Direct Line: no room for another conversation');
    const conversation: Conversation = {
      id: `local-${randomId(12)}`,
      token: randomId(32),
      user: { id: `user-${randomId(12)}`, name: user.name ?? 'You', role: 'user' },
      started: false,
    };
    const time = this.now();
    this.entries.set(conversation.id, {
      conversation,
      firstIndex: 0,
      activities: [],
      sizes: [],
      bytes: 0,
      lastUsed: time,
      lastTimestamp: 0,
      turns: Promise.resolve(),
    });
    this.conversationByToken.set(conversation.token, conversation.id);
    return conversation;
  }

  get(id: string): Conversation | undefined {
    return this.touch(id)?.conversation;
  }

  byToken(token: string): Conversation | undefined {
    const id = this.conversationByToken.get(token);
    return id === undefined ? undefined : this.get(id);
  }

  /** Whether `token` is the one this conversation was issued, compared in constant time. */
  static opens(conversation: Conversation, token: string): boolean {
    const issued = Buffer.from(conversation.token);
    const given = Buffer.from(token);
    return issued.length === given.length && timingSafeEqual(issued, given);
  }

  /**
   * Makes room for an activity of `bytes` from a client: the conversation gives up its own oldest
   * activities while all conversations together would pass their limit (it never takes room from
   * another). False, with nothing dropped, when even that would not be enough: the post is refused.
   */
  makeRoom(conversationId: string, bytes: number): boolean {
    const entry = this.entries.get(conversationId);
    if (!entry) return false;
    // Nothing is dropped for a post that would be refused anyway.
    if (this.totalBytes - entry.bytes + bytes > this.limits.maxTotalBytes) return false;
    while (this.totalBytes + bytes > this.limits.maxTotalBytes) this.dropOldest(entry);
    return true;
  }

  /**
   * Adds an activity with the next id (`conversationId|index`) and a timestamp later than the last,
   * then drops the conversation's oldest activities past its count and byte limits; undefined when
   * the conversation was forgotten meanwhile (a turn outlived its conversation).
   */
  append(conversationId: string, activity: Partial<Activity> & { type: string }): ChannelActivity | undefined {
    const entry = this.entries.get(conversationId);
    if (!entry) return undefined;
    const index = entry.firstIndex + entry.activities.length;
    // Web Chat orders by timestamp: replies sent within one millisecond must still differ.
    const time = Math.max(this.now(), entry.lastTimestamp + 1);
    entry.lastTimestamp = time;
    const stored: ChannelActivity = { ...activity, id: `${conversationId}|${index}`, timestamp: new Date(time) };
    const size = activityBytes(stored);
    entry.activities.push(stored);
    entry.sizes.push(size);
    entry.bytes += size;
    this.totalBytes += size;
    // The newest stays even alone over the byte limit: a client must see the reply to its message.
    while (
      entry.activities.length > 1 &&
      (entry.activities.length > this.limits.maxActivities || entry.bytes > this.limits.maxConversationBytes)
    ) {
      this.dropOldest(entry);
    }
    return stored;
  }

  /** The activities at or after a watermark, and the watermark to ask with next time. */
  since(conversationId: string, watermark: number): { activities: ChannelActivity[]; watermark: string } {
    const entry = this.require(conversationId);
    const next = entry.firstIndex + entry.activities.length;
    const from = Math.max(0, Math.min(watermark, next) - entry.firstIndex);
    return { activities: entry.activities.slice(from), watermark: String(next) };
  }

  /** Runs a turn after the conversation's earlier turns, so state is never read and written twice at once. */
  inTurn<T>(conversationId: string, turn: () => Promise<T>): Promise<T> {
    const entry = this.require(conversationId);
    const result = entry.turns.then(turn);
    entry.turns = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private touch(id: string): Entry | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (this.now() - entry.lastUsed > this.limits.maxIdleMs) {
      this.forget(id);
      return undefined;
    }
    entry.lastUsed = this.now();
    // Re-insert so the map stays ordered from least to most recently used.
    this.entries.delete(id);
    this.entries.set(id, entry);
    return entry;
  }

  private require(id: string): Entry {
    const entry = this.entries.get(id);
    if (!entry) throw new Error(`local Direct Line: no conversation "${id}"`);
    return entry;
  }

  private dropOldest(entry: Entry): void {
    entry.activities.shift();
    const size = entry.sizes.shift() ?? 0;
    entry.bytes -= size;
    this.totalBytes -= size;
    entry.firstIndex += 1;
  }

  private forget(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    this.conversationByToken.delete(entry.conversation.token);
    this.totalBytes -= entry.bytes;
  }

  private forgetIdle(): void {
    const time = this.now();
    for (const [id, entry] of this.entries) {
      // Ordered by use: once one is fresh, all after it are.
      if (time - entry.lastUsed <= this.limits.maxIdleMs) break;
      this.forget(id);
    }
  }
}
