// Personal data stays out of the logs: a full conversation full of it, including a failed turn,
// leaves no identity number, phone number or password in what is logged.
import { ActivityTypes, MemoryStorage, TestAdapter, type StoreItems } from 'botbuilder';
import { expect } from 'chai';
import { composeBot, type BotParts } from '../../src/compose.js';
import { captureLog, redact, setLogLevel } from '../../src/log.js';
import { KNOWLEDGE_DIR, makeTempDir, removeDir } from '../support/paths.js';

const MOBILE = '13812345678';
const IDENTITY_NUMBER = '11010519491231002X';
const PASSWORD = 'Hunter2-secret!';

/** A state storage whose writes fail once asked to, as a full disk would. */
class FailingStorage extends MemoryStorage {
  failing = false;
  override async write(changes: StoreItems): Promise<void> {
    if (this.failing) throw new Error(`disk full while saving a turn that said ${MOBILE} and ${IDENTITY_NUMBER}`);
    return super.write(changes);
  }

  /** Saving an ended flow deletes its state: that fails the same way. */
  override async delete(keys: string[]): Promise<void> {
    if (this.failing) throw new Error(`disk full while saving a turn that said ${MOBILE} and ${IDENTITY_NUMBER}`);
    return super.delete(keys);
  }
}

describe('personal data and the logs', () => {
  let dataDir: string;
  let parts: BotParts;
  const storage = new FailingStorage();
  const lines: string[] = [];
  let restore: () => void;

  before(async () => {
    dataDir = makeTempDir();
    parts = await composeBot({ KNOWLEDGE_DIR, DATA_DIR: dataDir }, { storage });
    setLogLevel('info');
    restore = captureLog((line) => lines.push(line));
  });

  after(async () => {
    restore();
    await parts.orders.close();
    removeDir(dataDir);
  });

  it('redacts identity numbers, phone numbers and secret fields in any log value', () => {
    const scrubbed = JSON.stringify(
      redact({
        note: `call +86 138 1234 5678 or ${MOBILE}, id ${IDENTITY_NUMBER}`,
        nested: { password: PASSWORD, list: [`${MOBILE}`] },
      }),
    );
    expect(scrubbed).not.to.include(MOBILE);
    expect(scrubbed).not.to.include('138 1234 5678');
    expect(scrubbed).not.to.include(IDENTITY_NUMBER);
    expect(scrubbed).not.to.include(PASSWORD);
    expect(scrubbed).to.include('[phone]').and.to.include('[id-number]').and.to.include('[redacted]');
  });

  it('logs none of them during a transfer conversation that contains them, even when a turn fails', async () => {
    const adapter = new TestAdapter((context) => parts.bot.run(context));
    adapter.onTurnError = parts.onTurnError;
    const texts = [
      'transfer 津ICP备12345678号-1 example.cn to you',
      'Never used it',
      'I have the service code',
      `my id card is ${IDENTITY_NUMBER} and my MIIT password is ${PASSWORD}`,
      MOBILE,
    ];
    for (const text of texts) await adapter.send(text).startTest();
    expect(adapter.activeQueue.some((reply) => JSON.stringify(reply.attachments ?? []).includes('138****5678'))).to.equal(true);
    adapter.activeQueue.splice(0);
    storage.failing = true;
    await adapter
      .send('Confirm')
      .assertReply((reply) => expect(reply.type).to.equal(ActivityTypes.Typing))
      .assertReply((reply) => expect(reply.text).to.match(/^Recorded: order \*\*FA-/))
      .assertReply((reply) => expect(reply.text, 'an apology, not the error').to.equal(parts.knowledge.catalogue.text('en', 'edge.turnFailed')))
      .startTest();
    storage.failing = false;
    // The conversation is still usable after the failure.
    await adapter
      .send('help')
      .assertReply((reply) => expect(reply.type).to.equal(ActivityTypes.Typing))
      .assertReply((reply) => expect(reply.text).to.include('Here is what I can do'))
      .startTest();

    expect(lines.length, 'the failed turn is logged').to.be.greaterThan(0);
    const logged = lines.join('');
    expect(logged).to.include('turn failed');
    expect(logged).not.to.include(MOBILE);
    expect(logged).not.to.include(IDENTITY_NUMBER);
    expect(logged).not.to.include(PASSWORD);
  });
});
