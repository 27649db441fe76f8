// Start-up: read configuration, build the bot, listen, and shut down cleanly.
import { Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeApp } from './compose.js';
import { ConfigError, listenHost, loadConfig, localDirectLineEnabled, requiresAuthentication } from './config.js';
import { KnowledgeError } from './knowledge/load.js';
import { DataDirLock, DataDirLockError, DataDirUnusableError } from './persistence/data-dir-lock.js';
import { nodeFileSystem } from './persistence/file-system.js';
import { scheduleIdleExpiry } from './persistence/idle-state-expiry.js';
import { removeLeftoverTempFiles } from './persistence/leftover-temp-files.js';
import { LowdbStorage, StateFileError } from './persistence/lowdb-storage.js';
import { OrderStoreError } from './persistence/orders/lowdb-order-store.js';
import { log, setLogLevel } from './log.js';
import { VERSION } from './version.js';

/**
 * How long a shutdown waits for turns in flight and order writes before giving up. Long enough for
 * any real turn (they take milliseconds); short enough for an orchestrator's grace period (30 s).
 */
const SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * The HTTP requests the server is answering: every turn (/api/messages, the local Direct Line) is
 * one, and its reply is sent only once the turn, its state and its order are written. A shutdown
 * waits for them, so nobody who was told "Recorded" loses the order and no turn is cut off.
 */
class RequestsInFlight {
  private readonly active = new Set<ServerResponse>();
  private draining = false;
  private onIdle: (() => void) | undefined;

  constructor(private readonly http: HttpServer) {
    // First listener, so a request that arrives while draining is marked before restify answers it.
    http.prependListener('request', (_req, res: ServerResponse) => this.begin(res));
  }

  get count(): number {
    return this.active.size;
  }

  /**
   * Resolves once no request is in flight. From now on every response closes its connection, and
   * idle keep-alive connections are closed at once: they would otherwise hold the process open.
   */
  drain(): Promise<void> {
    this.draining = true;
    for (const res of this.active) this.closeAfter(res);
    this.http.closeIdleConnections();
    return new Promise((resolve) => {
      if (this.active.size === 0) resolve();
      else this.onIdle = resolve;
    });
  }

  private begin(res: ServerResponse): void {
    this.active.add(res);
    if (this.draining) this.closeAfter(res);
    // 'close' comes after the response is sent, and also when the client goes away first.
    res.once('close', () => this.end(res));
  }

  private end(res: ServerResponse): void {
    this.active.delete(res);
    if (!this.draining) return;
    this.http.closeIdleConnections();
    if (this.active.size === 0) this.onIdle?.();
  }

  private closeAfter(res: ServerResponse): void {
    if (!res.headersSent) res.setHeader('connection', 'close');
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  setLogLevel(config.LOG_LEVEL);
  // Before anything opens a file there: a second process on the same DATA_DIR would lose orders.
  // On PostgreSQL nothing is kept in DATA_DIR and several instances sharing the database are the point.
  const dataDirLock = config.DATABASE_URL === undefined ? await DataDirLock.acquire(config.DATA_DIR) : undefined;
  if (dataDirLock) {
    // Only now: with the lock held no other process writes here, so every temporary file is a leftover.
    const leftovers = await removeLeftoverTempFiles(nodeFileSystem, config.DATA_DIR);
    if (leftovers.length > 0) log.info('removed temporary files a stopped process left behind', { count: leftovers.length });
  }
  const { server, parts, notifier } = await composeApp(config, dataDirLock ? { dataDirLock } : {});
  if (parts.storage instanceof LowdbStorage) scheduleIdleExpiry(parts.storage, { idleDays: config.CONVERSATION_IDLE_DAYS });
  if (!(server.server instanceof HttpServer)) throw new Error('the restify server is not a plain HTTP server');
  const inFlight = new RequestsInFlight(server.server);
  server.listen(config.PORT, listenHost(config), () => {
    const { port } = server.address() satisfies AddressInfo;
    log.info('Filing Assistant is listening', {
      url: `http://localhost:${port}/api/messages`,
      webChat: localDirectLineEnabled(config) ? `http://localhost:${port}/` : 'off (LOCAL_DIRECTLINE)',
      version: VERSION,
      authentication: requiresAuthentication(config) ? 'Bot Framework tokens required' : 'none (local use)',
      startupMs: Math.round(process.uptime() * 1000),
    });
  });

  /**
   * Stops accepting connections, lets every request in flight finish (its turn, state and order),
   * waits for order writes, then exits 0. Past the deadline it exits 1 and says what was left.
   */
  const shutdown = async (signal: string): Promise<void> => {
    const started = Date.now();
    log.info('shutting down', { signal, inFlight: inFlight.count });
    setTimeout(() => {
      log.error('shutdown timed out; exiting with requests or order writes unfinished', {
        signal,
        inFlight: inFlight.count,
        timeoutMs: SHUTDOWN_TIMEOUT_MS,
      });
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    server.close();
    await inFlight.drain();
    // The notifier claims nothing more; a send under way is finished and recorded if it ends before
    // the shutdown deadline. One cut short stays pending and is sent again after the restart: at
    // least once, never lost.
    await notifier.stop();
    await parts.notifications.close();
    await parts.questions.close();
    await parts.orders.close();
    log.info('shut down', { signal, ms: Date.now() - started });
    process.exit(0);
  };
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // A second Ctrl-C (or SIGTERM) while draining means "now", as people expect.
      log.error('second signal while shutting down; exiting now', { signal, inFlight: inFlight.count });
      process.exit(1);
    }
    stopping = true;
    shutdown(signal).catch((error: unknown) => {
      log.error('shutdown failed', { signal, error: error instanceof Error ? error.message : String(error) });
      process.exit(1);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof KnowledgeError || error instanceof DataDirLockError || error instanceof DataDirUnusableError) {
    process.stderr.write(`${error.message}\n`);
  } else if (error instanceof OrderStoreError || error instanceof StateFileError) {
    // These name their file and say what is wrong with it: a stack adds nothing for an operator.
    process.stderr.write(`Filing Assistant could not start: ${error.message}\n`);
  } else {
    process.stderr.write(`Filing Assistant could not start: ${error instanceof Error ? error.stack : String(error)}\n`);
  }
  process.exit(1);
});
