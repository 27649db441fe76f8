// The province of a filing is fixed: moving it means cancelling and filing again in the new province.
import type { Citation } from '../../knowledge/schema.js';
import { CHANGES } from '../action.js';
import { provinceNameIn, type Rule } from './rule.js';

export const provinceChangeSource: Citation = {
  doc: '004_32622779390f9597.txt',
  section: 'Change ICP Filing information',
  quote: 'You cannot change the province where your ICP Filing is registered.',
};

const text = {
  reason: (icpNumber: string, province: string) =>
    `The province of a filing cannot be changed: ${icpNumber} stays registered in ${province}.`,
  instead: (newProvince: string) =>
    `Cancel this filing, then apply for a new one with the ${newProvince} communications administration.`,
};

export const provinceChange: Rule = {
  id: 'province-change',
  appliesTo: CHANGES,
  check(request, context) {
    const target = request.changes?.newProvince;
    if (target === undefined || target === request.filing.province) return undefined;
    return {
      reason: text.reason(request.filing.icpNumber, provinceNameIn(context, request.filing.province)),
      instead: text.instead(provinceNameIn(context, target)),
      source: provinceChangeSource,
    };
  },
};
