// The HTTP endpoints over real sockets: liveness and readiness, the operator JSON endpoints, and /api/messages.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { join } from 'node:path';
import { mock } from 'node:test';
import { expect } from 'chai';
import type { Server as RestifyServer } from 'restify';
import { z } from 'zod';
import { composeApp, type App, type BotParts } from '../../src/compose.js';
import { parseConfig } from '../../src/config.js';
import type { FaqEntry } from '../../src/knowledge/schema.js';
import { LowdbStorage } from '../../src/persistence/lowdb-storage.js';
import { VERSION } from '../../src/version.js';
import { listenOnLoopback, readBody, type Listening } from '../support/http.js';
import { KNOWLEDGE_DIR, makeTempDir, removeDir } from '../support/paths.js';

const Health = z.strictObject({ status: z.literal('ok'), version: z.string() });
const Check = z.union([z.looseObject({ ok: z.literal(true) }), z.strictObject({ ok: z.literal(false), reason: z.string() })]);
const Readiness = z.strictObject({
  status: z.enum(['ready', 'not ready']),
  version: z.string(),
  checks: z.strictObject({ knowledge: Check, conversations: Check, orders: Check }),
});
const Summary = z.object({ id: z.string(), question: z.string(), score: z.number() });
const Ask = z.object({
  kind: z.enum(['answer', 'choose', 'unknown']),
  answer: z.string().nullable(),
  source: z.array(z.object({ doc: z.string(), section: z.string(), quote: z.string() })).nullable(),
  score: z.number(),
  alternatives: z.array(Summary),
});
const Recognize = z.object({
  intent: z.string(),
  score: z.number(),
  entities: z.object({ icp_number: z.array(z.string()), domain: z.array(z.string()), province: z.string().nullable() }),
});
const SentActivity = z.looseObject({ type: z.string(), text: z.string().optional(), replyToId: z.string().optional() });
const ExpectedReplies = z.object({ activities: z.array(SentActivity) });

/** Starts the app's server on an ephemeral loopback port; closing it closes the app. */
async function listenApp(app: App): Promise<Listening> {
  const server: RestifyServer = app.server;
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/** One activity the bot sent to the channel, as the Bot Connector API received it. */
interface ChannelPost {
  conversationId: string;
  activityId: string;
  activity: z.infer<typeof SentActivity>;
}

const REPLY_PATH = /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/;


/**
 * A stand-in for the Bot Connector service: records the replies the bot posts to a conversation.
 * (restify patches http.ServerResponse in the whole process, so writeHead() is not chained here.)
 */
async function startChannel(posts: ChannelPost[]): Promise<Listening> {
  const server: HttpServer = createHttpServer((req, res) => {
    const answer = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    readBody(req)
      .then((body) => {
        const match = REPLY_PATH.exec(req.url ?? '');
        if (req.method !== 'POST' || !match) return answer(404, { error: 'not a reply to an activity' });
        posts.push({
          conversationId: decodeURIComponent(match[1] ?? ''),
          activityId: decodeURIComponent(match[2] ?? ''),
          activity: SentActivity.parse(JSON.parse(body)),
        });
        answer(200, { id: 'x' });
      })
      .catch((error: unknown) => answer(500, { error: String(error) }));
  });
  return listenOnLoopback(server);
}

/** A message from a user, addressed the way a channel addresses it. */
function userMessage(serviceUrl: string, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'message',
    id: 'activity-1',
    channelId: 'emulator',
    serviceUrl,
    from: { id: 'user-1', name: 'User' },
    recipient: { id: 'bot-1', name: 'Filing Assistant' },
    conversation: { id: 'conversation-1' },
    text: 'help',
    ...fields,
  };
}

function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('HTTP server', () => {
  let dataDir: string;
  let parts: BotParts;
  let bot: Listening;
  let channel: Listening;
  const posts: ChannelPost[] = [];
  let reviewTime: FaqEntry;

  before(async () => {
    dataDir = makeTempDir();
    const app = await composeApp(parseConfig({ KNOWLEDGE_DIR, DATA_DIR: dataDir }));
    parts = app.parts;
    if (!(parts.storage instanceof LowdbStorage)) throw new Error('the composition root did not use LowdbStorage');
    bot = await listenApp(app);
    channel = await startChannel(posts);
    const entry = parts.understanding.faq.entry('cancel-review-time');
    if (!entry) throw new Error('knowledge has no FAQ entry "cancel-review-time"');
    reviewTime = entry;
  });

  after(async () => {
    await bot?.close();
    await channel?.close();
    removeDir(dataDir);
  });

  beforeEach(() => {
    posts.length = 0;
  });

  // /healthz used to report storage and knowledge as constants; it is liveness now, and what the
  // bot needs to answer (knowledge, writable stores) is checked for real by /readyz.
  describe('GET /healthz', () => {
    it('says the process answers, and its version', async () => {
      const response = await fetch(`${bot.url}/healthz`);
      expect(response.status).to.equal(200);
      const health = Health.parse(await response.json());
      expect(health.version).to.equal(VERSION).and.to.match(/^\d+\.\d+\.\d+/);
    });
  });

  describe('GET /readyz', () => {
    it('is ready with the knowledge loaded and both data directories writable', async () => {
      const response = await fetch(`${bot.url}/readyz`);
      expect(response.status).to.equal(200);
      const readiness = Readiness.parse(await response.json());
      expect(readiness.status).to.equal('ready');
      expect(readiness.checks.knowledge).to.include({ ok: true, faqEntries: parts.knowledge.faq.length });
      expect(readiness.checks.conversations.ok).to.equal(true);
      expect(readiness.checks.orders.ok).to.equal(true);
    });
  });

  describe('GET /api/ask', () => {
    it('answers a question with the answer, its source, a score and the alternatives', async () => {
      const response = await fetch(`${bot.url}/api/ask?q=${encodeURIComponent(reviewTime.question)}`);
      expect(response.status).to.equal(200);
      const body = Ask.parse(await response.json());
      expect(body.kind).to.equal('answer');
      expect(body.answer).to.equal(reviewTime.answer);
      expect(body.source).to.deep.equal(reviewTime.sources);
      expect(body.score).to.be.within(0.5, 1);
    });

    it('answers a Chinese question sent URL-encoded', async () => {
      const response = await fetch(`${bot.url}/api/ask?q=${encodeURIComponent('注销备案审核要多久')}`);
      const body = Ask.parse(await response.json());
      expect(body.answer).to.include('3 to 20 business days');
    });

    it('gives no answer and no source to an off-topic question', async () => {
      const response = await fetch(`${bot.url}/api/ask?q=${encodeURIComponent('write me a poem about cats')}`);
      expect(response.status).to.equal(200);
      const body = Ask.parse(await response.json());
      expect(body.kind).to.equal('unknown');
      expect(body.answer).to.equal(null);
      expect(body.source).to.equal(null);
    });
  });

  describe('GET /api/recognize', () => {
    it('returns the intent, its score and the entities in normal form', async () => {
      const q = 'cancel the website example.cn, 京ICP备 12345678号－1';
      const response = await fetch(`${bot.url}/api/recognize?q=${encodeURIComponent(q)}`);
      expect(response.status).to.equal(200);
      const body = Recognize.parse(await response.json());
      expect(body.intent).to.equal('cancel_website');
      expect(body.score).to.be.within(0, 1);
      expect(body.entities).to.deep.equal({
        icp_number: ['京ICP备12345678号-1'],
        domain: ['example.cn'],
        province: 'beijing',
      });
    });
  });

  describe('query checks', () => {
    const bad: { name: string; query: string }[] = [
      { name: 'no q', query: '' },
      { name: 'an empty q', query: '?q=' },
      { name: 'a blank q', query: '?q=%20%20' },
      { name: 'a q longer than 1000 characters', query: `?q=${'a'.repeat(1001)}` },
    ];
    for (const path of ['/api/ask', '/api/recognize']) {
      for (const { name, query } of bad) {
        it(`answers ${path} with ${name} with 400 and a reason`, async () => {
          const response = await fetch(`${bot.url}${path}${query}`);
          expect(response.status).to.equal(400);
          expect(z.object({ error: z.string() }).parse(await response.json()).error).to.match(/\bq\b/);
        });
      }
    }
  });

  describe('POST /api/messages', () => {
    it("returns the replies in the response body when the channel asks for 'expectReplies'", async () => {
      const response = await postJson(
        `${bot.url}/api/messages`,
        userMessage(channel.url, { text: reviewTime.question, deliveryMode: 'expectReplies' }),
      );
      expect(response.status).to.equal(200);
      const { activities } = ExpectedReplies.parse(await response.json());
      // No typing indicator: with expectReplies every reply arrives at the end of the turn anyway.
      expect(activities.map((a) => a.type)).to.deep.equal(['message']);
      expect(activities[0]?.text).to.include(reviewTime.answer).and.to.include('_Source:');
      expect(posts, 'nothing posted to the channel').to.deep.equal([]);
    });

    it('posts the reply to the conversation at the serviceUrl in normal delivery', async () => {
      const response = await postJson(
        `${bot.url}/api/messages`,
        userMessage(channel.url, { id: 'activity-2', conversation: { id: 'conversation-2' }, text: reviewTime.question }),
      );
      expect(response.status).to.be.within(200, 299);
      expect(posts.map((p) => p.activity.type)).to.deep.equal(['typing', 'message']);
      for (const post of posts) {
        expect(post.conversationId).to.equal('conversation-2');
        expect(post.activityId).to.equal('activity-2');
        expect(post.activity.replyToId).to.equal('activity-2');
      }
      expect(posts[1]?.activity.text).to.include(reviewTime.answer);
    });

    it('posts each turn\'s replies to that turn\'s serviceUrl when turns alternate between channels', async () => {
      const otherPosts: ChannelPost[] = [];
      const other = await startChannel(otherPosts);
      try {
        const turns = [
          { url: channel.url, conversation: 'reuse-a', id: 'reuse-1' },
          { url: other.url, conversation: 'reuse-b', id: 'reuse-2' },
          { url: channel.url, conversation: 'reuse-a', id: 'reuse-3' },
        ];
        for (const turn of turns) {
          const body = userMessage(turn.url, { id: turn.id, conversation: { id: turn.conversation }, text: reviewTime.question });
          const response = await postJson(`${bot.url}/api/messages`, body);
          expect(response.status).to.be.within(200, 299);
        }
        const messages = (list: ChannelPost[]) => list.filter((p) => p.activity.type === 'message').map((p) => p.activityId);
        expect(messages(posts)).to.deep.equal(['reuse-1', 'reuse-3']);
        expect(messages(otherPosts)).to.deep.equal(['reuse-2']);
      } finally {
        await other.close();
      }
    });

    it('refuses a body that is not JSON with 4xx and keeps serving', async () => {
      const response = await postJson(`${bot.url}/api/messages`, '{"type": "message", "text": "hel');
      expect(response.status).to.be.within(400, 499);
      await response.arrayBuffer();
      expect(posts).to.deep.equal([]);
      expect((await fetch(`${bot.url}/healthz`)).status).to.equal(200);
    });
  });

  describe('with an Azure Bot app configured', () => {
    let secured: Listening;
    let quiet: ReturnType<typeof mock.method> | undefined;

    let securedDir: string;

    before(async () => {
      securedDir = makeTempDir();
      const config = parseConfig({
        KNOWLEDGE_DIR,
        DATA_DIR: securedDir,
        MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
        MicrosoftAppPassword: 'not-a-real-secret',
      });
      secured = await listenApp(await composeApp(config));
    });

    // The Bot Framework adapter prints every refused request with its stack; expected here.
    beforeEach(() => {
      quiet = mock.method(console, 'error', () => undefined);
    });

    afterEach(() => quiet?.mock.restore());

    after(async () => {
      await secured?.close();
      removeDir(securedDir);
    });

    const attempts: { name: string; headers: Record<string, string> }[] = [
      { name: 'without an Authorization header', headers: {} },
      { name: 'with a forged bearer token', headers: { authorization: 'Bearer abc.def.ghi' } },
    ];
    for (const { name, headers } of attempts) {
      it(`refuses a message ${name} with 401 and does not answer it`, async () => {
        const activity = userMessage(channel.url, { text: 'help' });
        const response = await postJson(`${secured.url}/api/messages`, activity, headers);
        expect(response.status).to.equal(401);
        await response.arrayBuffer();
        expect(posts).to.deep.equal([]);
      });
    }
  });
});

describe('readiness when a data directory cannot be written', () => {
  let dataDir: string;
  let bot: Listening;
  let ordersDir: string;

  before(async () => {
    dataDir = makeTempDir();
    ordersDir = join(dataDir, 'orders');
    // No reuse of probe results: each request looks at the disk as it is now.
    bot = await listenApp(await composeApp(parseConfig({ KNOWLEDGE_DIR, DATA_DIR: dataDir }), { probeCacheMs: 0 }));
  });

  after(async () => {
    await bot?.close();
    removeDir(dataDir);
  });

  async function readiness(): Promise<{ status: number; body: z.infer<typeof Readiness>; text: string }> {
    const response = await fetch(`${bot.url}/readyz`);
    const text = await response.text();
    return { status: response.status, body: Readiness.parse(JSON.parse(text)), text };
  }

  it('answers 503 naming the orders check and why, without the path, while /healthz stays 200', async () => {
    // Tests run as root, whom permissions do not stop: a file where the directory should be does.
    rmSync(ordersDir, { recursive: true, force: true });
    writeFileSync(ordersDir, 'not a directory');
    const { status, body, text } = await readiness();
    expect(status).to.equal(503);
    expect(body.status).to.equal('not ready');
    expect(body.checks.orders).to.deep.equal({ ok: false, reason: 'cannot write a file in the orders directory (ENOTDIR)' });
    expect(body.checks.conversations.ok, 'the other checks still pass').to.equal(true);
    expect(body.checks.knowledge.ok).to.equal(true);
    expect(text, 'no path in the answer').not.to.include(dataDir);
    expect((await fetch(`${bot.url}/healthz`)).status, 'alive, only not ready').to.equal(200);
  });

  it('is ready again once the directory can be written again', async () => {
    rmSync(ordersDir, { force: true });
    mkdirSync(ordersDir);
    const { status, body } = await readiness();
    expect(status).to.equal(200);
    expect(body.status).to.equal('ready');
    expect(body.checks.orders.ok).to.equal(true);
  });
});
