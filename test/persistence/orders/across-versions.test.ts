// Orders written by another version: fields this one does not know survive a rewrite, a record it
// cannot read is set aside (kept, logged with its file), and `npm run orders:set-aside` lists it.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { captureLog, setLogLevel } from '../../../src/log.js';
import { LowdbOrderStore } from '../../../src/persistence/orders/lowdb-order-store.js';
import type { SubmitResult } from '../../../src/domain/orders/order-store.js';
import type { Order } from '../../../src/domain/orders/order.js';
import { REPO_ROOT } from '../../support/paths.js';
import { draft, orderFilePath, rulesFor, tempDir, type TempDir } from './support.js';

function recorded(result: SubmitResult): Order {
  if (!('recorded' in result)) throw new Error(`expected a recorded order, got ${JSON.stringify(result)}`);
  return result.recorded;
}

/** Rewrites one stored record (found by id) as another version might have written it. */
function editRecord(file: string, id: string, edit: (record: Record<string, unknown>) => Record<string, unknown>): void {
  const lines = readFileSync(file, 'utf8').split('\n');
  const at = lines.findIndex((line) => line.includes(`"id":"${id}"`));
  const comma = lines[at]?.endsWith(',') ? ',' : '';
  const record: unknown = JSON.parse((lines[at] ?? '').replace(/,$/, ''));
  if (typeof record !== 'object' || record === null) throw new Error(`no record ${id} in ${file}`);
  lines[at] = `${JSON.stringify(edit({ ...record }))}${comma}`;
  writeFileSync(file, lines.join('\n'));
}

/** The log lines written while `work` runs. */
async function logOf(work: () => Promise<void>): Promise<string> {
  setLogLevel('info');
  const lines: string[] = [];
  const restore = captureLog((line) => lines.push(line));
  try {
    await work();
  } finally {
    restore();
  }
  return lines.join('');
}

describe('orders written by another version', () => {
  let dir: TempDir;

  beforeEach(() => {
    dir = tempDir();
  });

  afterEach(() => dir.remove());

  it('keeps fields it does not know, in the order and its conversation reference, when it rewrites the order', async () => {
    const store = await LowdbOrderStore.open(dir.path);
    const d = draft('cancel_website');
    const order = recorded(await store.submit(d, rulesFor(d)));
    await store.close();
    const file = orderFilePath(dir.path, d.filing.subjectNumber);
    editRecord(file, order.id, (record) => ({
      ...record,
      priority: 'high',
      conversationReference: { ...(typeof record.conversationReference === 'object' ? record.conversationReference : {}), aadObjectId: 'x-1' },
    }));

    const reopened = await LowdbOrderStore.open(dir.path);
    expect(await reopened.withdraw(order.id, 'msteams', 'user-1')).to.have.property('withdrawn');
    await reopened.close();

    const text = readFileSync(file, 'utf8');
    expect(text).to.include('"priority":"high"').and.include('"aadObjectId":"x-1"').and.include('"withdrawn"');
  });

  it('sets aside the later of two records with one id, logging its file, and keeps both on disk', async () => {
    const store = await LowdbOrderStore.open(dir.path);
    const first = draft('transfer_in', { subjectNumber: '京ICP备70000000号' });
    const second = draft('transfer_in', { subjectNumber: '京ICP备70000001号' });
    const firstOrder = recorded(await store.submit(first, rulesFor(first)));
    const secondOrder = recorded(await store.submit(second, rulesFor(second)));
    await store.close();
    const firstFile = orderFilePath(dir.path, first.filing.subjectNumber);
    const secondFile = orderFilePath(dir.path, second.filing.subjectNumber);
    expect(firstFile, 'the two subjects are kept in different files').to.not.equal(secondFile);
    editRecord(secondFile, secondOrder.id, (record) => ({ ...record, id: firstOrder.id }));
    const [later, earlier] = [firstFile, secondFile].sort().reverse();

    let reopened: LowdbOrderStore | undefined;
    const logged = await logOf(async () => {
      reopened = await LowdbOrderStore.open(dir.path);
    });
    expect(reopened?.setAsideReport().map((r) => r.file)).to.deep.equal([later]);
    expect(logged).to.include('set aside').and.include(String(later)).and.include(firstOrder.id);
    expect(readFileSync(String(earlier), 'utf8')).to.include(firstOrder.id);
    expect(readFileSync(String(later), 'utf8')).to.include(firstOrder.id);
    await reopened?.close();
  });

  it('lists what is set aside with file and reason: npm run orders:set-aside', async function () {
    this.timeout(30_000);
    const store = await LowdbOrderStore.open(dir.path);
    const d = draft('change_website');
    const order = recorded(await store.submit(d, rulesFor(d)));
    await store.close();
    const file = orderFilePath(dir.path, d.filing.subjectNumber);
    editRecord(file, order.id, (record) => ({ ...record, type: 'merge_filings' }));
    const brokenState = join(dir.path, 'conversations', 'ab', 'cdef0123456789abcdef0123456789abcdef01.json.unreadable-2026-12-07T10-00-00-000Z');
    mkdirSync(join(dir.path, 'conversations', 'ab'), { recursive: true });
    writeFileSync(brokenState, '{');

    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'scripts', 'orders-set-aside.ts')], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, DATA_DIR: dir.path, NODE_NO_WARNINGS: '1' },
    });

    expect(stdout).to.include(`${file}: record 0 (${order.id}): type:`);
    expect(stdout).to.include(`${brokenState}: conversation state that could not be read`);
    expect(stdout).to.include('1 order record(s) or file(s) and 1 conversation state file(s) set aside');
  });
});
