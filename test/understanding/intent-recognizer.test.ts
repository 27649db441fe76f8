// IntentRecognizer on four made-up intents and a few FAQ questions: requests to act are told from
// questions about acting, by their words and by the shape of the sentence.
import { expect } from 'chai';
import { Analyzer } from '../../src/understanding/analyzer.js';
import { IntentRecognizer, type TrainingIntent } from '../../src/understanding/intent-recognizer.js';
import { FIXTURE_CONCEPTS } from './fixture-vocabulary.js';

function trainingIntent(label: TrainingIntent['label'], en: string[], zh: string[]): TrainingIntent {
  return { label, examples: { en, zh } };
}

const INTENTS: TrainingIntent[] = [
  trainingIntent('cancel_website', ['cancel my website', 'I want to cancel the website', 'please deregister my site', 'cancel the website and its domain', 'remove the site from my filing'], ['注销网站', '我要注销网站', '帮我注销网站']),
  trainingIntent('transfer_in', ['transfer my filing to you', 'I want to transfer my filing', 'move in my filing', 'start a transfer', 'transfer the filing from another provider'], ['转入备案', '我要转入备案', '帮我转入备案']),
  trainingIntent('cancel_transfer', ['cancel my transfer', 'stop the transfer', 'withdraw the transfer', 'I want to cancel the transfer', 'cancel the transfer order'], ['取消转入', '撤回转入', '我要取消转入']),
  trainingIntent('order_status', ['where is my order', 'status of my order', 'check my order', 'show my orders', 'track my order'], ['我的订单', '订单状态', '查看订单']),
];
/** Questions from the FAQ: examples of what is not a request to act. */
const QUESTIONS = [
  'How long does the cancellation review take?',
  'Does cancelling a website cost anything?',
  'How long does a transfer take?',
  'Can I cancel a website during a transfer?',
];
const FOCUS = ['cancel', 'transfer', 'withdraw', 'order'];

const analyzer = new Analyzer({
  concepts: FIXTURE_CONCEPTS,
  knownText: [...INTENTS.flatMap((i) => i.examples.en), ...QUESTIONS],
});
const recognizer = new IntentRecognizer(INTENTS, analyzer, QUESTIONS, FOCUS);

function intentOf(text: string, by: IntentRecognizer = recognizer): string {
  return by.recognize(text).intent;
}

describe('IntentRecognizer', () => {
  describe('requests', () => {
    const requests: [text: string, intent: string, why: string][] = [
      ['please cancel my website', 'cancel_website', 'a training phrase with "please"'],
      ['deregister website', 'cancel_website', 'a synonym'],
      ['I want to cancel the transfer', 'cancel_transfer', 'cancel and transfer together'],
      ['帮我注销网站', 'cancel_website', 'Chinese'],
      ['撤回转入吧', 'cancel_transfer', 'Chinese worded unlike any training phrase'],
    ];
    for (const [text, intent, why] of requests) {
      it(`reads "${text}" as ${intent} (${why})`, () => {
        expect(intentOf(text)).to.equal(intent);
      });
    }

    it('scores a training phrase said word for word 1', () => {
      const { intent, score } = recognizer.recognize('cancel my website');
      expect(intent).to.equal('cancel_website');
      expect(score).to.be.closeTo(1, 1e-9);
    });

    it('tells "cancel the transfer" from cancelling a website by the actions the message names', () => {
      const text = 'cancel the transfer of my website';
      expect(intentOf(text)).to.equal('cancel_transfer');
      const withoutFocus = new IntentRecognizer(INTENTS, analyzer, QUESTIONS);
      expect(intentOf(text, withoutFocus), 'without focus concepts').to.equal('cancel_website');
    });
  });

  describe('questions', () => {
    const questions = [
      'how long does cancelling a website take?',
      'can I cancel a website during a transfer?',
      '注销网站要多久？',
      '注销网站要多久',
    ];
    for (const text of questions) {
      it(`reads "${text}" as a question about acting, not a request (none)`, () => {
        expect(intentOf(text)).to.equal('none');
      });
    }

    it('reads a request-shaped message that is more like an FAQ question than any request as a question', () => {
      expect(intentOf('cancel a website during a transfer')).to.equal('none');
    });

    it('scores a question by its likeness to the FAQ questions', () => {
      const { intent, score } = recognizer.recognize('Can I cancel a website during a transfer?');
      expect(intent).to.equal('none');
      expect(score).to.be.closeTo(1, 1e-9);
    });

    it('reads asking where an order stands as the order-status action, though it is a question', () => {
      expect(intentOf('where is my order right now?')).to.equal('order_status');
    });
  });

  describe('speech act weighting', () => {
    it('reads "can you cancel" as a request and "can I cancel" as a question, with the same words', () => {
      expect(analyzer.analyze('can you cancel my website?')).to.deep.equal(analyzer.analyze('can I cancel my website?'));
      expect(intentOf('can you cancel my website?')).to.equal('cancel_website');
      expect(intentOf('can I cancel my website?')).to.equal('none');
    });

    it('lets the shape of the sentence decide a message only loosely like a request', () => {
      const tokens = analyzer.analyze('注销网站要多久');
      expect(recognizer.recognizeTokens(tokens, 'request').intent).to.equal('cancel_website');
      expect(recognizer.recognizeTokens(tokens, 'question').intent).to.equal('none');
    });

    it('never lets the shape alone make an action of a message unlike every training phrase', () => {
      expect(recognizer.recognizeTokens(analyzer.analyze('I love my website and my cat'), 'request').intent).to.equal('none');
    });
  });

  describe('nothing to recognise', () => {
    for (const text of ['', '   ', 'what is the weather', 'I love my website and my cat']) {
      it(`reads ${JSON.stringify(text)} as none`, () => {
        expect(intentOf(text)).to.equal('none');
      });
    }

    it('scores a message that shares no word with any phrase 0', () => {
      expect(recognizer.recognize('what is the weather')).to.deep.equal({ intent: 'none', score: 0 });
      expect(recognizer.recognize('')).to.deep.equal({ intent: 'none', score: 0 });
    });
  });
});
