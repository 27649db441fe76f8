// Reading a message: synonyms and typos, FAQ search, and the intent and entities of clear requests.
import { expect } from 'chai';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { Understanding } from '../../src/understanding/understanding.js';
import { KNOWLEDGE_DIR } from '../support/paths.js';

describe('understanding', () => {
  let understanding: Understanding;

  before(() => {
    understanding = new Understanding(loadKnowledge(KNOWLEDGE_DIR));
  });

  const analyze = (text: string): string[] => understanding.analyzer.analyze(text);

  describe('Analyzer', () => {
    const sameAs: { typed: string; means: string; why: string }[] = [
      { typed: 'deregister', means: 'cancel', why: 'a synonym' },
      { typed: 'unregister', means: 'cancel', why: 'a synonym' },
      { typed: '注销', means: 'cancel', why: 'the Chinese word' },
      { typed: 'cancellation', means: 'cancel', why: 'another form of the word' },
      { typed: 'cancelation', means: 'cancellation', why: 'a misspelling' },
      { typed: 'transfr', means: 'transfer', why: 'a typo' },
      { typed: 'CANCEL', means: 'cancel', why: 'upper case' },
    ];
    for (const { typed, means, why } of sameAs) {
      it(`reads "${typed}" as "${means}" (${why})`, () => {
        const tokens = analyze(typed);
        expect(tokens).to.have.lengthOf(1);
        expect(tokens).to.deep.equal(analyze(means));
      });
    }

    it('reads a Chinese question with the same concepts as its English version', () => {
      const chinese = analyze('注销备案审核要多久');
      for (const concept of [...analyze('cancel'), ...analyze('review')]) {
        expect(chinese).to.include(concept);
      }
    });

    // WordNet's list comes through Knowledge.englishWords; without it these become change, cancel, show, change.
    const stemOfRealWord = { ahead: 'ahead', script: 'script', shopping: 'shop', chance: 'chanc' };
    for (const [typed, stem] of Object.entries(stemOfRealWord)) {
      it(`never "corrects" the real English word "${typed}" into a word of the knowledge`, () => {
        expect(analyze(typed)).to.deep.equal([stem]);
      });
    }

    it('keeps words it does not know instead of dropping them', () => {
      expect(analyze('weather')).to.have.lengthOf(1);
      expect(analyze('weather')).not.to.deep.equal(analyze('cancel'));
    });
  });

  describe('FAQ search', () => {
    it("answers each entry's own question with that entry", () => {
      const wrong = understanding.knowledge.faq.flatMap((entry) => {
        const result = understanding.ask(entry.question);
        const got = result.kind === 'answer' ? result.match.entry.id : result.kind;
        return got === entry.id ? [] : [`${entry.id}: got ${got} for "${entry.question}"`];
      });
      expect(wrong).to.deep.equal([]);
    });

    it("never answers an entry's question with a different entry, even without the exact-text shortcut", () => {
      const wrong = understanding.knowledge.faq.flatMap((entry) => {
        const result = understanding.judge(entry.question);
        if (result.kind === 'answer' && result.match.entry.id !== entry.id) {
          return [`${entry.id}: answered with ${result.match.entry.id}`];
        }
        if (result.kind === 'choose' && !result.options.some((o) => o.entry.id === entry.id)) {
          return [`${entry.id}: not among the choices`];
        }
        return result.kind === 'unknown' ? [`${entry.id}: unknown`] : [];
      });
      expect(wrong).to.deep.equal([]);
    });

    it('answers the exact question whatever its case and punctuation', () => {
      const [entry] = understanding.knowledge.faq;
      if (!entry) throw new Error('no FAQ entries');
      const result = understanding.ask(`  ${entry.question.toUpperCase().replace(/[?？]$/, '')} !! `);
      expect(result.kind === 'answer' ? result.match.entry.id : result.kind).to.equal(entry.id);
    });

    it('answers the Chinese question about the cancellation review time', () => {
      const result = understanding.ask('注销备案审核要多久');
      expect(result.kind).to.equal('answer');
      expect(result.kind === 'answer' ? result.match.entry.answer : '').to.match(/3 to 20 business days/);
    });

    const offTopic = ["what's the weather in Paris", 'write me a poem about cats', 'what is the capital of France'];
    for (const question of offTopic) {
      it(`does not know "${question}"`, () => {
        expect(understanding.ask(question).kind).to.equal('unknown');
      });
    }
  });

  describe('recognize', () => {
    it('reads a cancel request with its domain, ICP number and province', () => {
      const { intent, entities } = understanding.recognize('cancel the website example.cn, 京ICP备12345678号-1');
      expect(intent).to.equal('cancel_website');
      expect(entities.domains.map((d) => d.ascii)).to.deep.equal(['example.cn']);
      expect(entities.icpNumbers.map((n) => n.normalized)).to.deep.equal(['京ICP备12345678号-1']);
      expect(entities.province?.id).to.equal('beijing');
    });

    const requests: { text: string; intent: string }[] = [
      { text: 'I want to transfer my filing to you', intent: 'transfer_in' },
      { text: 'where is my order', intent: 'order_status' },
      { text: 'cancel my website filing', intent: 'cancel_website' },
      { text: 'how long does the cancellation review take?', intent: 'none' },
    ];
    for (const { text, intent } of requests) {
      it(`reads "${text}" as ${intent}`, () => {
        const recognition = understanding.recognize(text);
        expect(recognition.intent).to.equal(intent);
        expect(recognition.score).to.be.within(0, 1);
      });
    }
  });
});
