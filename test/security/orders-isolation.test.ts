// A user only ever sees and withdraws their own orders, whatever order id they type and whichever
// conversation they type it in: over real HTTP, with the replies returned in the response body.
import { expect } from 'chai';
import { ExpectedReplies, message, postJson, startServer, type TestServer } from './support.js';

const ORDER_ID = /FA-[23456789A-HJ-NP-Z]{6}/;
/** The refusal for an order that is not the asker's, in English or (for a Chinese message) in Chinese. */
const NOT_FOUND = /I cannot find an order .* among your orders|在您的订单中找不到订单/;
const NO_ORDERS = 'You have no orders with me yet.';
const WEBSITE = '津ICP备20990001号-1';

let sent = 0;

/** One user (from.id) in one conversation, talking to the bot over HTTP. */
function person(server: TestServer, userId: string, conversationId: string) {
  return {
    /** Sends `text` and returns the text of the bot's messages (typing indicators left out). */
    async say(text: string): Promise<string> {
      sent += 1;
      const activity = message({ id: `isolation-${sent}`, text, from: { id: userId, name: userId }, conversation: { id: conversationId } });
      const response = await postJson(`${server.url}/api/messages`, activity);
      expect(response.status, `the answer to "${text}"`).to.equal(200);
      const { activities } = ExpectedReplies.parse(await response.json());
      return activities
        .filter((a) => a.type === 'message')
        .map((a) => a.text ?? '')
        .join('\n-----\n');
    },
  };
}

describe('orders over HTTP belong to the user who placed them', () => {
  let server: TestServer;
  let orderId: string;
  let alice: ReturnType<typeof person>;
  let bob: ReturnType<typeof person>;
  /** Bob, typing in Alice's conversation (a group chat, say). */
  let bobWithAlice: ReturnType<typeof person>;

  before(async () => {
    server = await startServer();
    alice = person(server, 'alice', 'conversation-alice');
    bob = person(server, 'bob', 'conversation-bob');
    bobWithAlice = person(server, 'bob', 'conversation-alice');
    const transcript: string[] = [];
    for (const text of ['I want to transfer my filing to you', 'Never used it', WEBSITE, 'example.cn', 'I have the service code', '13812345678', 'Confirm']) {
      transcript.push(`> ${text}`, await alice.say(text));
    }
    const recorded = ORDER_ID.exec(transcript.at(-1) ?? '')?.[0];
    if (!recorded) throw new Error(`Alice's transfer was not recorded:\n${transcript.join('\n')}`);
    orderId = recorded;
  });

  after(() => server?.close());

  it("lists Alice's transfer to Alice (the order is there to be found)", async () => {
    expect(await alice.say('my orders')).to.include(orderId).and.to.include('in process');
    expect(server.orders()).to.equal(1);
  });

  it("shows Bob none of Alice's orders, in his conversation or in hers", async () => {
    for (const asker of [bob, bobWithAlice]) {
      const reply = await asker.say('my orders');
      expect(reply).to.include(NO_ORDERS);
      expect(reply).not.to.include(orderId).and.not.to.include(WEBSITE);
    }
  });

  /** Each way of typing a withdrawal, with the confirmation question it gets (in the language it was typed in). */
  const typings: { name: string; text: (id: string) => string; asks: (id: string) => string }[] = [
    { name: 'as shown', text: (id) => `withdraw ${id}`, asks: (id) => `Withdraw order ${id}` },
    { name: 'in lower case', text: (id) => `withdraw ${id.toLowerCase()}`, asks: (id) => `Withdraw order ${id}` },
    { name: 'without the FA- prefix', text: (id) => `withdraw ${id.slice(3)}`, asks: (id) => `Withdraw order ${id}` },
    { name: 'with spaces inside', text: (id) => `withdraw order ${id.slice(0, 5)} ${id.slice(5)}`, asks: (id) => `Withdraw order ${id}` },
    { name: 'in Chinese', text: (id) => `撤回 ${id}`, asks: (id) => `撤回订单 ${id}` },
  ];
  it('finds the order for Alice however she types its id (so the refusals below are about who asks)', async () => {
    for (const { text, asks } of typings) {
      expect(await alice.say(text(orderId)), text(orderId)).to.include(asks(orderId));
      expect(await alice.say('No')).to.include('I kept the order');
    }
  });

  for (const { name, text } of typings) {
    it(`does not let Bob withdraw Alice's order by its id typed ${name}, in either conversation`, async () => {
      for (const asker of [bob, bobWithAlice]) {
        const reply = await asker.say(text(orderId));
        expect(reply).to.match(NOT_FOUND);
        expect(reply).not.to.include(WEBSITE).and.not.to.match(/Withdraw order .*\?|撤回订单 .*？/);
      }
    });
  }

  it("does not let Bob confirm a withdrawal Alice started in her conversation", async () => {
    expect(await alice.say(`withdraw ${orderId}`)).to.include(`Withdraw order ${orderId}`);
    const reply = await bobWithAlice.say('Yes');
    expect(reply).not.to.include(`Withdrawn: order ${orderId}`);
    expect(await alice.say('my orders')).to.include(orderId).and.to.include('in process');
  });

  it('does not let Bob confirm an order Alice filled in, in a conversation they share', async () => {
    const before = server.orders();
    const other = '津ICP备20990002号-1';
    for (const text of ['I want to transfer my filing to you', 'Never used it', other, 'other.example.cn', 'I have the service code', '13812345678']) {
      await alice.say(text);
    }
    // Each person has their own flow in a shared conversation: Bob has none to confirm.
    const bobSays = await bobWithAlice.say('Confirm');
    expect(bobSays).not.to.match(/Recorded: order/);
    expect(server.orders(), 'no order from Bob').to.equal(before);
    expect(await bobWithAlice.say('my orders')).to.include(NO_ORDERS);
    // Alice's flow is still waiting for her own Confirm.
    expect(await alice.say('Confirm')).to.match(/Recorded: order \*\*FA-/);
    expect(server.orders()).to.equal(before + 1);
  });

  it("leaves Alice's order in process and records none for Bob", async () => {
    expect(await bob.say('my orders')).to.include(NO_ORDERS);
    expect(await alice.say('my orders')).to.match(new RegExp(`${orderId}.*in process`));
  });
});
