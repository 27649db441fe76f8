// Many conversations confirm an order for the same filing at the same moment, over HTTP to the
// real server: exactly one order is recorded, and everyone else is told why not.
import { expect } from 'chai';
import { makeTempDir, removeDir } from '../support/paths.js';
import {
  cancelWebsiteUpToSummary,
  HttpUser,
  killAllServers,
  reachSummary,
  readable,
  readOrdersOnDisk,
  RECORDED,
  ServerProcess,
  type StoredOrder,
} from '../support/server-process.js';

const CONVERSATIONS = 20;
const NOTHING_RECORDED = 'Nothing was recorded.';

/** Everyone says Confirm at once; returns each conversation's answer as one text. */
function confirmAll(base: string, users: readonly HttpUser[]): Promise<string[]> {
  return Promise.all(users.map(async (user) => (await user.say(base, 'Confirm')).map(readable).join('\n')));
}

function ordersFor(dataDir: string, subjectNumber: string): StoredOrder[] {
  return readOrdersOnDisk(dataDir).orders.filter((o) => o.filing.subjectNumber === subjectNumber);
}

describe('concurrent submissions for the same filing', function () {
  this.timeout(60_000);
  let dataDir: string;
  let server: ServerProcess;

  before(async () => {
    dataDir = makeTempDir();
    server = await ServerProcess.start(dataDir);
  });

  after(async () => {
    await killAllServers();
    removeDir(dataDir);
  });

  it(`records exactly one order when ${CONVERSATIONS} users confirm the same website cancellation at once, and tells the others why not`, async () => {
    const website = '京ICP备12345678号-1';
    const subject = '京ICP备12345678号';
    const users = Array.from({ length: CONVERSATIONS }, (_, i) => new HttpUser(`same-filing-user-${i}`, `same-filing-${i}`));
    // Nobody has recorded yet, so the rules checked before the summary let all of them through.
    await Promise.all(users.map((user) => reachSummary(server.url, user, cancelWebsiteUpToSummary(website))));

    const answers = await confirmAll(server.url, users);

    const recorded = answers.filter((text) => RECORDED.test(text));
    expect(recorded, answers.join('\n-----\n')).to.have.length(1);
    const winner = answers.findIndex((text) => RECORDED.test(text));
    for (const [index, text] of answers.entries()) {
      if (index === winner) continue;
      expect(text, `answer to ${users[index]?.userId ?? index}`)
        .to.include("I can't record this")
        .and.to.include(`Another order for ${subject} is already in process (placed by someone else)`)
        .and.to.include(NOTHING_RECORDED);
      // Another user's order id is never shown.
      expect(text, 'no order id of someone else').not.to.match(/FA-[0-9A-Z]{6}/);
    }

    // Answers come only once the order is written: the file holds it already, and only it.
    const stored = ordersFor(dataDir, subject);
    expect(stored.map((o) => o.id)).to.deep.equal([RECORDED.exec(recorded[0] ?? '')?.[1]]);
    expect(stored[0]?.requester.userId).to.equal(users[winner]?.userId);

    // The refused conversations carry on normally.
    const loser = users[(winner + 1) % users.length];
    if (!loser) throw new Error('no refused user');
    const mine = (await loser.say(server.url, 'my orders')).map(readable).join('\n');
    expect(mine).to.include('You have no orders with me yet');
  });

  it('records one order when one user confirms the same filing from several conversations at once, and names it to the rest', async () => {
    const website = '京ICP备12345679号-1';
    const subject = '京ICP备12345679号';
    const conversations = Array.from({ length: 10 }, (_, i) => new HttpUser('one-user-many-chats', `one-user-chat-${i}`));
    await Promise.all(conversations.map((user) => reachSummary(server.url, user, cancelWebsiteUpToSummary(website))));

    const answers = await confirmAll(server.url, conversations);

    const recorded = answers.filter((text) => RECORDED.test(text));
    expect(recorded, answers.join('\n-----\n')).to.have.length(1);
    const id = RECORDED.exec(recorded[0] ?? '')?.[1] ?? '';
    for (const text of answers.filter((t) => !RECORDED.test(t))) {
      expect(text).to.include(`Your order ${id}`).and.to.include('still in process').and.to.include(NOTHING_RECORDED);
    }
    expect(ordersFor(dataDir, subject).map((o) => o.id)).to.deep.equal([id]);
  });

  it('records one order when a subject cancellation and website cancellations of the same subject are confirmed at once', async () => {
    const subject = '京ICP备12345680号';
    const websites = Array.from({ length: 9 }, (_, i) => new HttpUser(`mixed-website-${i}`, `mixed-website-${i}`));
    const subjectUser = new HttpUser('mixed-subject', 'mixed-subject');
    await Promise.all([
      ...websites.map((user, i) => reachSummary(server.url, user, cancelWebsiteUpToSummary(`${subject}-${i + 1}`))),
      reachSummary(server.url, subjectUser, ['cancel my filing', 'Cancel Subject', subject, 'Yes, I am the subject']),
    ]);

    const answers = await confirmAll(server.url, [subjectUser, ...websites]);

    expect(answers.filter((text) => RECORDED.test(text)), answers.join('\n-----\n')).to.have.length(1);
    for (const text of answers.filter((t) => !RECORDED.test(t))) {
      expect(text).to.include(`Another order for ${subject} is already in process`).and.to.include(NOTHING_RECORDED);
    }
    expect(ordersFor(dataDir, subject)).to.have.length(1);
  });

  it('shuts down cleanly afterwards, with the orders it recorded still on disk', async () => {
    const before = readOrdersOnDisk(dataDir).orders.map((o) => o.id).sort();
    const exit = await server.stop('SIGTERM');
    expect(exit, server.output()).to.deep.equal({ code: 0, signal: null });
    expect(readOrdersOnDisk(dataDir).orders.map((o) => o.id).sort()).to.deep.equal(before).and.to.have.length(3);
  });
});
