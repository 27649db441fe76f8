// The province of a filing is fixed: moving it means cancelling and filing again in the new province.
import { message } from '../../knowledge/catalogue.js';
import { CHANGES } from '../action.js';
import { provinceNameIn, type Rule } from './rule.js';

export const provinceChange: Rule = {
  id: 'province-change',
  appliesTo: CHANGES,
  check(request, context) {
    const target = request.changes?.newProvince;
    if (target === undefined || target === request.filing.province) return undefined;
    return {
      reason: message('rule.provinceChange.reason', {
        icpNumber: request.filing.icpNumber,
        province: provinceNameIn(context, request.filing.province),
      }),
      instead: message('rule.provinceChange.instead', { newProvince: provinceNameIn(context, target) }),
      source: context.citations.get('provinceChange'),
    };
  },
};
