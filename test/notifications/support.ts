// For the notification tests: a stand-in channel (an HTTP server the conversation names as its
// serviceUrl) that records what the bot posts into each conversation, a bot on a fake clock, and a
// user who talks to it over /api/messages from that channel.
import { createServer as createHttpServer } from 'node:http';
import { z } from 'zod';
import { composeApp, type App } from '../../src/compose.js';
import { parseConfig } from '../../src/config.js';
import { transitionProblem } from '../../src/domain/orders/lifecycle.js';
import type { Order, OrderState } from '../../src/domain/orders/order.js';
import { listenOnLoopback, readBody, type Listening } from '../support/http.js';
import { KNOWLEDGE_DIR, makeTempDir, removeDir } from '../support/paths.js';
import { messagesIn, postJson, readable } from '../support/server-process.js';

export const OPERATOR_TOKEN = 'test-operator-token-0123456789abcdef';

/** What the bot posted into a conversation, as the Bot Connector API received it. */
export interface Delivered {
  conversationId: string;
  text: string;
  locale: string | undefined;
}

const PostedActivity = z.looseObject({ type: z.string(), text: z.string().optional(), locale: z.string().optional() });
const ACTIVITIES_PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/;

export interface FakeChannel extends Listening {
  /** Messages the channel took (answered 200), in order. */
  delivered: Delivered[];
  /** While true, every post is answered 500 (and not delivered). */
  failing: boolean;
  /** Posts answered 500. */
  refused: number;
  deliveredTo(conversationId: string): Delivered[];
}

export async function startFakeChannel(): Promise<FakeChannel> {
  const delivered: Delivered[] = [];
  const channel = { delivered, failing: false, refused: 0 };
  const server = createHttpServer((req, res) => {
    void readBody(req).then((body) => {
      const match = ACTIVITIES_PATH.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{}');
        return;
      }
      if (channel.failing) {
        channel.refused += 1;
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'ServiceError', message: 'down for the test' } }));
        return;
      }
      const activity = PostedActivity.parse(JSON.parse(body));
      channel.delivered.push({ conversationId: decodeURIComponent(match[1] ?? ''), text: activity.text ?? '', locale: activity.locale });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `delivered-${channel.delivered.length}` }));
    });
  });
  const listening = await listenOnLoopback(server);
  return Object.assign(channel, listening, {
    deliveredTo: (conversationId: string) => channel.delivered.filter((d) => d.conversationId === conversationId),
  });
}

/** A clock the test moves by hand. */
export class FakeClock {
  constructor(private time: number) {}
  readonly now = (): Date => new Date(this.time);
  advance(ms: number): void {
    this.time += ms;
  }
  set(at: Date): void {
    this.time = at.getTime();
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface RunningBot {
  app: App;
  url: string;
  close: () => Promise<void>;
}

/** The whole app on `dataDir`, listening on an ephemeral port, on `clock`; the notifier runs no timer (the test ticks). */
export async function startBot(dataDir: string, clock: FakeClock, env: Record<string, string> = {}): Promise<RunningBot> {
  const config = parseConfig({
    KNOWLEDGE_DIR,
    DATA_DIR: dataDir,
    NOTIFY_INTERVAL_MS: '0',
    OPERATOR_TOKEN,
    // A failing channel is given up on within a second, so a failed attempt is quick.
    OUTBOUND_TIMEOUT_MS: '1000',
    OUTBOUND_DEADLINE_MS: '1000',
    ...env,
  });
  const app = await composeApp(config, { now: clock.now });
  await new Promise<void>((resolve) => {
    app.server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = app.server.address();
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

let users = 0;

/** A user of the stand-in channel, in one conversation; replies come back in the response (expectReplies). */
export class ChannelUser {
  readonly userId: string;
  readonly conversationId: string;
  private sent = 0;

  constructor(
    private readonly channel: FakeChannel,
    readonly locale: string,
  ) {
    users += 1;
    this.userId = `notified-user-${users}`;
    this.conversationId = `notified-conversation-${users}-${Math.random().toString(36).slice(2, 8)}`;
  }

  /** Sends `text` to the bot at `base`; returns the bot's replies as readable text. */
  async say(base: string, text: string): Promise<string> {
    this.sent += 1;
    const answer = await postJson(`${base}/api/messages`, {
      type: 'message',
      id: `${this.conversationId}/${this.sent}`,
      channelId: 'emulator',
      serviceUrl: this.channel.url,
      deliveryMode: 'expectReplies',
      locale: this.locale,
      from: { id: this.userId, name: 'Test User' },
      recipient: { id: 'filing-assistant', name: 'Filing Assistant' },
      conversation: { id: this.conversationId },
      text,
    });
    return messagesIn(answer).map(readable).join('\n');
  }

  /** Plays `texts`; returns the id of the order the last reply recorded. */
  async placeOrder(base: string, texts: readonly string[]): Promise<string> {
    const transcript: string[] = [];
    let last = '';
    for (const text of texts) {
      last = await this.say(base, text);
      transcript.push(`> ${text}`, last);
    }
    const id = /FA-[23456789A-HJ-NP-Z]{6}/.exec(last)?.[0];
    if (!id) throw new Error(`no order was recorded:\n${transcript.join('\n')}`);
    return id;
  }
}

let filings = 0;
/** An ICP number no other test uses (one order in process per filing subject). */
export function newIcpNumber(): string {
  filings += 1;
  return `京ICP备${31000000 + filings * 7 + Math.floor(Math.random() * 5)}号-1`;
}

/** Cancelling a transfer, the shortest flow, in English or Chinese. */
export function cancelTransferSteps(locale: 'en' | 'zh', icpNumber: string): string[] {
  return locale === 'zh' ? ['我要取消接入', icpNumber, '确认'] : ['cancel the transfer', icpNumber, 'Confirm'];
}

/** Transferring a filing in, in English or Chinese: an order that may wait for phone verification. */
export function transferInSteps(locale: 'en' | 'zh', icpNumber: string): string[] {
  return locale === 'zh'
    ? ['我要把备案转入阿里云', '没有用过', icpNumber, 'example.cn', '我有服务码', '13812345678', '确认']
    : ['I want to transfer my filing to you', 'Never used it', icpNumber, 'example.cn', 'I have the service code', '13812345678', 'Confirm'];
}

/** Moves an order as the back office does: `by` an operator, checked against the lifecycle. */
export async function operatorMoves(bot: RunningBot, orderId: string, to: OrderState, note?: string): Promise<Order> {
  const { orders, lifecycle } = bot.app.parts;
  const result = await orders.transition(orderId, to, { by: 'operator', ...(note === undefined ? {} : { note }) }, (order) =>
    transitionProblem(lifecycle, order, to, 'operator'),
  );
  if (!('moved' in result)) throw new Error(`could not move ${orderId} to ${to}: ${JSON.stringify(result)}`);
  return result.moved;
}

const Attempt = z.strictObject({ at: z.string(), ok: z.boolean(), error: z.string().nullable() });
export const NotificationView = z.strictObject({
  key: z.string(),
  kind: z.enum(['state', 'phone', 'expiry']),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.array(Attempt),
  nextAttemptAt: z.string().nullable(),
});
export const OrderNotifications = z.strictObject({ orderId: z.string(), notifications: z.array(NotificationView) });
export const FailedNotifications = z.strictObject({ notifications: z.array(NotificationView.extend({ orderId: z.string() })) });

/** GET with the operator token (another token, or null for none); answers the status and the JSON body. */
export async function operatorGet(base: string, path: string, token: string | null = OPERATOR_TOKEN): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${base}${path}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json() };
}

/**
 * What most notification tests stand on: one fake channel for the file, and for each test a fresh
 * DATA_DIR, a fake clock at `start` and the app on them. Registers its own mocha hooks; call it
 * inside the describe.
 */
export function useNotificationBench(start = Date.parse('2026-12-07T02:00:00Z')): NotificationBench {
  const bench = new NotificationBench(start);
  before(async () => bench.openChannel());
  after(async () => bench.closeChannel());
  beforeEach(async () => bench.startTest());
  afterEach(async () => bench.endTest());
  return bench;
}

export class NotificationBench {
  private fakeChannel: FakeChannel | undefined;
  private running: RunningBot | undefined;
  private testClock: FakeClock | undefined;
  private testDataDir: string | undefined;

  constructor(private readonly start: number) {}

  get channel(): FakeChannel {
    return present(this.fakeChannel, 'the fake channel');
  }

  get bot(): RunningBot {
    return present(this.running, 'the bot');
  }

  get clock(): FakeClock {
    return present(this.testClock, 'the clock');
  }

  /** Stops the bot and composes it again on the same DATA_DIR, as a restart does. */
  async restart(): Promise<RunningBot> {
    await this.bot.close();
    this.running = undefined;
    this.running = await startBot(present(this.testDataDir, 'the data directory'), this.clock);
    return this.running;
  }

  async openChannel(): Promise<void> {
    this.fakeChannel = await startFakeChannel();
  }

  async closeChannel(): Promise<void> {
    await this.fakeChannel?.close();
  }

  async startTest(): Promise<void> {
    this.testDataDir = makeTempDir();
    this.testClock = new FakeClock(this.start);
    this.running = await startBot(this.testDataDir, this.testClock);
  }

  async endTest(): Promise<void> {
    await this.running?.close();
    this.running = undefined;
    removeDir(this.testDataDir);
  }
}

function present<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is not there: is the test inside useNotificationBench's describe?`);
  return value;
}
