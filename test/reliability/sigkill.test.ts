// The real server killed (SIGKILL) while many conversations confirm orders, then restarted on the
// same DATA_DIR: every order a user was told about is there, once, and the files parse.
import { setTimeout as delay } from 'node:timers/promises';
import { expect } from 'chai';
import { makeTempDir, removeDir } from '../support/paths.js';
import {
  type Exit,
  type OrdersOnDisk,
  type StoredOrder,
  cancelWebsiteUpToSummary,
  duplicates,
  HttpUser,
  killAllServers,
  messagesIn,
  ORDER_ID,
  postJson,
  reachSummary,
  readable,
  readOrdersOnDisk,
  RECORDED,
  ServerProcess,
} from '../support/server-process.js';

const CONVERSATIONS = 40;

/**
 * When to kill: a random moment after the first Confirm was sent, or once so many were answered.
 * `spreadMs` sends the Confirms spread over that long instead of in one burst, so answers arrive
 * while other turns are still running.
 */
type KillPlan = ({ afterMs: number } | { afterAnswers: number }) & { spreadMs: number };

function randomInt(min: number, max: number): number {
  return min + Math.floor(Math.random() * (max - min + 1));
}

/**
 * Three kills at different moments. 40 Confirms sent at once take about 130-150 ms on a laptop,
 * nearly all of it before the first answer, and then are answered together: a time early in that
 * window catches every turn in flight, the first answer catches a few users told "Recorded" and
 * the rest not, and a spread-out batch killed halfway catches a mix of both.
 */
const PLANS: readonly KillPlan[] = [
  { afterMs: randomInt(0, 120), spreadMs: 0 },
  { afterAnswers: 1, spreadMs: 0 },
  { afterAnswers: randomInt(10, 25), spreadMs: 300 },
];

/** The answer to a retried message whose order was recorded before (edge.retryAlreadyRecorded in knowledge/messages/edge.json). */
const ALREADY_RECORDED = /I already recorded order (FA-[23456789A-HJ-NP-Z]{6}) for this message/;

/** A unique filing per conversation: an order in process for a subject blocks any other for it. */
function filingOf(cycle: number, index: number): string {
  return `京ICP备${31000000 + cycle * 1000 + index}号-1`;
}

/** The order ids in the user's "my orders" list, asked from a new conversation of the same user. */
async function ordersListed(base: string, user: HttpUser): Promise<string[]> {
  const asker = new HttpUser(user.userId, `${user.conversationId}-check-${Date.now()}`);
  const replies = await asker.say(base, 'my orders');
  return replies.flatMap((reply) => [...readable(reply).matchAll(ORDER_ID)].map((m) => m[0]));
}

interface Confirmation {
  cycle: number;
  user: HttpUser;
  icpNumber: string;
  /** The activity id of the Confirm message, for a channel retry after the restart. */
  activityId: string;
  /** The order id the user was told before the kill, if the answer came in time. */
  told?: string;
  /** Every order id the user's "my orders" listed after the restart (asked only if told). */
  listed?: string[];
  /** The answer to the channel's retry of the Confirm after the restart (only if not told). */
  retryAnswer?: string;
}

/** What one kill left behind, read before the restart. */
interface AfterKill {
  plan: KillPlan;
  /** The orders files as the kill left them, or why they could not be read. */
  files: OrdersOnDisk | Error;
}

/** Sends every Confirm at once and kills the server according to `plan`; notes what each user was told. */
async function confirmAndKill(server: ServerProcess, confirmations: Confirmation[], plan: KillPlan): Promise<void> {
  let answered = 0;
  const killAt = 'afterAnswers' in plan ? plan.afterAnswers : Infinity;
  const sends = confirmations.map(async (confirmation, index) => {
    if (plan.spreadMs > 0) await delay((plan.spreadMs * index) / confirmations.length);
    const answer = await postJson(`${server.url}/api/messages`, confirmation.user.activity('Confirm', confirmation.activityId));
    const text = messagesIn(answer).map(readable).join('\n');
    const id = RECORDED.exec(text)?.[1];
    if (id === undefined) throw new Error(`${confirmation.user.userId} was answered without an order: ${text}`);
    confirmation.told = id;
    answered += 1;
    if (answered >= killAt) server.signal('SIGKILL');
  });
  if ('afterMs' in plan) setTimeout(() => server.signal('SIGKILL'), plan.afterMs);
  const outcomes = await Promise.allSettled(sends);
  // A connection cut by the kill is expected; an answer that is not an order is a failure.
  for (const outcome of outcomes) {
    if (outcome.status === 'rejected' && outcome.reason instanceof Error && outcome.reason.message.includes('without an order')) {
      throw outcome.reason;
    }
  }
  // Every answer came: the kill came after all (the machine was faster than the plan).
  server.signal('SIGKILL');
  const exit = await server.exited;
  if (exit.signal !== 'SIGKILL') throw new Error(`the server was to be killed, but ended ${JSON.stringify(exit)}\n${server.output()}`);
}

function readAfterKill(dataDir: string): OrdersOnDisk | Error {
  try {
    return readOrdersOnDisk(dataDir);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * The run is played once, in before(): three kills and restarts on one DATA_DIR, then SIGTERM.
 * Each test checks one promise against what was recorded, so one broken promise does not hide
 * the others.
 */
describe('killed (SIGKILL) while many conversations record orders', function () {
  this.timeout(60_000);
  let dataDir: string;
  const confirmations: Confirmation[] = [];
  const kills: AfterKill[] = [];
  let finalExit: Exit | undefined;
  let finalOutput = '';
  let finalOrders: StoredOrder[] = [];

  before(async () => {
    dataDir = makeTempDir();
    let server = await ServerProcess.start(dataDir);
    for (const [cycle, plan] of PLANS.entries()) {
      const batch: Confirmation[] = Array.from({ length: CONVERSATIONS }, (_, index) => {
        const user = new HttpUser(`kill-${cycle}-user-${index}`, `kill-${cycle}-conversation-${index}`);
        // The id for Confirm is taken first; the flow's own messages get later ones.
        return { cycle, user, icpNumber: filingOf(cycle, index), activityId: user.nextId() };
      });
      confirmations.push(...batch);
      await Promise.all(batch.map((c) => reachSummary(server.url, c.user, cancelWebsiteUpToSummary(c.icpNumber))));
      await confirmAndKill(server, batch, plan);
      kills.push({ plan, files: readAfterKill(dataDir) });

      server = await ServerProcess.start(dataDir);
      const base = server.url;
      await Promise.all(
        batch.map(async (c) => {
          if (c.told !== undefined) {
            c.listed = await ordersListed(base, c.user);
          } else {
            // The channel retries a Confirm that got no answer, with the same activity id.
            c.retryAnswer = (await c.user.say(base, 'Confirm', c.activityId)).map(readable).join('\n');
          }
        }),
      );
    }
    finalExit = await server.stop('SIGTERM');
    finalOutput = server.output();
    finalOrders = readOrdersOnDisk(dataDir).orders;
  });

  after(async () => {
    await killAllServers();
    removeDir(dataDir);
    const lines = kills.map(({ plan, files }, cycle) => {
      const told = confirmations.filter((c) => c.cycle === cycle && c.told !== undefined).length;
      const state = files instanceof Error ? `files unreadable: ${files.message}` : `${files.leftovers.length} temporary files left`;
      return `kill ${cycle + 1} (${JSON.stringify(plan)}): ${told} of ${CONVERSATIONS} told "Recorded" before it; ${state}`;
    });
    if (lines.length > 0) console.log(`      ${lines.join('\n      ')}`);
  });

  it('leaves orders files that all parse after every kill, with no order or filing stored twice', () => {
    expect(kills).to.have.length(PLANS.length);
    let before = 0;
    for (const [cycle, { files }] of kills.entries()) {
      if (files instanceof Error) throw files;
      const ids = files.orders.map((o) => o.id);
      expect(duplicates(ids), `order ids stored twice after kill ${cycle + 1}`).to.deep.equal([]);
      expect(duplicates(files.orders.map((o) => o.filing.icpNumber)), `filings with two orders after kill ${cycle + 1}`).to.deep.equal([]);
      expect(duplicates(files.orders.map((o) => o.sourceActivityKey)), `messages that placed two orders`).to.deep.equal([]);
      expect(files.orders.length, `orders after kill ${cycle + 1}`).to.be.at.most((cycle + 1) * CONVERSATIONS).and.at.least(before);
      before = files.orders.length;
    }
  });

  it('keeps every order confirmed to a user before a kill: on disk as the kill left it', () => {
    for (const [cycle, { files }] of kills.entries()) {
      if (files instanceof Error) throw files;
      const onDisk = new Set(files.orders.map((o) => o.id));
      for (const c of confirmations.filter((x) => x.cycle === cycle && x.told !== undefined)) {
        expect(onDisk.has(c.told ?? ''), `${c.user.userId} was told ${c.told}`).to.equal(true);
      }
    }
  });

  it('shows each user the order they were told about, and no other, in "my orders" after the restart', () => {
    const told = confirmations.filter((c) => c.told !== undefined);
    expect(told.length, 'users told "Recorded" before a kill').to.be.above(0);
    for (const c of told) expect(c.listed, `${c.user.userId}'s orders`).to.deep.equal([c.told]);
  });

  it('killed some turns mid-batch: some users were told "Recorded" before a kill and some were cut off', () => {
    const told = confirmations.filter((c) => c.told !== undefined).length;
    expect(told, 'Confirms answered before a kill').to.be.above(0);
    expect(told, 'Confirms cut off by a kill').to.be.below(confirmations.length);
  });

  it('records each Confirm cut off by a kill exactly once when the channel retries it: one order per conversation', () => {
    expect(finalOrders.length, 'orders at the end').to.equal(confirmations.length);
    expect(duplicates(finalOrders.map((o) => o.filing.icpNumber)), 'filings with two orders').to.deep.equal([]);
    const byUser = new Map(finalOrders.map((o) => [o.requester.userId, o]));
    for (const c of confirmations) {
      const order = byUser.get(c.user.userId);
      expect(order?.filing.icpNumber, `${c.user.userId}'s filing`).to.equal(c.icpNumber);
      if (c.told !== undefined) expect(order?.id, `${c.user.userId}'s order`).to.equal(c.told);
    }
  });

  it('answers the retry of a Confirm cut off by a kill with its order: recorded now, or recorded before the kill', () => {
    const byUser = new Map(finalOrders.map((o) => [o.requester.userId, o.id]));
    const retried = confirmations.filter((c) => c.retryAnswer !== undefined);
    expect(retried.length, 'Confirms retried after a restart').to.be.above(0);
    const wrong = retried.flatMap((c) => {
      const text = c.retryAnswer ?? '';
      const id = (RECORDED.exec(text) ?? ALREADY_RECORDED.exec(text))?.[1];
      return id !== undefined && id === byUser.get(c.user.userId) ? [] : [`${c.user.userId}: ${text.split('\n')[0] ?? ''}`];
    });
    expect(wrong, `${wrong.length} of ${retried.length} retries not answered with their order`).to.deep.equal([]);
  });

  it('exits 0 on SIGTERM after the last restart', () => {
    expect(finalExit, finalOutput).to.deep.equal({ code: 0, signal: null });
  });
});
