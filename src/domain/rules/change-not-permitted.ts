// Provinces whose authority permits no changes (configured in knowledge/province-rules.json): cancel and file again.
import { message } from '../../knowledge/catalogue.js';
import { CHANGES } from '../action.js';
import { provinceNameIn, type Rule } from './rule.js';

export const changeNotPermitted: Rule = {
  id: 'change-not-permitted',
  appliesTo: CHANGES,
  check(request, context) {
    const restrictions = context.provinces.changeRestrictions;
    if (!restrictions.changesNotPermitted.includes(request.filing.province)) return undefined;
    // The loader guarantees at least one source; the first is the seed's general statement.
    const [source] = restrictions.sources;
    if (!source) return undefined;
    return {
      reason: message('rule.changeNotPermitted.reason', { province: provinceNameIn(context, request.filing.province) }),
      instead: message('rule.changeNotPermitted.instead'),
      source,
    };
  },
};
