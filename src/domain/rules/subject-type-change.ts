// Which subject type changes a province allows (later public sources, in knowledge/province-rules.json).
import type { Citation } from '../../knowledge/schema.js';
import type { Block } from './outcome.js';
import { provinceNameIn, type Rule, type RuleContext } from './rule.js';

/** "Guangdong", "Guangdong and Hebei", "Guangdong, Xinjiang and Hebei". */
function namesOf(ids: readonly string[], context: RuleContext): string {
  const names = ids.map((id) => provinceNameIn(context, id));
  return names.length <= 1 ? (names[0] ?? 'no province') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

const text = {
  personalToCompany: (province: string) =>
    `${province} does not allow changing a personal filing into a company filing.`,
  insteadPersonalToCompany: 'Cancel this filing, then file again as the company.',
  companyToPersonal: (allowedIn: string) =>
    `Only ${allowedIn} allow changing a company filing into a personal one.`,
  insteadCompanyToPersonal: 'Cancel this filing, then file again as the person.',
  anotherCompany: 'A filing cannot be passed from one company to another.',
  insteadAnotherCompany: 'Cancel this filing; the other company then applies for its own.',
};

function block(reason: string, instead: string, sources: readonly Citation[]): Block | undefined {
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
        text.personalToCompany(provinceNameIn(context, province)),
        text.insteadPersonalToCompany,
        rules.personalToCompany.sources,
      );
    }
    if (change.from === 'company' && change.to === 'personal') {
      if (rules.companyToPersonal.allowedOnlyIn.includes(province)) return undefined;
      return block(
        text.companyToPersonal(namesOf(rules.companyToPersonal.allowedOnlyIn, context)),
        text.insteadCompanyToPersonal,
        rules.companyToPersonal.sources,
      );
    }
    if (change.from === 'company' && change.to === 'company' && !rules.companyToAnotherCompany.allowed) {
      return block(text.anotherCompany, text.insteadAnotherCompany, rules.companyToAnotherCompany.sources);
    }
    return undefined;
  },
};
