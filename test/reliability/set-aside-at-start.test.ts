// A bot started on a DATA_DIR holding an order it cannot read (a newer version's state, say) starts,
// is ready, logs the record with its file, and keeps it on disk; until this round it refused to start.
import { readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'chai';
import { LowdbOrderStore } from '../../src/persistence/orders/lowdb-order-store.js';
import { draft, orderFilePath, rulesFor } from '../persistence/orders/support.js';
import { tempDirPerTest } from '../persistence/temp-dir-per-test.js';
import { ServerProcess } from '../support/server-process.js';

describe('an order this version cannot read, at start-up', function () {
  this.timeout(60_000);
  const temp = tempDirPerTest();

  it('is set aside and logged with its file, and the bot starts and is ready', async () => {
    const store = await LowdbOrderStore.open(temp.path);
    const d = draft('cancel_website');
    const result = await store.submit(d, rulesFor(d));
    await store.close();
    if (!('recorded' in result)) throw new Error('the order was not recorded');
    const file = orderFilePath(temp.path, d.filing.subjectNumber);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"in_process"', '"on_hold"'));

    const server = await ServerProcess.start(temp.path);
    try {
      expect((await fetch(`${server.url}/readyz`)).status).to.equal(200);
      const [logged] = server.logged('order record set aside: this version cannot read it; it stays in its file as it was');
      expect(logged).to.include({ file, orderId: result.recorded.id });
    } finally {
      await server.kill();
    }
    expect(readFileSync(file, 'utf8')).to.include('"on_hold"');
  });
});
