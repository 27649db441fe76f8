// Request bodies are bounded in size and shape: whatever arrives at /api/messages that is not a
// sane activity gets a 4xx (or, for an activity type the bot does not know, is ignored), nothing
// of it reaches the bot or the disk, and the server keeps answering.
import { request } from 'node:http';
import { mock } from 'node:test';
import { gzipSync } from 'node:zlib';
import { expect } from 'chai';
import { MAX_ACTIVITY_TEXT_CHARS, MAX_BODY_BYTES, MAX_BODY_DEPTH } from '../../src/http/server.js';
import { ExpectedReplies, message, postJson, RefusalBody, startServer, statusOf, type TestServer } from './support.js';

interface RawAnswer {
  status: number;
  body: string;
}

/** A request written by hand: any headers, the body in chunks (chunked unless a length is given). */
function rawRequest(url: string, headers: Record<string, string | number>, chunks: (string | Buffer)[]): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    // The server may answer and close before the whole body is written; the answer is what counts.
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

/** Objects and arrays nested `levels` deep: nested(1) is {}, nested(2) is [{}]. */
function nested(levels: number): unknown {
  let value: unknown = {};
  for (let level = 1; level < levels; level++) value = level % 2 === 0 ? [value] : { inner: value };
  return value;
}

describe('request bodies on /api/messages', () => {
  let server: TestServer;
  let messages: string;
  let quiet: ReturnType<typeof mock.method> | undefined;

  before(async () => {
    server = await startServer();
    messages = `${server.url}/api/messages`;
  });

  after(async () => {
    await server?.close();
  });

  afterEach(() => quiet?.mock.restore());

  /** Posts `body` as it is and expects `status` (and, for refusals, the { code, message } body); nothing reaches the bot. */
  async function expectAnswer(status: number, body: unknown, headers: Record<string, string> = {}): Promise<string> {
    const before = { turns: server.turns(), stateFiles: server.stateFiles() };
    const response = await postJson(messages, body, headers);
    expect(response.status).to.equal(status);
    const text = await response.text();
    if (status >= 400) RefusalBody.parse(JSON.parse(text));
    expect(server.stateFiles(), 'conversation state files').to.equal(before.stateFiles);
    if (status >= 400) expect(server.turns(), 'turns that reached the bot').to.equal(before.turns);
    return text;
  }

  describe('what is not JSON', () => {
    it('refuses broken JSON with 400', () => expectAnswer(400, '{"type": "message", "text": "hel'));

    const mediaTypes = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'text/csv'];
    for (const contentType of mediaTypes) {
      it(`refuses a body sent as ${contentType} with 415`, () => expectAnswer(415, JSON.stringify(message()), { 'content-type': contentType }));
    }

    it('refuses a body without a content type with 415', async () => {
      const answer = await rawRequest(messages, { 'content-length': 2 }, ['{}']);
      expect(answer.status).to.equal(415);
    });

    it('refuses a compressed body with 415: restify would count only the compressed bytes against the limit', async () => {
      const turns = server.turns();
      const bomb = gzipSync(JSON.stringify(message({ text: 'a'.repeat(50 * MAX_BODY_BYTES) })));
      expect(bomb.length).to.be.below(MAX_BODY_BYTES);
      const answer = await rawRequest(messages, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': bomb.length }, [bomb]);
      expect(answer.status).to.equal(415);
      expect(server.turns()).to.equal(turns);
    });

    it('accepts application/json with a charset and the +json types', async () => {
      expect(await statusOf(postJson(messages, message(), { 'content-type': 'application/json; charset=utf-8' }))).to.equal(200);
      expect(await statusOf(postJson(messages, message(), { 'content-type': 'application/activity+json' }))).to.equal(200);
    });
  });

  describe('size', () => {
    it(`refuses a body over ${MAX_BODY_BYTES} bytes by its declared length with 413`, () =>
      expectAnswer(413, message({ value: 'a'.repeat(MAX_BODY_BYTES) })));

    it('refuses a chunked body that grows over the limit while it is read with 413', async () => {
      const piece = 'a'.repeat(64 * 1024);
      const chunks = ['{"type":"message","value":"', ...Array.from({ length: 6 }, () => piece), '"}'];
      const answer = await rawRequest(messages, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, chunks);
      expect(answer.status).to.equal(413);
    });

    it(`refuses a text over ${MAX_ACTIVITY_TEXT_CHARS} characters with 413`, async () => {
      const body = await expectAnswer(413, message({ text: 'a'.repeat(MAX_ACTIVITY_TEXT_CHARS + 1) }));
      expect(RefusalBody.parse(JSON.parse(body)).message).to.match(/text/);
    });

    it(`answers a text of exactly ${MAX_ACTIVITY_TEXT_CHARS} characters`, async () => {
      expect(await statusOf(postJson(messages, message({ text: 'how long does cancellation take?'.padEnd(MAX_ACTIVITY_TEXT_CHARS, '?') })))).to.equal(200);
    });
  });

  describe('shape', () => {
    it(`refuses a body nested deeper than ${MAX_BODY_DEPTH} levels with 400`, async () => {
      const body = await expectAnswer(400, message({ value: nested(MAX_BODY_DEPTH) }));
      expect(RefusalBody.parse(JSON.parse(body)).message).to.match(/deeper than 32 levels/);
    });

    it('refuses nesting thousands of levels deep with 400, and keeps serving', async () => {
      await expectAnswer(400, `{"type":"message","value":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
      expect(await statusOf(fetch(`${server.url}/healthz`))).to.equal(200);
    });

    it(`takes a body exactly ${MAX_BODY_DEPTH} levels deep`, async () => {
      expect(await statusOf(postJson(messages, message({ value: nested(MAX_BODY_DEPTH - 1) })))).to.equal(200);
    });

    it('refuses a "__proto__" key anywhere with 400', () => expectAnswer(400, '{"type":"message","channelData":{"__proto__":{"polluted":true}}}'));

    const notActivities: { name: string; body: unknown }[] = [
      { name: 'an array', body: [message()] },
      { name: 'a string', body: '"message"' },
      { name: 'a number', body: '42' },
      { name: 'null', body: 'null' },
      { name: 'an empty body', body: '' },
      { name: 'no type', body: message({ type: undefined }) },
      { name: 'a type that is not a string', body: message({ type: 7 }) },
      { name: 'an empty type', body: message({ type: '' }) },
      { name: 'a type of 65 characters', body: message({ type: 'x'.repeat(65) }) },
      { name: 'an invoke (the bot answers none)', body: message({ type: 'invoke', name: 'adaptiveCard/action' }) },
      { name: 'a text that is not a string', body: message({ text: { nested: 'text' } }) },
      { name: 'no conversation', body: message({ conversation: undefined }) },
      { name: 'a conversation without an id', body: message({ conversation: { name: 'x' } }) },
      { name: 'no sender', body: message({ from: undefined }) },
      { name: 'a sender whose id is a number', body: message({ from: { id: 12 } }) },
      { name: 'no channel', body: message({ channelId: undefined }) },
      { name: 'a serviceUrl that is no URL', body: message({ serviceUrl: 'not a url' }) },
      { name: 'a javascript: serviceUrl', body: message({ serviceUrl: 'javascript:alert(1)' }) },
      { name: 'a file: serviceUrl', body: message({ serviceUrl: 'file:///etc/passwd' }) },
      { name: 'no serviceUrl for a reply posted in normal delivery', body: message({ serviceUrl: undefined, deliveryMode: undefined }) },
      { name: 'a timestamp that is no date', body: message({ timestamp: 'yesterday-ish' }) },
      { name: 'a thousand entities', body: message({ entities: Array.from({ length: 1000 }, () => ({ type: 'mention' })) }) },
    ];
    for (const { name, body } of notActivities) {
      it(`refuses ${name} with 400`, () => expectAnswer(400, body));
    }
  });

  describe('activity types the bot does not know', () => {
    for (const type of ['foo', 'messageReaction', 'installationUpdate', 'endOfConversation', 'handoff', 'x'.repeat(64)]) {
      it(`ignores a "${type.slice(0, 20)}" activity: 200, no reply, nothing stored`, async () => {
        const turns = server.turns();
        const body = await expectAnswer(200, message({ type, conversation: { id: `unknown-${type.slice(0, 20)}` } }));
        expect(ExpectedReplies.parse(JSON.parse(body)).activities).to.deep.equal([]);
        expect(server.turns()).to.equal(turns + 1);
      });
    }
  });

  describe('errors inside a handler', () => {
    it('answers an exception in an endpoint with a JSON 500 that does not repeat its message, and keeps serving', async () => {
      quiet = mock.method(server.parts.understanding, 'ask', () => {
        throw new Error('internal detail: /srv/knowledge/faq.json line 3');
      });
      const response = await fetch(`${server.url}/api/ask?q=hello`);
      expect(response.status).to.equal(500);
      const body = await response.text();
      expect(RefusalBody.parse(JSON.parse(body))).to.deep.equal({ code: 'Internal', message: 'the server could not handle this request' });
      expect(body).not.to.include('internal detail');
      quiet.mock.restore();
      expect(await statusOf(fetch(`${server.url}/api/ask?q=hello`))).to.equal(200);
    });

    it('answers a failure of the adapter itself with a JSON 500 that does not repeat its message, and keeps serving', async () => {
      quiet = mock.method(server.adapter, 'runActivity', () => Promise.reject(new Error('adapter detail: connector misconfigured')));
      const response = await postJson(messages, message({ conversation: { id: 'failing-adapter' } }));
      expect(response.status).to.equal(500);
      const body = await response.text();
      expect(RefusalBody.parse(JSON.parse(body)).code).to.equal('Internal');
      expect(body).not.to.include('adapter detail');
    });

    it('answers a turn that throws with the apology, not its error text', async () => {
      quiet = mock.method(server.parts.bot, 'run', () => Promise.reject(new Error('turn detail: state corrupt')));
      const response = await postJson(messages, message({ conversation: { id: 'failing-turn' } }));
      expect(response.status).to.equal(200);
      const { activities } = ExpectedReplies.parse(await response.json());
      expect(activities.map((a) => a.text ?? '').join('\n')).to.include('Sorry, something went wrong').and.not.to.include('turn detail');
    });
  });

  it('keeps serving after all of it: /healthz and a normal message still work', async () => {
    expect(await statusOf(fetch(`${server.url}/healthz`))).to.equal(200);
    const response = await postJson(messages, message({ text: 'how long does the cancellation review take?', conversation: { id: 'after-all' } }));
    expect(response.status).to.equal(200);
    const { activities } = ExpectedReplies.parse(await response.json());
    expect(activities.some((a) => a.type === 'message' && (a.text ?? '').includes('business days'))).to.equal(true);
  });
});
