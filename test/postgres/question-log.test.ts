// The question log in PostgreSQL against a real server: what one instance records every instance
// reads, the tables stay within the cap, and a whole bot on DATABASE_URL logs its unanswered
// questions and feedback there (scrubbed) for the operator API, writing none of it under DATA_DIR.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import pg from 'pg';
import { DatabaseSettingsSchema } from '../../src/config.js';
import type { UnansweredQuestion } from '../../src/domain/questions/question-log.js';
import { openPostgresStores, type PostgresStores } from '../../src/persistence/postgres/open.js';
import { PostgresQuestionLog } from '../../src/persistence/postgres/postgres-question-log.js';
import { scrubQuestion } from '../../src/understanding/question-scrub.js';
import { startPostgres, type RunningPostgres } from '../../scripts/postgres-server.js';
import { converse, message, says, suggestionsOf, typing } from '../support/conversation.js';
import { makeTempDir, removeDir } from '../support/paths.js';
import { ENTRY_WITHOUT_RELATED, FeedbackJson, OPERATOR_TOKEN, QuestionsJson, startApp, type RunningApp } from '../questions/support.js';

function question(text: string, at: string, outcome: 'unknown' | 'unresolved' = 'unknown'): UnansweredQuestion {
  return { text: scrubQuestion(text), locale: 'en', outcome, candidates: outcome === 'unresolved' ? ['phone-verification-provinces', 'phone-verification-deadline'] : [], at };
}

describe('question log in PostgreSQL', function () {
  this.timeout(120_000);
  let server: RunningPostgres;
  let serverDir: string;
  let sql: pg.Client;
  const opened: PostgresStores[] = [];

  async function open(schema: string): Promise<PostgresStores> {
    const settings = DatabaseSettingsSchema.parse({ DATABASE_URL: server.url, DATABASE_SCHEMA: schema });
    const stores = await openPostgresStores(server.url, settings, { dataDir: '/unused', cancellationUndoMs: 30 * 60_000 });
    opened.push(stores);
    return stores;
  }

  before(async () => {
    serverDir = makeTempDir();
    server = await startPostgres({ dir: serverDir });
    sql = new pg.Client({ connectionString: server.url });
    await sql.connect();
  });

  after(async () => {
    for (const stores of opened) await stores.database.close();
    await sql?.end();
    await server?.stop();
    removeDir(serverDir);
  });

  it('shows what one instance records to another on the same database, oldest first, since a time', async () => {
    const one = await open('questions_shared');
    const other = await open('questions_shared');
    await one.questions.recordUnanswered(question('Can I pay with bitcoin?', '2026-01-01T08:00:00.000Z'));
    await other.questions.recordUnanswered(question('phone verification', '2026-01-02T08:00:00.000Z', 'unresolved'));
    await one.questions.recordFeedback({ entryId: 'cancel-review-time', helpful: true, locale: 'zh', question: scrubQuestion('注销备案审核要多久'), at: '2026-01-03T08:00:00.000Z' });

    for (const reader of [one, other]) {
      expect(await reader.questions.unanswered()).to.deep.equal([
        question('Can I pay with bitcoin?', '2026-01-01T08:00:00.000Z'),
        question('phone verification', '2026-01-02T08:00:00.000Z', 'unresolved'),
      ]);
      expect((await reader.questions.unanswered(new Date('2026-01-02T00:00:00Z'))).map((q) => q.text)).to.deep.equal(['phone verification']);
      expect(await reader.questions.feedback()).to.deep.equal([
        { entryId: 'cancel-review-time', helpful: true, locale: 'zh', question: '注销备案审核要多久', at: '2026-01-03T08:00:00.000Z' },
      ]);
    }
  });

  it('keeps only the newest rows beyond its cap', async () => {
    const stores = await open('questions_capped');
    const capped = new PostgresQuestionLog(stores.database, 3);
    for (let day = 1; day <= 5; day++) await capped.recordUnanswered(question(`question ${day}`, `2026-01-0${day}T08:00:00.000Z`));
    expect((await capped.unanswered()).map((q) => q.text)).to.deep.equal(['question 3', 'question 4', 'question 5']);
    const rows = await sql.query('SELECT count(*)::int AS n FROM questions_capped.unanswered_questions');
    expect(rows.rows[0]).to.deep.equal({ n: 3 });
  });

  describe('a bot on DATABASE_URL', () => {
    let running: RunningApp;

    before(async () => {
      running = await startApp({ DATABASE_URL: server.url, DATABASE_SCHEMA: 'questions_bot' });
    });

    after(() => running?.stop());

    it('logs "I don\'t know" and feedback in the database, scrubbed, and the operator API reads them from there', async () => {
      await converse((context) => running.app.parts.bot.run(context), [
        { user: 'Can I pay with bitcoin? Call me on 13812345678', bot: [typing, message(says(/I don.t know/))] },
        { user: 'how long does the cancellation review take?', bot: [typing, message((reply) => expect(suggestionsOf(reply)).to.deep.equal(['Helpful', 'Not helpful']))] },
        { user: 'Not helpful', bot: [typing, message(says('Thanks for telling me'))] },
      ]);
      const rows = await sql.query('SELECT text, locale, outcome FROM questions_bot.unanswered_questions');
      expect(rows.rows).to.deep.equal([{ text: 'Can I pay with bitcoin? Call me on [phone]', locale: 'en', outcome: 'unknown' }]);
      const feedback = await sql.query('SELECT entry_id, helpful FROM questions_bot.answer_feedback');
      expect(feedback.rows).to.deep.equal([{ entry_id: ENTRY_WITHOUT_RELATED, helpful: false }]);

      const headers = { authorization: `Bearer ${OPERATOR_TOKEN}` };
      const questions = QuestionsJson.parse(await (await fetch(`${running.url}/api/operator/questions`, { headers })).json());
      expect(questions.groups.map((g) => [g.text, g.count])).to.deep.equal([['Can I pay with bitcoin? Call me on [phone]', 1]]);
      const entries = FeedbackJson.parse(await (await fetch(`${running.url}/api/operator/feedback`, { headers })).json()).entries;
      expect(entries.map((e) => [e.entryId, e.helpful, e.notHelpful])).to.deep.equal([[ENTRY_WITHOUT_RELATED, 0, 1]]);
      expect(existsSync(join(running.dataDir, 'questions')), 'nothing under DATA_DIR/questions').to.equal(false);
    });
  });
});
