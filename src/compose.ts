// The composition root: builds everything (knowledge, understanding, stores, dialogs, bot, adapter,
// HTTP server) from configuration. `npm start`, `npm run chat`, the tests, the bench and the
// scripts all build through here; tests replace parts through the overrides.
import { join } from 'node:path';
import type { Storage, TurnContext } from 'botbuilder';
import type { BotFrameworkAuthentication } from 'botframework-connector';
import type restify from 'restify';
import { MainDialog } from '../dialogs/main-dialog.js';
import { QuestionLearning } from '../dialogs/question-learning.js';
import type { QuestionLog } from './domain/questions/question-log.js';
import { LowdbQuestionLog } from './persistence/questions/lowdb-question-log.js';
import { questionReports } from './understanding/question-reports.js';
import { createAdapter, handleTurnError, type FilingAdapter } from './botframework/adapter.js';
import { createBotAuthentication } from './botframework/bot-authentication.js';
import { FilingBot } from './botframework/bot.js';
import { FlowState } from './botframework/flow-state.js';
import { DatabaseSettingsSchema, outboundLimits, requiresAuthentication, type Config, type DatabaseSettings } from './config.js';
import type { OrderStore } from './domain/orders/order-store.js';
import type { NotificationStore } from './domain/notifications/notification-store.js';
import { LowdbNotificationStore } from './persistence/notifications/lowdb-notification-store.js';
import type { CheckResult, ReadinessCheck } from './http/health.js';
import { createServer } from './http/server.js';
import { loadKnowledge, type Knowledge } from './knowledge/load.js';
import type { ProvinceRules } from './knowledge/province-rules-schema.js';
import { loadProvinceRules } from './knowledge/province-rules.js';
import { loadOrderLifecycle } from './knowledge/order-lifecycle.js';
import type { Lifecycle } from './domain/orders/lifecycle.js';
import { localeOf } from '../dialogs/locale.js';
import { DEFAULT_PROBE_CACHE_MS, DirectoryProbe, type DirectoryProbeOptions } from './persistence/directory-probe.js';
import type { FileSystem } from './persistence/file-system.js';
import type { Database } from './persistence/postgres/database.js';
import { openPostgresStores } from './persistence/postgres/open.js';
import { causedByStateConflict } from './persistence/state-conflict.js';
import { causedByUnavailableDatabase } from './persistence/postgres/unavailable.js';
import { LowdbStorage } from './persistence/lowdb-storage.js';
import { LowdbOrderStore } from './persistence/orders/lowdb-order-store.js';
import type { DataDirLock } from './persistence/data-dir-lock.js';
import { Understanding } from './understanding/understanding.js';
import { VERSION } from './version.js';
import { log } from './log.js';
import { LocalProactiveOutlet } from './channels/directline/proactive-outlet.js';
import { startNotifier } from './notifications/start-notifier.js';
import type { Notifier } from './notifications/notifier.js';


/** What a test may put in place of the real thing. */
export interface BotOverrides {
  /** Conversation state; by default one lowdb file per conversation under DATA_DIR/conversations. */
  storage?: Storage;
  /** Orders; by default lowdb files under DATA_DIR/orders. */
  orders?: OrderStore;
  /** The clock the default order store stamps orders with (and the question log its records). */
  now?: () => Date;
  /** Unanswered questions and feedback; by default lowdb files under DATA_DIR/questions. */
  questions?: QuestionLog;
}

/** The configuration a bot is built from; a config built in code may leave out all but two. */
export type BotConfig = Pick<Config, 'KNOWLEDGE_DIR' | 'DATA_DIR'> & Partial<Pick<Config, 'CANCELLATION_UNDO_MINUTES'> & DatabaseSettings>;

export interface BotParts {
  knowledge: Knowledge;
  provinceRules: ProvinceRules;
  /** How orders move after they are recorded (knowledge/order-lifecycle.json). */
  lifecycle: Lifecycle;
  understanding: Understanding;
  storage: Storage;
  orders: OrderStore;
  /** What the bot could not answer and what users thought of its answers, scrubbed, for operators. */
  questions: QuestionLog;
  /** Notification deliveries and reminder choices: beside the orders (lowdb or PostgreSQL). */
  notifications: NotificationStore;
  /**
   * Each user's flow in each conversation: private to the user, so in a Teams group chat or
   * channel one person's answers (or Confirm) never land in another person's flow.
   */
  flowState: FlowState;
  /** The PostgreSQL pool the stores share (DATABASE_URL set), or undefined on lowdb. */
  database: Database | undefined;
  bot: FilingBot;
  /** What every adapter running this bot does with a failed turn: log it and apologise. */
  onTurnError: (context: TurnContext, error: Error) => Promise<void>;
}

/**
 * Where the stores live. A config that names no database takes the process's DATABASE_* settings:
 * the tests, the bench and the scripts build their configs in code, and `.ci/run` runs the same
 * suite on PostgreSQL by setting DATABASE_URL (and DATABASE_SCHEMA=test_*, a schema per DATA_DIR).
 * `npm start` parses the same environment, so it sees no difference.
 */
function databaseSettingsOf(config: BotConfig): DatabaseSettings {
  return DatabaseSettingsSchema.parse(config.DATABASE_URL === undefined ? process.env : config);
}

/** Conversation state, orders, the question log and notifications: lowdb under DATA_DIR, or PostgreSQL when DATABASE_URL is set. */
async function openStores(
  config: BotConfig,
  overrides: BotOverrides,
  cancellationUndoMs: number,
): Promise<{ storage: Storage; orders: OrderStore; questions: QuestionLog; notifications: NotificationStore; database: Database | undefined }> {
  const settings = databaseSettingsOf(config);
  const clock = overrides.now ? { now: overrides.now } : {};
  if (settings.DATABASE_URL !== undefined && !(overrides.storage && overrides.orders)) {
    const stores = await openPostgresStores(settings.DATABASE_URL, settings, { dataDir: config.DATA_DIR, cancellationUndoMs, ...clock });
    if (!overrides.storage) stores.storage.startSweeping();
    const questions = overrides.questions ?? stores.questions;
    return { storage: overrides.storage ?? stores.storage, orders: overrides.orders ?? stores.orders, questions, notifications: stores.notifications, database: stores.database };
  }
  const storage = overrides.storage ?? new LowdbStorage(join(config.DATA_DIR, 'conversations'));
  const orders = overrides.orders ?? (await LowdbOrderStore.open(config.DATA_DIR, { cancellationUndoMs, ...clock }));
  const questions = overrides.questions ?? (await LowdbQuestionLog.open(config.DATA_DIR));
  return { storage, orders, questions, notifications: await LowdbNotificationStore.open(config.DATA_DIR), database: undefined };
}

/**
 * What a failed turn tells the user: while the database is unreachable, a short apology that
 * claims nothing about orders (edge.databaseUnavailable); when another turn of the conversation
 * saved its state first, that this one was not kept (edge.stateConflict); anything else as every
 * adapter does.
 */
function turnErrorHandler(flowState: FlowState, catalogue: Knowledge['catalogue']): BotParts['onTurnError'] {
  const otherwise = handleTurnError(flowState, catalogue);
  return async (context, error) => {
    const reason = causedByUnavailableDatabase(error) ? 'edge.databaseUnavailable' : causedByStateConflict(error) ? 'edge.stateConflict' : undefined;
    if (reason === undefined) return otherwise(context, error);
    log.warn('turn failed', { reason, error: error.message, channel: context.activity.channelId });
    try {
      await context.sendActivity(catalogue.text(localeOf(context), reason));
    } catch (secondary) {
      log.error('could not tell the user why the turn failed', { reason, error: secondary instanceof Error ? secondary.message : String(secondary) });
    }
  };
}

/** The bot without any transport: what the server, the terminal chat and the in-process tests run. */
export async function composeBot(config: BotConfig, overrides: BotOverrides = {}): Promise<BotParts> {
  const knowledge = loadKnowledge(config.KNOWLEDGE_DIR);
  const provinceRules = loadProvinceRules(config.KNOWLEDGE_DIR);
  const lifecycle = loadOrderLifecycle(config.KNOWLEDGE_DIR, provinceRules);
  const understanding = new Understanding(knowledge);
  const cancellationUndoMs = (config.CANCELLATION_UNDO_MINUTES ?? 30) * 60_000;
  const { storage, orders, questions, notifications, database } = await openStores(config, overrides, cancellationUndoMs);
  const flowState = new FlowState(storage);
  const now = overrides.now ?? (() => new Date());
  const learning = new QuestionLearning(questions, flowState.createProperty<unknown>('lastFaqReply'), understanding, now);
  const services = { understanding, orders, reminders: notifications, provinceRules, lifecycle, cancellationUndoMs, now };
  const bot = new FilingBot(flowState, new MainDialog(services, learning), orders, knowledge.catalogue);
  const onTurnError = turnErrorHandler(flowState, knowledge.catalogue);
  return { knowledge, provinceRules, lifecycle, understanding, storage, orders, questions, notifications, flowState, database, bot, onTurnError };
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
  /** Tells users about their orders (src/notifications); started with the app. */
  notifier: Notifier;
  /** Closes the server (dropping idle and open connections), stops the notifier and closes the stores. */
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

/** Both stores' checks on lowdb: a real write in each directory, when the store there is the one on disk. */
function directoryChecks(storage: Storage, orders: OrderStore, probing: DirectoryProbeOptions): ReadinessCheck[] {
  return [
    writableCheck('conversations', storage instanceof LowdbStorage ? storage.dir : undefined, 'the conversations directory', probing, () => true),
    writableCheck(
      'orders',
      orders instanceof LowdbOrderStore ? orders.dir : undefined,
      'the orders directory',
      probing,
      () => !(orders instanceof LowdbOrderStore) || orders.usable,
    ),
  ];
}

/** Both stores' checks on PostgreSQL: one query answers for both, reused for `cacheMs` (the directory probe's default). */
function databaseChecks(database: Database, cacheMs = DEFAULT_PROBE_CACHE_MS): ReadinessCheck[] {
  let last: { at: number; answer: Promise<CheckResult> } | undefined;
  const check = (): Promise<CheckResult> => {
    if (last === undefined || Date.now() - last.at >= cacheMs) {
      const answer = database.ping().then((ok): CheckResult => (ok ? { ok: true, store: 'postgresql' } : { ok: false, reason: 'the database does not answer' }));
      last = { at: Date.now(), answer };
    }
    return last.answer;
  };
  return [
    { name: 'conversations', check },
    { name: 'orders', check },
  ];
}

function readinessChecks(parts: BotParts, probing: DirectoryProbeOptions, lock: DataDirLock | undefined): ReadinessCheck[] {
  const { knowledge, storage, orders, database } = parts;
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
    ...(database ? databaseChecks(database, probing.cacheMs) : directoryChecks(storage, orders, probing)),
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
  const localOutlet = new LocalProactiveOutlet();
  const notifier = startNotifier(config, { ...parts, catalogue: parts.knowledge.catalogue, adapter, localOutlet, now: overrides.now });
  const server = createServer({
    adapter,
    bot: parts.bot,
    queries: parts.understanding,
    questions: questionReports(parts.questions, parts.understanding),
    version: VERSION,
    readiness,
    backOffice: {
      orders: parts.orders,
      lifecycle: parts.lifecycle,
      provinceIds: parts.knowledge.provinces.map((p) => p.id),
      // The user hears of a move at once, not at the notifier's next pass.
      afterMove: () => notifier.nudge(),
      ...(overrides.now ? { now: overrides.now } : {}),
    },
    config,
    ...(requiresAuthentication(config) ? { authentication } : {}),
    notifications: { orders: parts.orders, notifications: parts.notifications },
    localOutlet,
  });
  const close = async (): Promise<void> => {
    server.server.closeAllConnections();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
    });
    await notifier.stop();
    await parts.notifications.close();
    await parts.questions.close();
    await parts.orders.close();
    await parts.database?.close();
  };
  return { config, parts, adapter, server, readiness, notifier, close };
}
