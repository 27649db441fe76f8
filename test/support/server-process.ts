// The real server as a child process (`node --import tsx src/main.ts`) on a loopback port, and
// users who talk to it over HTTP with deliveryMode "expectReplies", for tests of kills and restarts.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest, type Agent, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { z } from 'zod';
import { KNOWLEDGE_DIR, REPO_ROOT } from './paths.js';

/** Start-up reads and indexes the knowledge: a couple of seconds, more on a busy machine. */
const START_TIMEOUT_MS = 30_000;
const ENTRY = join(REPO_ROOT, 'src', 'main.ts');
const LISTENING = 'Filing Assistant is listening';

export const LogLine = z.looseObject({ level: z.string(), message: z.string() });
export type LogLine = z.infer<typeof LogLine>;

const ListeningLine = z.looseObject({ message: z.literal(LISTENING), url: z.string() });

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Every child started here, so an after() hook (or the test process exiting) can end them all. */
const children = new Set<ChildProcess>();

process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export class ServerProcess {
  /** Every JSON log line the server wrote so far. */
  readonly logs: LogLine[] = [];
  /** stderr lines that were not JSON (Node warnings, a crash's stack). */
  readonly otherOutput: string[] = [];
  readonly exited: Promise<Exit>;
  private exit: Exit | undefined;
  private baseUrl = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly dataDir: string,
  ) {
    children.add(child);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        children.delete(child);
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
  }

  /** Starts the server on DATA_DIR `dataDir` at a port the system picks; resolves once it listens. */
  static async start(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      // Only what the server needs, each variable set, so a developer's .env cannot change the test.
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        TMPDIR: process.env.TMPDIR,
        NODE_OPTIONS: '',
        NODE_NO_WARNINGS: '1',
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        KNOWLEDGE_DIR,
        LOG_LEVEL: 'info',
        LOCAL_DIRECTLINE: 'off',
        MicrosoftAppId: '',
        MicrosoftAppPassword: '',
        MicrosoftAppType: 'MultiTenant',
        MicrosoftAppTenantId: '',
        ...env,
      },
    });
    const server = new ServerProcess(child, dataDir);
    server.baseUrl = await server.listening();
    return server;
  }

  /** http://127.0.0.1:<port> */
  get url(): string {
    return this.baseUrl;
  }

  /** How it ended, once it has. */
  get exitStatus(): Exit | undefined {
    return this.exit;
  }

  /** Log lines with this message. */
  logged(message: string): LogLine[] {
    return this.logs.filter((line) => line.message === message);
  }

  signal(signal: NodeJS.Signals): void {
    if (this.exit === undefined) this.child.kill(signal);
  }

  /** SIGKILL, and wait until the process is gone. */
  async kill(): Promise<Exit> {
    this.signal('SIGKILL');
    return this.exited;
  }

  /** Sends `signal` and waits for the exit, at most `withinMs` (then kills it and rejects). */
  async stop(signal: NodeJS.Signals = 'SIGTERM', withinMs = 15_000): Promise<Exit> {
    this.signal(signal);
    return this.exitWithin(withinMs);
  }

  /** Waits for an exit already under way (no signal sent), at most `withinMs` (then kills it and rejects). */
  async exitWithin(withinMs: number): Promise<Exit> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        reject(new Error(`the server did not exit within ${withinMs} ms\n${this.output()}`));
      }, withinMs);
    });
    try {
      return await Promise.race([this.exited, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Everything it wrote, for a failure message. */
  output(): string {
    return [...this.logs.map((line) => JSON.stringify(line)), ...this.otherOutput].join('\n');
  }

  private listening(): Promise<string> {
    const stderr = this.child.stderr;
    if (!stderr) return Promise.reject(new Error('the server has no stderr pipe'));
    return new Promise((resolve, reject) => {
      let pending = '';
      const timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        reject(new Error(`the server did not listen within ${START_TIMEOUT_MS} ms\n${this.output()}`));
      }, START_TIMEOUT_MS);
      stderr.setEncoding('utf8');
      stderr.on('data', (chunk: string) => {
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const text of lines) {
          const line = parseLogLine(text);
          if (!line) {
            if (text.trim() !== '') this.otherOutput.push(text);
            continue;
          }
          this.logs.push(line);
          const listening = ListeningLine.safeParse(line);
          if (listening.success) {
            clearTimeout(timer);
            // The line names localhost; the server listens on HOST=127.0.0.1.
            resolve(`http://127.0.0.1:${new URL(listening.data.url).port}`);
          }
        }
      });
      void this.exited.then((exit) => {
        clearTimeout(timer);
        reject(new Error(`the server exited (${JSON.stringify(exit)}) before listening\n${this.output()}`));
      });
    });
  }
}

function parseLogLine(text: string): LogLine | undefined {
  try {
    const parsed = LogLine.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Ends every server child still running (for after() hooks, which run even when a test failed). */
export async function killAllServers(): Promise<void> {
  const running = [...children];
  for (const child of running) child.kill('SIGKILL');
  await Promise.all(
    running.map((child) =>
      child.exitCode !== null || child.signalCode !== null
        ? Promise.resolve()
        : new Promise<void>((resolve) => child.once('exit', () => resolve())),
    ),
  );
}

const Reply = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  attachments: z.array(z.looseObject({ contentType: z.string(), content: z.unknown() })).optional(),
});
export type Reply = z.infer<typeof Reply>;
const ExpectedReplies = z.object({ activities: z.array(Reply) });

/** An answered HTTP request: its status and body. */
export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface PostOptions {
  /** Sends the headers and half the body at once, the rest when this settles: a request in flight. */
  hold?: Promise<unknown>;
  /** A keep-alive agent; without one the connection closes after the answer. */
  agent?: Agent;
  headers?: Record<string, string>;
}

/** Posts JSON to a loopback URL and reads the whole answer; rejects if the connection is cut. */
export function postJson(url: string, body: unknown, options: PostOptions = {}): Promise<HttpAnswer> {
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  const { hold, agent, headers = {} } = options;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        agent: agent ?? false,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': String(payload.length) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
        res.on('aborted', () => reject(new Error('the response was cut off')));
      },
    );
    req.on('error', reject);
    if (!hold) {
      req.end(payload);
      return;
    }
    const half = Math.floor(payload.length / 2);
    req.write(payload.subarray(0, half));
    hold.then(
      () => req.end(payload.subarray(half)),
      () => req.destroy(),
    );
  });
}

/** The bot's replies in an expectReplies response body, typing indicators left out. */
export function messagesIn(answer: HttpAnswer): Reply[] {
  if (answer.status !== 200) throw new Error(`expected 200, got ${answer.status}: ${answer.body}`);
  const parsed = ExpectedReplies.parse(JSON.parse(answer.body));
  return parsed.activities.filter((a) => a.type === 'message');
}

/** What a reply says, with the text of any card it carries (a summary card's facts and buttons). */
export function readable(reply: Reply): string {
  const cards = (reply.attachments ?? []).map((a) => JSON.stringify(a.content));
  return [reply.text ?? '', ...cards].join('\n');
}

/** An order id as the bot writes it when it records one. */
export const RECORDED = /Recorded: order \*\*(FA-[23456789A-HJ-NP-Z]{6})\*\*/;
export const ORDER_ID = /FA-[23456789A-HJ-NP-Z]{6}/g;

/**
 * One user in one conversation with the bot over HTTP (channel "emulator"). Every message gets an
 * activity id of its own unless one is given, e.g. to replay a delivery as a channel retry does.
 */
export class HttpUser {
  private sent = 0;

  constructor(
    readonly userId: string,
    readonly conversationId: string,
  ) {}

  /** The activity for `text`, addressed as a channel addresses it. */
  activity(text: string, id = this.nextId()): Record<string, unknown> {
    return {
      type: 'message',
      id,
      channelId: 'emulator',
      // Never called: with expectReplies the replies come back in the response body.
      serviceUrl: 'http://127.0.0.1:9/',
      deliveryMode: 'expectReplies',
      from: { id: this.userId, name: this.userId },
      recipient: { id: 'filing-assistant', name: 'Filing Assistant' },
      conversation: { id: this.conversationId },
      text,
    };
  }

  nextId(): string {
    this.sent += 1;
    return `${this.conversationId}/${this.sent}`;
  }

  /** Sends `text` to the server at `base` and returns the bot's messages. */
  async say(base: string, text: string, id?: string): Promise<Reply[]> {
    return messagesIn(await postJson(`${base}/api/messages`, this.activity(text, id)));
  }
}

/** The cancel-website flow up to its summary card, for `icpNumber` (e.g. 京ICP备12345678号-1). */
export function cancelWebsiteUpToSummary(icpNumber: string): string[] {
  return [`cancel the website shop.example.cn, ${icpNumber}`, 'Cancel the whole website', 'Yes, I am the subject'];
}

/** Plays `texts` one after another; throws with the transcript unless the last reply is the summary card. */
export async function reachSummary(base: string, user: HttpUser, texts: readonly string[]): Promise<void> {
  const transcript: string[] = [];
  let last: Reply[] = [];
  for (const text of texts) {
    last = await user.say(base, text);
    transcript.push(`> ${text}`, ...last.map(readable));
  }
  const summary = last.map(readable).join('\n');
  if (!summary.includes('Ready to cancel') || !summary.includes('Confirm')) {
    throw new Error(`${user.userId} did not reach the summary card:\n${transcript.join('\n')}`);
  }
}

const StoredOrder = z.looseObject({
  id: z.string(),
  filing: z.looseObject({ icpNumber: z.string(), subjectNumber: z.string() }),
  requester: z.looseObject({ userId: z.string() }),
  sourceActivityKey: z.string(),
});
export type StoredOrder = z.infer<typeof StoredOrder>;
const OrdersFile = z.looseObject({ version: z.number(), orders: z.array(StoredOrder) });

export interface OrdersOnDisk {
  orders: StoredOrder[];
  /** Files under orders/ that are not orders files: a write's temporary file left by a kill. */
  leftovers: string[];
}

/** Every order in DATA_DIR/orders/*.json; throws naming the file if one does not parse. */
export function readOrdersOnDisk(dataDir: string): OrdersOnDisk {
  const dir = join(dataDir, 'orders');
  const names = readdirSync(dir);
  const orders: StoredOrder[] = [];
  const leftovers: string[] = [];
  for (const name of names.sort()) {
    if (!/^orders-[0-9a-f]{2}\.json$/.test(name)) {
      leftovers.push(name);
      continue;
    }
    const text = readFileSync(join(dir, name), 'utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(`${name} is not valid JSON (${error instanceof Error ? error.message : String(error)}):\n${text}`, { cause: error });
    }
    const file = OrdersFile.safeParse(json);
    if (!file.success) throw new Error(`${name} is not an orders file: ${file.error.message}`);
    orders.push(...file.data.orders);
  }
  return { orders, leftovers };
}

/** Values that occur more than once. */
export function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) twice.add(value);
    seen.add(value);
  }
  return [...twice];
}
