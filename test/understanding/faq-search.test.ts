// FaqSearch on five made-up entries: which entry ranks first, and how close the others come.
// Whether to answer is decided elsewhere (decision.ts, test/understanding/decision.test.ts).
import { expect } from 'chai';
import type { FaqEntry } from '../../src/knowledge/schema.js';
import { Analyzer } from '../../src/understanding/analyzer.js';
import { FaqSearch } from '../../src/understanding/faq-search.js';
import { FIXTURE_CONCEPTS } from './fixture-vocabulary.js';

const SOURCE: FaqEntry['sources'] = [{ doc: 'DOMAIN.md', section: 'Fixture', quote: 'made up for a unit test' }];

function entry(id: string, question: string, paraphrases: string[], answer: string): FaqEntry {
  return { id, question, paraphrases, answer, zh: { question, answer }, sources: SOURCE, related: [] };
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

  it("ranks each entry's own question first", () => {
    for (const { id, question } of ENTRIES) expect(ranking(question)[0], question).to.equal(id);
  });

  it('ranks nothing for an empty question', () => {
    for (const question of ['', '   ', '?']) expect(ranking(question), JSON.stringify(question)).to.deep.equal([]);
  });

  describe('focus concepts', () => {
    it('does not answer with an entry that never mentions what the question is about', () => {
      // No entry says how long a password reset takes: the password entry is close, but not the answer.
      const question = 'how long does it take to reset my password';
      const password = (ranked: ReturnType<FaqSearch['rank']>): number => ranked.find((m) => m.entry.id === 'reset-password')?.score ?? 0;
      const withFocus = password(search.rank(analyzer.analyze(question)));
      const withoutFocus = password(new FaqSearch(ENTRIES, analyzer).rank(analyzer.analyze(question)));
      expect(withFocus).to.be.below(withoutFocus * 0.5);
    });

    it('tells cancel from transfer although the questions share every other word', () => {
      expect(ranking('does a transfer cost a fee')[0]).to.equal('transfer-cost');
      expect(ranking('does a cancellation cost a fee')[0]).to.equal('cancel-cost');
    });
  });

  describe('Chinese', () => {
    it('ranks first the entry a Chinese question worded unlike any phrasing asks, through the concepts it shares', () => {
      expect(ranking('注销的审核需要多久？')[0]).to.equal('cancel-review-time');
      expect(ranking('转入的审核需要多久？')[0]).to.equal('transfer-review-time');
    });

    it('ranks both review times alike for a Chinese question that fits both', () => {
      const [first, second] = search.rank(analyzer.analyze('审核需要多久？'));
      expect([first?.entry.id, second?.entry.id].sort()).to.deep.equal(['cancel-review-time', 'transfer-review-time']);
      expect(second?.score ?? 0).to.be.above((first?.score ?? 0) * 0.8);
    });
  });
});
