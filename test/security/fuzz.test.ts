// Thousands of generated requests to every endpoint: arbitrary JSON, arbitrary bytes, deep nesting,
// activity-like objects with wrong or huge fields, random queries, ids, tokens and watermarks. No
// request may get a 5xx, none that is refused may reach the bot or the disk, no order appears, and
// the server keeps answering. All traffic stays on 127.0.0.1.
import { expect } from 'chai';
import fc from 'fast-check';
import { z } from 'zod';
import { startChannel, startServer, type Listening, type TestServer } from './support.js';

interface Sent {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Percent-encodes the UTF-8 bytes of any string (lone surrogates become U+FFFD, as a browser sends them). */
function encodeBytes(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
}

/** JSON values that are never strings: a stray string could be a URL somewhere off this machine. */
const nonString = fc.jsonValue({ maxDepth: 3 }).filter((value) => typeof value !== 'string');
const shortText = fc.string({ maxLength: 40, unit: 'binary' });
const anyText = fc.oneof(fc.string({ maxLength: 200, unit: 'grapheme' }), fc.string({ maxLength: 80, unit: 'binary' }));
/** Texts around and far over the limit, cheap to generate. */
const hugeText = fc.integer({ min: 3990, max: 40_000 }).chain((length) => fc.constantFrom('a', '注', '🙂', ' ').map((c) => c.repeat(length)));
const account = fc.oneof(fc.record({ id: fc.oneof(shortText, nonString), name: shortText, role: fc.constantFrom('user', 'bot', 'skill') }, { requiredKeys: [] }), nonString);
const activityType = fc.oneof(
  fc.constantFrom('message', 'message', 'message', 'conversationUpdate', 'invoke', 'event', 'typing', 'messageReaction', 'installationUpdate', 'endOfConversation', 'handoff', 'trace', ''),
  shortText,
  nonString,
);
/** Nesting of arrays and objects, from shallow to thousands of levels. */
const deepJson = fc
  .tuple(fc.integer({ min: 1, max: 5000 }), fc.constantFrom('[', '{"a":'))
  .map(([levels, open]) => `{"type":"message","value":${open.repeat(levels)}1${(open === '[' ? ']' : '}').repeat(levels)}}`);

/** What replaces a field of a valid activity: missing, of the wrong type, huge, deep or hostile. */
const hostile = fc.oneof(
  fc.constant(undefined),
  nonString,
  shortText,
  hugeText,
  activityType,
  account,
  fc.constantFrom('not a url', 'javascript:alert(1)', 'file:///etc/passwd', 'ftp://127.0.0.1/', 'http://', 'invoke', ''),
  fc.jsonValue({ maxDepth: 40 }),
  fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 200 }),
);

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/vnd.activity+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'text/csv',
  'application/octet-stream',
  '',
];

const FIRST_SERVER_ERROR = 500;

/** A serviceUrl the bot would post replies to is never anywhere but this machine. */
function stayLocal(activity: Record<string, unknown>): Record<string, unknown> {
  const url = activity.serviceUrl;
  if (typeof url === 'string' && URL.canParse(url) && new URL(url).hostname !== '127.0.0.1') return { ...activity, serviceUrl: 'not a url' };
  return activity;
}

describe('fuzzing the HTTP endpoints', function () {
  this.timeout(180_000);
  let server: TestServer;
  let channel: Listening & { posts: () => number };

  before(async () => {
    server = await startServer();
    channel = await startChannel();
  });

  after(async () => {
    await server?.close();
    await channel?.close();
  });

  /** Sends a request and returns its status; any 5xx fails with the request that caused it. */
  async function send(request: Sent): Promise<number> {
    const response = await fetch(`${server.url}${request.path}`, {
      method: request.method,
      headers: request.headers ?? {},
      ...(request.body === undefined ? {} : { body: request.body }),
    });
    const text = await response.text();
    if (response.status >= FIRST_SERVER_ERROR) {
      throw new Error(`${request.method} ${request.path} answered ${response.status} ${text.slice(0, 300)}\nto ${JSON.stringify(request).slice(0, 600)}`);
    }
    return response.status;
  }

  /** Posts to /api/messages; a refused request must not have reached the bot. */
  async function sendMessage(body: string, contentType = 'application/json'): Promise<number> {
    const turns = server.turns();
    const status = await send({ method: 'POST', path: '/api/messages', headers: contentType === '' ? {} : { 'content-type': contentType }, body });
    if (status >= 400) expect(server.turns(), `a refused message reached the bot: ${body.slice(0, 300)}`).to.equal(turns);
    return status;
  }

  /** Runs `property` and checks that no conversation state was written meanwhile. */
  async function writesNothing(property: () => Promise<void>): Promise<void> {
    const stateFiles = server.stateFiles();
    await property();
    expect(server.stateFiles(), 'conversation state files').to.equal(stateFiles);
  }

  it('answers 2,000 generated bodies on /api/messages with no 5xx, and nothing refused reaches the bot', async () => {
    await writesNothing(() =>
      fc.assert(
        fc.asyncProperty(fc.jsonValue({ maxDepth: 8 }), async (value) => {
          await sendMessage(JSON.stringify(value));
        }),
        { numRuns: 500 },
      ),
    );
    await writesNothing(() =>
      fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 400, unit: 'binary' }), fc.constantFrom(...CONTENT_TYPES), async (body, contentType) => {
          await sendMessage(body, contentType);
        }),
        { numRuns: 300 },
      ),
    );
    await writesNothing(() =>
      fc.assert(
        fc.asyncProperty(deepJson, async (body) => {
          expect(await sendMessage(body)).to.be.within(400, 499);
        }),
        { numRuns: 100 },
      ),
    );

    // Activity-like objects: a valid activity (of a known or unknown type) with none, one or two
    // of its fields replaced by something wrong, missing, huge or hostile.
    const validActivity = fc.record({
      type: fc.constantFrom('message', 'message', 'message', 'message', 'conversationUpdate', 'event', 'typing', 'messageReaction', 'installationUpdate', 'endOfConversation', 'handoff', 'x-unknown'),
      id: fc.uuid(),
      channelId: fc.constantFrom('emulator', 'msteams', 'webchat', 'directline'),
      serviceUrl: fc.constant(channel.url),
      deliveryMode: fc.constantFrom('expectReplies', 'expectReplies', 'normal'),
      from: fc.record({ id: fc.constantFrom('user-a', 'user-b', 'user-c'), name: shortText }),
      recipient: fc.constant({ id: 'filing-assistant', name: 'Filing Assistant' }),
      conversation: fc.record({ id: fc.integer({ min: 1, max: 12 }).map((n) => `fuzz-${n}`) }),
      text: fc.oneof(anyText, fc.constantFrom('help', 'my orders', 'withdraw FA-ABCDEF', 'how long does the cancellation review take?', '注销备案要多久')),
      membersAdded: fc.array(fc.record({ id: fc.constantFrom('user-a', 'filing-assistant') }), { maxLength: 2 }),
      timestamp: fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }).map((d) => d.toISOString()),
      value: fc.jsonValue({ maxDepth: 4 }),
    });
    type ValidActivity = typeof validActivity extends fc.Arbitrary<infer T> ? T : never;
    const field = fc.constantFrom<keyof ValidActivity>('type', 'id', 'channelId', 'serviceUrl', 'deliveryMode', 'from', 'recipient', 'conversation', 'text', 'membersAdded', 'timestamp', 'value');
    const activity = fc
      .tuple(validActivity, fc.array(fc.tuple(field, hostile), { maxLength: 2 }))
      .map(([base, changes]) => {
        const changed: Record<string, unknown> = { ...base };
        for (const [key, value] of changes) changed[key] = value;
        return stayLocal(changed);
      });
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(activity, async (body) => {
        const stateFiles = server.stateFiles();
        const status = await sendMessage(JSON.stringify(body));
        const tookMessage = status < 300 && body.type === 'message';
        if (tookMessage) accepted += 1;
        else expect(server.stateFiles(), `state written for ${JSON.stringify(body).slice(0, 300)}`).to.equal(stateFiles);
      }),
      { numRuns: 1100 },
    );
    // Most of them are still activities the bot takes, so the turns themselves are fuzzed too.
    expect(accepted).to.be.above(100);
  });

  it('answers generated queries on the operator endpoints with no 5xx', async () => {
    const query = fc.oneof(
      fc.string({ maxLength: 300, unit: 'binary' }).map((q) => `q=${encodeBytes(q)}`),
      fc.string({ maxLength: 1200, unit: 'grapheme-ascii' }).map((q) => `q=${encodeURIComponent(q)}`),
      fc.array(fc.constantFrom('%', 'zz', 'E0', '%ff', '%00', 'q', '=', '&', '[', ']', 'a', '__proto__', '+', '%2'), { maxLength: 30 }).map((parts) => parts.join('')),
    );
    await writesNothing(() =>
      fc.assert(
        fc.asyncProperty(fc.constantFrom('/api/ask', '/api/recognize'), query, async (path, q) => {
          await send({ method: 'GET', path: `${path}?${q}` });
        }),
        { numRuns: 400 },
      ),
    );
  });

  it('answers generated requests to the local Direct Line with no 5xx', async () => {
    const directLine = '/v3/directline';
    const started = await fetch(`${server.url}${directLine}/conversations`, { method: 'POST' });
    const conversation = z.object({ conversationId: z.string(), token: z.string() }).parse(await started.json());
    const token = fc.oneof({ arbitrary: fc.constant(conversation.token), weight: 4 }, fc.stringMatching(/^[!-~]{1,60}$/), fc.constant('undefined'));
    const body = fc.oneof(fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)), fc.string({ maxLength: 200, unit: 'binary' }));
    const startBody = fc.oneof(body, fc.record({ user: account, locale: shortText }, { requiredKeys: [] }).map((v) => JSON.stringify(v)));

    await writesNothing(() =>
      fc.assert(
        fc.asyncProperty(
          fc.constantFrom('conversations', 'tokens/generate', 'tokens/refresh'),
          startBody,
          fc.constantFrom(...CONTENT_TYPES),
          fc.option(token),
          async (endpoint, sentBody, contentType, bearer) => {
            await send({
              method: 'POST',
              path: `${directLine}/${endpoint}`,
              headers: { ...(contentType === '' ? {} : { 'content-type': contentType }), ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }) },
              body: sentBody,
            });
          },
        ),
        { numRuns: 200 },
      ),
    );

    const conversationId = fc.oneof(
      { arbitrary: fc.constant(conversation.conversationId), weight: 4 },
      shortText,
      fc.string({ minLength: 129, maxLength: 300, unit: 'grapheme-ascii' }),
    );
    const watermark = fc.oneof(fc.nat().map(String), shortText, fc.constant('99999999999999999999'), fc.constant('-1'));
    await writesNothing(() =>
      fc.assert(
        fc.asyncProperty(conversationId, watermark, fc.option(token), async (id, mark, bearer) => {
          await send({
            method: 'GET',
            path: `${directLine}/conversations/${encodeBytes(id)}/activities?watermark=${encodeBytes(mark)}`,
            headers: bearer === null ? {} : { authorization: `Bearer ${bearer}` },
          });
        }),
        { numRuns: 200 },
      ),
    );

    // As for /api/messages: a valid posted activity with none, one or two fields made hostile, or junk.
    const validPost = fc.record({
      type: fc.constantFrom('message', 'message', 'message', 'event', 'typing'),
      text: anyText,
      from: fc.constant({ id: 'user-a', name: 'A' }),
      value: fc.jsonValue({ maxDepth: 4 }),
      channelData: fc.dictionary(shortText, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 3 }),
      entities: fc.array(fc.record({ type: shortText }), { maxLength: 3 }),
    });
    type ValidPost = typeof validPost extends fc.Arbitrary<infer T> ? T : never;
    const postField = fc.constantFrom<keyof ValidPost>('type', 'text', 'from', 'value', 'channelData', 'entities');
    const posted = fc.oneof(
      body,
      {
        arbitrary: fc.tuple(validPost, fc.array(fc.tuple(postField, hostile), { maxLength: 2 })).map(([base, changes]) => {
          const changed: Record<string, unknown> = { ...base };
          for (const [key, value] of changes) changed[key] = value;
          return JSON.stringify(changed);
        }),
        weight: 3,
      },
    );
    let postedTurns = 0;
    await fc.assert(
      fc.asyncProperty(conversationId, posted, fc.option(token), async (id, sentBody, bearer) => {
        const turns = server.turns();
        const status = await send({
          method: 'POST',
          path: `${directLine}/conversations/${encodeBytes(id)}/activities`,
          headers: { 'content-type': 'application/json', ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }) },
          body: sentBody,
        });
        if (status >= 400) expect(server.turns(), 'a refused activity reached the bot').to.equal(turns);
        else if (status === 200) postedTurns += 1;
      }),
      { numRuns: 300 },
    );
    expect(postedTurns, 'activities the local Direct Line ran').to.be.above(20);
  });

  it('still answers /healthz and a normal message afterwards, and no order was recorded', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).to.equal(200);
    const response = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        channelId: 'emulator',
        deliveryMode: 'expectReplies',
        from: { id: 'after-fuzz' },
        conversation: { id: 'after-fuzz' },
        text: 'how long does the cancellation review take?',
      }),
    });
    expect(response.status).to.equal(200);
    expect(await response.text()).to.include('business days');
    expect(server.orders()).to.equal(0);
  });
});
