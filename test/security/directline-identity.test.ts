// The local Direct Line binds each token to one user: a client cannot act as another user, whatever
// ids it sends when it starts a conversation or posts to one, and its memory stays bounded: an
// oversized activity gets 413, a full channel 429, and live conversations are never pushed out.
import { expect } from 'chai';
import { startLocalServer, type LocalServer } from '../channels/directline/local-server.js';
import { RECORDED } from '../support/server-process.js';
import { botSaid, DirectLineConversation, post } from './directline-client.js';
import { PRODUCTION_ENV } from './support.js';

const ICP_NUMBER = '京ICP备24681357号-1';
const CANCEL_UP_TO_CONFIRM = [`cancel the website shop.example.cn, ${ICP_NUMBER}`, 'Cancel the whole website', 'Yes, I am the subject', 'Confirm'];

/** A local server with `env` for the enclosing describe; its Direct Line base URL, once started. */
function localDirectLine(env: Record<string, string> = {}): () => string {
  let server: LocalServer | undefined;
  before(async () => {
    server = await startLocalServer(env);
  });
  after(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error('the server did not start');
    return `${server.url}/v3/directline`;
  };
}

describe('the local Direct Line binds each token to one user', () => {
  for (const [setting, env] of [
    ['local configuration', {}],
    ['production configuration with LOCAL_DIRECTLINE=on', { ...PRODUCTION_ENV, LOCAL_DIRECTLINE: 'on' }],
  ] as const) {
    describe(`in ${setting}`, () => {
      const base = localDirectLine(env);
      let alice: DirectLineConversation;
      let aliceId: string;
      let orderId: string;

      before(async () => {
        alice = await DirectLineConversation.start(base(), { user: { id: 'alice', name: 'Alice' } });
        aliceId = await alice.boundUserId();
        let said = '';
        for (const text of CANCEL_UP_TO_CONFIRM) said = botSaid(await alice.say(text, 'alice'));
        const recorded = RECORDED.exec(said);
        if (!recorded?.[1]) throw new Error(`Alice's order was not recorded:\n${said}`);
        orderId = recorded[1];
      });

      it('gives the user an id of its own, not the one the client asked for', () => {
        expect(aliceId).to.match(/^user-/).and.not.equal('alice');
      });

      it("lists Alice's order to Alice, whatever id her client sends", async () => {
        expect(botSaid(await alice.say('my orders', 'someone-else'))).to.include(orderId);
      });

      it("shows Bob none of Alice's orders when his client sends her bound id", async () => {
        const bob = await DirectLineConversation.start(base());
        const activities = await bob.say('my orders', aliceId);
        expect(activities[0]?.from.id, 'the echo names the token user').to.equal(await bob.boundUserId());
        expect(botSaid(activities)).to.not.include(orderId);
      });

      it("shows Bob none of Alice's orders when he starts a conversation asking for her id", async () => {
        const generated = await post(`${base()}/tokens/generate`, { user: { id: aliceId } });
        expect(generated.status).to.equal(200);
        const bob = await DirectLineConversation.start(base(), { user: { id: aliceId } });
        expect(await bob.boundUserId()).to.not.equal(aliceId);
        expect(botSaid(await bob.say('my orders', aliceId))).to.not.include(orderId);
      });

      it("does not let Bob withdraw Alice's order by its id, sending her id", async () => {
        const bob = await DirectLineConversation.start(base());
        await bob.say(`withdraw ${orderId}`, aliceId);
        await bob.say('Yes', aliceId);
        expect(botSaid(await alice.say('my orders'))).to.include(orderId).and.not.match(/withdrawn/i);
      });

      it("refuses Bob's token on Alice's conversation with 403", async () => {
        const bob = await DirectLineConversation.start(base());
        const response = await post(`${base()}/conversations/${alice.conversation.conversationId}/activities`, { type: 'message', text: 'my orders' }, bob.conversation.token);
        expect(response.status).to.equal(403);
      });
    });
  }
});

describe('the local Direct Line keeps its memory bounded', () => {
  describe('with the default limits', () => {
    const base = localDirectLine();

    it('refuses an activity over 64 KiB with 413 and keeps the conversation going', async () => {
      const conversation = await DirectLineConversation.start(base());
      const response = await conversation.send({ type: 'event', name: 'bulk', value: 'x'.repeat(70 * 1024) });
      expect(response.status).to.equal(413);
      expect(botSaid(await conversation.say('how long does the cancellation review take?'))).to.include('business days');
    });
  });

  describe('at the conversation limit', () => {
    const base = localDirectLine({ DIRECTLINE_MAX_CONVERSATIONS: '2' });

    it('refuses a new conversation with 429 and Retry-After, and the live ones keep working', async () => {
      const first = await DirectLineConversation.start(base());
      const second = await DirectLineConversation.start(base());
      const third = await post(`${base()}/conversations`, {});
      expect(third.status).to.equal(429);
      expect(third.headers.get('retry-after')).to.match(/^\d+$/);
      expect((await post(`${base()}/tokens/generate`, {})).status).to.equal(429);
      for (const conversation of [first, second]) {
        expect(botSaid(await conversation.say('how long does the cancellation review take?'))).to.include('business days');
      }
    });
  });

  describe('at the byte limit of all conversations', () => {
    const base = localDirectLine({
        DIRECTLINE_MAX_ACTIVITY_BYTES: String(250 * 1024),
        DIRECTLINE_MAX_CONVERSATION_BYTES: String(1024 * 1024),
        DIRECTLINE_MAX_TOTAL_BYTES: String(1024 * 1024),
      });

    it("refuses a post with 429 rather than drop another conversation's activities, and lets a conversation reuse its own room", async () => {
      const large = { type: 'event', name: 'bulk', value: 'x'.repeat(240 * 1024) };
      const filler = await DirectLineConversation.start(base());
      const other = await DirectLineConversation.start(base());
      for (let i = 0; i < 4; i += 1) expect((await filler.send(large)).status).to.equal(200);
      const refused = await other.send(large);
      expect(refused.status).to.equal(429);
      expect((await other.poll('')).activities.length, "the other conversation's welcome is still there").to.be.above(0);
      expect((await filler.send(large)).status, 'the filler gives up its own oldest activities').to.equal(200);
    });
  });
});
