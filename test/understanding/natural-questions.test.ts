// Questions as customers write them (their situation first, long colloquial Chinese with 我/请问/一般/吗/呢,
// run-on English with typos), read with the real knowledge: each is answered with its entry, none is
// taken for a request. None of these sentences is in the knowledge or the evaluation sets.
import { expect } from 'chai';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { interpret } from '../../src/understanding/interpret.js';
import { Understanding } from '../../src/understanding/understanding.js';
import { KNOWLEDGE_DIR } from '../support/paths.js';

const QUESTIONS: { text: string; entry: string }[] = [
  { text: '我们前天提交了网站注销申请，想问下管局那边一般审核多少天呀？', entry: 'cancel-review-time' },
  { text: '我们的网站服务器刚搬到阿里云，原来的备案是在别的服务商做的，这种情况必须转入吗？', entry: 'transfer-required' },
  { text: '转入审核被驳回了，我现在应该怎么处理呢？', entry: 'transfer-rejected-what-to-do' },
  { text: '我们公司搬去了另一个省，备案的省份能不能直接改过去？', entry: 'change-province' },
  { text: 'my boss wants the website admin photo done but i dont know what color shirt is ok, anything we cant wear?', entry: 'photo-clothing' },
  { text: 'we submitted the cancelation last week and the site is still up, when does it actually stop being accessible', entry: 'cancel-website-inaccessible' },
  { text: 'i lost the miit beian password years ago and now i need it for a transfer, where do i recover it', entry: 'forgot-miit-password' },
];

/** Read as a request to cancel a website by its words ("我只注销其中一个网站"): the right entry is offered first. */
const OFFERED_FIRST: { text: string; entry: string }[] = [
  { text: '请问我只注销其中一个网站的话，公司其他几个网站的备案还会保留吗？', entry: 'cancel-website-other-sites-unaffected' },
];

describe('natural questions', () => {
  let understanding: Understanding;

  before(() => {
    understanding = new Understanding(loadKnowledge(KNOWLEDGE_DIR));
  });

  for (const { text, entry } of QUESTIONS) {
    it(`answers "${text}" with ${entry}`, () => {
      const meaning = interpret(understanding, text);
      expect(meaning.kind, 'a question, not a request').to.equal('question');
      if (meaning.kind !== 'question') return;
      expect(meaning.result.kind).to.equal('answer');
      if (meaning.result.kind === 'answer') expect(meaning.result.match.entry.id).to.equal(entry);
    });
  }

  for (const { text, entry } of OFFERED_FIRST) {
    it(`offers ${entry} first for "${text}"`, () => {
      const meaning = interpret(understanding, text);
      expect(meaning.kind, 'a question, not a request').to.equal('question');
      if (meaning.kind !== 'question') return;
      const { result } = meaning;
      const first = result.kind === 'answer' ? result.match : result.kind === 'choose' ? result.options[0] : result.alternatives[0];
      expect(first?.entry.id).to.equal(entry);
    });
  }
});
