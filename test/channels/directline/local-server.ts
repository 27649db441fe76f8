// The real server (bot, adapter, routes, local Direct Line) on an ephemeral port, for channel tests.
import { composeApp, type BotParts } from '../../../src/compose.js';
import { parseConfig } from '../../../src/config.js';
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
  const { parts, server, close } = await composeApp(config);
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    parts,
    close: async () => {
      // Drops the connections browsers and pollers keep alive, rather than waiting for them to time out.
      await close();
      removeDir(dataDir);
    },
  };
}
