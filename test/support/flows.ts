// Conversation tests for the guided flows: a whole bot on a throwaway DATA_DIR with its real
// storage (so it can be restarted), and people who talk to it, each in their own conversation.
import {
  ActivityTypes,
  TestAdapter,
  type Activity,
  type ChannelAccount,
  type ConversationAccount,
} from 'botbuilder';
import { expect } from 'chai';
import { composeBot, type BotOverrides, type BotParts } from '../../src/compose.js';
import type { Catalogue, Locale, MessageArgs, MessageId } from '../../src/knowledge/catalogue.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { parseIcpNumber } from '../../src/understanding/entities.js';
import { activityKey, type Order, type Requester } from '../../src/domain/orders/order.js';
import { evaluateAction, type ActionType } from '../../src/domain/rules/index.js';
import { inChinese, isRecord, message, says, type Reply, type Turn } from './conversation.js';
import { KNOWLEDGE_DIR, makeTempDir, removeDir } from './paths.js';

export type { Reply, Turn } from './conversation.js';

/** The bot as Teams addresses it. */
export const BOT: ChannelAccount = { id: '28:filing-assistant', name: 'Filing Assistant' };

/** An order id as the bot writes it when it records one. */
export const ORDER_ID = /FA-[23456789A-HJ-NP-Z]{6}/;
const RECORDED = new RegExp(`Recorded: order \\**(${ORDER_ID.source})`);
const RECORDED_ZH = new RegExp(`已记录订单 \\**(${ORDER_ID.source})`);

let catalogue: Catalogue | undefined;

/**
 * What the bot says for a catalogue message in a language, as the bot renders it: transcripts
 * expect the conversation's language from the same catalogue the bot reads.
 */
export function say<I extends MessageId>(locale: Locale, id: I, ...args: MessageArgs<I>): string {
  catalogue ??= loadKnowledge(KNOWLEDGE_DIR).catalogue;
  return catalogue.text(locale, id, ...args);
}

/** A catalogue message without placeholders (a button, a label) in a language; throws if it has some. */
export function label(locale: Locale, id: MessageId): string {
  catalogue ??= loadKnowledge(KNOWLEDGE_DIR).catalogue;
  return catalogue.render(locale, { id, vars: {} });
}

let people = 0;
let givenOrders = 0;

/**
 * One bot on one DATA_DIR. `restart()` does what a redeploy does: the old process lets its order
 * writes finish, and a new bot reads conversations and orders back from disk.
 */
export class FlowBench {
  private current: BotParts | undefined;
  /** How far the bot's clock (the orders' and the dialogs') runs ahead of the real one. */
  private aheadMs = 0;
  private readonly overrides: BotOverrides = { now: () => new Date(Date.now() + this.aheadMs) };

  private constructor(readonly dataDir: string) {}

  static async open(): Promise<FlowBench> {
    const bench = new FlowBench(makeTempDir());
    bench.current = await composeBot({ KNOWLEDGE_DIR, DATA_DIR: bench.dataDir }, bench.overrides);
    return bench;
  }

  /** Moves the bot's clock on, e.g. past the window in which a cancellation order can be withdrawn. */
  advanceClock(minutes: number): void {
    this.aheadMs += minutes * 60_000;
  }

  get parts(): BotParts {
    if (!this.current) throw new Error(`the bot on ${this.dataDir} is closed`);
    return this.current;
  }

  async restart(): Promise<void> {
    await this.current?.orders.close();
    this.current = undefined;
    this.current = await composeBot({ KNOWLEDGE_DIR, DATA_DIR: this.dataDir }, this.overrides);
  }

  async close(): Promise<void> {
    await this.current?.orders.close();
    this.current = undefined;
    removeDir(this.dataDir);
  }

  /** Someone new, in a conversation of their own with the bot. */
  person(options: PersonOptions = {}): Person {
    return new Person(this, options);
  }

  /** The person's orders as the store keeps them, newest first. */
  ordersOf(person: Person): Promise<Order[]> {
    return this.parts.orders.listForUser(person.requester.channelId, person.requester.userId);
  }

  /**
   * Given: an order in process that `person` placed earlier, recorded the way a flow records one
   * (the real rules decide). Returns its id.
   */
  async givenOrder(person: Person, type: ActionType, icpNumber: string, domains: string[] = []): Promise<string> {
    const icp = parseIcpNumber(icpNumber, this.parts.understanding.provinces);
    if (!icp) throw new Error(`${icpNumber} is not an ICP number the bot reads`);
    const subjectOnly = type === 'cancel_subject' || type === 'change_subject';
    const filing = {
      icpNumber: subjectOnly ? icp.subject : icp.normalized,
      subjectNumber: icp.subject,
      province: icp.province.id,
      domains,
    };
    givenOrders += 1;
    const result = await this.parts.orders.submit(
      {
        type,
        filing,
        requester: person.requester,
        sourceActivityKey: activityKey(person.requester.channelId, person.conversation.id, `given-${givenOrders}`),
      },
      (existing) => evaluateAction({ type, filing }, existing, { provinces: this.parts.provinceRules, citations: this.parts.knowledge.citations }),
    );
    if (!('recorded' in result)) throw new Error(`the given ${type} order for ${icpNumber} was not recorded: ${JSON.stringify(result)}`);
    return result.recorded.id;
  }
}

/**
 * Call inside a `describe`: one bot on a fresh DATA_DIR for its tests (building a bot is the slow
 * part of these tests), closed and removed after them. Each person is a new user in a new
 * conversation, and each test takes its filings from `newFiling`, so tests cannot see or block
 * each other's orders.
 */
export function useFlowBench(): { readonly bench: FlowBench } {
  let opened: FlowBench | undefined;
  before(async () => {
    opened = await FlowBench.open();
  });
  after(async () => {
    await opened?.close();
    opened = undefined;
  });
  return {
    get bench(): FlowBench {
      if (!opened) throw new Error('the bench is only open inside a test');
      return opened;
    },
  };
}

let filings = 0;

/**
 * A filing no other test uses, filed in the province of `abbreviation` (京, 沪, 粤, 津...): an order
 * in process for a subject blocks every other order for it, whoever asks.
 */
export function newFiling(abbreviation = '京'): { subject: string; website: string } {
  filings += 1;
  const subject = `${abbreviation}ICP备${20000000 + filings}号`;
  return { subject, website: `${subject}-1` };
}

export interface PersonOptions {
  userId?: string;
  channelId?: string;
  conversation?: Partial<ConversationAccount>;
}

/**
 * A user in one conversation. Every message gets an activity id of its own (unique across
 * restarts, as a channel's are), unless the transcript gives one, e.g. to replay a delivery.
 */
export class Person {
  readonly requester: Requester;
  readonly conversation: ConversationAccount;
  private readonly adapter: TestAdapter;
  private sent = 0;

  constructor(
    private readonly bench: FlowBench,
    options: PersonOptions,
  ) {
    people += 1;
    const userId = options.userId ?? `user-${people}`;
    const channelId = options.channelId ?? 'test';
    this.requester = { channelId, userId };
    this.conversation = {
      id: `conversation-${people}`,
      name: 'flow test',
      isGroup: false,
      conversationType: 'personal',
      ...options.conversation,
    };
    this.adapter = new TestAdapter((context) => this.bench.parts.bot.run(context), {
      channelId,
      conversation: this.conversation,
      from: { id: userId, name: `User ${userId}` },
      recipient: BOT,
    });
    // As in production: a failed turn is logged and the user told, so a transcript shows it as a reply.
    // The bench's bot changes on restart(): look it up at the time of the failure.
    this.adapter.onTurnError = (context, error) => this.bench.parts.onTurnError(context, error);
  }

  /**
   * Plays the transcript: each message, then exactly the replies listed (typing indicators are
   * left out: main-dialog.test.ts covers them). A mismatch shows everything the bot said.
   */
  async chat(turns: readonly Turn[]): Promise<void> {
    for (const { user, bot } of turns) {
      const replies = await this.deliver(user);
      const said = describeUser(user);
      const heard = () => `The bot replied to ${said}:\n${replies.map(render).join('\n-----\n') || '(nothing)'}`;
      bot.forEach((check, index) => {
        const reply = replies[index];
        if (!reply) throw new Error(`expected reply ${index + 1} to ${said}, got ${replies.length}.\n${heard()}`);
        try {
          check(reply);
        } catch (error) {
          const why = error instanceof Error ? error.message : String(error);
          throw new Error(`reply ${index + 1} to ${said}: ${why}\n${heard()}`, { cause: error });
        }
      });
      if (replies.length > bot.length) {
        throw new Error(`expected ${bot.length} replies to ${said}, got ${replies.length}.\n${heard()}`);
      }
    }
  }

  /** Sends one activity and returns the bot's messages to it (typing indicators dropped). */
  async deliver(user: string | Partial<Activity>): Promise<Partial<Activity>[]> {
    await this.adapter.processActivity(this.activity(user));
    return this.drain();
  }

  /** Delivers activities at the same time, as a channel retrying a slow turn does; returns every reply. */
  async deliverTogether(users: ReadonlyArray<string | Partial<Activity>>): Promise<Partial<Activity>[]> {
    const outcomes = await Promise.allSettled(users.map((user) => this.adapter.processActivity(this.activity(user))));
    const replies = this.drain();
    const failed = outcomes.flatMap((outcome): unknown[] => (outcome.status === 'rejected' ? [outcome.reason] : []));
    if (failed.length > 0) {
      const why = failed.map((reason) => (reason instanceof Error ? reason.message : String(reason))).join('; ');
      throw new Error(`a delivery failed: ${why}\nThe bot replied:\n${replies.map(render).join('\n-----\n')}`);
    }
    return replies;
  }

  private activity(user: string | Partial<Activity>): Partial<Activity> {
    this.sent += 1;
    const base: Partial<Activity> = typeof user === 'string' ? { type: ActivityTypes.Message, text: user } : { ...user };
    return { type: ActivityTypes.Message, ...base, id: base.id ?? `${this.conversation.id}/${this.sent}` };
  }

  private drain(): Partial<Activity>[] {
    const replies: Partial<Activity>[] = [];
    for (let reply = this.adapter.getNextReply(); reply; reply = this.adapter.getNextReply()) {
      if (reply.type !== ActivityTypes.Typing) replies.push(reply);
    }
    return replies;
  }
}

function describeUser(user: string | Partial<Activity>): string {
  if (typeof user === 'string') return JSON.stringify(user);
  if (user.text) return JSON.stringify(user.text);
  return `a ${user.type ?? 'message'} activity with value ${JSON.stringify(user.value)}`;
}

/** A reply as a person would read it: the text, the buttons, and a card's own text. */
export function render(reply: Partial<Activity>): string {
  const buttons = (reply.suggestedActions?.actions ?? []).map((a) => `[${a.title}]`).join(' ');
  const card = cardText(reply);
  return [reply.text ?? `(${reply.type ?? 'message'} without text)`, buttons, card ? `(card)\n${card}` : '']
    .filter((part) => part !== '')
    .join('\n');
}

/** Every text of the reply's Adaptive Cards: text blocks, facts ("title: value") and button titles. */
export function cardText(reply: Partial<Activity>): string {
  const lines: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (!isRecord(node)) return;
    if (typeof node.text === 'string') lines.push(node.text);
    if (typeof node.title === 'string') lines.push(typeof node.value === 'string' ? `${node.title}: ${node.value}` : node.title);
    for (const key of ['body', 'facts', 'actions', 'items', 'columns']) visit(node[key]);
  };
  for (const attachment of reply.attachments ?? []) {
    if (attachment.contentType !== 'application/vnd.microsoft.card.adaptive') continue;
    const content: unknown = attachment.content;
    visit(content);
  }
  return lines.join('\n');
}

/**
 * The reply is the summary: an Adaptive Card with Confirm and Stop, which with the message's own
 * text (what the user reads together) says each part.
 */
export function summaryCard(...parts: (string | RegExp)[]): Reply {
  return summaryCardIn('en', ...parts);
}

/** The summary card in a language: its buttons are the catalogue's Confirm and Stop in it. */
export function summaryCardIn(locale: Locale, ...parts: (string | RegExp)[]): Reply {
  return message((reply) => {
    const card = cardText(reply);
    const buttons = [say(locale, 'summary.confirm'), say(locale, 'summary.stop')];
    expect(card.split('\n'), `a summary card with ${buttons.join(' and ')}`).to.include.members(buttons);
    const seen = `${reply.text ?? ''}\n${card}`;
    for (const part of parts) {
      if (typeof part === 'string') expect(seen).to.include(part);
      else expect(seen).to.match(part);
    }
  });
}

/** "Recorded: order FA-…", saying each part too. */
export function recorded(...parts: (string | RegExp)[]): Reply {
  return message(says(RECORDED, ...parts));
}

/** "已记录订单 FA-…", saying each part too. */
export function recordedZh(...parts: (string | RegExp)[]): Reply {
  return message(says(RECORDED_ZH, ...parts));
}

/** Hands the id of the order a reply names to `into`, for later turns; the reply must name one. */
export function orderIdTo(into: (id: string) => void): Reply {
  return (reply) => {
    const id = ORDER_ID.exec(reply.text ?? '')?.[0];
    expect(id, 'an order id in the reply').to.be.a('string');
    into(id ?? '');
  };
}

/** The rules refused: the reply says why, what instead, cites a source, and that nothing was recorded. */
export function blocked(...parts: (string | RegExp)[]): Reply {
  return message(says("I can't record this", '**What you can do instead:**', /_Source: .+_/, 'Nothing was recorded.', ...parts));
}

/** The rules refused, in Chinese: why, what instead, a source, and that nothing was recorded. */
export function blockedZh(...parts: (string | RegExp)[]): Reply {
  return message(says('无法记录此申请', '**您可以这样做：**', /_来源：.+_/, '没有记录任何内容', ...parts));
}

/** The transcript, with every reply of the bot also required to be Chinese (see `inChinese`). */
export function allInChinese(turns: readonly Turn[]): Turn[] {
  return turns.map(({ user, bot }) => ({ user, bot: bot.map((check) => message(check, inChinese)) }));
}

/** A message from a Teams user that @mentions the bot first, as Teams sends it. */
export function mentioning(text: string): Partial<Activity> {
  const mention = `<at>${BOT.name}</at>`;
  return {
    type: ActivityTypes.Message,
    text: `${mention} ${text}`,
    entities: [{ type: 'mention', mentioned: BOT, text: mention }],
  };
}

/** What pressing a card's Action.Submit sends: no text, only the button's data. */
export function cardSubmit(answer: string): Partial<Activity> {
  return { type: ActivityTypes.Message, value: { answer } };
}
