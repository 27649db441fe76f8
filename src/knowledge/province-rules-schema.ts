// The shape of knowledge/province-rules.json and the province facts the rules and flows read from it.
import { z } from 'zod';
import { Citation } from './schema.js';
import type { LocalizedText } from './catalogue.js';

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
  provinceNames: Readonly<Record<string, LocalizedText>>;
}

