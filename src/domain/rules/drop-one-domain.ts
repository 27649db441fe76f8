// Cancel Website removes every domain of the website: to drop some of them, change the website instead.
import { domainToUnicode } from 'node:url';
import type { Citation } from '../../knowledge/schema.js';
import type { Rule } from './rule.js';

export const dropOneDomainSource: Citation = {
  doc: '000_8f40d240c022136d.txt',
  section: 'Types of ICP Filing cancellation',
  quote: 'If you want to cancel a domain name of a website which has multiple domain names, do not click Cancel Website',
};

/** "a.cn", "a.cn and b.cn", "a.cn, b.cn and c.cn", in the form people read. */
function listOf(domains: readonly string[]): string {
  const shown = domains.map((d) => domainToUnicode(d) || d);
  return shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1) ?? ''}`;
}

const text = {
  reason: (count: number, dropped: readonly string[]) =>
    `Cancel Website would remove the whole website with all ${count} of its domains, not only ${listOf(dropped)}.`,
  instead: (dropped: readonly string[]) =>
    `To drop only ${listOf(dropped)}, change the website information and delete ${dropped.length === 1 ? 'it' : 'them'} from its domain list.`,
};

export const dropOneDomain: Rule = {
  id: 'drop-one-domain',
  appliesTo: ['cancel_website'],
  check(request) {
    const dropped = [...new Set(request.dropOnlyDomains ?? [])];
    if (dropped.length === 0) return undefined;
    const count = Math.max(request.websiteDomainCount ?? 0, new Set([...request.filing.domains, ...dropped]).size);
    // Dropping every domain the website has is an ordinary Cancel Website.
    if (dropped.length >= count) return undefined;
    return { reason: text.reason(count, dropped), instead: text.instead(dropped), source: dropOneDomainSource };
  },
};
