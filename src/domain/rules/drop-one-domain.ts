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
    const count = Math.max(request.websiteDomainCount ?? 0, new Set([...request.filing.domains, ...dropped]).size);
    // Dropping every domain the website has is an ordinary Cancel Website.
    if (dropped.length >= count) return undefined;
    const domains = dropped.map((d) => domainToUnicode(d) || d);
    return {
      reason: message('rule.dropOneDomain.reason', { count, domains }),
      instead: message(domains.length === 1 ? 'rule.dropOneDomain.insteadOne' : 'rule.dropOneDomain.insteadMany', { domains }),
      source: context.citations.get('dropOneDomain'),
    };
  },
};
