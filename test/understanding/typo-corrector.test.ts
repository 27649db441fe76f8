// TypoCorrector on a few sentences of its own: misspellings read as the knowledge's words, in
// context, real words left alone, and a fixed budget of work per message.
import { expect } from 'chai';
import { boundedDistance, TypoCorrector } from '../../src/understanding/typo-corrector.js';

const corrector = new TypoCorrector({
  knownText: ['how long does the cancellation review take', 'how long does a transfer take', 'what is the review time'],
  preferred: new Set(['cancellation', 'transfer']),
  neverCorrected: new Set(['the', 'a', 'is']),
  englishWords: new Set(['dose', 'tack', 'ahead', 'long', 'does', 'take', 'review']),
});

const correct = (text: string): string => corrector.correctAll(text.split(' ')).join(' ');

describe('TypoCorrector', () => {
  it('reads misspelt words, short ones too, as the words the knowledge uses', () => {
    expect(correct('how lng does the cancelation reveiw tak')).to.equal('how long does the cancellation review take');
  });

  it('reads a real word as another only where the knowledge uses that word next to its neighbour', () => {
    expect(correct('how long dose the review take')).to.equal('how long does the review take');
    expect(correct('a dose')).to.equal('a dose');
  });

  it('never changes a real word into a word of the knowledge without such a neighbour', () => {
    expect(correct('ahead')).to.equal('ahead');
  });

  it('leaves a word with no known word near it as it is', () => {
    expect(correct('zebrafish')).to.equal('zebrafish');
  });

  it('searches at most sixteen new words of one message, so a flood of garbage costs little', () => {
    const typos = Array.from({ length: 20 }, (_, i) => `revie${String.fromCharCode(97 + i)}w`);
    const corrected = new TypoCorrector({ knownText: ['review'], preferred: new Set(), neverCorrected: new Set(), englishWords: new Set() }).correctAll(typos);
    expect(corrected.filter((w) => w === 'review')).to.have.lengthOf(16);
    expect(corrected.slice(16)).to.deep.equal(typos.slice(16));
  });
});

describe('boundedDistance', () => {
  it('counts insertions, deletions, substitutions and neighbour transpositions', () => {
    expect(boundedDistance('reveiw', 'review', 2)).to.equal(1);
    expect(boundedDistance('lng', 'long', 2)).to.equal(1);
    expect(boundedDistance('tak', 'take', 2)).to.equal(1);
    expect(boundedDistance('cancelation', 'cancellation', 2)).to.equal(1);
    expect(boundedDistance('same', 'same', 1)).to.equal(0);
  });

  it('gives up past its bound', () => {
    expect(boundedDistance('transfer', 'cancel', 2)).to.equal(3);
    expect(boundedDistance('a', 'abcdef', 2)).to.equal(3);
  });
});
