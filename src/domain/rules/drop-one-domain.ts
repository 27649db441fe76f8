// Cancel Website removes every domain of the website: to drop some of them, change the website instead.
import { domainToUnicode } from 'node:url';
import { message } from '../../knowledge/catalogue.js';
import type { Rule } from './rule.js';

export const dropOneDomain: Rule = {
  id: 'drop-one-domain',
  appliesTo: ['cancel_website'],
  check(request, context) {
    const dropped = [...new Set(request.dropOnlyDomains ?? [])];
    if (dropped.length === 0) return undefined;
    const named = new Set([...request.filing.domains, ...dropped]).size;
    const count = Math.max(request.websiteDomainCount ?? 0, named);
    // Dropping every domain the website has is an ordinary Cancel Website.
    if (dropped.length >= count) return undefined;
    const domains = dropped.map((d) => domainToUnicode(d) || d);
    // A count is said only when the user named every domain: websiteDomainCount may only mean
    // "more than one" (the user said the website has others), and the bot must not invent a number.
    const counted = named === count;
    return {
      reason: counted ? message('rule.dropOneDomain.reasonCounted', { count, domains }) : message('rule.dropOneDomain.reason', { domains }),
      instead: message(domains.length === 1 ? 'rule.dropOneDomain.insteadOne' : 'rule.dropOneDomain.insteadMany', { domains }),
      source: context.citations.get('dropOneDomain'),
    };
  },
};
