// The real server for the security tests: the bot on an ephemeral port with its data in a fresh
// folder, a stand-in Bot Connector that records the replies posted to it, and ways to see what
// reached the bot and what was written.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { join } from 'node:path';
import { mock } from 'node:test';
import type { BotFrameworkAuthentication } from 'botframework-connector';
import { z } from 'zod';
import type { FilingAdapter } from '../../src/botframework/adapter.js';
import { composeApp, type BotParts } from '../../src/compose.js';
import { parseConfig, type Config } from '../../src/config.js';
import { setLogLevel } from '../../src/log.js';
import { listenOnLoopback, readBody, type Listening } from '../support/http.js';
import { KNOWLEDGE_DIR, makeTempDir, removeDir } from '../support/paths.js';

export const APP_ID = '00000000-0000-0000-0000-00000000a11d';
export const APP_PASSWORD = 'not-a-real-client-secret';
/** Enough to put the server into production configuration. */
export const PRODUCTION_ENV: Readonly<Record<string, string>> = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: APP_PASSWORD };

export type { Listening } from '../support/http.js';

export interface ServerOptions {
  env?: Readonly<Record<string, string>>;
  /** Token checks with their own OpenID metadata; used by the adapter and the server alike. */
  authentication?: BotFrameworkAuthentication;
}

export interface TestServer extends Listening {
  parts: BotParts;
  adapter: FilingAdapter;
  config: Config;
  dataDir: string;
  /** How many turns reached the bot (FilingBot.run), whatever came of them. */
  turns: () => number;
  /** Conversation state files under DATA_DIR/conversations. */
  stateFiles: () => number;
  /** Orders in every orders file under DATA_DIR/orders. */
  orders: () => number;
}

function countJsonFiles(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.json')).length;
}

const OrdersFile = z.object({ orders: z.array(z.unknown()) });

function countOrders(dataDir: string): number {
  const dir = join(dataDir, 'orders');
  if (!existsSync(dir)) return 0;
  return readdirSync(dir)
    .filter((name) => /^orders-[0-9a-f]{2}\.json$/.test(name))
    .reduce((sum, name) => sum + OrdersFile.parse(JSON.parse(readFileSync(join(dir, name), 'utf8'))).orders.length, 0);
}

/** Starts the server as `npm start` builds it, logging nothing, with data in a fresh temp folder. */
export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  setLogLevel('silent');
  const dataDir = makeTempDir();
  const config = parseConfig({ KNOWLEDGE_DIR, DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...options.env });
  const { parts, adapter, server, close } = await composeApp(
    config,
    options.authentication ? { authentication: options.authentication } : {},
  );
  const runs = mock.method(parts.bot, 'run');
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    parts,
    adapter,
    config,
    dataDir,
    turns: () => runs.mock.callCount(),
    stateFiles: () => countJsonFiles(join(dataDir, 'conversations')),
    orders: () => countOrders(dataDir),
    close: async () => {
      await close();
      runs.mock.restore();
      removeDir(dataDir);
      setLogLevel('info');
    },
  };
}

/** Serves fixed JSON documents by path (an OpenID configuration and its keys, say); 404 otherwise. */
export function serveJson(documents: (base: string) => Record<string, unknown>): Promise<Listening> {
  let base = '';
  const server = createHttpServer((req, res) => {
    const document = documents(base)[req.url ?? ''];
    // restify patches http.ServerResponse in the whole process, so writeHead() is not chained here.
    res.writeHead(document === undefined ? 404 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(document ?? { error: 'not found' }));
  });
  return listenOnLoopback(server).then((listening) => {
    base = listening.url;
    return listening;
  });
}

/** A stand-in for the Bot Connector service: counts the replies the bot posts to any conversation. */
export async function startChannel(): Promise<Listening & { posts: () => number }> {
  let posts = 0;
  const server = createHttpServer((req, res) => {
    void readBody(req).then(() => {
      posts += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${posts}` }));
    });
  });
  const listening = await listenOnLoopback(server);
  return { ...listening, posts: () => posts };
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The status of a response, its body read (so the connection can be reused). */
export async function statusOf(response: Promise<Response>): Promise<number> {
  const answered = await response;
  await answered.arrayBuffer();
  return answered.status;
}

export const RefusalBody = z.object({ code: z.string(), message: z.string() });
const SentActivity = z.looseObject({ type: z.string(), text: z.string().optional() });
export const ExpectedReplies = z.object({ activities: z.array(SentActivity) });

/** A user's message as a channel addresses it; the replies come back in the response body. */
export function message(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    id: `activity-${Math.random().toString(36).slice(2)}`,
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9/',
    deliveryMode: 'expectReplies',
    from: { id: 'user-1', name: 'User' },
    recipient: { id: 'filing-assistant', name: 'Filing Assistant' },
    conversation: { id: 'conversation-1' },
    text: 'help',
    ...fields,
  };
}
