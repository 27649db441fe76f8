// Reads and checks knowledge/province-rules.json: the province facts the rules and flows depend on.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KnowledgeError } from './load.js';
import { ProvincesFile, type Citation } from './schema.js';
import { ProvinceRulesFile, type ProvinceRules } from './province-rules-schema.js';
import { citationProblem, readSourceSections } from './sources.js';

const FILE = 'knowledge/province-rules.json';

/** Turns a zod issue path such as ["cancellationForms", "forms", 3, "url"] into "cancellationForms.forms[3].url". */
function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

function readJson(file: string, where: string, problems: string[]): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`${where}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** Every place in the file that names a province, with its field path, so unknown ids are reported where they are. */
function provinceReferences(rules: ProvinceRulesFile): Array<[string, string]> {
  const refs: Array<[string, string]> = [];
  const list = (field: string, ids: readonly string[]): void =>
    ids.forEach((id, i) => refs.push([`${field}[${i}]`, id]));
  list('phoneVerification.provinces', rules.phoneVerification.provinces);
  list('appUpload.provinces', rules.appUpload.provinces);
  rules.administratorVerificationApps.apps.forEach((a, i) =>
    refs.push([`administratorVerificationApps.apps[${i}].province`, a.province]),
  );
  rules.ownCancellationSites.sites.forEach((s, i) =>
    refs.push([`ownCancellationSites.sites[${i}].province`, s.province]),
  );
  rules.cancellationForms.forms.forEach((f, i) =>
    refs.push([`cancellationForms.forms[${i}].province`, f.province]),
  );
  list('changeRestrictions.changesNotPermitted', rules.changeRestrictions.changesNotPermitted);
  list('subjectTypeChanges.personalToCompany.notAllowedIn', rules.subjectTypeChanges.personalToCompany.notAllowedIn);
  list('subjectTypeChanges.companyToPersonal.allowedOnlyIn', rules.subjectTypeChanges.companyToPersonal.allowedOnlyIn);
  return refs;
}

/** Every citation in the file with its field path. */
function citations(rules: ProvinceRulesFile): Array<[string, Citation]> {
  const groups: Array<[string, readonly Citation[]]> = [
    ['phoneVerification', rules.phoneVerification.sources],
    ['phoneVerification.laterReports', rules.phoneVerification.laterReports?.sources ?? []],
    ['appUpload', rules.appUpload.sources],
    ['administratorVerificationApps', rules.administratorVerificationApps.sources],
    ['ownCancellationSites', rules.ownCancellationSites.sources],
    ['cancellationForms', rules.cancellationForms.sources],
    ['changeRestrictions', rules.changeRestrictions.sources],
    ['subjectTypeChanges.personalToCompany', rules.subjectTypeChanges.personalToCompany.sources],
    ['subjectTypeChanges.companyToPersonal', rules.subjectTypeChanges.companyToPersonal.sources],
    ['subjectTypeChanges.companyToAnotherCompany', rules.subjectTypeChanges.companyToAnotherCompany.sources],
  ];
  return groups.flatMap(([field, list]) =>
    list.map((citation, i): [string, Citation] => [`${field}.sources[${i}]`, citation]),
  );
}

/** A region must not have two forms or two sites: the rules would pick one at random. */
function duplicateProblems(rules: ProvinceRulesFile): string[] {
  const problems: string[] = [];
  const seen = (field: string, ids: readonly string[]): void => {
    const found = new Set<string>();
    ids.forEach((id, i) => {
      if (found.has(id)) problems.push(`${FILE}: ${field}[${i}]: "${id}" is listed twice`);
      found.add(id);
    });
  };
  seen('cancellationForms.forms', rules.cancellationForms.forms.map((f) => f.province));
  seen('ownCancellationSites.sites', rules.ownCancellationSites.sites.map((s) => s.province));
  return problems;
}

/**
 * Reads knowledge/province-rules.json from the knowledge directory, validates it, checks that every
 * province id exists in provinces.json and every citation is verbatim in its source; throws
 * KnowledgeError listing each problem as "knowledge/province-rules.json: <field>: <problem>".
 */
export function loadProvinceRules(dir: string): ProvinceRules {
  const problems: string[] = [];
  const json = readJson(join(dir, 'province-rules.json'), FILE, problems);
  const provincesJson = readJson(join(dir, 'provinces.json'), 'knowledge/provinces.json', problems);
  if (problems.length > 0) throw new KnowledgeError(problems);

  const parsed = ProvinceRulesFile.safeParse(json);
  if (!parsed.success) {
    throw new KnowledgeError(
      parsed.error.issues.map((issue) => `${FILE}: ${fieldPath(issue.path) || '(file)'}: ${issue.message}`),
    );
  }
  const provinces = ProvincesFile.safeParse(provincesJson);
  if (!provinces.success) {
    throw new KnowledgeError([`knowledge/provinces.json: ${provinces.error.issues[0]?.message ?? 'invalid'}`]);
  }
  const rules = parsed.data;
  const provinceNames = Object.fromEntries(provinces.data.provinces.map((p) => [p.id, { en: p.en, zh: p.zh }]));

  for (const [field, id] of provinceReferences(rules)) {
    if (!(id in provinceNames)) problems.push(`${FILE}: ${field}: "${id}" is not a province id in provinces.json`);
  }
  problems.push(...duplicateProblems(rules));
  const sources = readSourceSections(join(dir, 'sources'));
  for (const [field, citation] of citations(rules)) {
    const problem = citationProblem(sources, citation);
    if (problem) problems.push(`${FILE}: ${field}: ${problem}`);
  }
  if (problems.length > 0) throw new KnowledgeError(problems);
  return { ...rules, provinceNames };
}
