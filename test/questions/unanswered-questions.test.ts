// Learning from what the bot could not answer, end to end: conversations in English and Chinese
// that get "I don't know", a "did you mean" left unpicked, and feedback on an answer; then what an
// operator reads over HTTP (JSON and CSV, behind the token), scrubbed of the personal data the
// users typed, which is in none of the files the bot wrote.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { LowdbQuestionLog } from '../../src/persistence/questions/lowdb-question-log.js';
import { converse, doesNotSay, inChinese, message, says, suggestionsOf, typing, type Reply } from '../support/conversation.js';
import { ENTRY_WITHOUT_RELATED, FeedbackJson, OPERATOR_TOKEN, QuestionsJson, startApp, type RunningApp } from './support.js';

const MOBILE = '+86 138 1234 5678';
const IDENTITY_NUMBER = '110101199003074514';
const EMAIL = 'li.lei@example.com';

const BITCOIN_EN = `Can I pay with bitcoin? Call me on ${MOBILE}`;
const BITCOIN_ZH = `可以用比特币付款吗？我的身份证号是${IDENTITY_NUMBER}`;
const FORMULA = '=HYPERLINK("http://evil.example","click")';
const REVIEW_TIME_EN = 'how long does the cancellation review take?';
const REVIEW_TIME_ZH = '注销备案审核要多久';

const DOES_NOT_KNOW_EN: Reply = message(says(/I don.t know the answer/));
const DOES_NOT_KNOW_ZH: Reply = message(says('这个问题我无法回答'), inChinese);
const DID_YOU_MEAN_EN: Reply = message(says('Did you mean one of these?'));
const DID_YOU_MEAN_ZH: Reply = message(says('您是想问下面哪一个？'));

function offers(...titles: string[]): Reply {
  return (reply) => expect(suggestionsOf(reply)).to.deep.equal(titles);
}

const noFeedbackButtons: Reply = (reply) => expect(suggestionsOf(reply)).to.not.include.members(['Helpful', 'Not helpful']);

/** Every file under a folder, with its text. */
function filesUnder(dir: string): { file: string; text: string }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((file) => statSync(file).isFile())
    .map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}

describe('unanswered questions and feedback, from the conversation to the operator', function () {
  // The understanding trains on the knowledge when the app starts.
  this.timeout(60_000);
  let running: RunningApp;
  const talk = (turns: Parameters<typeof converse>[1]) => converse((context) => running.app.parts.bot.run(context), turns);
  /** A GET with the operator token, another token, or (null) none. */
  const get = (path: string, token: string | null = OPERATOR_TOKEN) =>
    fetch(`${running.url}${path}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
  /** The answer of the entry that offers feedback, in each language, from the knowledge the bot loaded. */
  const reviewAnswer = (locale: 'en' | 'zh'): string => {
    const entry = running.app.parts.understanding.faq.entry(ENTRY_WITHOUT_RELATED);
    if (!entry) throw new Error(`no FAQ entry ${ENTRY_WITHOUT_RELATED}`);
    return locale === 'en' ? entry.answer : entry.zh.answer;
  };

  before(async () => {
    running = await startApp();
  });

  after(() => running?.stop());

  describe('in English', () => {
    it('logs "I don\'t know", then a "did you mean" the user answered with another question, and takes "Not helpful" on the answer', () =>
      talk([
        { user: BITCOIN_EN, bot: [typing, DOES_NOT_KNOW_EN] },
        { user: 'phone verification', bot: [typing, DID_YOU_MEAN_EN] },
        { user: REVIEW_TIME_EN, bot: [typing, message(says(reviewAnswer('en'), 'Did this answer help?'), offers('Helpful', 'Not helpful'))] },
        { user: 'not helpful', bot: [typing, message(says('Thanks for telling me'))] },
      ]));

    it('takes "Helpful" only as the next message: a real question after an answer is answered as usual', async () => {
      const documents = running.app.parts.understanding.ask('documents');
      if (documents.kind !== 'choose') throw new Error(`"documents" should get a "did you mean", got ${documents.kind}`);
      const [first] = documents.options;
      await talk([
        { user: REVIEW_TIME_EN, bot: [typing, message(offers('Helpful', 'Not helpful'))] },
        { user: 'documents', bot: [typing, DID_YOU_MEAN_EN] },
        // Picking an offered entry resolves the "did you mean": nothing is logged for it.
        { user: first?.entry.question ?? '', bot: [typing, message(says(first?.entry.answer ?? ''))] },
        { user: 'stop', bot: [typing, message(says(/.+/))] },
        // After a reply that is not an answer, "Helpful" is a message like any other.
        { user: 'Helpful', bot: [typing, DOES_NOT_KNOW_EN] },
      ]);
    });

    it('offers no feedback on an answer given inside a flow', () =>
      talk([
        { user: 'cancel my website', bot: [typing, message(says(/ICP filing number/))] },
        {
          user: REVIEW_TIME_EN,
          bot: [typing, message(says(reviewAnswer('en')), doesNotSay('Did this answer help?'), noFeedbackButtons), message(says(/ICP filing number/))],
        },
        { user: 'stop', bot: [typing, message(says(/stopped/i))] },
      ]));

    it('logs a "did you mean" asked inside a flow that the user left for the flow\'s own answer', () =>
      talk([
        { user: 'cancel the website example.cn, 京ICP备12345678号-1', bot: [typing, message(says('Cancel Website removes'))] },
        { user: 'what about the subject?', bot: [typing, DID_YOU_MEAN_EN, message(says('Cancel Website removes'))] },
        { user: 'Cancel the whole website', bot: [typing, message(says('Are you the filing subject'))] },
        { user: 'stop', bot: [typing, message(says(/stopped/i))] },
      ]));

    it('takes 👎 as "Not helpful", keeping the question without the e-mail address in it', () =>
      talk([
        { user: `${REVIEW_TIME_EN} Mail me at ${EMAIL}`, bot: [typing, message(offers('Helpful', 'Not helpful'))] },
        { user: '👎', bot: [typing, message(says('Thanks for telling me'))] },
      ]));

    it('logs a question written as a spreadsheet formula', () => talk([{ user: FORMULA, bot: [typing, DOES_NOT_KNOW_EN] }]));
  });

  describe('in Chinese', () => {
    it('logs 不知道 and an unpicked 您是想问, and takes 👍 on the answer', () =>
      talk([
        { user: BITCOIN_ZH, bot: [typing, DOES_NOT_KNOW_ZH] },
        { user: '资料', bot: [typing, DID_YOU_MEAN_ZH] },
        { user: REVIEW_TIME_ZH, bot: [typing, message(says(reviewAnswer('zh'), '这个回答对您有帮助吗？'), offers('有帮助', '没帮助'))] },
        { user: '👍🏻', bot: [typing, message(says('谢谢，很高兴能帮到您。'))] },
      ]));

    it('takes 没帮助 as feedback too', () =>
      talk([
        { user: REVIEW_TIME_ZH, bot: [typing, message(offers('有帮助', '没帮助'))] },
        { user: '没帮助', bot: [typing, message(says('感谢告知'), inChinese)] },
      ]));
  });

  describe('what operators get', () => {
    it('refuses the questions, the CSV and the feedback without the token or with a wrong one (401)', async () => {
      for (const path of ['/api/operator/questions', '/api/operator/questions.csv', '/api/operator/feedback']) {
        expect((await get(path, null)).status, `${path} without a token`).to.equal(401);
        expect((await get(path, 'wrong-token-wrong-token-wrong-token')).status, `${path} with a wrong token`).to.equal(401);
      }
    });

    it('lists the unanswered questions, scrubbed, most asked first, with their outcomes', async () => {
      const response = await get('/api/operator/questions');
      expect(response.status).to.equal(200);
      const { groups, total } = QuestionsJson.parse(await response.json());
      const byText = new Map(groups.map((g) => [g.text, g]));
      expect(byText.get('Can I pay with bitcoin? Call me on [phone]')).to.deep.include({ count: 1, locales: ['en'], outcomes: { unknown: 1, unresolved: 0 } });
      expect(byText.get('可以用比特币付款吗？我的身份证号是[id-number]')).to.deep.include({ locales: ['zh'], outcomes: { unknown: 1, unresolved: 0 } });
      expect(byText.get('phone verification')).to.deep.include({ count: 1, outcomes: { unknown: 0, unresolved: 1 } });
      expect(byText.get('资料')).to.deep.include({ count: 1, locales: ['zh'], outcomes: { unknown: 0, unresolved: 1 } });
      expect(byText.get('what about the subject?')).to.deep.include({ count: 1, outcomes: { unknown: 0, unresolved: 1 } });
      // "Helpful" with no answer to judge got "I don't know" but is not a question to learn from.
      expect(byText.has('Helpful')).to.equal(false);
      expect(byText.has(FORMULA)).to.equal(true);
      // "documents" got a "did you mean" and the user picked an entry: not unanswered.
      expect(groups.flatMap((g) => g.examples)).to.not.include('documents');
      expect(total).to.equal(groups.reduce((sum, g) => sum + g.count, 0));
      expect(total).to.equal(6);
      expect(JSON.stringify(groups)).to.not.match(/1381234|138 1234|110101199003074514/);
    });

    it('filters by ?since= and refuses a since that is not a time', async () => {
      const future = QuestionsJson.parse(await (await get('/api/operator/questions?since=2999-01-01')).json());
      expect(future).to.deep.equal({ groups: [], total: 0 });
      const past = QuestionsJson.parse(await (await get('/api/operator/questions?since=2000-01-01T00:00:00Z')).json());
      expect(past.total).to.equal(6);
      expect((await get('/api/operator/questions?since=yesterday')).status).to.equal(400);
    });

    it('exports them as CSV: a header row, quoted cells, and a formula shown as text', async () => {
      const response = await get('/api/operator/questions.csv');
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.match(/^text\/csv; charset=utf-8/);
      expect(response.headers.get('content-disposition')).to.match(/^attachment; filename="unanswered-questions\.csv"$/);
      const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
      expect(csv.startsWith('\uFEFF')).to.equal(true);
      const lines = csv.slice(1).split('\r\n');
      expect(lines[0]).to.equal('question,count,unknown,unresolved,locales,last_asked,examples');
      expect(lines.at(-1), 'every line ends with CRLF').to.equal('');
      expect(lines).to.have.length(1 + 6 + 1);
      expect(csv).to.include('"\'=HYPERLINK(""http://evil.example"",""click"")",1,1,0,en,');
      expect(csv).to.include('\r\nCan I pay with bitcoin? Call me on [phone],1,1,0,en,');
      expect(csv).to.include('phone verification,1,0,1,en,');
      expect(csv).to.not.match(/1381234|138 1234|110101199003074514/);
    });

    it('counts feedback per FAQ entry, with the questions asked when the answer did not help', async () => {
      const response = await get('/api/operator/feedback');
      expect(response.status).to.equal(200);
      const { entries } = FeedbackJson.parse(await response.json());
      expect(entries).to.have.length(1);
      expect(entries[0]).to.deep.include({
        entryId: ENTRY_WITHOUT_RELATED,
        question: 'How long does the cancellation review take?',
        helpful: 1,
        notHelpful: 3,
        // Newest first.
        notHelpfulQuestions: [REVIEW_TIME_ZH, `${REVIEW_TIME_EN} Mail me at [email]`, REVIEW_TIME_EN],
      });
    });

    it('never writes the phone number, identity number or e-mail address the users typed to any file', () => {
      const files = filesUnder(running.dataDir);
      // On lowdb the questions are in DATA_DIR/questions; on PostgreSQL (npm run test:postgres) in the database.
      const onLowdb = running.app.parts.questions instanceof LowdbQuestionLog;
      expect(files.some(({ file }) => file.includes(join('questions', 'unanswered-'))), 'question files under DATA_DIR').to.equal(onLowdb);
      for (const { file, text } of files) {
        for (const secret of ['138 1234 5678', '13812345678', IDENTITY_NUMBER, EMAIL]) {
          expect(text.includes(secret), `${file} holds "${secret}"`).to.equal(false);
        }
      }
    });
  });
});
