// What a user is told when a turn fails because of the shared store: a lost race for the
// conversation state, or a database that cannot be reached. Never the error, never "recorded".
import { MemoryStorage, TestAdapter, type StoreItems } from 'botbuilder';
import { expect } from 'chai';
import { composeBot, type BotParts } from '../../src/compose.js';
import { setLogLevel } from '../../src/log.js';
import { StateConflictError } from '../../src/persistence/state-conflict.js';
import { DatabaseUnavailableError } from '../../src/persistence/postgres/unavailable.js';
import { KNOWLEDGE_DIR, makeTempDir, removeDir } from '../support/paths.js';

/** Memory storage whose writes fail with the error given, as the PostgreSQL storage's would. */
class RefusingStorage extends MemoryStorage {
  failure: Error | undefined;
  override async write(changes: StoreItems): Promise<void> {
    if (this.failure) throw this.failure;
    return super.write(changes);
  }
}

describe('a turn that fails on the shared store', () => {
  let dataDir: string;
  let parts: BotParts;
  const storage = new RefusingStorage();

  before(async () => {
    setLogLevel('silent');
    dataDir = makeTempDir();
    parts = await composeBot({ KNOWLEDGE_DIR, DATA_DIR: dataDir }, { storage });
  });

  after(async () => {
    await parts.orders.close();
    removeDir(dataDir);
    setLogLevel('info');
  });

  const cases = [
    { name: 'lost the race to save the conversation', error: new StateConflictError('eTag conflict'), says: 'You sent another message while I was answering this one' },
    { name: 'could not reach the database', error: new DatabaseUnavailableError('the database is unavailable: ECONNREFUSED'), says: 'I cannot reach our records right now' },
  ];
  for (const { name, error, says } of cases) {
    it(`says so in a sentence of its own when it ${name}`, async () => {
      storage.failure = error;
      const adapter = new TestAdapter((context) => parts.bot.run(context));
      adapter.onTurnError = parts.onTurnError;
      await adapter.send('cancel my website');
      // Every reply of the turn, typing indicators left out.
      const said = adapter.activeQueue.flatMap((a) => (a.type === 'message' ? [a.text ?? ''] : [])).join('\n');
      expect(said).to.include(says);
      expect(said).not.to.match(/conflict|ECONNREFUSED|Recorded/);
      storage.failure = undefined;
    });
  }
});
