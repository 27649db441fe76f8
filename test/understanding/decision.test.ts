// The decision on made-up readings: when to answer, offer a choice or say "I don't know", and when a
// message starts an action.
import { expect } from 'chai';
import type { Calibration, FaqEntry } from '../../src/knowledge/schema.js';
import { decideAction, decideQuestion, readQuestion } from '../../src/understanding/decision.js';
import type { Classification, MessageClass } from '../../src/understanding/message-classifier.js';

const calibration: Calibration = { similarityWeight: 2, answer: 0.6, choice: 0.1, maxOptions: 3, maxOutOfScope: 0.1, topicMargin: 0.6, action: 0.5 };
const entry = (id: string): FaqEntry => ({ id, question: `${id}?`, paraphrases: ['a', 'b', 'c'], answer: 'An answer.', zh: { question: `${id}？`, answer: '一个回答。' }, sources: [], related: [] });
const entries = new Map(['a', 'b', 'c', 'd'].map((id) => [id, entry(id)]));

function classification(probabilities: Array<[MessageClass, number]>): Classification {
  return { ranked: probabilities.map(([label, probability]) => ({ label, probability })) };
}
const faq = (entryId: string): MessageClass => ({ kind: 'faq', entryId });
const outOfScope: MessageClass = { kind: 'outOfScope' };

function decide(probabilities: Array<[MessageClass, number]>, similarity: Record<string, number> = {}, topicOnly = false) {
  const reading = readQuestion(classification(probabilities), new Map(Object.entries(similarity)), entries, calibration);
  return decideQuestion(reading, calibration, topicOnly);
}

describe('the decision', () => {
  describe('on a question', () => {
    it('answers the entry it is sure of, offering the next likely ones beside it', () => {
      const result = decide([[faq('a'), 0.8], [faq('b'), 0.15], [outOfScope, 0.05]]);
      expect(result.kind).to.equal('answer');
      expect(result.kind === 'answer' && result.match.entry.id).to.equal('a');
      expect(result.kind === 'answer' && result.alternatives.map((m) => m.entry.id)).to.deep.equal(['b']);
    });

    it('offers a choice when two entries are likely and neither is sure', () => {
      const result = decide([[faq('a'), 0.45], [faq('b'), 0.4], [outOfScope, 0.15]]);
      expect(result.kind === 'choose' && result.options.map((m) => m.entry.id)).to.deep.equal(['a', 'b']);
    });

    it('lets the similarity ranking decide between entries the classifier finds alike', () => {
      const result = decide([[faq('a'), 0.45], [faq('b'), 0.45], [outOfScope, 0.1]], { b: 0.9 });
      expect(result.kind === 'answer' && result.match.entry.id).to.equal('b');
    });

    it('says it does not know a question most likely out of scope, offering only entries worth a button', () => {
      const result = decide([[outOfScope, 0.85], [faq('a'), 0.12], [faq('b'), 0.03]]);
      expect(result).to.deep.include({ kind: 'unknown' });
      expect(result.kind === 'unknown' && result.alternatives.map((m) => m.entry.id)).to.deep.equal(['a']);
    });

    it('never answers when out of scope is more likely than the best entry, however likely that entry', () => {
      const result = decide([[outOfScope, 0.5], [faq('a'), 0.5]], {});
      expect(result.kind).not.to.equal('answer');
    });

    it('offers rather than answers a likely entry while out of scope keeps a tenth or more', () => {
      const result = decide([[faq('a'), 0.7], [outOfScope, 0.15], [faq('b'), 0.15]]);
      expect(result.kind).to.equal('choose');
      expect(result.kind === 'choose' && result.options.map((m) => m.entry.id)).to.deep.equal(['a', 'b']);
    });
  });

  describe('on a word or two that only names a topic', () => {
    it('offers the entries when the best leads by less than the topic margin, though a sentence would be answered', () => {
      const probabilities: Array<[MessageClass, number]> = [[faq('a'), 0.67], [faq('b'), 0.32], [outOfScope, 0.01]];
      expect(decide(probabilities).kind, 'as a sentence').to.equal('answer');
      const result = decide(probabilities, {}, true);
      expect(result.kind === 'choose' && result.options.map((m) => m.entry.id)).to.deep.equal(['a', 'b']);
    });

    it('answers a topic one entry clearly covers', () => {
      const result = decide([[faq('a'), 0.93], [faq('b'), 0.05], [outOfScope, 0.02]], {}, true);
      expect(result.kind === 'answer' && result.match.entry.id).to.equal('a');
    });
  });

  describe('on a request', () => {
    const cancel = (p: number): Array<[MessageClass, number]> => [
      [{ kind: 'action', intent: 'cancel_website' }, p],
      [{ kind: 'action', intent: 'cancel_subject' }, 0.3],
      [faq('a'), 0.7 - p],
    ];

    it('starts the best action when actions together are likely and the sentence asks for it', () => {
      expect(decideAction(classification(cancel(0.4)), 'request', calibration)).to.deep.equal({ intent: 'cancel_website', score: 0.7 });
    });

    it('does not start an action for a how-to or a question about it', () => {
      expect(decideAction(classification(cancel(0.6)), 'howTo', calibration)).to.equal(undefined);
      expect(decideAction(classification(cancel(0.6)), 'question', calibration)).to.equal(undefined);
    });

    it('takes "where is my order?" for the order-status action, although it is a question', () => {
      const status = classification([[{ kind: 'action', intent: 'order_status' }, 0.9], [faq('a'), 0.1]]);
      expect(decideAction(status, 'question', calibration)).to.deep.equal({ intent: 'order_status', score: 0.9 });
    });

    it('does not start an action when the best class is not one', () => {
      const mostlyQuestion = classification([[faq('a'), 0.5], [{ kind: 'action', intent: 'cancel_website' }, 0.45], [outOfScope, 0.05]]);
      expect(decideAction(mostlyQuestion, 'request', calibration)).to.equal(undefined);
    });
  });
});
