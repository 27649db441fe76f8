// The composition root: builds everything (knowledge, understanding, stores, dialogs, bot, adapter,
// HTTP server) from configuration. `npm start`, `npm run chat`, the tests, the bench and the
// scripts all build through here; tests replace parts through the overrides.
import { join } from 'node:path';
import type { Storage, TurnContext } from 'botbuilder';
import type { BotFrameworkAuthentication } from 'botframework-connector';
import type restify from 'restify';
import { MainDialog } from '../dialogs/main-dialog.js';
import { createAdapter, handleTurnError, type FilingAdapter } from './botframework/adapter.js';
import { createBotAuthentication } from './botframework/bot-authentication.js';
import { FilingBot } from './botframework/bot.js';
import { FlowState } from './botframework/flow-state.js';
import { outboundLimits, requiresAuthentication, type Config } from './config.js';
import type { OrderStore } from './domain/orders/order-store.js';
import type { CheckResult, ReadinessCheck } from './http/health.js';
import { createServer } from './http/server.js';
import { loadKnowledge, type Knowledge } from './knowledge/load.js';
import type { ProvinceRules } from './knowledge/province-rules-schema.js';
import { loadProvinceRules } from './knowledge/province-rules.js';
import { DirectoryProbe, type DirectoryProbeOptions } from './persistence/directory-probe.js';
import type { FileSystem } from './persistence/file-system.js';
import { LowdbStorage } from './persistence/lowdb-storage.js';
import { LowdbOrderStore } from './persistence/orders/lowdb-order-store.js';
import type { DataDirLock } from './persistence/data-dir-lock.js';
import { Understanding } from './understanding/understanding.js';
import { VERSION } from './version.js';

/** What a test may put in place of the real thing. */
export interface BotOverrides {
  /** Conversation state; by default one lowdb file per conversation under DATA_DIR/conversations. */
  storage?: Storage;
  /** Orders; by default lowdb files under DATA_DIR/orders. */
  orders?: OrderStore;
  /** The clock the default order store stamps orders with. */
  now?: () => Date;
}

export interface BotParts {
  knowledge: Knowledge;
  provinceRules: ProvinceRules;
  understanding: Understanding;
  storage: Storage;
  orders: OrderStore;
  /**
   * Each user's flow in each conversation: private to the user, so in a Teams group chat or
   * channel one person's answers (or Confirm) never land in another person's flow.
   */
  flowState: FlowState;
  bot: FilingBot;
  /** What every adapter running this bot does with a failed turn: log it and apologise. */
  onTurnError: (context: TurnContext, error: Error) => Promise<void>;
}

/** The bot without any transport: what the server, the terminal chat and the in-process tests run. */
export async function composeBot(config: Pick<Config, 'KNOWLEDGE_DIR' | 'DATA_DIR'> & Partial<Pick<Config, 'CANCELLATION_UNDO_MINUTES'>>, overrides: BotOverrides = {}): Promise<BotParts> {
  const knowledge = loadKnowledge(config.KNOWLEDGE_DIR);
  const provinceRules = loadProvinceRules(config.KNOWLEDGE_DIR);
  const understanding = new Understanding(knowledge);
  const storage = overrides.storage ?? new LowdbStorage(join(config.DATA_DIR, 'conversations'));
  const cancellationUndoMs = (config.CANCELLATION_UNDO_MINUTES ?? 30) * 60_000;
  const orders =
    overrides.orders ??
    (await LowdbOrderStore.open(config.DATA_DIR, {
      cancellationUndoMs,
      ...(overrides.now ? { now: overrides.now } : {}),
    }));
  const flowState = new FlowState(storage);
  const bot = new FilingBot(flowState, new MainDialog({ understanding, orders, provinceRules, cancellationUndoMs, now: overrides.now ?? (() => new Date()) }), orders, knowledge.catalogue);
  const onTurnError = handleTurnError(flowState, knowledge.catalogue);
  return { knowledge, provinceRules, understanding, storage, orders, flowState, bot, onTurnError };
}

export interface AppOverrides extends BotOverrides {
  /** How Bot Framework tokens are checked (a test's own OpenID metadata); by default from config. */
  authentication?: BotFrameworkAuthentication;
  /** How long a data directory's write probe is reused by /readyz (2 s by default). */
  probeCacheMs?: number;
  /** The process's hold on DATA_DIR (src/main.ts takes it), reported by /readyz. */
  dataDirLock?: DataDirLock;
  /** The file operations /readyz probes the data directories with; tests fail them like a read-only or full disk. */
  probeFileSystem?: FileSystem;
}

export interface App {
  config: Config;
  parts: BotParts;
  adapter: FilingAdapter;
  /** Not yet listening: the caller chooses the port. */
  server: restify.Server;
  readiness: readonly ReadinessCheck[];
  /** Closes the server (dropping idle and open connections) and the order store. */
  close: () => Promise<void>;
}

/** A readiness check of a directory the bot writes, when the store there is the one on disk. */
function writableCheck(name: string, dir: string | undefined, what: string, probing: DirectoryProbeOptions, usable: () => boolean): ReadinessCheck {
  if (dir === undefined) return { name, check: async () => ({ ok: true, store: 'given by the caller, not probed' }) };
  const probe = new DirectoryProbe(dir, what, probing);
  return {
    name,
    check: async (): Promise<CheckResult> => {
      if (!usable()) return { ok: false, reason: `the store in ${what} failed and needs a restart (see the log)` };
      return probe.check();
    },
  };
}

function readinessChecks(parts: BotParts, probing: DirectoryProbeOptions, lock: DataDirLock | undefined): ReadinessCheck[] {
  const { knowledge, storage, orders } = parts;
  return [
    ...(lock
      ? [
          {
            name: 'dataDirLock',
            check: async (): Promise<CheckResult> =>
              lock.held ? { ok: true } : { ok: false, reason: 'this process no longer holds DATA_DIR: another process may write it' },
          },
        ]
      : []),
    {
      name: 'knowledge',
      // Loaded and validated at start-up (or the process would not run); these say what was loaded.
      check: async (): Promise<CheckResult> =>
        knowledge.faq.length > 0
          ? { ok: true, faqEntries: knowledge.faq.length, intents: knowledge.intents.length, provinces: knowledge.provinces.length }
          : { ok: false, reason: 'no FAQ entries are loaded' },
    },
    writableCheck(
      'conversations',
      storage instanceof LowdbStorage ? storage.dir : undefined,
      'the conversations directory',
      probing,
      () => true,
    ),
    writableCheck(
      'orders',
      orders instanceof LowdbOrderStore ? orders.dir : undefined,
      'the orders directory',
      probing,
      () => !(orders instanceof LowdbOrderStore) || orders.usable,
    ),
  ];
}

/** Everything `npm start` runs: the bot, its adapter and the HTTP server with every route. */
export async function composeApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const parts = await composeBot(config, overrides);
  const authentication = overrides.authentication ?? createBotAuthentication(config);
  const adapter = createAdapter(authentication, parts.onTurnError, outboundLimits(config));
  const probing: DirectoryProbeOptions = {
    ...(overrides.probeCacheMs === undefined ? {} : { cacheMs: overrides.probeCacheMs }),
    ...(overrides.probeFileSystem === undefined ? {} : { fs: overrides.probeFileSystem }),
  };
  const readiness = readinessChecks(parts, probing, overrides.dataDirLock);
  const server = createServer({
    adapter,
    bot: parts.bot,
    queries: parts.understanding,
    version: VERSION,
    readiness,
    config,
    ...(requiresAuthentication(config) ? { authentication } : {}),
  });
  const close = async (): Promise<void> => {
    server.server.closeAllConnections();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
    });
    await parts.orders.close();
  };
  return { config, parts, adapter, server, readiness, close };
}
