// The province facts the rules and flows depend on, as data a support person edits in knowledge/province-rules.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { KnowledgeError } from './load.js';
import { Citation, ProvincesFile } from './schema.js';
import { citationProblem, readSourceSections } from './sources.js';

const FILE = 'knowledge/province-rules.json';

const ProvinceId = z.string().regex(/^[a-z]+$/, 'use a province id from provinces.json, e.g. "beijing"');
const ProvinceIds = z.array(ProvinceId);
/** The day the fact was last compared with its source; shown to operators, not users. */
const Checked = z.iso.date('write the date checked as YYYY-MM-DD');
const Sources = z.array(Citation).min(1);
const Url = z.url({ protocol: /^https?$/ });

const Group = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject({ ...shape, checked: Checked, sources: Sources });

export const ProvinceRulesFile = z.strictObject({
  /** What this file is for, for the person editing it. */
  about: z.string().optional(),
  phoneVerification: Group({
    provinces: ProvinceIds,
    smsWithinMinutes: z.number().int().positive(),
    answerWithinHours: z.number().int().positive(),
    /**
     * What later public sources report. Kept beside the seed facts, not merged into them, so a
     * reader sees both and the seed fact is never silently overridden.
     */
    laterReports: Group({
      note: z.string().min(10),
      allProvincesSince: z.iso.date(),
      answerWithinHours: z.number().int().positive(),
    }).optional(),
  }),
  /** Provinces where documents and the administrator check can be done in the provider's app. */
  appUpload: Group({ provinces: ProvinceIds }),
  /** Provinces whose administration requires its own app to verify the website administrator. */
  administratorVerificationApps: Group({
    apps: z.array(z.strictObject({ province: ProvinceId, app: z.string().min(3) })),
  }),
  /** Provinces whose communications administration runs its own cancellation site. */
  ownCancellationSites: Group({
    sites: z.array(
      z.strictObject({
        province: ProvinceId,
        url: Url,
        mustLogOn: z.boolean().default(false),
        /** Applications submitted online are processed once a week on this day. */
        processedEvery: z
          .enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'])
          .optional(),
      }),
    ),
  }),
  /** The cancellation application form of each region's communications administration. */
  cancellationForms: Group({
    forms: z.array(
      z.strictObject({
        province: ProvinceId,
        /** The region's name as the source lists it. */
        region: z.string().min(2),
        url: Url,
      }),
    ),
  }),
  changeRestrictions: Group({
    /** Provinces whose authority does not permit changes: the filing must be cancelled and filed again. */
    changesNotPermitted: ProvinceIds,
    note: z.string().min(10),
  }),
  subjectTypeChanges: z.strictObject({
    note: z.string().min(10),
    personalToCompany: Group({ notAllowedIn: ProvinceIds }),
    companyToPersonal: Group({
      allowedOnlyIn: ProvinceIds,
      /** When the allowed change is possible, as a clause: "the person is ...". */
      condition: z.string().min(5),
    }),
    companyToAnotherCompany: Group({ allowed: z.boolean() }),
  }),
});
export type ProvinceRulesFile = z.infer<typeof ProvinceRulesFile>;

export interface ProvinceRules extends ProvinceRulesFile {
  /** Province id -> English name, from provinces.json, for texts shown to users. */
  provinceNames: Readonly<Record<string, string>>;
}

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
  const provinceNames = Object.fromEntries(provinces.data.provinces.map((p) => [p.id, p.en]));

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
