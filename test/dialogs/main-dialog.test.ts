// Conversations with the whole bot (welcome, typing, Teams mentions, the main router), as transcripts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryStorage } from 'botbuilder';
import { expect } from 'chai';
import { helpReply, welcomeReply } from '../../dialogs/replies.js';
import { Words } from '../../dialogs/messages/words.js';
import { composeBot, type BotParts } from '../../src/compose.js';
import { message as catalogueMessage } from '../../src/knowledge/catalogue.js';
import type { FaqEntry } from '../../src/knowledge/schema.js';
import { LowdbStorage } from '../../src/persistence/lowdb-storage.js';
import {
  converse,
  doesNotSay,
  inChinese,
  message,
  says,
  suggests,
  suggestionsOf,
  typing,
  type Reply,
  type Turn,
} from '../support/conversation.js';
import { KNOWLEDGE_DIR, makeTempDir, removeDir } from '../support/paths.js';

const BOT = { id: '28:filing-assistant', name: 'Filing Assistant' };

/** What a user sees as the bot's "I don't know": honest, and without a made-up source. */
const DOES_NOT_KNOW = message(says(/I don.t know/i), doesNotSay('_Source:'));

describe('main dialog', () => {
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

  const run = (turns: readonly Turn[]): Promise<void> => converse((context) => parts.bot.run(context), turns);

  function entry(id: string): FaqEntry {
    const found = parts.understanding.faq.entry(id);
    if (!found) throw new Error(`knowledge has no FAQ entry "${id}"`);
    return found;
  }

  /** The answer to an FAQ entry: its text, a source line naming each cited section, buttons for related questions. */
  function answers(faq: FaqEntry): Reply {
    return message(
      says(faq.answer, /^_Source: .+_$/m, ...faq.sources.map((source) => source.section)),
      // Its related questions, then the feedback buttons (one set: Web Chat shows only the last message's).
      suggests([...faq.related.map((id) => entry(id).question), 'Helpful', 'Not helpful']),
    );
  }

  describe('transcripts', () => {
    const transcripts: { name: string; turns: () => Turn[] }[] = [
      {
        name: 'welcomes a person who joins the conversation',
        turns: () => [
          {
            user: { type: 'conversationUpdate', membersAdded: [{ id: 'user1', name: 'User' }], recipient: BOT },
            bot: [message(says(welcomeReply(english()).text ?? '', 'Filing Assistant', /help/i))],
          },
        ],
      },
      {
        name: 'says nothing when only the bot itself joins',
        turns: () => [{ user: { type: 'conversationUpdate', membersAdded: [BOT], recipient: BOT }, bot: [] }],
      },
      {
        name: 'lists what it can do when asked for help',
        turns: () => [
          {
            user: 'help',
            bot: [
              typing,
              message(says(/cancel/i, /transfer/i, /chang/i, /question/i), (reply) => {
                expect(suggestionsOf(reply)).to.have.length.greaterThan(0);
              }),
            ],
          },
        ],
      },
      {
        name: 'shows that it is typing before it answers a question',
        turns: () => {
          const faq = entry('cancel-review-time');
          return [{ user: faq.question, bot: [typing, answers(faq)] }];
        },
      },
      {
        name: 'answers a question asked in Chinese',
        turns: () => {
          const faq = entry('cancel-review-time');
          // In Chinese: the entry's Chinese answer, its sources, and its related questions in Chinese.
          return [
            {
              user: '注销备案审核要多久',
              bot: [
                typing,
                message(says(faq.zh.answer, /^_来源：.+_$/m, ...faq.sources.map((source) => source.section)), suggests([...faq.related.map((id) => entry(id).zh.question), '有帮助', '没帮助']), inChinese),
              ],
            },
          ];
        },
      },
      {
        name: 'says honestly that it does not know the weather',
        turns: () => [{ user: "what's the weather in Paris", bot: [typing, DOES_NOT_KNOW] }],
      },
      {
        name: 'says honestly that it does not write poems',
        turns: () => [{ user: 'write me a poem about cats', bot: [typing, DOES_NOT_KNOW] }],
      },
      {
        name: 'answers "help" in Teams, where the message starts with an @mention of the bot',
        turns: () => [
          {
            user: {
              type: 'message',
              channelId: 'msteams',
              text: '<at>Filing Assistant</at> help',
              recipient: BOT,
              entities: [{ type: 'mention', mentioned: BOT, text: '<at>Filing Assistant</at>' }],
            },
            bot: [typing, message(says(helpReply(english()).text ?? ''))],
          },
        ],
      },
      {
        // The guided flow is the answer to a request: it asks for what it needs, it does not explain.
        name: 'takes up a request to cancel a website filing by asking for the website\'s ICP filing number',
        turns: () => [
          {
            user: 'cancel my website filing',
            bot: [
              typing,
              message(
                says("What is the website's ICP filing number, with its website number? For example 京ICP备12345678号-1."),
                doesNotSay(/I don.t know/i, '_Source:'),
              ),
            ],
          },
        ],
      },
      {
        name: 'asks for text when a message has none',
        turns: () => [{ user: { type: 'message', text: '' }, bot: [typing, message(says(english().say(catalogueMessage('conversation.empty'))))] }],
      },
      {
        name: 'greets, answers, and takes thanks, over three turns',
        turns: () => [
          { user: 'hello', bot: [typing, message(says(welcomeReply(english()).text ?? ''))] },
          { user: entry('cancel-review-time').question, bot: [typing, answers(entry('cancel-review-time'))] },
          { user: 'thanks', bot: [typing, message(says(/welcome/i))] },
        ],
      },
    ];

    for (const { name, turns } of transcripts) {
      it(name, () => run(turns()));
    }
  });

  it('answers a related-question button with exactly that question', async () => {
    const first = entry('cancel-review-time');
    const [related] = first.related;
    if (!related) throw new Error(`${first.id} has no related questions`);
    await run([
      { user: first.question, bot: [typing, answers(first)] },
      { user: entry(related).question, bot: [typing, answers(entry(related))] },
    ]);
  });

  describe('an answer it nearly gave another way', () => {
    /** The buttons under an answer: the entries it nearly chose, then its related questions (at most four), then feedback. */
    function answerButtons(answered: FaqEntry, nearly: readonly string[], question: (e: FaqEntry) => string, feedback: readonly string[]): string[] {
      const ids = [...nearly, ...answered.related.filter((id) => !nearly.includes(id))].slice(0, 4);
      return [...ids.map((id) => question(entry(id))), ...feedback];
    }

    it('offers the entries it nearly chose as the first buttons, then the related questions (English)', async () => {
      // "Where can I check my filing status" is most likely the change's progress, but could be the
      // filing's own information: a user who meant that is one click away.
      const answered = entry('change-check-status');
      const nearly = ['cancel-check-filing-information'];
      await run([
        {
          user: 'where can I check my filing status',
          bot: [typing, message(says(answered.answer), suggests(answerButtons(answered, nearly, (e) => e.question, ['Helpful', 'Not helpful'])))],
        },
      ]);
    });

    it('does the same in Chinese', async () => {
      // Whether a person who is not the subject can cancel online: most likely the entry for those who
      // cannot, nearly the one on who may cancel online.
      const answered = entry('cancel-not-subject-or-cannot-online');
      await run([
        {
          user: '不是主体能在线注销吗',
          bot: [typing, message(says(answered.zh.answer), suggests(answerButtons(answered, ['cancel-who-can-cancel-online'], (e) => e.zh.question, ['有帮助', '没帮助'])), inChinese)],
        },
      ]);
    });
  });

  it("answers every FAQ entry's own question with that entry (what its button sends)", async () => {
    const wrong: string[] = [];
    for (const faq of parts.knowledge.faq) {
      try {
        await run([{ user: faq.question, bot: [typing, message(says(faq.answer))] }]);
      } catch (error) {
        const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
        wrong.push(`${faq.id}: "${faq.question}": ${why}`);
      }
    }
    expect(wrong, 'questions not answered with their own entry').to.deep.equal([]);
  });

  describe('with state on disk', () => {
    let stateDir: string;

    before(() => {
      stateDir = makeTempDir();
    });

    after(() => removeDir(stateDir));

    it('saves the conversation state to DATA_DIR once a flow is under way, and nothing for questions alone', async () => {
      const onDisk = await composeBot({ KNOWLEDGE_DIR, DATA_DIR: stateDir });
      expect(onDisk.storage).to.be.instanceOf(LowdbStorage);
      const folder = join(stateDir, 'conversations');
      const stateFiles = () => readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'));
      try {
        await converse((context) => onDisk.bot.run(context), [
          { user: 'help', bot: [typing, message(says(/cancel/i))] },
          { user: '注销备案审核要多久', bot: [typing, message(says('3到20个工作日'))] },
          // The answer is remembered for its Helpful / Not helpful buttons until this next message.
          { user: 'help', bot: [typing, message(says(/cancel/i))] },
        ]);
        expect(stateFiles(), 'no state kept for a conversation with no flow under way').to.deep.equal([]);
        await converse((context) => onDisk.bot.run(context), [
          { user: 'cancel my website', bot: [typing, message(says(/ICP filing number/))] },
        ]);
      } finally {
        await onDisk.orders.close();
      }

      const saved = stateFiles().map((f): unknown => JSON.parse(readFileSync(join(folder, f), 'utf8')));
      const keys = saved.flatMap((s) => (typeof s === 'object' && s !== null && 'key' in s && typeof s.key === 'string' ? [s.key] : []));
      const key = keys.find((k) => k.includes('/conversations/transcript-'));
      expect(key, `a conversation key among ${JSON.stringify(keys)}`).to.be.a('string');

      const reread = await new LowdbStorage(folder).read([key ?? '']);
      expect(reread[key ?? '']).to.have.property('dialogState');
    });
  });
});
