// Which subject type changes a province allows (later public sources, in knowledge/province-rules.json).
import { message, type LocalizedText, type MessageRef } from '../../knowledge/catalogue.js';
import type { Citation } from '../../knowledge/schema.js';
import type { Block } from './outcome.js';
import { provinceNameIn, type Rule, type RuleContext } from './rule.js';

/** The names of the provinces, for a list in the user's language. */
function namesOf(ids: readonly string[], context: RuleContext): LocalizedText[] {
  return ids.map((id) => provinceNameIn(context, id));
}

function block(reason: MessageRef, instead: MessageRef, sources: readonly Citation[]): Block | undefined {
  // The loader guarantees at least one source per group.
  const [source] = sources;
  return source ? { reason, instead, source } : undefined;
}

export const subjectTypeChange: Rule = {
  id: 'subject-type-change',
  appliesTo: ['change_subject'],
  check(request, context) {
    const change = request.changes?.subjectType;
    if (!change) return undefined;
    const rules = context.provinces.subjectTypeChanges;
    const province = request.filing.province;
    if (change.from === 'personal' && change.to === 'company') {
      if (!rules.personalToCompany.notAllowedIn.includes(province)) return undefined;
      return block(
        message('rule.subjectTypeChange.personalToCompany', { province: provinceNameIn(context, province) }),
        message('rule.subjectTypeChange.insteadPersonalToCompany'),
        rules.personalToCompany.sources,
      );
    }
    if (change.from === 'company' && change.to === 'personal') {
      if (rules.companyToPersonal.allowedOnlyIn.includes(province)) return undefined;
      const provinces = namesOf(rules.companyToPersonal.allowedOnlyIn, context);
      return block(
        provinces.length > 0
          ? message('rule.subjectTypeChange.companyToPersonal', { provinces })
          : message('rule.subjectTypeChange.companyToPersonalNowhere'),
        message('rule.subjectTypeChange.insteadCompanyToPersonal'),
        rules.companyToPersonal.sources,
      );
    }
    if (change.from === 'company' && change.to === 'company' && !rules.companyToAnotherCompany.allowed) {
      return block(
        message('rule.subjectTypeChange.anotherCompany'),
        message('rule.subjectTypeChange.insteadAnotherCompany'),
        rules.companyToAnotherCompany.sources,
      );
    }
    return undefined;
  },
};
