// MessageClassifier on a small training set of its own: two FAQ entries, two actions and a few
// out-of-scope messages, read back in words the training never used.
import { expect } from 'chai';
import { Analyzer } from '../../src/understanding/analyzer.js';
import { MessageClassifier, type LabelledText, type MessageClass } from '../../src/understanding/message-classifier.js';
import { messageFeatures } from '../../src/understanding/message-features.js';
import { FIXTURE_CONCEPTS } from './fixture-vocabulary.js';

const faq = (entryId: string): MessageClass => ({ kind: 'faq', entryId });
const texts: LabelledText[] = [
  ...['how long does the cancellation review take', 'how many days to approve a cancellation', '注销审核要多久', 'cancellation review time'].map(
    (text) => ({ text, label: faq('cancel-review-time'), weight: 1 }),
  ),
  ...['does a transfer cost anything', 'transfer fee', '转入要费用吗', 'how much is a transfer'].map((text) => ({ text, label: faq('transfer-cost'), weight: 1 })),
  ...['cancel my website', 'please deregister my site', '我要注销网站', 'I want to cancel the website'].map((text) => ({
    text,
    label: { kind: 'action', intent: 'cancel_website' } as const,
    weight: 1,
  })),
  ...['withdraw my order', 'stop my order', '撤回订单', 'I want to withdraw the order'].map((text) => ({
    text,
    label: { kind: 'action', intent: 'withdraw_order' } as const,
    weight: 1,
  })),
  ...['what is the weather tomorrow', 'tell me a joke', 'how do I renew my domain', 'ssl certificate install', '今天天气怎么样'].map((text) => ({
    text,
    label: { kind: 'outOfScope' } as const,
    weight: 1,
  })),
];

const analyzer = new Analyzer({ concepts: FIXTURE_CONCEPTS, knownText: texts.map((t) => t.text) });
const features = (text: string): string[] => messageFeatures(analyzer, text);
const classifier = MessageClassifier.train(texts, features);

function best(text: string): MessageClass | undefined {
  return classifier.classify(text).ranked[0]?.label;
}

describe('MessageClassifier', () => {
  it('reads a question worded unlike its training as the entry it asks about', () => {
    expect(best('cancelation review, how long?')).to.deep.equal(faq('cancel-review-time'));
    expect(best('what is the price of a transfer')).to.deep.equal(faq('transfer-cost'));
  });

  it('reads a request as its action, in English and Chinese', () => {
    expect(best('please cancel my website now')).to.deep.equal({ kind: 'action', intent: 'cancel_website' });
    expect(best('帮我撤回订单')).to.deep.equal({ kind: 'action', intent: 'withdraw_order' });
  });

  it('reads a message about something else as out of scope', () => {
    expect(best('tell me a joke about the weather')).to.deep.equal({ kind: 'outOfScope' });
  });

  it('gives every class a probability, and they add up to one', () => {
    const { ranked } = classifier.classify('cancel review');
    expect(ranked).to.have.lengthOf(5);
    expect(ranked.reduce((sum, s) => sum + s.probability, 0)).to.be.closeTo(1, 1e-9);
    expect(ranked.map((s) => s.probability)).to.deep.equal(ranked.map((s) => s.probability).sort((a, b) => b - a));
  });

  it('learns the same model from the same texts, so evaluation figures repeat', () => {
    const again = MessageClassifier.train(texts, features);
    expect(again.classify('transfer fee?').ranked).to.deep.equal(classifier.classify('transfer fee?').ranked);
  });
});
