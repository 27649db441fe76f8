// An invisible character inside a domain or an ICP number (zero-width space, soft hyphen, joiners,
// a direction mark, a byte-order mark) makes it mean two things: the bot asks again, never drops the
// character silently, and records nothing for a domain the user did not type.
import { expect } from 'chai';
import { message, says } from '../../support/conversation.js';
import { newFiling, say, useFlowBench } from '../../support/flows.js';
import { asks, CANCEL } from './questions.js';

const INVISIBLE = ['\u200b', '\u00ad', '\u200d', '\u202e', '\u2060', '\ufeff'];

describe('flows: invisible characters in numbers and domains', () => {
  const setup = useFlowBench();

  for (const mark of INVISIBLE) {
    const code = `U+${(mark.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    it(`does not read my${code}shop.cn as shop.cn: asks for the domain, then re-asks saying why`, async () => {
      const { bench } = setup;
      const { website } = newFiling();
      const alice = bench.person();
      await alice.chat([
        // The domain in the first message is not taken: the flow asks for it.
        { user: `cancel the website my${mark}shop.cn, ${website}`, bot: [asks(CANCEL.domain)] },
        { user: `my${mark}shop.cn`, bot: [message(says(say('en', 'answer.invisibleCharacters'), CANCEL.domain))] },
      ]);
      expect(await bench.ordersOf(alice)).to.deep.equal([]);
    });
  }

  it('re-asks an ICP number with an invisible character, in Chinese for a Chinese conversation', async () => {
    const { website } = newFiling();
    const [abbreviation, rest] = [website.slice(0, 1), website.slice(1)];
    await setup.bench.person().chat([
      { user: '我要注销网站', bot: [message(says(say('zh', 'filing.askWebsiteNumber', { example: say('zh', 'example.websiteNumber') })))] },
      { user: `${abbreviation}\u200b${rest}`, bot: [message(says(say('zh', 'answer.invisibleCharacters')))] },
    ]);
  });
});
