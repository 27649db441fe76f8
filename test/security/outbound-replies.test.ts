// The replies the bot posts to a channel: a timeout per attempt, a deadline per send that also
// cuts a long Retry-After short, bounded retries (for 5xx, not for 4xx), and, without an Azure
// Bot, only to this machine or an allowed origin: an unauthenticated caller cannot make the bot
// post to any address it names.
import { createServer as createHttpServer, type ServerResponse } from 'node:http';
import { networkInterfaces } from 'node:os';
import { expect } from 'chai';
import { DEFAULT_OUTBOUND_LIMITS, serviceUrlAllowed, type OutboundLimits } from '../../src/botframework/reused-connectors.js';
import { listenOnLoopback, readBody, type Listening } from '../support/http.js';
import { message, postJson, startServer, statusOf, type TestServer } from './support.js';

type Behaviour = 'ok' | 'hang' | 'unavailable' | 'badRequest' | 'throttled';

/** A stand-in channel that answers each reply posted to it as told, then "ok". */
async function startChannel(host = '127.0.0.1'): Promise<Listening & { requests: () => number; next: (...behaviours: Behaviour[]) => void }> {
  const planned: Behaviour[] = [];
  const hanging: ServerResponse[] = [];
  let requests = 0;
  const server = createHttpServer((req, res) => {
    void readBody(req).then(() => {
      requests += 1;
      const behaviour = planned.shift() ?? 'ok';
      if (behaviour === 'hang') {
        hanging.push(res);
        return;
      }
      const status = { ok: 200, unavailable: 503, badRequest: 400, throttled: 429 }[behaviour];
      res.writeHead(status, { 'content-type': 'application/json', ...(behaviour === 'throttled' ? { 'retry-after': '100' } : {}) });
      res.end(JSON.stringify(status === 200 ? { id: `reply-${requests}` } : { error: { code: 'x', message: 'refused' } }));
    });
  });
  const listening = await (host === '127.0.0.1'
    ? listenOnLoopback(server)
    : new Promise<Listening>((resolve) =>
        server.listen(0, host, () => {
          const address = server.address();
          const port = typeof address === 'object' && address !== null ? address.port : 0;
          resolve({ url: `http://${host}:${port}`, close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }) });
        }),
      ));
  return {
    ...listening,
    requests: () => requests,
    next: (...behaviours) => planned.push(...behaviours),
    close: async () => {
      for (const res of hanging) res.destroy();
      await listening.close();
    },
  };
}

/** "help" as a channel sends it, the replies to be posted to `serviceUrl`. */
function helpTo(serviceUrl: string): Record<string, unknown> {
  // No deliveryMode: the replies are posted to the channel, not returned in the response.
  return message({ serviceUrl, conversation: { id: `outbound-${Math.random()}` }, deliveryMode: undefined });
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = Date.now();
  await run();
  return Date.now() - started;
}

describe('replies posted to a channel', function () {
  this.timeout(60_000);
  let server: TestServer;
  let channel: Awaited<ReturnType<typeof startChannel>>;
  /** How many replies "help" posts when nothing fails. */
  let helpReplies = 0;

  before(async () => {
    server = await startServer({ env: { OUTBOUND_TIMEOUT_MS: '1000', OUTBOUND_DEADLINE_MS: '2500' } });
    channel = await startChannel();
  });

  after(async () => {
    await channel?.close();
    await server?.close();
  });

  it('are posted to the channel on this machine', async () => {
    const before = channel.requests();
    expect(await statusOf(postJson(`${server.url}/api/messages`, helpTo(channel.url)))).to.equal(200);
    helpReplies = channel.requests() - before;
    expect(helpReplies).to.be.above(0);
  });

  it('are tried again after a 503, and arrive', async () => {
    const before = channel.requests();
    channel.next('unavailable');
    expect(await statusOf(postJson(`${server.url}/api/messages`, helpTo(channel.url)))).to.equal(200);
    // One 503, then delivered; nothing else failed, so no apology was sent.
    expect(channel.requests() - before).to.equal(helpReplies + 1);
  });

  it('are not tried again after a 400', async () => {
    const before = channel.requests();
    channel.next('badRequest', 'badRequest');
    await statusOf(postJson(`${server.url}/api/messages`, helpTo(channel.url)));
    // The reply once, and the apology for the failed turn once: neither repeated.
    expect(channel.requests() - before).to.equal(2);
  });

  it('give up on a channel that does not answer, after the timeout', async () => {
    channel.next('hang', 'hang');
    const ms = await timed(() => statusOf(postJson(`${server.url}/api/messages`, helpTo(channel.url))));
    // The reply's attempt and the apology's, a second each; the server answers the request either way.
    expect(ms).to.be.within(1500, 6000);
  });

  it('wait no longer than the deadline for a channel asking to be retried in 100 seconds', async () => {
    channel.next('throttled', 'throttled');
    const ms = await timed(() => statusOf(postJson(`${server.url}/api/messages`, helpTo(channel.url))));
    expect(ms).to.be.below(8000);
  });

  describe('to an address elsewhere (this machine by another of its addresses)', () => {
    let remote: Awaited<ReturnType<typeof startChannel>> | undefined;

    before(async function () {
      const elsewhere = Object.values(networkInterfaces())
        .flat()
        .find((address) => address?.family === 'IPv4' && !address.internal)?.address;
      if (elsewhere === undefined) this.skip();
      remote = await startChannel(elsewhere);
    });

    after(async () => {
      await remote?.close();
    });

    it('are not posted when an unauthenticated caller names it', async () => {
      if (!remote) throw new Error('no remote channel');
      await statusOf(postJson(`${server.url}/api/messages`, helpTo(remote.url)));
      expect(remote.requests()).to.equal(0);
      expect(await statusOf(postJson(`${server.url}/api/messages`, message())), 'the server still serves').to.equal(200);
    });

    it('are posted once ALLOWED_SERVICE_URLS names it', async () => {
      if (!remote) throw new Error('no remote channel');
      const allowing = await startServer({ env: { ALLOWED_SERVICE_URLS: new URL(remote.url).origin } });
      try {
        await statusOf(postJson(`${allowing.url}/api/messages`, helpTo(remote.url)));
        expect(remote.requests()).to.be.above(0);
      } finally {
        await allowing.close();
      }
    });
  });
});

describe('which service URLs replies may go to', () => {
  const local: OutboundLimits = { ...DEFAULT_OUTBOUND_LIMITS, allowedOrigins: ['https://bots.example.org'] };
  const authenticated: OutboundLimits = { ...DEFAULT_OUTBOUND_LIMITS, authenticated: true };

  for (const url of ['http://localhost:53111/', 'http://127.0.0.1:9/', 'http://[::1]:8080', 'https://bots.example.org/api/']) {
    it(`allows ${url} without authentication`, () => {
      expect(serviceUrlAllowed(url, local)).to.equal(true);
    });
  }

  for (const url of ['http://169.254.169.254/latest/', 'http://10.0.0.5:8080/', 'https://bots.example.org.evil.test/', 'http://localhost.evil.test/', 'file:///etc/passwd', 'not a url']) {
    it(`refuses ${url} without authentication`, () => {
      expect(serviceUrlAllowed(url, local)).to.equal(false);
    });
  }

  it("allows only the token's service URL when the token names one", () => {
    const token = 'https://smba.trafficmanager.net/emea/';
    expect(serviceUrlAllowed('https://smba.trafficmanager.net/emea', authenticated, token)).to.equal(true);
    expect(serviceUrlAllowed('https://smba.trafficmanager.net/amer/', authenticated, token)).to.equal(false);
    expect(serviceUrlAllowed('http://127.0.0.1:9/', authenticated, token)).to.equal(false);
  });
});
