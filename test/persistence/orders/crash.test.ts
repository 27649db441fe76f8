import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { LowdbOrderStore } from '../../../src/persistence/orders/lowdb-order-store.js';
import { readOrdersFiles, tempDir } from './support.js';

const CHILD = fileURLToPath(new URL('./fixtures/submit-until-killed.ts', import.meta.url));
const CONFIRMED_BEFORE_KILL = 60;

/** Runs the child until it has confirmed enough orders, kills it mid-flight, returns the confirmed ids. */
function runAndKill(dataDir: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.split('\n').length > CONFIRMED_BEFORE_KILL) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child exited on its own: ${err}`));
      // Only complete lines are confirmations; a line cut by the kill is not.
      else resolve(out.split('\n').slice(0, -1).filter((line) => line.length > 0));
    });
  });
}

describe('LowdbOrderStore killed while writing', () => {
  it('leaves a valid file that keeps every order confirmed before the kill', async () => {
    const dir = tempDir();
    try {
      const confirmed = await runAndKill(dir.path);
      expect(confirmed.length).to.be.at.least(CONFIRMED_BEFORE_KILL);
      expect(() => readOrdersFiles(dir.path)).to.not.throw();
      const store = await LowdbOrderStore.open(dir.path);
      const stored = new Set((await store.listForUser('msteams', 'killed')).map((o) => o.id));
      for (const id of confirmed) expect(stored.has(id), id).to.equal(true);
    } finally {
      dir.remove();
    }
  });
});
