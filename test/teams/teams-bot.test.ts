// The bot in Teams: activities shaped as Teams sends them (channelId msteams, <at> mentions with
// mention entities, conversationUpdate on install) in personal chats, group chats and channels.
import { readFileSync } from 'node:fs';
import { MemoryStorage, TestAdapter, type Activity, type ConversationAccount } from 'botbuilder';
import { expect } from 'chai';
import { z } from 'zod';
import { helpReply, welcomeReply } from '../../dialogs/replies.js';
import { Words } from '../../dialogs/messages/words.js';
import { summaryCard } from '../../dialogs/summary-card.js';
import { MANIFEST_TEMPLATE } from '../../scripts/teams/app-package.js';
import { composeBot, type BotParts } from '../../src/compose.js';
import { KNOWLEDGE_DIR, makeTempDir, removeDir } from '../support/paths.js';

const TENANT = { id: '72f988bf-86f1-41af-91ab-2d7cd011db47' };
/** Teams addresses the bot as 28:<app id> and users as 29:<id>. */
const BOT = { id: '28:5e7f2d0a-1b3c-4d5e-8f90-a1b2c3d4e5f6', name: 'Filing Assistant' };
const USER = { id: '29:1a2b3c4d5e6f', name: 'Mei Chen', aadObjectId: '0b6c9f1e-3f8a-4c1d-9e7b-2a5d8c4f6e10' };
const AT_BOT = '<at>Filing Assistant</at>';
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

interface Place {
  name: string;
  /** Who writes there; Mei Chen unless a test needs someone else. */
  user?: typeof USER;
  /** Each place cancels its own filing: an order in process for one filing blocks another. */
  filing: { domain: string; icp: string };
  conversation: ConversationAccount;
  channelData: Record<string, unknown>;
}

const PLACES: readonly Place[] = [
  {
    name: 'a personal chat',
    filing: { domain: 'example.cn', icp: '京ICP备12345678号-1' },
    conversation: { id: 'a:1personal-chat', conversationType: 'personal', isGroup: false, tenantId: TENANT.id, name: '' },
    channelData: { tenant: TENANT },
  },
  {
    name: 'a group chat',
    filing: { domain: 'example-group.cn', icp: '京ICP备22345678号-1' },
    conversation: { id: '19:group-chat@thread.v2', conversationType: 'groupChat', isGroup: true, tenantId: TENANT.id, name: '' },
    channelData: { tenant: TENANT },
  },
  {
    name: 'a team channel',
    filing: { domain: 'example-team.cn', icp: '京ICP备32345678号-1' },
    conversation: { id: '19:general@thread.tacv2;messageid=1700000000000', conversationType: 'channel', isGroup: true, tenantId: TENANT.id, name: '' },
    channelData: { tenant: TENANT, team: { id: '19:team@thread.tacv2' }, channel: { id: '19:general@thread.tacv2' } },
  },
];

/** Element and action types Adaptive Cards 1.5 defines, which Teams renders. */
const ADAPTIVE_CARDS_1_5_TYPES = new Set([
  'AdaptiveCard', 'TextBlock', 'Image', 'Media', 'MediaSource', 'RichTextBlock', 'TextRun', 'Container', 'ColumnSet',
  'Column', 'FactSet', 'ImageSet', 'ActionSet', 'Table', 'TableRow', 'TableCell', 'Input.Text', 'Input.Number',
  'Input.Date', 'Input.Time', 'Input.Toggle', 'Input.ChoiceSet', 'Action.OpenUrl', 'Action.Submit', 'Action.ShowCard',
  'Action.ToggleVisibility', 'Action.Execute',
]);

/** Every `type` in a card, however deeply nested. */
function cardTypes(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(cardTypes);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => (key === 'type' && typeof inner === 'string' ? [inner] : cardTypes(inner)));
}

const CardVersion = z.looseObject({ type: z.literal('AdaptiveCard'), version: z.string() });

/** The card stays within what Teams renders: version 1.5 or lower, only 1.5's elements and actions. */
function expectAdaptiveCard15(content: unknown): void {
  const card = CardVersion.parse(content);
  expect(Number(card.version), `card version ${card.version}`).to.be.at.most(1.5);
  const unknown = cardTypes(content).filter((type) => !ADAPTIVE_CARDS_1_5_TYPES.has(type));
  expect(unknown, 'types beyond Adaptive Cards 1.5').to.deep.equal([]);
}

const textOf = (replies: Partial<Activity>[]): string => replies.map((r) => r.text ?? '').join('\n-----\n');

describe('the bot in Teams', () => {
  let activityCount = 0;
  let dataDir: string;
  let parts: BotParts;
  /** The conversation's English words, from the knowledge the bot loaded. */
  const english = (): Words => new Words(parts.knowledge.catalogue, 'en');

  before(async () => {
    dataDir = makeTempDir();
    parts = await composeBot({ KNOWLEDGE_DIR, DATA_DIR: dataDir }, { storage: new MemoryStorage() });
  });

  after(async () => {
    await parts?.orders.close();
    removeDir(dataDir);
  });

  /** A Teams conversation: every activity carries what Teams puts on it. */
  function teams(place: Place) {
    const adapter = new TestAdapter((context) => parts.bot.run(context), {
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      conversation: place.conversation,
      recipient: BOT,
      channelData: place.channelData,
    });
    return {
      /** Sends an activity and returns every reply to it. */
      async send(activity: Partial<Activity>): Promise<Partial<Activity>[]> {
        // Teams gives every activity its own id; the bot treats a repeated id as a retried delivery.
        await adapter.processActivity({ from: place.user ?? USER, id: `1700000000000-${(activityCount += 1)}`, ...activity });
        return adapter.activeQueue.splice(0);
      },
      /** A message that @mentions the bot, as Teams sends it: the <at> tag in the text and a mention entity. */
      say(text: string): Promise<Partial<Activity>[]> {
        return this.send({
          type: 'message',
          text: `${AT_BOT} ${text}`,
          textFormat: 'plain',
          entities: [{ type: 'mention', mentioned: BOT, text: AT_BOT }],
        });
      },
    };
  }

  for (const place of PLACES) {
    describe(`in ${place.name}`, () => {
      it('welcomes once when the app is installed', async () => {
        const replies = await teams(place).send({ type: 'conversationUpdate', membersAdded: [BOT] });
        expect(replies.map((r) => r.text)).to.deep.equal([welcomeReply(english()).text]);
      });

      it('answers "help" after stripping the @mention', async () => {
        const replies = await teams(place).say('help');
        expect(replies.map((r) => r.type)).to.deep.equal(['typing', 'message']);
        expect(replies[1]?.text).to.equal(helpReply(english()).text);
      });

      it('answers a question whose @mention comes last', async () => {
        const replies = await teams(place).send({
          type: 'message',
          text: `how long does the cancellation review take? ${AT_BOT}`,
          entities: [{ type: 'mention', mentioned: BOT, text: AT_BOT }],
        });
        expect(textOf(replies)).to.include('3 to 20 business days');
      });

      it('goes through a cancel flow with @mentions to an order, confirming on a 1.5 card', async () => {
        const chat = teams(place);
        const { domain, icp } = place.filing;
        expect(textOf(await chat.say(`cancel the website ${domain}, ${icp}`))).to.include('Cancel Website removes');
        expect(textOf(await chat.say('Cancel the whole website'))).to.include('Are you the filing subject');
        const summary = await chat.say('Yes, I am the subject');
        const cards = summary.flatMap((r) => r.attachments ?? []).filter((a) => a.contentType === ADAPTIVE);
        expect(cards, `the summary card; the bot said:\n${textOf(summary)}`).to.have.length(1);
        for (const card of cards) expectAdaptiveCard15(card.content);
        // Action.Submit in Teams: the card's data as the value, no text and no mention.
        const done = await chat.send({ type: 'message', value: { answer: 'Confirm' } });
        expect(textOf(done)).to.match(/Recorded: order \*\*FA-/);
      });
    });
  }

  describe('in group chats and channels', () => {
    for (const place of PLACES.filter((p) => p.conversation.isGroup)) {
      it(`stays quiet when someone else joins ${place.name}`, async () => {
        const replies = await teams(place).send({ type: 'conversationUpdate', membersAdded: [{ id: '29:someone-new', name: 'Li Wei' }] });
        expect(replies).to.deep.equal([]);
      });
    }
  });

  it('strips a mention written in the middle of the message, and mentions of nobody else', async () => {
    const replies = await teams(PLACES[0]!).send({
      type: 'message',
      text: `how long does the ${AT_BOT} cancellation review take?`,
      entities: [{ type: 'mention', mentioned: BOT, text: AT_BOT }],
    });
    expect(textOf(replies)).to.include('3 to 20 business days');
  });

  it('strips the bot mentioned twice and someone else mentioned too, in a group chat', async () => {
    const other = { id: '29:li-wei', name: 'Li Wei' };
    const replies = await teams(PLACES[1]!).send({
      type: 'message',
      text: `${AT_BOT} how long does the <at>Li Wei</at> cancellation review take? ${AT_BOT}`,
      entities: [
        { type: 'mention', mentioned: BOT, text: AT_BOT },
        { type: 'mention', mentioned: other, text: '<at>Li Wei</at>' },
      ],
    });
    expect(textOf(replies)).to.include('3 to 20 business days');
  });

  it('keeps every summary card within Adaptive Cards 1.5', () => {
    const reply = summaryCard(
      {
        title: 'Ready?',
        facts: [['ICP filing number', '京ICP备12345678号-1']],
        warnings: ['A warning'],
        nextSteps: ['One', 'Two'],
        sources: 'Source',
      },
      english(),
    );
    const cards = (reply.attachments ?? []).filter((a) => a.contentType === ADAPTIVE);
    expect(cards).to.have.length(1);
    for (const card of cards) expectAdaptiveCard15(card.content);
  });

  describe('the commands the Teams manifest lists', () => {
    const Template = z.object({
      bots: z.array(z.object({ commandLists: z.array(z.object({ commands: z.array(z.object({ title: z.string() })) })) })),
    });
    const titles = Template.parse(JSON.parse(readFileSync(MANIFEST_TEMPLATE, 'utf8')))
      .bots.flatMap((b) => b.commandLists)
      .flatMap((l) => l.commands.map((c) => c.title));

    /**
     * What a user sees in reply to each command: its first message, and for the two flows that
     * both start by asking the ICP number, the question after it, which tells them apart.
     */
    const expected: Record<string, { first: (parts: BotParts) => string; afterNumber?: string }> = {
      help: { first: () => helpReply(english()).text ?? '' },
      'how long does the cancellation review take?': { first: (bot) => bot.understanding.faq.entry('cancel-review-time')?.answer ?? '(no entry cancel-review-time)' },
      'cancel my website filing': {
        first: () => "What is the website's ICP filing number, with its website number? For example 京ICP备12345678号-1.",
        afterNumber: "What is the website's domain name? For example example.cn.",
      },
      'transfer my filing to you': { first: () => 'Has the filing subject used our ICP Filing system before?' },
      'change my website information': {
        first: () => "What is the website's ICP filing number, with its website number? For example 京ICP备12345678号-1.",
        afterNumber: 'What do you want to change?',
      },
      'my orders': { first: () => 'You have no orders with me yet.' },
    };

    it('has an expected reply for every command, and no more', () => {
      expect(Object.keys(expected).sort()).to.deep.equal([...titles].sort());
    });

    let commandUsers = 0;
    for (const title of titles) {
      it(`answers "${title}" with what it asks for`, async () => {
        const want = expected[title];
        if (!want) throw new Error(`no expected reply for the command "${title}"`);
        // Someone new in a personal chat of their own: no orders and no flow under way.
        commandUsers += 1;
        const place: Place = {
          ...PLACES[0]!,
          user: { ...USER, id: `29:command-user-${commandUsers}` },
          conversation: { ...PLACES[0]!.conversation, id: `a:1command-chat-${commandUsers}` },
        };
        const chat = teams(place);
        const replies = await chat.say(title);
        const messages = replies.filter((r) => r.type === 'message');
        expect(messages, `one message in reply to "${title}"; the bot said:\n${textOf(replies)}`).to.have.length(1);
        expect(messages[0]?.text ?? '').to.satisfy((text: string) => text.startsWith(want.first(parts)), `the reply to "${title}" starts with its own text`);
        if (want.afterNumber) {
          const next = (await chat.say('京ICP备42345678号-1')).filter((r) => r.type === 'message');
          expect(next.map((r) => r.text)).to.deep.equal([want.afterNumber]);
        }
      });
    }
  });
});
