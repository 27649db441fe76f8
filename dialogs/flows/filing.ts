// The filing an action concerns, as the rules and orders see it, from the slots a flow filled.
import type { ActionRequest } from '../../src/domain/rules/index.js';
import type { DomainName, IcpNumber } from '../../src/understanding/entities.js';

/** `level` says whether the order names the subject's number or the website's (the number as given). */
export function filingOf(icp: IcpNumber | undefined, domain: DomainName | undefined, level: 'subject' | 'asGiven'): ActionRequest['filing'] {
  return {
    icpNumber: level === 'subject' ? (icp?.subject ?? '') : (icp?.normalized ?? ''),
    subjectNumber: icp?.subject ?? '',
    province: icp?.province.id ?? '',
    domains: domain ? [domain.ascii] : [],
  };
}
