// The Analyzer on a made-up vocabulary: concepts and synonyms, typo correction that leaves real
// English alone, Chinese text, and what it makes of empty input.
import { expect } from 'chai';
import { Analyzer, type AnalyzerOptions } from '../../src/understanding/analyzer.js';
import type { WordList } from '../../src/knowledge/word-list.js';
import { FIXTURE_CONCEPTS } from './fixture-vocabulary.js';

const OPTIONS: AnalyzerOptions = {
  concepts: FIXTURE_CONCEPTS,
  names: [{ token: 'shanghai', concept: 'province', names: ['Shanghai', '上海'] }],
  extraStopwords: ['的', 'icp'],
  // "provide" is used more than "province", but "province" is a domain word.
  knownText: ['Provide your filing number to transfer it.', 'We provide a review of every filing.', 'Free of charge.'],
};

/** A word list that remembers what it was asked. */
function wordList(words: readonly string[]): WordList & { asked: string[] } {
  const known = new Set(words);
  const asked: string[] = [];
  return {
    asked,
    has(word: string): boolean {
      asked.push(word);
      return known.has(word);
    },
  };
}

describe('Analyzer', () => {
  const english = wordList(['pile', 'fill', 'change']);
  const analyzer = new Analyzer({ ...OPTIONS, englishWords: english });
  const analyze = (text: string): string[] => analyzer.analyze(text);

  beforeEach(() => {
    english.asked.length = 0;
  });

  describe('concepts and synonyms', () => {
    const cancel: [typed: string, why: string][] = [
      ['deregister', 'a synonym'],
      ['Cancellation', 'another form, capitalised'],
      ['cancelling', 'an inflection, by its stem'],
      ['ＣＡＮＣＥＬ', 'full-width letters'],
      ['注销', 'the Chinese word'],
    ];
    for (const [typed, why] of cancel) {
      it(`reads "${typed}" as the concept cancel (${why})`, () => {
        expect(analyze(typed)).to.deep.equal(['cancel']);
      });
    }

    it('reads a phrase of several words as one concept, also when inflected', () => {
      expect(analyze('how long does moving in take')).to.deep.equal(['duration', 'transfer', 'take']);
    });

    it('reads a name as itself and as its concept, in English and in Chinese', () => {
      expect(analyze('Shanghai')).to.deep.equal(['shanghai', 'province']);
      expect(analyze('上海')).to.deep.equal(['shanghai', 'province']);
    });

    it('drops filler words but keeps question words, which separate questions that share their nouns', () => {
      expect(analyze("how do I move in? Don't cancel the ICP")).to.deep.equal(['how', 'transfer', 'cancel']);
    });

    it('keeps a word it does not know, stemmed, instead of dropping it', () => {
      expect(analyze('weather')).to.deep.equal(['weather']);
    });
  });

  describe('typos', () => {
    it('reads a misspelt word the knowledge uses as that word', () => {
      expect(analyze('transfr')).to.deep.equal(['transfer']);
      expect(analyze('revew')).to.deep.equal(analyze('review'));
    });

    it('prefers a domain word to a more frequent word when both are one edit away', () => {
      expect(analyze('provice')).to.deep.equal(['province']);
    });

    it('reads a short misspelt word too, but never a short real word', () => {
      expect(analyze('evry')).to.deep.equal(analyze('every'));
      expect(analyze('evrey')).to.deep.equal(analyze('every'));
      expect(analyze('pile')).to.deep.equal(['pile']);
    });

    it('never "corrects" a real English word into a word of the knowledge, in any of its forms', () => {
      // One edit from "filing" and "charge" respectively; the word list knows "fill" and "change".
      expect(analyze('filling')).to.deep.equal(['fill']);
      expect(analyze('change')).to.deep.equal(['chang']);
      const withoutWordList = new Analyzer(OPTIONS);
      expect(withoutWordList.analyze('filling')).to.deep.equal(['file']);
      expect(withoutWordList.analyze('change')).to.deep.equal(['charg']);
    });

    it('asks the word list only about words it cannot read otherwise, so the list can be read late', () => {
      analyze('cancel the transfer review, how long? 注销网站');
      expect(english.asked).to.deep.equal([]);
      analyze('zebrafish');
      // No known word is near it, so there is nothing to correct it to and nothing to ask.
      expect(english.asked).to.deep.equal([]);
      analyze('fillings');
      expect(english.asked).to.include('fillings');
    });
  });

  describe('Chinese', () => {
    it('finds concepts inside a run of characters without spaces', () => {
      expect(analyze('注销网站要多久')).to.deep.equal(['cancel', 'website', 'duration']);
    });

    it('reads characters it does not know as overlapping pairs, apart from English tokens', () => {
      expect(analyze('提交材料')).to.deep.equal(['zh:提交', 'zh:交材', 'zh:材料']);
      expect(analyze('提')).to.deep.equal([]);
    });

    it('drops Chinese filler words and reads the words around them, pairing no character across them', () => {
      expect(analyze('上海的网站')).to.deep.equal(['shanghai', 'province', 'website']);
      expect(analyze('提交的材料')).to.deep.equal(['zh:提交', 'zh:材料']);
    });

    it('reads English inside Chinese text', () => {
      expect(analyze('注销example网站')).to.deep.equal(['cancel', 'exampl', 'website']);
    });
  });

  describe('empty input', () => {
    for (const text of ['', '   ', '?!。']) {
      it(`has no tokens for ${JSON.stringify(text)}`, () => {
        expect(analyze(text)).to.deep.equal([]);
      });
    }
  });

  it('gives each caller its own array: changing one does not change the next answer', () => {
    analyze('cancel website');
    analyze('cancel website').push('changed');
    expect(analyze('cancel website')).to.deep.equal(['cancel', 'website']);
  });
});
