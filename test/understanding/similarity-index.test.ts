// SimilarityIndex on a handful of made-up token lists: the ranking FAQ search and intent recognition build on.
import { expect } from 'chai';
import { SimilarityIndex, type IndexedText } from '../../src/understanding/similarity-index.js';

/** Three keys; "cancel" and "review" are shared, "fee", "transfer" and "password" belong to one key each. */
const TEXTS: IndexedText<string>[] = [
  { key: 'cancel-review', tokens: ['cancel', 'review', 'duration'] },
  { key: 'cancel-review', tokens: ['cancel', 'review', 'when'] },
  { key: 'cancel-fee', tokens: ['cancel', 'fee'] },
  { key: 'transfer-review', tokens: ['transfer', 'review', 'duration'] },
  { key: 'password', tokens: ['reset', 'password'] },
];

function keysFor(index: SimilarityIndex<string>, query: readonly string[]): string[] {
  return index.rank(query).map(({ key }) => key);
}

describe('SimilarityIndex', () => {
  const index = new SimilarityIndex(TEXTS, { unknownWordWeight: 0 });

  it('scores a query identical to a text 1', () => {
    const [best] = index.rank(['reset', 'password']);
    expect(best?.key).to.equal('password');
    expect(best?.score).to.be.closeTo(1, 1e-9);
  });

  it('ranks keys by how much of the query they share, best first', () => {
    expect(keysFor(index, ['cancel', 'review', 'duration'])).to.deep.equal(['cancel-review', 'transfer-review', 'cancel-fee']);
    const scores = index.rank(['cancel', 'review', 'duration']).map(({ score }) => score);
    expect(scores).to.deep.equal([...scores].sort((a, b) => b - a));
  });

  it('lists each key once, with the score of its best text', () => {
    const ranked = index.rank(['cancel', 'review', 'when']);
    expect(ranked.filter(({ key }) => key === 'cancel-review')).to.have.lengthOf(1);
    expect(ranked[0]).to.deep.include({ key: 'cancel-review' });
    expect(ranked[0]?.score).to.be.closeTo(1, 1e-9);
  });

  it('leaves out keys that share no word with the query', () => {
    expect(keysFor(index, ['password'])).to.deep.equal(['password']);
  });

  it('ranks nothing for an empty query or one of words it has never seen', () => {
    expect(index.rank([])).to.deep.equal([]);
    expect(index.rank(['weather', 'paris'])).to.deep.equal([]);
  });

  it('lets a word only one key uses decide more than a word most keys share', () => {
    // "cancel" is in two keys, "transfer" in one: a query with both leans to the transfer key.
    expect(keysFor(index, ['cancel', 'transfer'])[0]).to.equal('transfer-review');
  });

  it('counts how many keys use a word, not how many texts: paraphrases do not make a key weaker', () => {
    // "often" says its own word in three texts, "once" in one; counted by texts, "once" would win.
    const paraphrased = new SimilarityIndex(
      [
        { key: 'often', tokens: ['cancel', 'often'] },
        { key: 'often', tokens: ['cancel', 'often'] },
        { key: 'often', tokens: ['cancel', 'often'] },
        { key: 'once', tokens: ['cancel', 'once'] },
        { key: 'other', tokens: ['password'] },
      ],
      { unknownWordWeight: 0 },
    );
    const [first, second] = paraphrased.rank(['cancel']);
    expect(first?.score).to.be.closeTo(second?.score ?? 0, 1e-9);
  });

  it('gives the same ranking when asked twice (its scratch space is reset between queries)', () => {
    const first = index.rank(['cancel', 'review', 'duration']);
    index.rank(['transfer', 'fee']);
    expect(index.rank(['cancel', 'review', 'duration'])).to.deep.equal(first);
  });

  it('keeps the order of the texts for keys that score the same', () => {
    const tied = new SimilarityIndex(
      [
        { key: 'b', tokens: ['alpha', 'beta'] },
        { key: 'a', tokens: ['alpha', 'gamma'] },
      ],
      { unknownWordWeight: 0 },
    );
    expect(keysFor(tied, ['alpha'])).to.deep.equal(['b', 'a']);
  });

  it("scales a text's score by its weight", () => {
    const weighted = new SimilarityIndex(
      [
        { key: 'question', tokens: ['cancel', 'fee'] },
        { key: 'answer', tokens: ['cancel', 'fee'], weight: 0.5 },
      ],
      { unknownWordWeight: 0 },
    );
    const [question, answer] = weighted.rank(['cancel', 'fee']);
    expect(question?.key).to.equal('question');
    expect(answer?.score).to.be.closeTo((question?.score ?? 0) * 0.5, 1e-9);
  });

  it('scores a query lower for each word it has never seen, as much as the unknown-word weight says', () => {
    const strict = new SimilarityIndex(TEXTS, { unknownWordWeight: 1 });
    const known = strict.rank(['reset', 'password'])[0]?.score ?? 0;
    const padded = strict.rank(['reset', 'password', 'weather'])[0]?.score ?? 0;
    expect(padded).to.be.below(known);
    expect(index.rank(['reset', 'password', 'weather'])[0]?.score).to.be.closeTo(1, 1e-9);
  });

  it('visits every text that shares a word with the query, under its key', () => {
    const visited: string[] = [];
    index.forEachMatch(['review'], (key) => visited.push(key));
    expect(visited.sort()).to.deep.equal(['cancel-review', 'cancel-review', 'transfer-review']);
  });
});
