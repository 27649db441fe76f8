// Fills a DATA_DIR with stored conversations and orders exactly as the bot lays them out, so the
// benchmark can show whether a turn gets slower as the store grows.
//
//   npx tsx bench/seed-data.ts <DATA_DIR> [conversations=100000] [orders=10000]
//
// Conversation states are not invented: the real bot (composeBot, on MemoryStorage) plays a few
// scripted conversations, and each stored conversation is one of those states with its own ICP
// number, domain and dialog instance ids, written where LowdbStorage.fileFor() puts it and in the
// JSON that lowdb's JSONFile writes. Orders go through the Order schema and are written into the
// shard files orderFileFor() picks, with serialiseOrders(). Both are then read back with
// LowdbStorage and LowdbOrderStore.open(), which validates every order, as the bot does at start-up.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemoryStorage, TestAdapter, type StoreItems } from 'botbuilder';
import { composeBot } from '../src/compose.js';
import { setLogLevel } from '../src/log.js';
import { LowdbOrderStore } from '../src/persistence/orders/lowdb-order-store.js';
import { orderFileFor, ordersDir } from '../src/persistence/orders/order-files.js';
import { newOrderId } from '../src/domain/orders/order-id.js';
import { activityKey, Order, type OrderState } from '../src/domain/orders/order.js';
import { ORDERS_FILE_VERSION, serialiseOrders } from '../src/persistence/orders/orders-file.js';
import type { ActionType } from '../src/domain/action.js';
import { LowdbStorage } from '../src/persistence/lowdb-storage.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const KNOWLEDGE_DIR = join(ROOT, 'knowledge');

export const DEFAULT_CONVERSATIONS = 100_000;
export const DEFAULT_ORDERS = 10_000;
/** Files written at once: enough to keep the disk busy, few enough not to run out of descriptors. */
const WRITE_CONCURRENCY = 64;
const CHANNEL = 'emulator';
const SERVICE_URL = 'http://localhost:53467';
const BOT_ID = 'filing-assistant';

/** Placeholders the template conversations use; every stored conversation gets its own values. */
const TEMPLATE_DIGITS = '87654321';
const TEMPLATE_SITE = 'tplsite';
const TEMPLATE_KEY = '@@KEY@@';
const TEMPLATE_ETAG = '@@ETAG@@';
const INSTANCE_ID = /"instanceId": "[0-9a-f-]{36}"/g;

/** A scripted conversation, where the bot's state is left at its end, and how often it occurs. */
interface Script {
  name: string;
  turns: string[];
  /** Text the stored state must contain, so a changed flow cannot silently seed the wrong thing. */
  expect: string;
  weight: number;
}

/**
 * Only a conversation with a flow under way has a stored state: a finished one (questions answered,
 * flows completed or stopped) leaves none (src/botframework/flow-state.ts). So every seeded conversation
 * is one in the middle of a flow, the larger states.
 */
const SCRIPTS: readonly Script[] = [
  {
    name: 'cancel, asking who is asking',
    turns: [`cancel the website ${TEMPLATE_SITE}.example.cn, 京ICP备${TEMPLATE_DIGITS}号-1`, 'Cancel the whole website'],
    expect: '"slot": "asker"',
    weight: 10,
  },
  {
    name: 'cancel, waiting for confirmation',
    turns: [
      `cancel the website ${TEMPLATE_SITE}.example.cn, 京ICP备${TEMPLATE_DIGITS}号-1`,
      'Cancel the whole website',
      'Yes, I am the subject',
    ],
    expect: '"slot": "$confirmation"',
    weight: 8,
  },
  {
    name: 'transfer, asking for the mobile number',
    turns: [
      'I want to transfer my filing to you',
      'Never used it',
      `京ICP备${TEMPLATE_DIGITS}号-1`,
      `${TEMPLATE_SITE}.example.cn`,
      'I have the service code',
    ],
    expect: '"transferFlow"',
    weight: 6,
  },
  {
    name: 'change, asking what to change',
    turns: ['Change website information'],
    expect: '"changeFlow"',
    weight: 6,
  },
];

export interface SeedResult {
  dataDir: string;
  conversations: number;
  orders: number;
  conversationBytes: number;
  orderFiles: number;
  ms: number;
}

/** The JSON text of each script's final state, with placeholders for what differs per conversation. */
async function templateStates(): Promise<{ script: Script; text: string }[]> {
  const scratch = mkdtempSync(join(tmpdir(), 'fa-seed-templates-'));
  const storage = new MemoryStorage();
  const parts = await composeBot({ KNOWLEDGE_DIR, DATA_DIR: scratch }, { storage });
  try {
    const templates: { script: Script; text: string }[] = [];
    for (const [index, script] of SCRIPTS.entries()) {
      const conversationId = `template-${index}`;
      const adapter = new TestAdapter((context) => parts.bot.run(context), {
        channelId: CHANNEL,
        conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: 'template' },
      });
      for (const text of script.turns) await adapter.receiveActivity(text);
      const key = flowStateKey(conversationId, 'user1');
      const stored: StoreItems = await storage.read([key]);
      const state: unknown = stored[key];
      if (typeof state !== 'object' || state === null) throw new Error(`template "${script.name}": no state stored under ${key}`);
      const text = JSON.stringify({ key: TEMPLATE_KEY, item: { ...state, eTag: TEMPLATE_ETAG } }, null, 2);
      if (!text.includes(script.expect)) {
        throw new Error(`template "${script.name}": the stored state lacks ${script.expect}; did the flow change?\n${text}`);
      }
      templates.push({ script, text });
    }
    return templates;
  } finally {
    await parts.orders.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Runs `work` for 0..count-1 with at most `limit` in flight. */
async function pool(count: number, limit: number, work: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      await work(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}

/** Where PrivateConversationState keeps a user's flow in a conversation (see src/compose.ts). */
function flowStateKey(conversationId: string, userId: string): string {
  return `${CHANNEL}/conversations/${conversationId}/users/${userId}/`;
}

export function seedConversationId(n: number): string {
  return `seed-${n}`;
}

export function seedUserId(n: number): string {
  return `seed-user-${n}`;
}

async function seedConversations(dataDir: string, count: number): Promise<number> {
  const templates = await templateStates();
  // Deal the scripts by weight: a fixed cycle, so every run seeds the same mix.
  const cycle = templates.flatMap((t) => Array.from({ length: t.script.weight }, () => t.text));
  const storage = new LowdbStorage(join(dataDir, 'conversations'));
  for (let i = 0; i < 256; i++) mkdirSync(join(storage.dir, i.toString(16).padStart(2, '0')), { recursive: true });
  const eTagBase = Date.now();
  let bytes = 0;
  await pool(count, WRITE_CONCURRENCY, async (n) => {
    const key = flowStateKey(seedConversationId(n), seedUserId(n));
    const template = cycle[n % cycle.length] ?? '';
    const text = template
      .replace(TEMPLATE_KEY, key)
      .replace(TEMPLATE_ETAG, String(eTagBase + n))
      .replaceAll(TEMPLATE_DIGITS, String(30_000_000 + n))
      .replaceAll(TEMPLATE_SITE, `site${n}`)
      .replace(INSTANCE_ID, () => `"instanceId": "${randomUUID()}"`);
    bytes += Buffer.byteLength(text);
    await writeFile(storage.fileFor(key), text);
  });
  // Read a spread of them back through the bot's own storage: the layout and format must match.
  const sample = [0, 1, 2, Math.floor(count / 2), count - 1].filter((n) => n >= 0 && n < count);
  const keys = sample.map((n) => flowStateKey(seedConversationId(n), seedUserId(n)));
  const found = await new LowdbStorage(storage.dir).read(keys);
  const missing = keys.filter((k) => !(k in found));
  if (missing.length > 0) throw new Error(`LowdbStorage cannot read back seeded conversations: ${missing.join(', ')}`);
  return bytes;
}

const ORDER_TYPES: readonly ActionType[] = [
  'cancel_website', 'cancel_website', 'cancel_website', 'cancel_website',
  'cancel_subject', 'cancel_subject',
  'transfer_in', 'transfer_in', 'transfer_in',
  'change_website', 'change_website',
  'change_subject',
  'cancel_transfer',
];
const DAY_MS = 86_400_000;

function seedOrder(n: number, id: string, provinces: readonly { id: string; abbreviation: string }[], now: number): Order {
  const province = provinces[n % provinces.length] ?? { id: 'beijing', abbreviation: '京' };
  // Ten-digit subject numbers, one subject per order; the benchmark's own users file eight-digit ones.
  const subjectNumber = `${province.abbreviation}ICP备${String(2_000_000_000 + n)}号`;
  const type = ORDER_TYPES[n % ORDER_TYPES.length] ?? 'cancel_website';
  const wholeSubject = type === 'cancel_subject' || type === 'change_subject';
  const domain = `shop${n}.example${n % 7 === 0 ? '.com.cn' : '.cn'}`;
  const state: OrderState = n % 2 === 0 ? 'in_process' : 'completed';
  const created = new Date(now - (1 + (n % 360)) * DAY_MS - (n % 86_400) * 1000);
  const conversationId = seedConversationId(n);
  const activityId = `seed-activity-${n}`;
  const history: Order['history'] = [{ state: 'in_process', at: created.toISOString(), note: 'submitted' }];
  if (state === 'completed') {
    history.push({ state: 'completed', at: new Date(created.getTime() + (3 + (n % 17)) * DAY_MS).toISOString(), note: 'approved by the communications administration' });
  }
  const request =
    type === 'change_website'
      ? { changes: n % 3 === 0 ? { newDomain: `new${n}.example.cn`, replacesDomain: domain } : { otherFields: ['website name'] } }
      : type === 'change_subject'
        ? { changes: { otherFields: ['contact phone', 'address'] } }
        : {};
  return Order.parse({
    id,
    type,
    filing: {
      icpNumber: wholeSubject ? subjectNumber : `${subjectNumber}-1`,
      subjectNumber,
      province: province.id,
      domains: wholeSubject ? [] : [domain],
    },
    request,
    requester: { channelId: CHANNEL, userId: seedUserId(n) },
    conversationReference: {
      activityId,
      channelId: CHANNEL,
      serviceUrl: SERVICE_URL,
      locale: 'en-US',
      bot: { id: BOT_ID },
      user: { id: seedUserId(n) },
      conversation: { id: conversationId },
    },
    state,
    history,
    createdAt: created.toISOString(),
    sourceActivityKey: activityKey(CHANNEL, conversationId, activityId),
  });
}

async function seedOrders(dataDir: string, count: number, provinces: readonly { id: string; abbreviation: string }[]): Promise<number> {
  const now = Date.now();
  const ids = new Set<string>();
  const shards = new Map<string, Order[]>();
  for (let n = 0; n < count; n++) {
    let id = newOrderId();
    while (ids.has(id)) id = newOrderId();
    ids.add(id);
    const order = seedOrder(n, id, provinces, now);
    const file = orderFileFor(order.filing.subjectNumber);
    const shard = shards.get(file);
    if (shard) shard.push(order);
    else shards.set(file, [order]);
  }
  const dir = ordersDir(dataDir);
  mkdirSync(dir, { recursive: true });
  await Promise.all(
    [...shards].map(([file, orders]) => writeFile(join(dir, file), serialiseOrders({ version: ORDERS_FILE_VERSION, orders }))),
  );
  // The bot's own start-up path: every record is validated, ids and activities must be unique.
  const store = await LowdbOrderStore.open(dataDir);
  try {
    if (count > 0) {
      const own = await store.listForUser(CHANNEL, seedUserId(0));
      if (own.length !== 1) throw new Error(`LowdbOrderStore finds ${own.length} orders for ${seedUserId(0)}, expected 1`);
    }
  } finally {
    await store.close();
  }
  return shards.size;
}

/** Seeds an empty (or missing) DATA_DIR. */
export async function seedData(dataDir: string, conversations = DEFAULT_CONVERSATIONS, orders = DEFAULT_ORDERS): Promise<SeedResult> {
  const started = performance.now();
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new Error(`${dataDir} is not empty: seed into a new folder, so no real data is mixed with the benchmark's`);
  }
  mkdirSync(dataDir, { recursive: true });
  setLogLevel('warn');
  const parts = await composeBot({ KNOWLEDGE_DIR, DATA_DIR: join(dataDir, '.probe') }, { storage: new MemoryStorage() });
  const provinces = parts.knowledge.provinces.map((p) => ({ id: p.id, abbreviation: p.abbreviations[0] ?? '京' }));
  await parts.orders.close();
  rmSync(join(dataDir, '.probe'), { recursive: true, force: true });

  const conversationBytes = await seedConversations(dataDir, conversations);
  const orderFiles = await seedOrders(dataDir, orders, provinces);
  return { dataDir, conversations, orders, conversationBytes, orderFiles, ms: Math.round(performance.now() - started) };
}

function count(arg: string | undefined, fallback: number, name: string): number {
  if (arg === undefined) return fallback;
  const value = Number(arg);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${arg}"`);
  return value;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, conversations, orders] = process.argv.slice(2);
  if (!dir) {
    process.stderr.write('usage: npx tsx bench/seed-data.ts <DATA_DIR> [conversations=100000] [orders=10000]\n');
    process.exit(2);
  }
  seedData(resolve(dir), count(conversations, DEFAULT_CONVERSATIONS, 'conversations'), count(orders, DEFAULT_ORDERS, 'orders'))
    .then((result) => {
      // One JSON line: bench/run.ts reads it.
      process.stdout.write(`${JSON.stringify(result)}\n`);
    })
    .catch((error: unknown) => {
      process.stderr.write(`seeding failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    });
}
