// A change of mind in the middle of a flow: the new flow is the one a later "stop" or "start over" names.
import type { Locale } from '../../../src/knowledge/catalogue.js';
import { inChinese, message, says } from '../../support/conversation.js';
import { say, useFlowBench, type Reply } from '../../support/flows.js';
import { asks, CANCEL, left, TRANSFER } from './questions.js';

describe('flows: after switching to another flow', () => {
  const setup = useFlowBench();

  it('stops the flow switched to, by its own name', () =>
    setup.bench.person().chat([
      { user: 'cancel my website', bot: [asks(CANCEL.websiteNumber)] },
      { user: 'I want to transfer my filing to you', bot: [message(says('OK, I left the cancellation (nothing was recorded).')), asks(TRANSFER.history)] },
      { user: 'stop', bot: [message(says('OK, I stopped the transfer. Nothing was recorded. What else can I do for you?'))] },
    ]));

  it('starts the flow switched to over, not the one left', () =>
    setup.bench.person().chat([
      { user: 'cancel my website', bot: [asks(CANCEL.websiteNumber)] },
      { user: 'I want to transfer my filing to you', bot: [message(says('OK, I left the cancellation')), asks(TRANSFER.history)] },
      { user: 'start over', bot: [message(says('Starting over.')), asks(TRANSFER.history)] },
    ]));

  describe('a clear request for another action switches; a mistyped answer does not', () => {
    // A request in Chinese in an English conversation is answered in Chinese, the leaving included.
    const switches: { user: string; locale: Locale; then: Reply[] }[] = [
      { user: 'my orders', locale: 'en', then: [message(says('You have no orders with me yet.'))] },
      { user: 'I want to transfer my filing instead', locale: 'en', then: [asks(TRANSFER.history)] },
      { user: '我要变更网站信息', locale: 'zh', then: [message(asks(say('zh', 'filing.askWebsiteNumber', { example: say('zh', 'example.websiteNumber') })), inChinese)] },
    ];
    for (const { user, locale, then } of switches) {
      it(`leaves the cancellation on "${user}"`, () =>
        setup.bench.person().chat([
          { user: 'cancel my website', bot: [asks(CANCEL.websiteNumber)] },
          { user, bot: [left(locale), ...then] },
        ]));
    }

    it('re-asks the ICP number when the answer is a mistyped domain ("exmaple.cn"), staying in the flow', () =>
      setup.bench.person().chat([
        { user: 'cancel my website', bot: [asks(CANCEL.websiteNumber)] },
        { user: 'exmaple.cn', bot: [message(says('not an ICP filing number I can read', CANCEL.websiteNumber))] },
      ]));

    it('re-asks the domain when the answer is a word that is no domain ("exmaple")', () =>
      setup.bench.person().chat([
        { user: 'cancel my website', bot: [asks(CANCEL.websiteNumber)] },
        { user: '京ICP备12345678号-1', bot: [asks(CANCEL.domain)] },
        { user: 'exmaple', bot: [message(says('not a domain name I can read', CANCEL.domain))] },
      ]));
  });
});
