// The answer margin (knowledge/calibration.json `answerMargin`, chosen by `npm run calibrate`): a
// runner-up close behind the best entry turns an answer into a "did you mean" choice.
import { expect } from 'chai';
import type { Calibration, FaqEntry } from '../../src/knowledge/schema.js';
import { decideQuestion, type QuestionReading } from '../../src/understanding/decision.js';

const entry = (id: string): FaqEntry => ({ id, question: `${id}?`, paraphrases: ['a', 'b', 'c'], answer: 'An answer.', zh: { question: `${id}？`, answer: '一个回答。' }, sources: [], related: [] });
const reading = (best: number, second: number): QuestionReading => ({
  entries: [
    { entry: entry('best'), score: best },
    { entry: entry('second'), score: second },
  ],
  outOfScope: 1 - best - second,
});
const calibration = (answerMargin?: number): Calibration => ({ similarityWeight: 1, answer: 0.6, choice: 0.04, maxOptions: 4, maxOutOfScope: 0.1, topicMargin: 0.6, action: 0.5, answerMargin });

describe('the answer margin', () => {
  it('answers a sure entry whose runner-up is far behind', () => {
    const result = decideQuestion(reading(0.75, 0.2), calibration(0.4));
    expect(result.kind === 'answer' && result.match.entry.id).to.equal('best');
  });

  it('offers both entries when the runner-up is closer than the margin, though the best is above the answer threshold', () => {
    const result = decideQuestion(reading(0.62, 0.3), calibration(0.4));
    expect(result.kind === 'choose' && result.options.map((m) => m.entry.id)).to.deep.equal(['best', 'second']);
  });

  it('answers as before when the calibration sets no margin', () => {
    const result = decideQuestion(reading(0.62, 0.3), calibration());
    expect(result.kind).to.equal('answer');
  });
});
