// A read-only or full disk under DATA_DIR: /readyz says which store and why (and recovers with the
// disk), and a first start on a read-only file system stops with one line that says so. First
// through a fault-injecting file layer (runs anywhere), then on a real tmpfs where mounting works.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { z } from 'zod';
import { composeApp, type App } from '../../src/compose.js';
import { parseConfig } from '../../src/config.js';
import { FaultyFileSystem } from '../persistence/faulty-file-system.js';
import { KNOWLEDGE_DIR, makeTempDir, removeDir } from '../support/paths.js';
import { ServerProcess } from '../support/server-process.js';

const Check = z.looseObject({ ok: z.boolean(), reason: z.string().optional() });
const Readiness = z.object({ status: z.string(), checks: z.record(z.string(), Check) });

async function readiness(url: string): Promise<{ status: number; body: z.infer<typeof Readiness> }> {
  const response = await fetch(`${url}/readyz`);
  return { status: response.status, body: Readiness.parse(await response.json()) };
}

describe('a read-only or full store', function () {
  this.timeout(60_000);

  describe('through a fault-injecting file layer', () => {
    let dataDir: string;
    let app: App;
    let url: string;
    const fs = new FaultyFileSystem();

    before(async () => {
      dataDir = makeTempDir();
      app = await composeApp(parseConfig({ KNOWLEDGE_DIR, DATA_DIR: dataDir }), { probeCacheMs: 0, probeFileSystem: fs });
      await new Promise<void>((resolve) => {
        app.server.listen(0, '127.0.0.1', () => resolve());
      });
      url = `http://127.0.0.1:${app.server.address().port}`;
    });

    after(async () => {
      await app?.close();
      removeDir(dataDir);
    });

    afterEach(() => fs.heal());

    it('is not ready while the orders directory is read-only, and says so', async () => {
      fs.fail('EROFS', { operations: ['writeFile'], under: join(dataDir, 'orders') });
      const { status, body } = await readiness(url);
      expect(status).to.equal(503);
      expect(body.checks.orders).to.deep.equal({ ok: false, reason: 'read-only file system: the orders directory (EROFS)' });
      expect(body.checks.conversations?.ok).to.equal(true);
    });

    it('is not ready while the conversations directory is full, and says so', async () => {
      fs.fail('ENOSPC', { operations: ['writeFile'], under: join(dataDir, 'conversations') });
      const { status, body } = await readiness(url);
      expect(status).to.equal(503);
      expect(body.checks.conversations).to.deep.equal({ ok: false, reason: 'no space left: the conversations directory (ENOSPC)' });
    });

    it('is ready again as soon as the disk is', async () => {
      fs.fail('ENOSPC', { operations: ['writeFile'], under: dataDir });
      expect((await readiness(url)).status).to.equal(503);
      fs.heal();
      expect((await readiness(url)).status).to.equal(200);
    });
  });

  describe('on a real tmpfs (skipped where mounting is refused)', () => {
    let mountPoint: string;
    let mounted = false;

    function mount(...options: string[]): boolean {
      return spawnSync('mount', options, { stdio: 'ignore', timeout: 10_000 }).status === 0;
    }

    before(function () {
      mountPoint = makeTempDir();
      mounted = mount('-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint);
      if (!mounted) this.skip();
    });

    after(() => {
      if (mounted) spawnSync('umount', [mountPoint], { stdio: 'ignore', timeout: 10_000 });
      removeDir(mountPoint);
    });

    it('reports a full disk, then a read-only one, and recovers when space comes back', async () => {
      const dataDir = join(mountPoint, 'data');
      mkdirSync(dataDir);
      const server = await ServerProcess.start(dataDir);
      try {
        expect((await readiness(server.url)).status).to.equal(200);
        const filler = join(mountPoint, 'filler');
        // dd stops at the end of the space: the disk is then full.
        spawnSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=64k'], { stdio: 'ignore', timeout: 10_000 });
        // The probe's result is reused for 2 s: wait for a fresh one.
        await new Promise((resolve) => setTimeout(resolve, 2100));
        const full = await readiness(server.url);
        expect(full.status).to.equal(503);
        expect(full.body.checks.orders?.reason).to.equal('no space left: the orders directory (ENOSPC)');
        rmSync(filler);
        expect(mount('-o', 'remount,ro', mountPoint), 'remounted read-only').to.equal(true);
        await new Promise((resolve) => setTimeout(resolve, 2100));
        const readOnly = await readiness(server.url);
        expect(readOnly.body.checks.orders?.reason).to.equal('read-only file system: the orders directory (EROFS)');
        expect(mount('-o', 'remount,rw', mountPoint), 'remounted writable').to.equal(true);
        await new Promise((resolve) => setTimeout(resolve, 2100));
        expect((await readiness(server.url)).status).to.equal(200);
      } finally {
        await server.kill();
      }
    });

    it('stops a first start on a read-only file system with one line that says so', async () => {
      expect(mount('-o', 'remount,ro', mountPoint), 'remounted read-only').to.equal(true);
      try {
        const error = await ServerProcess.start(join(mountPoint, 'fresh', 'data')).catch((e: unknown) => e);
        expect(String(error)).to.include(`DATA_DIR ${join(mountPoint, 'fresh', 'data')} cannot be used: read-only file system (EROFS)`);
      } finally {
        mount('-o', 'remount,rw', mountPoint);
      }
    });
  });
});
