import { expect } from 'chai';
import type { ActionRequest } from '../../../src/domain/action.js';
import { dropOneDomain } from '../../../src/domain/rules/drop-one-domain.js';
import { context, filing, request, say } from './support.js';

const twoDomains = filing({ domains: ['example.cn', 'example.com.cn'] });

const cases: Array<{ name: string; request: ActionRequest; blocked: boolean }> = [
  {
    name: 'blocks cancelling a website to drop one of its two domains',
    request: request('cancel_website', { filing: twoDomains, dropOnlyDomains: ['example.com.cn'] }),
    blocked: true,
  },
  {
    name: 'blocks dropping one domain when only the domain count says there are more',
    request: request('cancel_website', { dropOnlyDomains: ['example.cn'], websiteDomainCount: 3 }),
    blocked: true,
  },
  {
    name: 'allows cancelling a website when every domain goes',
    request: request('cancel_website', { filing: twoDomains, dropOnlyDomains: ['example.cn', 'example.com.cn'] }),
    blocked: false,
  },
  { name: 'allows cancelling a single-domain website', request: request('cancel_website', { dropOnlyDomains: ['example.cn'] }), blocked: false },
  { name: 'allows an ordinary website cancellation', request: request('cancel_website', { filing: twoDomains }), blocked: false },
];

describe('rule: drop-one-domain', () => {
  for (const c of cases) {
    it(c.name, () => {
      expect(dropOneDomain.check(c.request, context()) !== undefined).to.equal(c.blocked);
    });
  }

  it('points to Change Website Information and shows the domain as people read it', () => {
    const block = dropOneDomain.check(
      request('cancel_website', { filing: filing({ domains: ['example.cn', 'xn--fsqu00a.xn--fiqs8s'] }), dropOnlyDomains: ['xn--fsqu00a.xn--fiqs8s'] }),
      context(),
    );
    expect(say(block?.instead)).to.include('change the website information').and.include('例子.中国');
    expect(say(block?.reason)).to.include('all 2');
  });

  it('invents no count when the user only said the website has other domains', () => {
    const block = dropOneDomain.check(request('cancel_website', { dropOnlyDomains: ['example.cn'], websiteDomainCount: 2 }), context());
    expect(say(block?.reason)).to.equal('Cancel Website would remove the whole website with all of its domains, not only example.cn.');
  });
});
