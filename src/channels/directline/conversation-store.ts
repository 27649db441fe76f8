// The local Direct Line's conversations in memory: tokens, activity lists with watermarks, limits.
import { randomBytes } from 'node:crypto';
import type { Activity, ChannelAccount } from 'botbuilder';

/** An activity as the channel keeps and returns it: always with its type, id and timestamp. */
export type ChannelActivity = Partial<Activity> & { type: string; id: string; timestamp: Date };

export interface ConversationLimits {
  /** Conversations kept at once; the least recently used goes first. */
  maxConversations: number;
  /** Activities kept per conversation; the oldest go first (clients past them just miss them). */
  maxActivities: number;
  /** A conversation unused this long is forgotten, with its token. */
  maxIdleMs: number;
}

export const DEFAULT_LIMITS: ConversationLimits = {
  maxConversations: 500,
  maxActivities: 500,
  maxIdleMs: 2 * 60 * 60 * 1000,
};

export interface Conversation {
  readonly id: string;
  readonly token: string;
  readonly user: ChannelAccount;
  /** Whether the conversation was opened (and the welcome turn run), not only given a token. */
  started: boolean;
}

interface Entry {
  conversation: Conversation;
  /** The watermark of activities[0]: activity ids and watermarks keep counting after trimming. */
  firstIndex: number;
  activities: ChannelActivity[];
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

  constructor(
    private readonly limits: ConversationLimits = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** A new conversation with its own token; forgets idle and, at the limit, the least used ones. */
  create(user: { id?: string | undefined; name?: string | undefined } = {}): Conversation {
    this.forgetIdle();
    while (this.entries.size >= this.limits.maxConversations) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.forget(oldest.value);
    }
    const conversation: Conversation = {
      id: `local-${randomId(12)}`,
      token: randomId(32),
      user: { id: user.id ?? `user-${randomId(9)}`, name: user.name ?? 'You', role: 'user' },
      started: false,
    };
    const time = this.now();
    this.entries.set(conversation.id, {
      conversation,
      firstIndex: 0,
      activities: [],
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

  /**
   * Adds an activity with the next id (`conversationId|index`) and a timestamp later than the last;
   * undefined when the conversation was forgotten meanwhile (a turn outlived its conversation).
   */
  append(conversationId: string, activity: Partial<Activity> & { type: string }): ChannelActivity | undefined {
    const entry = this.entries.get(conversationId);
    if (!entry) return undefined;
    const index = entry.firstIndex + entry.activities.length;
    // Web Chat orders by timestamp: replies sent within one millisecond must still differ.
    const time = Math.max(this.now(), entry.lastTimestamp + 1);
    entry.lastTimestamp = time;
    const stored: ChannelActivity = { ...activity, id: `${conversationId}|${index}`, timestamp: new Date(time) };
    entry.activities.push(stored);
    const excess = entry.activities.length - this.limits.maxActivities;
    if (excess > 0) {
      entry.activities.splice(0, excess);
      entry.firstIndex += excess;
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

  private forget(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    this.conversationByToken.delete(entry.conversation.token);
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
