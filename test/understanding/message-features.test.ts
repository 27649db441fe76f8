// What the classifier sees of a message: whole tokens and their neighbours, the pieces inside words,
// and a focus concept weighed above the words around it.
import { expect } from 'chai';
import { Analyzer } from '../../src/understanding/analyzer.js';
import { isWholeWordFeature, messageFeatures } from '../../src/understanding/message-features.js';
import { FIXTURE_CONCEPTS } from './fixture-vocabulary.js';

const analyzer = new Analyzer({ concepts: FIXTURE_CONCEPTS, knownText: ['how long does the cancellation review take'] });
const mentions = (features: string[], feature: string): number => features.filter((f) => f === feature).length;

describe('message features', () => {
  it('counts a focus concept as several mentions, and other concepts once', () => {
    const features = messageFeatures(analyzer, 'how long does the cancellation review take', new Set(['cancel']));
    expect(mentions(features, 't:cancel')).to.be.greaterThan(1);
    expect(mentions(features, 't:review')).to.equal(1);
  });

  it('counts every concept once when none is a focus', () => {
    const features = messageFeatures(analyzer, 'how long does the cancellation review take');
    expect(mentions(features, 't:cancel')).to.equal(1);
  });

  it('tells whole tokens and their pairs from the letters and characters inside words', () => {
    const features = messageFeatures(analyzer, 'cancellation review 注销审核');
    expect(features.filter(isWholeWordFeature)).to.include.members(['t:cancel', 'p:cancel|review']);
    expect(features.filter((f) => !isWholeWordFeature(f)).every((f) => /^[cub]:/.test(f))).to.equal(true);
  });
});
