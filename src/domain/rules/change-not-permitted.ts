// Provinces whose authority permits no changes (configured in knowledge/province-rules.json): cancel and file again.
import { CHANGES } from '../action.js';
import { provinceNameIn, type Rule } from './rule.js';

const text = {
  reason: (province: string) => `The ${province} communications administration does not permit changes to filings.`,
  instead: 'Cancel this filing and apply for a new one with the new information.',
};

export const changeNotPermitted: Rule = {
  id: 'change-not-permitted',
  appliesTo: CHANGES,
  check(request, context) {
    const restrictions = context.provinces.changeRestrictions;
    if (!restrictions.changesNotPermitted.includes(request.filing.province)) return undefined;
    // The loader guarantees at least one source; the first is the seed's general statement.
    const [source] = restrictions.sources;
    if (!source) return undefined;
    return { reason: text.reason(provinceNameIn(context, request.filing.province)), instead: text.instead, source };
  },
};
