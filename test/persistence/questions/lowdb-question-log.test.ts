// The question log on lowdb files: kept across restarts, bounded (the oldest go), every record of a
// burst kept, unreadable records left out without losing the rest, and a full disk never costs a
// user their answer.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryStorage } from 'botbuilder';
import { expect } from 'chai';
import { composeBot } from '../../../src/compose.js';
import type { AnswerFeedback, UnansweredQuestion } from '../../../src/domain/questions/question-log.js';
import { captureLog } from '../../../src/log.js';
import { nodeFileSystem } from '../../../src/persistence/file-system.js';
import { removeLeftoverTempFiles } from '../../../src/persistence/leftover-temp-files.js';
import { LowdbQuestionLog } from '../../../src/persistence/questions/lowdb-question-log.js';
import { scrubQuestion } from '../../../src/understanding/question-scrub.js';
import { converse, message, says, typing } from '../../support/conversation.js';
import { KNOWLEDGE_DIR } from '../../support/paths.js';
import { FaultyFileSystem } from '../faulty-file-system.js';
import { tempDirPerTest } from '../temp-dir-per-test.js';

function question(text: string, at: string, outcome: 'unknown' | 'unresolved' = 'unknown'): UnansweredQuestion {
  return { text: scrubQuestion(text), locale: 'en', outcome, candidates: outcome === 'unresolved' ? ['cancel-review-time'] : [], at };
}

function feedback(helpful: boolean, at: string): AnswerFeedback {
  return { entryId: 'cancel-review-time', helpful, locale: 'zh', question: scrubQuestion('注销备案审核要多久'), at };
}

/** The records of one day's file, as stored. */
const stored = (dataDir: string, name: string): unknown => JSON.parse(readFileSync(join(dataDir, 'questions', name), 'utf8'));
const filesIn = (dataDir: string): string[] => readdirSync(join(dataDir, 'questions')).sort();

describe('question log on lowdb', () => {
  const dir = tempDirPerTest();

  it('writes nothing, not even its folder, before the first record', async () => {
    const log = await LowdbQuestionLog.open(dir.path);
    expect(await log.unanswered()).to.deep.equal([]);
    await log.close();
    expect(existsSync(join(dir.path, 'questions'))).to.equal(false);
  });

  it('keeps unanswered questions and feedback across a restart, and reads them back since a time', async () => {
    const first = await LowdbQuestionLog.open(dir.path);
    await first.recordUnanswered(question('Can I pay with bitcoin?', '2026-01-01T08:00:00.000Z'));
    await first.recordUnanswered(question('phone verification', '2026-01-02T08:00:00.000Z', 'unresolved'));
    await first.recordFeedback(feedback(false, '2026-01-03T08:00:00.000Z'));
    await first.close();

    const again = await LowdbQuestionLog.open(dir.path);
    expect((await again.unanswered()).map((q) => [q.text, q.outcome, q.candidates])).to.deep.equal([
      ['Can I pay with bitcoin?', 'unknown', []],
      ['phone verification', 'unresolved', ['cancel-review-time']],
    ]);
    expect((await again.unanswered(new Date('2026-01-02T00:00:00Z'))).map((q) => q.text)).to.deep.equal(['phone verification']);
    expect(await again.feedback()).to.deep.equal([feedback(false, '2026-01-03T08:00:00.000Z')]);
    expect(await again.feedback(new Date('2026-02-01T00:00:00Z'))).to.deep.equal([]);
  });

  it('keeps a file per day, so a new record rewrites only its own day', async () => {
    const log = await LowdbQuestionLog.open(dir.path);
    await log.recordUnanswered(question('Can I pay with bitcoin?', '2026-01-01T08:00:00.000Z'));
    await log.recordUnanswered(question('phone verification', '2026-01-02T08:00:00.000Z', 'unresolved'));
    await log.recordUnanswered(question('do you sell SSL certificates', '2026-01-02T09:00:00.000Z'));
    await log.recordFeedback(feedback(true, '2026-01-02T10:00:00.000Z'));
    await log.close();
    expect(filesIn(dir.path)).to.deep.equal(['feedback-2026-01-02.json', 'unanswered-2026-01-01.json', 'unanswered-2026-01-02.json']);
    expect(stored(dir.path, 'unanswered-2026-01-02.json')).to.have.property('records').with.length(2);
  });

  it('keeps only the newest records beyond its cap, across restarts, removing days that have none left', async () => {
    const first = await LowdbQuestionLog.open(dir.path, { maxKept: 3 });
    for (let day = 1; day <= 3; day++) await first.recordUnanswered(question(`question ${day}`, `2026-01-0${day}T08:00:00.000Z`));
    await first.close();
    const again = await LowdbQuestionLog.open(dir.path, { maxKept: 3 });
    await again.recordUnanswered(question('question 4a', '2026-01-04T08:00:00.000Z'));
    await again.recordUnanswered(question('question 4b', '2026-01-04T09:00:00.000Z'));
    await again.close();
    expect((await again.unanswered()).map((q) => q.text)).to.deep.equal(['question 3', 'question 4a', 'question 4b']);
    expect(filesIn(dir.path)).to.deep.equal(['unanswered-2026-01-03.json', 'unanswered-2026-01-04.json']);
    const third = await LowdbQuestionLog.open(dir.path, { maxKept: 2 });
    await third.recordUnanswered(question('question 4c', '2026-01-04T10:00:00.000Z'));
    await third.close();
    expect((await third.unanswered()).map((q) => q.text)).to.deep.equal(['question 4b', 'question 4c']);
    expect(filesIn(dir.path)).to.deep.equal(['unanswered-2026-01-04.json']);
    expect(stored(dir.path, 'unanswered-2026-01-04.json')).to.have.property('records').with.length(2);
  });

  it('keeps every record of a burst, in order, and leaves no temporary file', async () => {
    const log = await LowdbQuestionLog.open(dir.path);
    const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
    await Promise.all(Array.from({ length: 60 }, (_, i) => log.recordUnanswered(question(`question ${i}`, at(i)))));
    await log.close();
    const reopened = await LowdbQuestionLog.open(dir.path);
    expect((await reopened.unanswered()).map((q) => q.text)).to.deep.equal(Array.from({ length: 60 }, (_, i) => `question ${i}`));
    expect(filesIn(dir.path)).to.deep.equal(['unanswered-2026-01-01.json']);
  });

  it('leaves out a record it cannot read and keeps the others; refuses a file that is not a question log, naming it', async () => {
    mkdirSync(join(dir.path, 'questions'));
    const good = question('Can I pay with bitcoin?', '2026-01-01T08:00:00.000Z');
    writeFileSync(join(dir.path, 'questions', 'unanswered-2026-01-01.json'), JSON.stringify({ records: [{ text: 42 }, good] }));
    const lines: string[] = [];
    const restore = captureLog((line) => lines.push(line));
    let refused: unknown;
    try {
      const log = await LowdbQuestionLog.open(dir.path);
      expect(await log.unanswered()).to.deep.equal([good]);
      writeFileSync(join(dir.path, 'questions', 'feedback-2026-01-01.json'), '[]');
      await LowdbQuestionLog.open(dir.path).catch((error: unknown) => (refused = error));
    } finally {
      restore();
    }
    expect(lines.join('')).to.match(/question log records this version cannot read were left out.*"unreadable":1/);
    expect(String(refused)).to.include(join(dir.path, 'questions', 'feedback-2026-01-01.json'));
  });

  it("has a killed bot's temporary files removed at the next start, and only those", async () => {
    const questions = join(dir.path, 'questions');
    mkdirSync(questions);
    const leftover = join(questions, '.unanswered-2026-01-01.json.4242-a1b2c3d4e5f6.tmp');
    writeFileSync(leftover, '{"records":[');
    writeFileSync(join(questions, 'notes.tmp'), 'an operator\'s file');
    expect(await removeLeftoverTempFiles(nodeFileSystem, dir.path)).to.deep.equal([leftover]);
    expect(filesIn(dir.path)).to.deep.equal(['notes.tmp']);
  });

  it('still answers the user when the question log cannot be written (a full disk), and says so in the log', async () => {
    const fs = new FaultyFileSystem();
    fs.fail('ENOSPC', { operations: ['writeFile', 'mkdir'], under: dir.path });
    const questions = await LowdbQuestionLog.open(dir.path, { fs });
    const parts = await composeBot({ KNOWLEDGE_DIR, DATA_DIR: dir.path }, { storage: new MemoryStorage(), questions });
    const lines: string[] = [];
    const restore = captureLog((line) => lines.push(line));
    try {
      await converse((context) => parts.bot.run(context), [{ user: 'Can I pay with bitcoin? 13812345678', bot: [typing, message(says(/I don.t know/))] }]);
    } finally {
      restore();
      await parts.orders.close();
    }
    const logged = lines.join('');
    expect(logged).to.include('could not keep an unknown question for operators');
    expect(logged).to.include('ENOSPC');
    expect(logged, 'the question is not in the log').to.not.include('bitcoin');
  });
});
