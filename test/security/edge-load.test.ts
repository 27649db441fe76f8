// The server under abuse, as a child process over real HTTP: /healthz stays fast while clients
// send long random messages, a flood of large events does not grow its memory past a bound, a
// client dripping its request is cut off, and connections beyond the limit are closed on arrival.
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { z } from 'zod';
import { killAllServers, postJson, ServerProcess } from '../support/server-process.js';
import { makeTempDir, removeDir } from '../support/paths.js';
import { DirectLineConversation } from './directline-client.js';

/** The server's pid, from the holder file of its DATA_DIR lock. */
function serverPid(dataDir: string): number {
  return z.object({ pid: z.number().int() }).parse(JSON.parse(readFileSync(join(dataDir, '.owner.json'), 'utf8'))).pid;
}

/** The resident memory of a process, from the kernel (no debugger, no help from the process). */
function residentMb(pid: number): number {
  const line = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!line?.[1]) throw new Error(`no VmRSS for process ${pid}`);
  return Number(line[1]) / 1024;
}

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? Number.NaN;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz 0123456789.,?备案注销网站域名';

function randomText(chars: number): string {
  let text = '';
  for (let i = 0; i < chars; i += 1) text += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  return text;
}

/** A message of 4,000 random characters from load client `index`, as the Emulator addresses it. */
function loadMessage(index: number, sent: number): Record<string, unknown> {
  return {
    type: 'message',
    id: `load-${index}-${sent}`,
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9/',
    deliveryMode: 'expectReplies',
    from: { id: `load-user-${index}`, name: 'Load' },
    recipient: { id: 'filing-assistant', name: 'Filing Assistant' },
    conversation: { id: `load-conversation-${index}` },
    text: randomText(4000),
  };
}

/** Opens a raw connection and resolves once it is connected. */
function openSocket(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** What a connection received until the server closed it, and after how long. */
function untilClosed(socket: Socket): Promise<{ received: string; ms: number }> {
  const started = Date.now();
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (received += chunk));
  return new Promise((resolve) => {
    socket.once('close', () => resolve({ received, ms: Date.now() - started }));
    socket.on('error', () => undefined);
  });
}

describe('the server under abuse (a child process over HTTP)', function () {
  this.timeout(120_000);
  const dataDirs: string[] = [];

  async function start(env: Record<string, string>): Promise<ServerProcess> {
    const dataDir = makeTempDir();
    dataDirs.push(dataDir);
    return ServerProcess.start(dataDir, env);
  }

  after(async () => {
    await killAllServers();
    for (const dir of dataDirs) removeDir(dir);
  });

  /** /healthz latencies in ms, probed every 20 ms for `ms`. */
  async function probeHealth(server: ServerProcess, ms: number): Promise<number[]> {
    const latencies: number[] = [];
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const started = performance.now();
      const health = await fetch(`${server.url}/healthz`);
      await health.arrayBuffer();
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return latencies.sort((a, b) => a - b);
  }

  const describeLatencies = (sorted: readonly number[]) =>
    `${sorted.length} probes: p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p99 ${percentile(sorted, 0.99).toFixed(1)} ms, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms`;

  it('answers /healthz within 50 ms while eight clients send 4,000-character random messages', async function () {
    // Once more before failing: a burst of other work on a shared machine can spoil one window.
    this.retries(1);
    const server = await start({});
    try {
      // Warm up first: the first turns load and compile what every turn needs.
      for (let i = 0; i < 5; i += 1) await postJson(`${server.url}/api/messages`, loadMessage(99, i));
      // What this shared machine adds by itself, with no load from us: the margin the budget gets.
      const idle = await probeHealth(server, 2000);
      let turns = 0;
      let running = true;
      const client = async (index: number): Promise<void> => {
        for (let sent = 0; running; sent += 1) {
          const answer = await postJson(`${server.url}/api/messages`, loadMessage(index, sent));
          expect(answer.status).to.equal(200);
          turns += 1;
        }
      };
      const clients = Array.from({ length: 8 }, (_, index) => client(index));
      const loaded = await probeHealth(server, 6000);
      running = false;
      await Promise.all(clients);
      const idleAfter = await probeHealth(server, 2000);
      const summary = `idle ${describeLatencies(idle)}, after ${describeLatencies(idleAfter)}; during ${turns} turns ${describeLatencies(loaded)}`;
      console.log(`      /healthz: ${summary}`);
      expect(turns, 'the clients kept the server busy').to.be.above(50);
      // 50 ms, plus what the machine itself added to an idle server just before or after.
      const noise = (share: number) => Math.max(percentile(idle, share), percentile(idleAfter, share));
      expect(percentile(loaded, 0.5), summary).to.be.at.most(50 + noise(0.5));
      // The tail only on a machine with a core to spare: where other processes want more cores
      // than there are, the server waits for a core, and the tail measures the machine instead.
      const [load = 0] = loadavg();
      if (load < availableParallelism()) expect(percentile(loaded, 0.99), summary).to.be.at.most(50 + noise(0.99));
      else console.log(`      p99 not checked: load average ${load.toFixed(1)} on ${availableParallelism()} cores`);
    } finally {
      // Also when it failed: a retry must not compete with this server for the CPU.
      await server.stop();
    }
  });

  it('grows by at most 100 MB under a flood of 256 KB events to the local Direct Line', async () => {
    const server = await start({ LOCAL_DIRECTLINE: 'on', DIRECTLINE_MAX_ACTIVITY_BYTES: String(256 * 1024) });
    const pid = serverPid(server.dataDir);
    const base = `${server.url}/v3/directline`;
    const value = 'x'.repeat(255 * 1024);
    // Warm up: the first conversation and turn load what every turn needs.
    await (await DirectLineConversation.start(base)).say('help');
    const before = residentMb(pid);
    const statuses = new Map<number, number>();
    let peak = before;
    const flooder = async (): Promise<void> => {
      for (let round = 0; round < 6; round += 1) {
        let conversation: DirectLineConversation;
        try {
          conversation = await DirectLineConversation.start(base);
        } catch {
          statuses.set(429, (statuses.get(429) ?? 0) + 1);
          continue;
        }
        for (let event = 0; event < 8; event += 1) {
          const response = await conversation.send({ type: 'event', name: 'flood', value });
          await response.arrayBuffer();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        }
        peak = Math.max(peak, residentMb(pid));
      }
    };
    await Promise.all(Array.from({ length: 8 }, () => flooder()));
    const after = residentMb(pid);
    const summary = `RSS ${before.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB, ${after.toFixed(0)} MB after; answers ${JSON.stringify(Object.fromEntries(statuses))}`;
    console.log(`      flood of 384 events of 255 KB (96 MB): ${summary}`);
    expect(statuses.get(429) ?? 0, 'the channel filled up and said so').to.be.above(0);
    expect(peak - before, summary).to.be.at.most(100);
    expect((await fetch(`${server.url}/healthz`)).status).to.equal(200);
    await server.stop();
  });

  describe('connections', () => {
    let server: ServerProcess;

    before(async () => {
      server = await start({ HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '2000', HTTP_MAX_CONNECTIONS: '4' });
    });

    after(async () => {
      await server?.stop();
    });

    it('cuts off a client that drips its body, with 408, soon after the request timeout', async () => {
      const socket = await openSocket(server.url);
      const closed = untilClosed(socket);
      socket.write('POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{');
      const drip = setInterval(() => socket.write(' '), 200);
      const { received, ms } = await closed;
      clearInterval(drip);
      expect(received).to.match(/^HTTP\/1\.1 408/);
      expect(ms).to.be.within(1500, 5000);
    });

    it('cuts off a client that drips its headers', async () => {
      const socket = await openSocket(server.url);
      const closed = untilClosed(socket);
      socket.write('GET /healthz HTTP/1.1\r\n');
      const drip = setInterval(() => socket.write('X-Slow: 1\r\n'), 200);
      const { ms } = await closed;
      clearInterval(drip);
      expect(ms).to.be.within(500, 4000);
    });

    it('closes connections beyond the limit on arrival, and serves again once they are gone', async () => {
      const held = await Promise.all(Array.from({ length: 4 }, () => openSocket(server.url)));
      const extra = await openSocket(server.url);
      const { ms } = await untilClosed(extra);
      expect(ms).to.be.below(1000);
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await fetch(`${server.url}/healthz`)).status).to.equal(200);
    });
  });
});
