// Grouping the questions the bot could not answer by wording, with the understanding's own analysis
// (English stems and concepts, Chinese words): rephrasings meet, different questions stay apart.
import { expect } from 'chai';
import type { UnansweredQuestion } from '../../src/domain/questions/question-log.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { groupQuestions, type QuestionGroup } from '../../src/understanding/question-groups.js';
import { scrubQuestion } from '../../src/understanding/question-scrub.js';
import { Understanding } from '../../src/understanding/understanding.js';
import { KNOWLEDGE_DIR } from '../support/paths.js';

let minute = 0;
function asked(text: string, locale: 'en' | 'zh' = 'en', outcome: 'unknown' | 'unresolved' = 'unknown'): UnansweredQuestion {
  minute += 1;
  return { text: scrubQuestion(text), locale, outcome, candidates: [], at: new Date(Date.UTC(2026, 0, 1, 8, minute)).toISOString() };
}

describe('grouping unanswered questions by wording', function () {
  // Training the understanding's classifier on the shipped knowledge takes a few seconds.
  this.timeout(60_000);
  let tokenize: (text: string) => readonly string[];

  before(() => {
    const understanding = new Understanding(loadKnowledge(KNOWLEDGE_DIR));
    tokenize = (text) => understanding.analyzer.analyze(text);
  });

  const groupOf = (groups: readonly QuestionGroup[], text: string): QuestionGroup | undefined => groups.find((g) => g.examples.includes(scrubQuestion(text)));

  it('puts English rephrasings of one question together and different questions apart', () => {
    const groups = groupQuestions(
      [
        asked('Can I file a mini program with you?'),
        asked('Do you support filing for mini programs?'),
        asked('can i file my mini program here'),
        asked('What is the weather in Beijing?'),
        asked('how is the weather in beijing today'),
        asked('Can I pay with bitcoin?'),
      ],
      tokenize,
    );
    const miniProgram = groupOf(groups, 'Can I file a mini program with you?');
    expect(miniProgram?.count).to.equal(3);
    expect(groupOf(groups, 'can i file my mini program here')).to.equal(miniProgram);
    expect(groupOf(groups, 'how is the weather in beijing today')?.count).to.equal(2);
    expect(groupOf(groups, 'Can I pay with bitcoin?')?.count).to.equal(1);
    expect(groups.map((g) => g.count)).to.deep.equal([3, 2, 1]);
  });

  it('puts Chinese rephrasings together, apart from other Chinese questions', () => {
    const groups = groupQuestions(
      [asked('你们支持小程序备案吗', 'zh'), asked('小程序可以备案吗？', 'zh'), asked('北京今天天气怎么样', 'zh'), asked('可以用比特币付款吗', 'zh')],
      tokenize,
    );
    expect(groupOf(groups, '小程序可以备案吗？')?.examples).to.have.members(['你们支持小程序备案吗', '小程序可以备案吗？']);
    expect(groupOf(groups, '北京今天天气怎么样')?.count).to.equal(1);
    expect(groupOf(groups, '可以用比特币付款吗')?.count).to.equal(1);
    expect(groups).to.have.length(3);
  });

  it('counts a wording asked again, names the most asked wording, and sums outcomes, languages and the last time', () => {
    const questions = [
      asked('Can I pay with bitcoin?', 'en', 'unknown'),
      asked('Can I pay by bitcoin', 'en', 'unresolved'),
      asked('Can I pay by bitcoin', 'en', 'unknown'),
      asked('can i pay with bitcoin', 'en', 'unknown'),
    ];
    const [group, ...others] = groupQuestions(questions, tokenize);
    expect(others).to.deep.equal([]);
    expect(group).to.deep.include({ text: 'Can I pay by bitcoin', count: 4, locales: ['en'], outcomes: { unknown: 3, unresolved: 1 } });
    expect(group?.examples[0]).to.equal('Can I pay by bitcoin');
    expect(group?.examples).to.have.length(3);
    expect(group?.lastAt).to.equal(questions.at(-1)?.at);
  });

  it('keeps questions with no content words apart by their letters', () => {
    const groups = groupQuestions([asked('???'), asked('???'), asked('!!')], tokenize);
    expect(groups.map((g) => [g.text, g.count])).to.deep.equal([
      ['???', 2],
      ['!!', 1],
    ]);
  });
});
