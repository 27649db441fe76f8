// A conversation whose saved flow cannot be read after a restart: the file is set aside (kept, not
// deleted), the log names it, the user is told so, and the conversation goes on afresh instead of failing every turn.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestAdapter } from 'botbuilder';
import { expect } from 'chai';
import { composeBot, type BotParts } from '../../src/compose.js';
import { captureLog, setLogLevel } from '../../src/log.js';
import { message, says, typing } from '../support/conversation.js';
import { KNOWLEDGE_DIR } from '../support/paths.js';
import { tempDirPerTest } from '../persistence/temp-dir-per-test.js';

const conversation = { id: 'unreadable-flow', name: 'transcript', isGroup: false, conversationType: 'personal' };

/**
 * Sends "cancel my website" in the same conversation, as after a restart, and expects the first
 * question; after a lost flow, first the word that it was lost and how to start again.
 */
async function startCancelFlow(parts: BotParts, { toldFlowLost = false } = {}): Promise<void> {
  const adapter = new TestAdapter((context) => parts.bot.run(context), { conversation });
  let test = adapter.send('cancel my website').assertReply((reply) => typing(reply));
  if (toldFlowLost) {
    const lost = parts.knowledge.catalogue.text('en', 'conversation.savedFlowUnreadable');
    test = test.assertReply((reply) => message(says(lost))(reply));
  }
  await test.assertReply((reply) => message(says(/ICP filing number/))(reply)).startTest();
  await parts.orders.close();
}

describe('a saved flow that cannot be read', function () {
  this.timeout(30_000);
  const temp = tempDirPerTest();

  it('is set aside and logged; the user is told how to start again, and the conversation starts afresh', async () => {
    await startCancelFlow(await composeBot({ KNOWLEDGE_DIR, DATA_DIR: temp.path }));
    const folder = join(temp.path, 'conversations');
    const stateFiles = readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.json'));
    expect(stateFiles).to.have.length(1);
    const file = join(folder, stateFiles[0] ?? '');
    const corrupt = readFileSync(file, 'utf8').slice(0, 40);
    writeFileSync(file, corrupt);

    setLogLevel('info');
    const logged: string[] = [];
    const restore = captureLog((line) => logged.push(line));
    try {
      await startCancelFlow(await composeBot({ KNOWLEDGE_DIR, DATA_DIR: temp.path }), { toldFlowLost: true });
    } finally {
      restore();
    }

    const setAside = readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((name) => name.includes('.unreadable-'));
    expect(setAside).to.have.length(1);
    expect(readFileSync(join(folder, setAside[0] ?? ''), 'utf8')).to.equal(corrupt);
    expect(logged.join('')).to.include('conversation state file unreadable').and.include(file);
    // The new flow's state is saved in the old place, as a readable file.
    expect(JSON.parse(readFileSync(file, 'utf8'))).to.have.nested.property('item.dialogState');
  });
});
