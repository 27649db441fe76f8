// The real server (bot, adapter, routes, local Direct Line) on an ephemeral port, for channel tests.
import { createAdapter, createBot, type BotParts } from '../../../src/compose.js';
import { parseConfig } from '../../../src/config.js';
import { createServer } from '../../../src/http/server.js';
import { VERSION } from '../../../src/version.js';
import { KNOWLEDGE_DIR, makeTempDir, removeDir } from '../../support/paths.js';

export interface LocalServer {
  /** http://127.0.0.1:<port>, without a trailing slash. */
  url: string;
  parts: BotParts;
  close: () => Promise<void>;
}

/** Starts the server as `npm start` builds it, with data in a fresh temp folder. */
export async function startLocalServer(env: Record<string, string> = {}): Promise<LocalServer> {
  const dataDir = makeTempDir();
  const config = parseConfig({ KNOWLEDGE_DIR, DATA_DIR: dataDir, ...env });
  const parts = await createBot(config);
  const server = createServer({
    adapter: createAdapter(config, parts.flowState),
    bot: parts.bot,
    understanding: parts.understanding,
    version: VERSION,
    storageLoaded: () => true,
    config,
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    parts,
    close: async () => {
      // Browsers and pollers keep connections alive; do not wait for them to time out.
      server.server.closeAllConnections();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
      await parts.orders.close();
      removeDir(dataDir);
    },
  };
}
