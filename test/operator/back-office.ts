// The back office as the filing team meets it: the whole app on an ephemeral port (lowdb, or
// PostgreSQL when the run sets DATABASE_URL), customers who place orders by chatting with the bot
// over /api/messages, and an operator who calls /api/operator/orders with the token.
import { expect } from 'chai';
import { z } from 'zod';
import { composeApp, type App } from '../../src/compose.js';
import { parseConfig } from '../../src/config.js';
import { setLogLevel } from '../../src/log.js';
import { KNOWLEDGE_DIR, makeTempDir, removeDir } from '../support/paths.js';

export const OPERATOR_TOKEN = 'operator-token-for-back-office-tests-0123456789';
export const IDENTITY_HEADER = 'X-Forwarded-Email';
const DAY_MS = 86_400_000;
/** Where the customers' channel would take replies; with expectReplies nothing is ever posted there. */
const SERVICE_URL = 'http://127.0.0.1:9/channel';
const ORDER_ID = /FA-[23456789A-HJ-NP-Z]{6}/;

const Replies = z.object({ activities: z.array(z.looseObject({ type: z.string(), text: z.string().optional() })) });

export const HistoryEntry = z.strictObject({ state: z.string(), at: z.string(), by: z.string().optional(), note: z.string().optional() });
const orderViewShape = {
  id: z.string(),
  type: z.string(),
  state: z.string(),
  allowedTransitions: z.array(z.string()),
  province: z.string(),
  filing: z.strictObject({ icpNumber: z.string(), subjectNumber: z.string(), domains: z.array(z.string()) }),
  createdAt: z.string(),
  changedAt: z.string(),
  channelId: z.string(),
  ageDays: z.number().int().min(0),
  phoneVerificationDeadline: z.string().optional(),
  expiresAt: z.string().optional(),
};
/** Strict: a field the back office must not show (a user id, a conversation reference) fails the parse. */
export const OrderView = z.strictObject(orderViewShape);
export const OrderDetail = z.strictObject({
  ...orderViewShape,
  history: z.array(HistoryEntry),
  request: z.strictObject({ changes: z.record(z.string(), z.unknown()).optional() }),
});
export type OrderDetail = z.infer<typeof OrderDetail>;
export const OrderList = z.strictObject({ orders: z.array(OrderView) });
export const OneOrder = z.strictObject({ order: OrderDetail });
export const Refusal = z.object({ code: z.string(), message: z.string() });
export const MoveRefusal = z.strictObject({
  code: z.string(),
  message: z.string(),
  from: z.string(),
  to: z.string(),
  allowedTransitions: z.array(z.string()),
});

let customers = 0;
let filings = 0;

/**
 * A filing no other test uses in `abbreviation`'s province: an order in process for a subject
 * blocks every other order for it. 3xxxxxxx keeps clear of the dialog tests' 2xxxxxxx.
 */
export function freshFiling(abbreviation: string): { subject: string; website: string } {
  filings += 1;
  const subject = `${abbreviation}ICP备${30000000 + filings}号`;
  return { subject, website: `${subject}-1` };
}

/** Someone chatting with the bot in a conversation of their own, over HTTP. */
export class Customer {
  readonly userId: string;
  readonly conversationId: string;
  private sent = 0;

  constructor(
    private readonly office: BackOffice,
    private readonly locale: 'en-US' | 'zh-CN',
  ) {
    customers += 1;
    this.userId = `customer-${customers}-user`;
    this.conversationId = `customer-${customers}-conversation`;
  }

  /** Sends one message and returns the texts of the bot's replies. */
  async say(text: string): Promise<string[]> {
    this.sent += 1;
    const activity = {
      type: 'message',
      id: `${this.conversationId}-${this.sent}`,
      channelId: 'emulator',
      serviceUrl: SERVICE_URL,
      deliveryMode: 'expectReplies',
      locale: this.locale,
      from: { id: this.userId, name: 'Customer' },
      recipient: { id: 'bot', name: 'Filing Assistant' },
      conversation: { id: this.conversationId },
      text,
    };
    const response = await fetch(`${this.office.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    expect(response.status, `the bot's answer to ${JSON.stringify(text)}`).to.equal(200);
    const { activities } = Replies.parse(await response.json());
    return activities.filter((a) => a.type === 'message').map((a) => a.text ?? '');
  }

  /** Says each message in turn; returns the order id the last reply names (the recording). */
  async placeOrder(messages: readonly string[]): Promise<string> {
    const transcript: string[] = [];
    for (const text of messages) transcript.push(`> ${text}`, ...(await this.say(text)));
    const id = ORDER_ID.exec(transcript.at(-1) ?? '')?.[0];
    if (id === undefined) throw new Error(`no order was recorded; the conversation went:\n${transcript.join('\n')}`);
    return id;
  }

  /** Cancels a whole website (cancel_website), answering every question in English. */
  cancelWebsite(website: string): Promise<string> {
    return this.placeOrder([`cancel the website example.cn, ${website}`, 'Cancel the whole website', 'Yes, I am the subject', 'Confirm']);
  }

  /** Transfers a filing in (transfer_in), in English. */
  transferIn(website: string): Promise<string> {
    return this.placeOrder([`transfer ${website} example.cn to you`, 'Never used it', 'I have the service code', '13812345678', 'Confirm']);
  }

  /** Transfers a filing in (接入备案), in Chinese. */
  transferInChinese(website: string): Promise<string> {
    return this.placeOrder([`我要转入备案 ${website} example.cn`, '从未使用过', '我已有备案服务码', '13812345678', '确认']);
  }
}

export interface OperatorCall {
  method?: 'GET' | 'POST';
  body?: unknown;
  /** Replaces the operator token's Authorization header (null: none at all). */
  authorization?: string | null;
  /** Who the identity-aware proxy says the operator is. */
  operator?: string;
}

/** The app with OPERATOR_TOKEN (unless `env` says otherwise), listening on an ephemeral port. */
export class BackOffice {
  private constructor(
    readonly app: App,
    readonly url: string,
    private readonly dataDir: string,
    /** How far the app's clock runs behind the real one: orders "placed days ago". */
    private readonly clock: { behindMs: number },
  ) {}

  static async start(env: Record<string, string> = { OPERATOR_TOKEN, OPERATOR_IDENTITY_HEADER: IDENTITY_HEADER }): Promise<BackOffice> {
    setLogLevel('silent');
    const dataDir = makeTempDir();
    const clock = { behindMs: 0 };
    const now = (): Date => new Date(Date.now() - clock.behindMs);
    const app = await composeApp(parseConfig({ KNOWLEDGE_DIR, DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env }), { now });
    await new Promise<void>((resolve) => {
      app.server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = app.server.address();
    return new BackOffice(app, `http://127.0.0.1:${port}`, dataDir, clock);
  }

  /** Runs `place` with the app's clock `days` in the past: what it records is that old. */
  async daysAgo<T>(days: number, place: () => Promise<T>): Promise<T> {
    this.clock.behindMs = days * DAY_MS;
    try {
      return await place();
    } finally {
      this.clock.behindMs = 0;
    }
  }

  customer(locale: 'en-US' | 'zh-CN' = 'en-US'): Customer {
    return new Customer(this, locale);
  }

  /** A request to the back office, with the operator token unless the call says otherwise. */
  async call(path: string, options: OperatorCall = {}): Promise<Response> {
    const headers: Record<string, string> = {};
    const authorization = options.authorization === undefined ? `Bearer ${OPERATOR_TOKEN}` : options.authorization;
    if (authorization !== null) headers.authorization = authorization;
    if (options.operator !== undefined) headers[IDENTITY_HEADER] = options.operator;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    return fetch(`${this.url}${path}`, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      ...(options.body === undefined ? {} : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
    });
  }

  /** GET /api/operator/orders with this query; must answer 200. */
  async list(query = ''): Promise<z.infer<typeof OrderView>[]> {
    const response = await this.call(`/api/operator/orders${query}`);
    const text = await response.text();
    expect(response.status, text).to.equal(200);
    return OrderList.parse(JSON.parse(text)).orders;
  }

  /** GET /api/operator/orders/{id}; must answer 200. */
  async order(id: string): Promise<OrderDetail> {
    const response = await this.call(`/api/operator/orders/${encodeURIComponent(id)}`);
    const text = await response.text();
    expect(response.status, text).to.equal(200);
    return OneOrder.parse(JSON.parse(text)).order;
  }

  /** POST /api/operator/orders/{id}/transitions; the response, unread. */
  move(id: string, to: string, options: { note?: string; operator?: string } = {}): Promise<Response> {
    const body = { to, ...(options.note === undefined ? {} : { note: options.note }) };
    return this.call(`/api/operator/orders/${encodeURIComponent(id)}/transitions`, {
      body,
      ...(options.operator === undefined ? {} : { operator: options.operator }),
    });
  }

  async close(): Promise<void> {
    await this.app.close();
    removeDir(this.dataDir);
  }
}
