// A bot killed in the middle of a write leaves a temporary file; the next bot on the same DATA_DIR
// removes it once it holds the lock, and keeps every order and everything else in the directory.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { tempDirPerTest } from '../persistence/temp-dir-per-test.js';
import { ServerProcess } from '../support/server-process.js';

describe('temporary files left by a killed bot', function () {
  this.timeout(60_000);
  const temp = tempDirPerTest();

  it('are removed at the next start, and only they', async () => {
    const dataDir = temp.path;
    // What a killed process (pid 4242) leaves: its unique temporary files, and steno's from before.
    const orders = join(dataDir, 'orders');
    const conversations = join(dataDir, 'conversations', '7c');
    mkdirSync(orders, { recursive: true });
    mkdirSync(conversations, { recursive: true });
    const leftovers = [
      join(orders, '.orders-1a.json.4242-a1b2c3d4e5f6.tmp'),
      join(orders, '.orders-1b.json.tmp'),
      join(conversations, '.0123456789abcdef0123456789abcdef012345.json.4242-a1b2c3d4e5f6.tmp'),
    ];
    const operatorFile = join(orders, 'README.tmp');
    for (const file of [...leftovers, operatorFile]) writeFileSync(file, '{"half":');

    const server = await ServerProcess.start(dataDir);
    try {
      expect(leftovers.filter((file) => existsSync(file))).to.deep.equal([]);
      expect(existsSync(operatorFile)).to.equal(true);
      expect(server.logged('removed temporary files a stopped process left behind')[0]).to.include({ count: 3 });
      // A second bot on the same directory is refused before it looks at any file.
      const second = await ServerProcess.start(dataDir).catch((error: unknown) => error);
      expect(String(second)).to.match(/is in use by process/);
      expect(readdirSync(orders)).to.include('README.tmp');
    } finally {
      await server.kill();
    }
  });
});
