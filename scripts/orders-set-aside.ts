// `npm run orders:set-aside`: lists what the stores under DATA_DIR set aside because this version
// could not read it (order records, whole orders files, conversation state files), with file and
// reason. It only reads, so it is safe while the bot runs.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { setLogLevel } from '../src/log.js';
import { CONVERSATIONS_DIR } from '../src/persistence/lowdb-storage.js';
import { LowdbOrderStore } from '../src/persistence/orders/lowdb-order-store.js';
import { ordersDir } from '../src/persistence/orders/order-files.js';

const config = loadConfig();
// The store logs each set-aside record as it opens; here the list below says it once.
setLogLevel('silent');
// Opening a store that has no folder would create one: this command only reads.
const orders = existsSync(ordersDir(config.DATA_DIR)) ? (await LowdbOrderStore.open(config.DATA_DIR)).setAsideReport() : [];
for (const { file, record, reason } of orders) {
  const place = record?.index === undefined ? 'a record' : `record ${record.index}`;
  const which = record === undefined ? 'the whole file' : `${place}${record.id === undefined ? '' : ` (${record.id})`}`;
  process.stdout.write(`${file}: ${which}: ${reason}\n`);
}

const conversations = join(config.DATA_DIR, CONVERSATIONS_DIR);
const states = existsSync(conversations)
  ? readdirSync(conversations, { recursive: true, encoding: 'utf8' }).filter((name) => /\.unreadable-[^/]+$/.test(name))
  : [];
for (const name of states) process.stdout.write(`${join(conversations, name)}: conversation state that could not be read\n`);

process.stdout.write(
  orders.length + states.length === 0
    ? `Nothing is set aside under ${config.DATA_DIR}.\n`
    : `${orders.length} order record(s) or file(s) and ${states.length} conversation state file(s) set aside under ${config.DATA_DIR}.\n`,
);
