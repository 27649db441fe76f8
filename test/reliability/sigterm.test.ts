// SIGTERM (and SIGINT) on the real server: turns in flight finish and are answered, their orders
// are on disk, and the process exits 0 promptly; idle keep-alive connections do not hold it open.
import { Agent, get as httpGet } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { expect } from 'chai';
import { z } from 'zod';
import { makeTempDir, removeDir } from '../support/paths.js';
import {
  cancelWebsiteUpToSummary,
  HttpUser,
  killAllServers,
  messagesIn,
  postJson,
  reachSummary,
  readable,
  readOrdersOnDisk,
  RECORDED,
  ServerProcess,
  type HttpAnswer,
} from '../support/server-process.js';

const TURNS_IN_FLIGHT = 20;
const DirectLineConversation = z.object({ conversationId: z.string(), token: z.string() });
/** What src/main.ts allows a shutdown before it gives up. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

interface Gate {
  opened: Promise<void>;
  open: () => void;
}

function gate(): Gate {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** GET on a keep-alive agent: the connection stays open (idle) after the answer. */
function getKeepAlive(url: string, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    httpGet(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    }).on('error', reject);
  });
}

async function healthy(base: string): Promise<boolean> {
  const response = await fetch(`${base}/healthz`);
  await response.arrayBuffer();
  return response.status === 200;
}

describe('shutting down on a signal', function () {
  this.timeout(60_000);
  const dirs: string[] = [];

  function dataDir(): string {
    const dir = makeTempDir();
    dirs.push(dir);
    return dir;
  }

  after(async () => {
    await killAllServers();
    for (const dir of dirs) removeDir(dir);
  });

  it(`answers all ${TURNS_IN_FLIGHT} Confirm turns in flight at SIGTERM, writes their orders, and exits 0`, async () => {
    const dir = dataDir();
    const server = await ServerProcess.start(dir);
    const users = Array.from({ length: TURNS_IN_FLIGHT }, (_, i) => new HttpUser(`drain-user-${i}`, `drain-${i}`));
    await Promise.all(users.map((user, i) => reachSummary(server.url, user, cancelWebsiteUpToSummary(`京ICP备${32000000 + i}号-1`))));

    // Each Confirm goes out with half its body: the server has begun every request, none can finish.
    const bodies = gate();
    const answers = users.map((user) => postJson(`${server.url}/api/messages`, user.activity('Confirm'), { hold: bodies.opened }));
    for (const answer of answers) void answer.catch(() => undefined);
    // A request sent after them and answered means the server has read theirs.
    expect(await healthy(server.url)).to.equal(true);
    await delay(100);

    const signalled = Date.now();
    server.signal('SIGTERM');
    await delay(300);
    expect(server.exitStatus, 'still running while turns are in flight').to.equal(undefined);
    const [shuttingDown] = server.logged('shutting down');
    expect(shuttingDown, server.output()).to.deep.include({ signal: 'SIGTERM', inFlight: TURNS_IN_FLIGHT });
    // No new connections are accepted meanwhile.
    const refused = await fetch(`${server.url}/healthz`).then(
      () => 'answered',
      (error: unknown) => (error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error)),
    );
    expect(refused).to.match(/ECONNREFUSED/);

    bodies.open();
    const settled = await Promise.allSettled(answers);
    const exit = await server.exitWithin(5000);
    const elapsed = Date.now() - signalled;

    const completed = settled.flatMap((s): HttpAnswer[] => (s.status === 'fulfilled' ? [s.value] : []));
    const failures = settled.flatMap((s): unknown[] => (s.status === 'rejected' ? [s.reason] : []));
    expect(failures.map(String), 'requests cut off').to.deep.equal([]);
    const told = completed.map((answer) => {
      const text = messagesIn(answer).map(readable).join('\n');
      const id = RECORDED.exec(text)?.[1];
      expect(id, `a recorded order in ${text}`).to.be.a('string');
      return id ?? '';
    });
    expect(exit, server.output()).to.deep.equal({ code: 0, signal: null });
    expect(elapsed, 'ms from SIGTERM to exit').to.be.below(5000);
    expect(server.logged('shut down'), server.output()).to.have.length(1);

    const stored = readOrdersOnDisk(dir).orders.map((o) => o.id).sort();
    expect(stored).to.deep.equal([...told].sort()).and.to.have.length(TURNS_IN_FLIGHT);
  });

  it('closes the keep-alive connection of a request answered while draining, and exits 0 at once', async () => {
    const server = await ServerProcess.start(dataDir());
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const user = new HttpUser('drain-keepalive', 'drain-keepalive');
      // The connection is in use before the signal: a keep-alive client would send more on it.
      expect((await postJson(`${server.url}/api/messages`, user.activity('help'), { agent })).status).to.equal(200);
      const body = gate();
      const answer = postJson(`${server.url}/api/messages`, user.activity('help'), { hold: body.opened, agent });
      expect(await healthy(server.url)).to.equal(true);
      await delay(100);
      server.signal('SIGTERM');
      await delay(100);
      body.open();
      const { status, headers } = await answer;
      const answered = Date.now();
      expect(status).to.equal(200);
      expect(headers.connection, 'the client is told not to reuse the connection').to.equal('close');
      expect(await server.exitWithin(5000), server.output()).to.deep.equal({ code: 0, signal: null });
      // Node would keep the connection for 5 s; the shutdown must not wait for that.
      expect(Date.now() - answered, 'ms from the last answer to exit').to.be.below(1500);
    } finally {
      agent.destroy();
    }
  });

  it('answers a local Direct Line activity in flight at SIGTERM before exiting 0', async () => {
    const server = await ServerProcess.start(dataDir(), { LOCAL_DIRECTLINE: 'on' });
    const started = await postJson(`${server.url}/v3/directline/conversations`, {});
    expect(started.status, started.body).to.equal(201);
    const { conversationId, token } = DirectLineConversation.parse(JSON.parse(started.body));
    const body = gate();
    const posted = postJson(
      `${server.url}/v3/directline/conversations/${encodeURIComponent(conversationId)}/activities`,
      { type: 'message', from: { id: 'directline-user' }, text: 'how long does the cancellation review take?' },
      { hold: body.opened, headers: { authorization: `Bearer ${token}` } },
    );
    expect(await healthy(server.url)).to.equal(true);
    await delay(100);
    server.signal('SIGTERM');
    await delay(200);
    expect(server.exitStatus, 'still running while the activity is in flight').to.equal(undefined);
    body.open();
    const answer = await posted;
    expect(answer.status, answer.body).to.equal(200);
    expect(await server.exitWithin(5000), server.output()).to.deep.equal({ code: 0, signal: null });
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`exits 0 at once on ${signal} even with idle keep-alive connections open`, async () => {
      const server = await ServerProcess.start(dataDir());
      const agent = new Agent({ keepAlive: true, maxSockets: 4 });
      try {
        const statuses = await Promise.all([1, 2, 3].map(() => getKeepAlive(`${server.url}/healthz`, agent)));
        expect(statuses).to.deep.equal([200, 200, 200]);
        const started = Date.now();
        const exit = await server.stop(signal, 5000);
        expect(exit, server.output()).to.deep.equal({ code: 0, signal: null });
        // Node keeps an idle connection for 5 s; the shutdown must not wait for that.
        expect(Date.now() - started, 'ms from signal to exit').to.be.below(1500);
      } finally {
        agent.destroy();
      }
    });
  }

  it('exits 1 at once on a second signal while draining, saying so', async () => {
    const server = await ServerProcess.start(dataDir());
    const user = new HttpUser('drain-impatient', 'drain-impatient');
    const never = gate();
    const stuck = postJson(`${server.url}/api/messages`, user.activity('help'), { hold: never.opened });
    void stuck.catch(() => undefined);
    expect(await healthy(server.url)).to.equal(true);
    await delay(100);
    server.signal('SIGTERM');
    await delay(200);
    expect(server.exitStatus, 'still draining').to.equal(undefined);
    const exit = await server.stop('SIGINT', 2000);
    expect(exit, server.output()).to.deep.equal({ code: 1, signal: null });
    const [now] = server.logged('second signal while shutting down; exiting now');
    expect(now, server.output()).to.deep.include({ level: 'error', signal: 'SIGINT', inFlight: 1 });
    never.open();
  });

  it(`gives up after ${SHUTDOWN_TIMEOUT_MS / 1000} s on a request that never finishes: exit 1 and a log line saying so`, async () => {
    const server = await ServerProcess.start(dataDir());
    const user = new HttpUser('drain-stuck', 'drain-stuck');
    const never = gate();
    const stuck = postJson(`${server.url}/api/messages`, user.activity('help'), { hold: never.opened });
    void stuck.catch(() => undefined);
    expect(await healthy(server.url)).to.equal(true);
    await delay(100);
    const started = Date.now();
    const exit = await server.stop('SIGTERM', SHUTDOWN_TIMEOUT_MS + 5000);
    const elapsed = Date.now() - started;
    expect(exit, server.output()).to.deep.equal({ code: 1, signal: null });
    expect(elapsed).to.be.within(SHUTDOWN_TIMEOUT_MS - 500, SHUTDOWN_TIMEOUT_MS + 3000);
    const [timedOut] = server.logged('shutdown timed out; exiting with requests or order writes unfinished');
    expect(timedOut, server.output()).to.deep.include({ level: 'error', inFlight: 1 });
    never.open();
  });
});
