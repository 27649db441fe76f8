// Start-up: read configuration, build the bot, listen, and shut down cleanly.
import type { AddressInfo } from 'node:net';
import { createAdapter, createBot } from './app.js';
import { ConfigError, loadConfig, localDirectLineEnabled, requiresAuthentication } from './config.js';
import { KnowledgeError } from './knowledge/load.js';
import { log, setLogLevel } from './log.js';
import { createServer } from './server.js';
import { VERSION } from './version.js';

async function main(): Promise<void> {
  const config = loadConfig();
  setLogLevel(config.LOG_LEVEL);
  const parts = await createBot(config);
  const adapter = createAdapter(config, parts.conversationState);
  const server = createServer({
    adapter,
    bot: parts.bot,
    understanding: parts.understanding,
    version: VERSION,
    storageLoaded: () => true,
    config,
  });
  server.listen(config.PORT, config.HOST, () => {
    const { port } = server.address() satisfies AddressInfo;
    log.info('Filing Assistant is listening', {
      url: `http://localhost:${port}/api/messages`,
      webChat: localDirectLineEnabled(config) ? `http://localhost:${port}/` : 'off (LOCAL_DIRECTLINE)',
      version: VERSION,
      authentication: requiresAuthentication(config) ? 'Bot Framework tokens required' : 'none (local use)',
      startupMs: Math.round(process.uptime() * 1000),
    });
  });

  const shutdown = (signal: string): void => {
    log.info('shutting down', { signal });
    server.close(() => {
      void parts.orders.close().finally(() => process.exit(0));
    });
    // Keep-alive connections can hold close() open; do not hang forever.
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof KnowledgeError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Filing Assistant could not start: ${error instanceof Error ? error.stack : String(error)}\n`);
  }
  process.exit(1);
});
