// The local Direct Line 3.0 endpoints over HTTP: conversations, tokens, activities and watermarks,
// what they refuse, CORS, and the configuration switch.
import { mock } from 'node:test';
import { expect } from 'chai';
import { z } from 'zod';
import { startLocalServer, type LocalServer } from './local-server.js';

const ConversationBody = z.object({ conversationId: z.string().min(1), token: z.string().min(20), expires_in: z.number() });
const Account = z.object({ id: z.string(), name: z.string().optional(), role: z.string().optional() });
const ChannelActivity = z.looseObject({
  type: z.string(),
  id: z.string(),
  timestamp: z.string(),
  text: z.string().optional(),
  from: Account,
  replyToId: z.string().optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
  attachments: z.array(z.looseObject({ contentType: z.string(), content: z.unknown() })).optional(),
  suggestedActions: z.object({ actions: z.array(z.looseObject({ title: z.string().optional(), value: z.unknown() })) }).optional(),
});
const ActivitySet = z.object({ activities: z.array(ChannelActivity), watermark: z.string() });
const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
const PostResult = z.object({ id: z.string() });

type Conversation = z.infer<typeof ConversationBody>;

function post(url: string, body: unknown, token?: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('local Direct Line endpoints', () => {
  let server: LocalServer;
  let base: string;

  before(async () => {
    server = await startLocalServer();
    base = `${server.url}/v3/directline`;
  });

  after(async () => {
    await server?.close();
  });

  async function startConversation(body: unknown = {}): Promise<Conversation> {
    const response = await post(`${base}/conversations`, body);
    expect(response.status).to.equal(201);
    return ConversationBody.parse(await response.json());
  }

  async function activities(conversation: Conversation, watermark = '') {
    const response = await fetch(`${base}/conversations/${conversation.conversationId}/activities?watermark=${watermark}`, {
      headers: { authorization: `Bearer ${conversation.token}` },
    });
    expect(response.status).to.equal(200);
    return ActivitySet.parse(await response.json());
  }

  async function send(conversation: Conversation, activity: Record<string, unknown>): Promise<string> {
    const response = await post(`${base}/conversations/${conversation.conversationId}/activities`, activity, conversation.token);
    expect(response.status).to.equal(200);
    return PostResult.parse(await response.json()).id;
  }

  describe('starting a conversation', () => {
    it('starts one without a token and has the welcome waiting in it', async () => {
      const conversation = await startConversation({ user: { id: 'user-7', name: 'Mei' } });
      const { activities: list, watermark } = await activities(conversation);
      const welcome = list.find((a) => a.type === 'message');
      expect(welcome?.text).to.include("I'm Filing Assistant");
      expect(welcome?.from.role).to.equal('bot');
      expect(Number(watermark)).to.equal(list.length);
      expect(list.every((a) => a.id.startsWith(`${conversation.conversationId}|`))).to.equal(true);
    });

    it('starts the conversation of a generated token once, then returns it as it is', async () => {
      const generated = await post(`${base}/tokens/generate`, { user: { id: 'user-8' } });
      expect(generated.status).to.equal(200);
      const token = ConversationBody.parse(await generated.json());
      const first = await post(`${base}/conversations`, {}, token.token);
      expect(first.status).to.equal(201);
      expect(ConversationBody.parse(await first.json()).conversationId).to.equal(token.conversationId);
      const again = await post(`${base}/conversations`, {}, token.token);
      expect(again.status).to.equal(200);
      const welcomes = (await activities(token)).activities.filter((a) => a.type === 'message');
      expect(welcomes, 'one welcome, not two').to.have.length(1);
    });

    it('treats "Bearer undefined" (Web Chat without a token) as no token', async () => {
      const response = await post(`${base}/conversations`, {}, 'undefined');
      expect(response.status).to.equal(201);
    });

    it('refuses an unknown token with 403', async () => {
      const response = await post(`${base}/conversations`, {}, 'not-a-token-this-server-gave');
      expect(response.status).to.equal(403);
      expect(ErrorBody.parse(await response.json()).error.code).to.equal('TokenExpired');
    });

    it('refreshes a token it gave, and refuses one it did not', async () => {
      const conversation = await startConversation();
      const refreshed = await post(`${base}/tokens/refresh`, {}, conversation.token);
      expect(refreshed.status).to.equal(200);
      expect(ConversationBody.parse(await refreshed.json()).conversationId).to.equal(conversation.conversationId);
      expect((await post(`${base}/tokens/refresh`, {}, 'forged')).status).to.equal(403);
    });
  });

  describe('posting and polling', () => {
    it('echoes the posted activity with its id and clientActivityID, then the replies to it', async () => {
      const conversation = await startConversation();
      const { watermark } = await activities(conversation);
      const id = await send(conversation, {
        type: 'message',
        text: 'how long does the cancellation review take?',
        from: { id: 'user-9', name: 'Mei', role: 'user' },
        channelData: { clientActivityID: 'client-1' },
      });
      const { activities: after, watermark: next } = await activities(conversation, watermark);
      expect(after[0]).to.include({ id, type: 'message', text: 'how long does the cancellation review take?' });
      expect(after[0]?.channelData).to.deep.equal({ clientActivityID: 'client-1' });
      // The token's user, not the id the client sent (test/security/directline-identity.test.ts).
      const joined = (await activities(conversation)).activities.find((a) => a.type === 'conversationUpdate');
      expect(after[0]?.from).to.deep.equal({ id: joined?.from.id, name: 'Mei', role: 'user' });
      expect(after[0]?.from.id).to.not.equal('user-9');
      const answer = after.find((a) => a.type === 'message' && a.from.role === 'bot');
      expect(answer?.text).to.include('3 to 20 business days');
      expect(answer?.replyToId).to.equal(id);
      expect(Number(next)).to.equal(Number(watermark) + after.length);
      expect((await activities(conversation, next)).activities, 'nothing after the last watermark').to.deep.equal([]);
    });

    it('numbers activities in order with strictly increasing timestamps', async () => {
      const conversation = await startConversation();
      await send(conversation, { type: 'message', text: 'help' });
      const { activities: list } = await activities(conversation);
      list.forEach((activity, index) => expect(activity.id).to.equal(`${conversation.conversationId}|${index}`));
      const times = list.map((a) => Date.parse(a.timestamp));
      for (let i = 1; i < times.length; i += 1) expect(times[i]).to.be.greaterThan(times[i - 1] ?? 0);
    });

    it('passes an Adaptive Card submit (a value, no text) to the bot', async () => {
      const conversation = await startConversation();
      await send(conversation, { type: 'message', text: 'cancel the website example.cn, 京ICP备12345678号-1' });
      await send(conversation, { type: 'message', text: 'Cancel the whole website' });
      await send(conversation, { type: 'message', text: 'Yes, I am the subject' });
      const before = await activities(conversation);
      const card = before.activities.flatMap((a) => a.attachments ?? []).find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
      expect(card, 'the summary card').to.not.equal(undefined);
      await send(conversation, { type: 'message', value: { answer: 'Confirm' } });
      const { activities: after } = await activities(conversation, before.watermark);
      expect(after.map((a) => a.text ?? '').join('\n')).to.match(/Recorded: order \*\*FA-/);
    });
  });

  describe('what it refuses', () => {
    let conversation: Conversation;
    let other: Conversation;

    before(async () => {
      conversation = await startConversation();
      other = await startConversation();
    });

    const path = () => `${base}/conversations/${conversation.conversationId}/activities`;

    it('refuses polling without a token with 401', async () => {
      const response = await fetch(path());
      expect(response.status).to.equal(401);
      ErrorBody.parse(await response.json());
    });

    it("refuses another conversation's token with 403", async () => {
      const response = await fetch(path(), { headers: { authorization: `Bearer ${other.token}` } });
      expect(response.status).to.equal(403);
    });

    it('answers an unknown conversation with 404', async () => {
      const response = await fetch(`${base}/conversations/local-nobody/activities`, { headers: { authorization: `Bearer ${conversation.token}` } });
      expect(response.status).to.equal(404);
    });

    it('refuses a watermark that is not a number with 400', async () => {
      const response = await fetch(`${path()}?watermark=abc`, { headers: { authorization: `Bearer ${conversation.token}` } });
      expect(response.status).to.equal(400);
      expect(ErrorBody.parse(await response.json()).error.message).to.match(/watermark/);
    });

    const badBodies: { name: string; body: unknown }[] = [
      { name: 'an invoke', body: { type: 'invoke', name: 'adaptiveCard/action' } },
      { name: 'no type', body: { text: 'hello' } },
      { name: 'a text over 10,000 characters', body: { type: 'message', text: 'a'.repeat(10_001) } },
      { name: 'a text that is not a string', body: { type: 'message', text: 42 } },
      { name: 'broken JSON', body: '{"type": "message", "text": "hel' },
    ];
    for (const { name, body } of badBodies) {
      it(`refuses ${name} with 400 and runs no turn`, async () => {
        const before = await activities(conversation);
        const response = await post(path(), body, conversation.token);
        expect(response.status).to.equal(400);
        await response.arrayBuffer();
        expect((await activities(conversation, before.watermark)).activities).to.deep.equal([]);
      });
    }
  });

  describe('a turn that fails', () => {
    let quiet: ReturnType<typeof mock.method> | undefined;

    afterEach(() => quiet?.mock.restore());

    it('still answers the user with the apology, not internal text', async () => {
      const conversation = await startConversation();
      const { watermark } = await activities(conversation);
      quiet = mock.method(process.stderr, 'write', () => true);
      const failing = mock.method(server.parts.bot, 'run', async () => {
        throw new Error('internal detail that must not leak');
      });
      try {
        await send(conversation, { type: 'message', text: 'help' });
      } finally {
        failing.mock.restore();
        quiet.mock.restore();
      }
      const texts = (await activities(conversation, watermark)).activities.map((a) => a.text ?? '');
      expect(texts).to.include(server.parts.knowledge.catalogue.text('en', 'edge.turnFailed'));
      expect(texts.join('\n')).to.not.include('internal detail');
    });
  });

  describe('same origin only', () => {
    it('answers a cross-origin preflight without allowing the origin, so a page elsewhere cannot drive the bot', async () => {
      const response = await fetch(`${base}/conversations/x/activities`, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://evil.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,x-ms-bot-agent',
        },
      });
      expect(response.headers.get('access-control-allow-origin')).to.equal(null);
      await response.arrayBuffer();
    });

    it('allows no other origin to read the answers', async () => {
      const response = await post(`${base}/conversations`, {});
      expect(response.headers.get('access-control-allow-origin')).to.equal(null);
      await response.arrayBuffer();
    });
  });
});
