// FaqSearch on five made-up entries: which entry ranks first, and when it answers, offers a choice
// ("did you mean") or says it does not know.
import { expect } from 'chai';
import type { FaqEntry } from '../../src/knowledge/schema.js';
import { Analyzer } from '../../src/understanding/analyzer.js';
import { FaqSearch, type FaqResult } from '../../src/understanding/faq-search.js';
import { FIXTURE_CONCEPTS } from './fixture-vocabulary.js';

const SOURCE: FaqEntry['sources'] = [{ doc: 'DOMAIN.md', section: 'Fixture', quote: 'made up for a unit test' }];

function entry(id: string, question: string, paraphrases: string[], answer: string): FaqEntry {
  return { id, question, paraphrases, answer, sources: SOURCE, related: [] };
}

/** Cancelling and transferring, each with a review time and a cost: entries alike but for one word. */
const ACTIONS = [
  { id: 'cancel', verb: 'cancel', doing: 'cancelling', noun: 'cancellation', zh: '注销', days: 'three' },
  { id: 'transfer', verb: 'transfer', doing: 'transferring', noun: 'transfer', zh: '转入', days: 'twenty' },
];

const ENTRIES: FaqEntry[] = [
  ...ACTIONS.flatMap(({ id, verb, doing, noun, zh, days }) => [
    entry(
      `${id}-review-time`,
      `How long does the ${noun} review take?`,
      [`How many days until my ${noun} is approved?`, `${zh}审核要多久`, `When is a ${noun} reviewed?`],
      `The review of a ${noun} takes about ${days} working days.`,
    ),
    entry(
      `${id}-cost`,
      `Does ${doing} a filing cost anything?`,
      [`Is there a fee to ${verb}?`, `${zh}要费用吗`, `How much is a ${noun}?`],
      `A filing's ${noun} is free of charge.`,
    ),
  ]),
  entry(
    'reset-password',
    'How do I reset my MIIT password?',
    ['I forgot my MIIT password', 'reset the password of the ministry system', 'lost my password'],
    'Reset it on the MIIT filing system with your mobile number.',
  ),
];

const analyzer = new Analyzer({
  concepts: FIXTURE_CONCEPTS,
  knownText: ENTRIES.flatMap((e) => [e.question, ...e.paraphrases, e.answer]),
});
const FOCUS = ['cancel', 'transfer', 'duration', 'cost'];
const search = new FaqSearch(ENTRIES, analyzer, { focusConcepts: FOCUS });

function ranking(question: string): string[] {
  return search.rank(analyzer.analyze(question)).map((m) => m.entry.id);
}

/** The entry answered, or the kind of result when it does not answer. */
function answered(result: FaqResult): string {
  return result.kind === 'answer' ? result.match.entry.id : result.kind;
}

function optionIds(result: FaqResult): string[] {
  if (result.kind === 'choose') return result.options.map((o) => o.entry.id);
  return result.kind === 'unknown' ? result.alternatives.map((m) => m.entry.id) : [];
}

describe('FaqSearch', () => {
  describe('ranking', () => {
    it('ranks the entry that asks the same question first, its near neighbour next', () => {
      expect(ranking('how long does the cancellation review take').slice(0, 2)).to.deep.equal([
        'cancel-review-time',
        'transfer-review-time',
      ]);
    });

    it('ranks by descending score and leaves out entries that share nothing with the question', () => {
      const ranked = search.rank(analyzer.analyze('when is the transfer approved'));
      expect(ranked.map((m) => m.score)).to.deep.equal(ranked.map((m) => m.score).sort((a, b) => b - a));
      expect(ranked.map((m) => m.entry.id)).not.to.include('reset-password');
    });

    it('finds an entry by the words of its answer, not only of its questions', () => {
      expect(ranking('three working days')[0]).to.equal('cancel-review-time');
    });

    it('finds the entry through a synonym and a typo', () => {
      expect(ranking('how much is the fee to deregister')[0]).to.equal('cancel-cost');
      expect(ranking('how long does the cancelation reveiw take')[0]).to.equal('cancel-review-time');
    });
  });

  describe('answer, "did you mean" or unknown', () => {
    it("answers each entry's own question with that entry", () => {
      for (const { id, question } of ENTRIES) expect(answered(search.search(question)), question).to.equal(id);
    });

    it('answers one clear match and names the next best as alternatives', () => {
      const result = search.search('how long does the cancellation review take?');
      expect(answered(result)).to.equal('cancel-review-time');
      expect(result.kind === 'answer' ? result.alternatives.map((m) => m.entry.id)[0] : '').to.equal('transfer-review-time');
    });

    it('offers a choice when two entries fit about equally', () => {
      const result = search.search('how long does the review take?');
      expect(result.kind).to.equal('choose');
      expect(optionIds(result).sort()).to.deep.equal(['cancel-review-time', 'transfer-review-time']);
    });

    it('offers at most three choices', () => {
      // Without focus concepts all four cancel and transfer entries fit this question.
      const broad = new FaqSearch(ENTRIES, analyzer);
      const result = broad.search('cancel review cost transfer');
      expect(result.kind).to.equal('choose');
      expect(optionIds(result)).to.have.lengthOf(3);
    });

    it('does not answer a fair but weak match: it offers it as an alternative', () => {
      const result = search.search('password rules');
      expect(result.kind).to.equal('unknown');
      expect(optionIds(result)).to.deep.equal(['reset-password']);
    });

    it('offers nothing when the best match is too weak to be worth a button', () => {
      expect(search.rank(analyzer.analyze('is the website offline during the transfer'))).to.have.length.above(0);
      expect(search.search('is the website offline during the transfer')).to.deep.equal({ kind: 'unknown', alternatives: [] });
    });

    it('says it does not know a question the entries do not cover, and offers nothing', () => {
      const result = search.search('what is the weather in Paris tomorrow');
      expect(result).to.deep.equal({ kind: 'unknown', alternatives: [] });
    });

    for (const question of ['', '   ', '?']) {
      it(`does not know the empty question ${JSON.stringify(question)}`, () => {
        expect(search.search(question)).to.deep.equal({ kind: 'unknown', alternatives: [] });
      });
    }
  });

  describe('focus concepts', () => {
    it('does not answer with an entry that never mentions what the question is about', () => {
      // No entry says how long a password reset takes: the password entry is close, but not the answer.
      const question = 'how long does it take to reset my password';
      expect(answered(search.search(question))).not.to.equal('reset-password');
      expect(answered(new FaqSearch(ENTRIES, analyzer).search(question)), 'without focus concepts').to.equal('reset-password');
    });

    it('tells cancel from transfer although the questions share every other word', () => {
      expect(answered(search.search('does a transfer cost a fee'))).to.equal('transfer-cost');
      expect(answered(search.search('does a cancellation cost a fee'))).to.equal('cancel-cost');
    });
  });

  describe('Chinese', () => {
    it('answers a Chinese question worded unlike any phrasing, through the concepts it shares', () => {
      expect(answered(search.search('注销的审核需要多久？'))).to.equal('cancel-review-time');
      expect(answered(search.search('转入的审核需要多久？'))).to.equal('transfer-review-time');
    });

    it('offers a choice for a Chinese question that fits two entries', () => {
      expect(search.search('审核需要多久？').kind).to.equal('choose');
    });
  });
});
