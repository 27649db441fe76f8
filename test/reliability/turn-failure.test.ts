// A turn that fails (conversation storage throws, or a bug in a dialog): the user gets the short
// apology and a way on, the cause is logged, and the conversation keeps working, in process and
// over HTTP through the real CloudAdapter.
import { mock } from 'node:test';
import { ActivityTypes, TestAdapter, type Activity, type Storage, type StoreItems } from 'botbuilder';
import { expect } from 'chai';
import { z } from 'zod';
import { composeApp, type App, type BotParts } from '../../src/compose.js';
import { parseConfig } from '../../src/config.js';
import { captureLog, setLogLevel } from '../../src/log.js';
import { LowdbStorage } from '../../src/persistence/lowdb-storage.js';
import { KNOWLEDGE_DIR, makeTempDir, removeDir } from '../support/paths.js';
import { cancelWebsiteUpToSummary, HttpUser, messagesIn, postJson, readable } from '../support/server-process.js';

type Operation = 'read' | 'write';

/**
 * The real conversation storage, which can be told to fail the next read or write of one
 * conversation's state, as a full disk or a broken mount would.
 */
class FailingStorage implements Storage {
  private readonly armed: { operation: Operation; conversationId: string; error: Error }[] = [];

  constructor(private readonly inner: Storage) {}

  failNext(operation: Operation, conversationId: string, error: Error): void {
    this.armed.push({ operation, conversationId, error });
  }

  async read(keys: string[]): Promise<StoreItems> {
    this.trip('read', keys);
    return this.inner.read(keys);
  }

  async write(changes: StoreItems): Promise<void> {
    this.trip('write', Object.keys(changes));
    return this.inner.write(changes);
  }

  /** Saving an ended flow deletes its state (an empty state is not kept): a save, like a write. */
  async delete(keys: string[]): Promise<void> {
    this.trip('write', keys);
    return this.inner.delete(keys);
  }

  private trip(operation: Operation, keys: readonly string[]): void {
    const index = this.armed.findIndex((a) => a.operation === operation && keys.some((k) => k.includes(a.conversationId)));
    const armed = this.armed[index];
    if (!armed) return;
    this.armed.splice(index, 1);
    throw armed.error;
  }
}

const LoggedFailure = z.looseObject({ level: z.literal('error'), message: z.literal('turn failed'), error: z.string(), stack: z.string() });

/** Text that must never reach a user: the error itself, a stack, the Bot Framework's default message. */
const INTERNALS = [/simulated/i, /ENOSPC|EIO/, /\bat .+:\d+:\d+/, /TypeError|Error:/, /bot source code/i];

let conversations = 0;

/** A user in a conversation of their own, on a TestAdapter wired as production wires the CloudAdapter. */
class Chat {
  readonly conversationId: string;
  private readonly adapter: TestAdapter;
  private sent = 0;

  constructor(parts: BotParts) {
    conversations += 1;
    this.conversationId = `turn-failure-${conversations}`;
    this.adapter = new TestAdapter((context) => parts.bot.run(context), {
      channelId: 'test',
      conversation: { id: this.conversationId, name: 'turn failure', isGroup: false, conversationType: 'personal' },
      from: { id: `user-${this.conversationId}`, name: 'User' },
      recipient: { id: 'filing-assistant', name: 'Filing Assistant' },
    });
    this.adapter.onTurnError = parts.onTurnError;
  }

  /** Sends `text`; returns the bot's messages (typing left out). */
  async say(text: string): Promise<Partial<Activity>[]> {
    this.sent += 1;
    await this.adapter.processActivity({ type: ActivityTypes.Message, text, id: `${this.conversationId}/${this.sent}` });
    const replies: Partial<Activity>[] = [];
    for (let reply = this.adapter.getNextReply(); reply; reply = this.adapter.getNextReply()) {
      if (reply.type !== ActivityTypes.Typing) replies.push(reply);
    }
    return replies;
  }
}

function textOf(replies: readonly Partial<Activity>[]): string {
  return replies.map((r) => `${r.text ?? ''}${r.attachments ? `\n${JSON.stringify(r.attachments)}` : ''}`).join('\n-----\n');
}

function expectNoInternals(text: string): void {
  for (const internal of INTERNALS) expect(text, 'internal error text shown to the user').not.to.match(internal);
}

describe('a turn that fails', function () {
  this.timeout(30_000);
  let dataDir: string;
  let storage: FailingStorage;
  let app: App;
  let parts: BotParts;
  /** What the user is told when a turn fails. */
  let TURN_ERROR_REPLY: string;
  let logs: string[];
  let restoreLog: () => void;

  before(async () => {
    dataDir = makeTempDir();
    storage = new FailingStorage(new LowdbStorage(`${dataDir}/conversations`));
    // One bot for both ways in: in process (Chat) and over HTTP through the real CloudAdapter.
    app = await composeApp(parseConfig({ DATA_DIR: dataDir, KNOWLEDGE_DIR }), { storage });
    parts = app.parts;
    TURN_ERROR_REPLY = parts.knowledge.catalogue.text('en', 'edge.turnFailed');
  });

  after(async () => {
    await app?.close();
    removeDir(dataDir);
  });

  beforeEach(() => {
    // Another suite in the same run may have quietened the log; these tests read it.
    setLogLevel('info');
    logs = [];
    restoreLog = captureLog((line) => logs.push(line));
  });

  afterEach(() => restoreLog());

  function loggedFailures(): z.infer<typeof LoggedFailure>[] {
    return logs.flatMap((line) => {
      const parsed = LoggedFailure.safeParse(JSON.parse(line));
      return parsed.success ? [parsed.data] : [];
    });
  }

  describe('in process', () => {
    it('answers a state read failure with the apology alone, logs the cause, and answers the next message normally', async () => {
      const chat = new Chat(parts);
      storage.failNext('read', chat.conversationId, new Error('EIO: i/o error, read (simulated)'));

      const failed = await chat.say('help');
      expect(failed.map((r) => r.text)).to.deep.equal([TURN_ERROR_REPLY]);
      expect(loggedFailures().map((l) => l.error)).to.deep.equal(['EIO: i/o error, read (simulated)']);

      const next = textOf(await chat.say('help'));
      expect(next).to.include('Here is what I can do').and.not.to.include(TURN_ERROR_REPLY);
    });

    it('ends a turn whose state cannot be saved with the apology, logs the cause, and answers the next message normally', async () => {
      const chat = new Chat(parts);
      storage.failNext('write', chat.conversationId, new Error('ENOSPC: no space left on device (simulated)'));

      // Starting a flow changes the state (a question alone leaves nothing to save).
      const failed = await chat.say('cancel my website');
      // The question was sent before the state was saved; the apology follows it.
      expect(failed.at(-1)?.text).to.equal(TURN_ERROR_REPLY);
      expectNoInternals(textOf(failed));
      const [logged] = loggedFailures();
      expect(logged?.error).to.equal('ENOSPC: no space left on device (simulated)');
      expect(logged?.stack).to.match(/^Error: ENOSPC/);

      const next = textOf(await chat.say('help'));
      expect(next).to.include('Here is what I can do').and.not.to.include(TURN_ERROR_REPLY);
    });

    it('answers a bug inside a dialog with the apology alone, logs the error and its stack, and keeps the conversation going', async () => {
      const chat = new Chat(parts);
      const bug = mock.method(parts.orders, 'listForUser', async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'state')");
      });
      try {
        const failed = await chat.say('my orders');
        expect(failed.map((r) => r.text)).to.deep.equal([TURN_ERROR_REPLY]);
        const [logged] = loggedFailures();
        expect(logged?.error).to.equal("Cannot read properties of undefined (reading 'state')");
        expect(logged?.stack).to.include("Cannot read properties of undefined (reading 'state')");
      } finally {
        bug.mock.restore();
      }
      expect(textOf(await chat.say('my orders'))).to.include('You have no orders with me yet');
    });

    it('keeps an order recorded when the state cannot be saved afterwards, once, and lists it', async () => {
      const chat = new Chat(parts);
      for (const text of cancelWebsiteUpToSummary('京ICP备33000001号-1')) await chat.say(text);
      storage.failNext('write', chat.conversationId, new Error('ENOSPC: no space left on device (simulated)'));

      const failed = await chat.say('Confirm');
      const id = /Recorded: order \*\*(FA-[0-9A-Z]{6})\*\*/.exec(textOf(failed))?.[1];
      expect(id, textOf(failed)).to.be.a('string');
      expect(failed.at(-1)?.text).to.equal(TURN_ERROR_REPLY);

      // Trying again, as the apology says, records nothing more.
      await chat.say('Confirm');
      const listed = textOf(await chat.say('my orders'));
      expect(listed).to.include(`**${id}**`).and.to.include('Your orders (1)');
    });

    it('does not let one conversation\'s failing turn disturb another conversation answered at the same time', async () => {
      const failing = new Chat(parts);
      const healthy = new Chat(parts);
      storage.failNext('read', failing.conversationId, new Error('EIO: i/o error, read (simulated)'));
      const [bad, good] = await Promise.all([failing.say('help'), healthy.say('help')]);
      expect(bad.map((r) => r.text)).to.deep.equal([TURN_ERROR_REPLY]);
      expect(textOf(good)).to.include('Here is what I can do').and.not.to.include(TURN_ERROR_REPLY);
    });
  });

  // Both failed at commit 220d70d: handleTurnError deleted the conversation state after any
  // failure, although the apology promised that sending the message again would work; and it
  // logged botbuilder-dialogs' DialogContextError, whose stack names only the library's files.
  describe('trying again, and finding the bug', () => {
    it('continues the flow when the user sends the same answer again after a storage failure mid-flow', async () => {
      const chat = new Chat(parts);
      const [start, whole, asker] = cancelWebsiteUpToSummary('京ICP备33000002号-1');
      await chat.say(start ?? '');
      await chat.say(whole ?? '');
      storage.failNext('write', chat.conversationId, new Error('ENOSPC: no space left on device (simulated)'));
      const failed = await chat.say(asker ?? '');
      expect(failed.at(-1)?.text).to.equal(TURN_ERROR_REPLY);

      const again = textOf(await chat.say(asker ?? ''));
      expect(again, 'the summary card again, the flow where it was').to.include('Ready to cancel the website shop.example.cn');
    });

    it('does not trap the user when every turn fails: the second failure starts afresh, and the next message is answered', async () => {
      const chat = new Chat(parts);
      await chat.say('cancel the website shop.example.cn, 京ICP备33000003号-1');
      storage.failNext('read', chat.conversationId, new Error('EIO: i/o error, read (simulated)'));
      storage.failNext('read', chat.conversationId, new Error('EIO: i/o error, read (simulated)'));
      const first = await chat.say('Cancel the whole website');
      const second = await chat.say('Cancel the whole website');
      expect(first.map((r) => r.text)).to.deep.equal([TURN_ERROR_REPLY]);
      expect(second).to.have.length(1);
      expect(second[0]?.text, 'a different apology the second time').to.be.a('string').and.not.equal(TURN_ERROR_REPLY);
      expectNoInternals(textOf(second));
      expect(loggedFailures()).to.have.length(2);

      const next = textOf(await chat.say('help'));
      expect(next).to.include('Here is what I can do').and.not.to.include('Sorry');
    });

    it('logs the stack of the error thrown inside the dialog, naming the dialog file', async () => {
      const chat = new Chat(parts);
      const bug = mock.method(parts.orders, 'listForUser', async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'state')");
      });
      try {
        expect((await chat.say('my orders')).map((r) => r.text)).to.deep.equal([TURN_ERROR_REPLY]);
      } finally {
        bug.mock.restore();
      }
      expect(logs.join('\n'), 'the log of the failed turn').to.include('orders-dialog.ts');
    });
  });

  describe('over HTTP (CloudAdapter, expectReplies)', () => {
    let base = '';

    before(async () => {
      const { server } = app;
      await new Promise<void>((resolve) => {
        server.listen(0, '127.0.0.1', () => resolve());
      });
      base = `http://127.0.0.1:${server.address().port}`;
    });

    for (const operation of ['read', 'write'] as const) {
      it(`answers a turn whose state ${operation} fails with 200 and the apology, and the server keeps serving`, async () => {
        const user = new HttpUser(`http-${operation}`, `http-turn-failure-${operation}`);
        storage.failNext(operation, user.conversationId, new Error(`storage ${operation} failed (simulated)`));

        // Starting a flow reads the state and changes it, so it is saved at the end of the turn.
        const answer = await postJson(`${base}/api/messages`, user.activity('cancel my website'));
        expect(answer.status, answer.body).to.equal(200);
        const replies = messagesIn(answer);
        expect(replies.at(-1)?.text).to.equal(TURN_ERROR_REPLY);
        expectNoInternals(replies.map(readable).join('\n'));
        expect(loggedFailures().map((l) => l.error)).to.deep.equal([`storage ${operation} failed (simulated)`]);

        const health = await fetch(`${base}/healthz`);
        expect(health.status).to.equal(200);
        await health.arrayBuffer();
        const next = (await user.say(base, 'help')).map(readable).join('\n');
        expect(next).to.include('Here is what I can do').and.not.to.include(TURN_ERROR_REPLY);
      });
    }
  });
});
