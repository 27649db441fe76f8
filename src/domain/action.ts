// What a user asks to do with a filing, as plain data the rules judge and an order records.
import { z } from 'zod';
import type { MessageId } from '../knowledge/catalogue.js';

export const ACTION_TYPES = ['cancel_subject', 'cancel_website', 'transfer_in', 'cancel_transfer', 'change_subject', 'change_website'] as const;
export const ActionType = z.enum(ACTION_TYPES);
export type ActionType = z.infer<typeof ActionType>;

/** How users read an action in a sentence: "your order to cancel a website". */
/** How each action is named inside a sentence ("Your order FA-... to {action} ..."). */
export const ACTION_LABELS = {
  cancel_subject: 'action.cancelSubject',
  cancel_website: 'action.cancelWebsite',
  transfer_in: 'action.transferIn',
  cancel_transfer: 'action.cancelTransfer',
  change_subject: 'action.changeSubject',
  change_website: 'action.changeWebsite',
} as const satisfies Readonly<Record<ActionType, MessageId>>;

export const CANCELLATIONS: readonly ActionType[] = ['cancel_subject', 'cancel_website'];
export const CHANGES: readonly ActionType[] = ['change_subject', 'change_website'];

export const SubjectType = z.enum(['personal', 'company']);
export type SubjectType = z.infer<typeof SubjectType>;

/** The normal forms produced by src/nlu/entities.ts: 8 digits (older) or 10 (since about 2020). */
const SUBJECT_NUMBER = /^[\u3400-\u9fff]ICP备(?:\d{8}|\d{10})号$/u;
const ICP_NUMBER = /^[\u3400-\u9fff]ICP备(?:\d{8}|\d{10})号(?:-[1-9]\d{0,2})?$/u;
/** Domains are compared and stored in their ASCII (punycode) form, lower case. */
const ASCII_DOMAIN =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{2,59})$/;

export const ProvinceId = z.string().regex(/^[a-z]+$/, 'must be a province id such as "beijing"');
export const AsciiDomain = z.string().regex(ASCII_DOMAIN, 'must be a domain in lower-case ASCII (punycode) form');

export const Filing = z
  .strictObject({
    /** The number the user named: a subject's (京ICP备12345678号) or a website's (…号-1). */
    icpNumber: z.string().regex(ICP_NUMBER, 'must be a normalised ICP filing number, e.g. 京ICP备12345678号-1'),
    /** The subject's number: what makes two orders concern "the same filing". */
    subjectNumber: z.string().regex(SUBJECT_NUMBER, 'must be a subject number, e.g. 京ICP备12345678号'),
    province: ProvinceId,
    domains: z.array(AsciiDomain),
  })
  .refine((filing) => filing.icpNumber.startsWith(filing.subjectNumber), {
    path: ['icpNumber'],
    message: 'must be the subject number or the subject number followed by -N',
  });
export type Filing = z.infer<typeof Filing>;

export const ChangeRequest = z.strictObject({
  newProvince: ProvinceId.optional(),
  newDomain: AsciiDomain.optional(),
  /** The domain the new one replaces: it stops working once the new one is approved. */
  replacesDomain: AsciiDomain.optional(),
  /**
   * A change of who the filing belongs to. `from` and `to` both "company" means the filing would
   * pass to a different company; a company changing its own details is not a subject type change.
   */
  subjectType: z.strictObject({ from: SubjectType, to: SubjectType }).optional(),
  /** Names, never values, of the other fields to change (e.g. "website name"): values may be personal data. */
  otherFields: z.array(z.string().min(1).max(60)).optional(),
});
export type ChangeRequest = z.infer<typeof ChangeRequest>;

export const ActionRequest = z.strictObject({
  type: ActionType,
  filing: Filing,
  /** cancel_website: the user only wants to drop these domains of the website. */
  dropOnlyDomains: z.array(AsciiDomain).optional(),
  /** cancel_website: how many domains the website has, when more than the filing facts list. */
  websiteDomainCount: z.number().int().positive().optional(),
  /** Cancellations: whether the user is the filing subject (false sends them to the MIIT route). */
  isFilingSubject: z.boolean().optional(),
  /** Cancellations: false when the user says it cannot be cancelled online. */
  canCancelOnline: z.boolean().optional(),
  changes: ChangeRequest.optional(),
  /** The user wants to cancel and file again immediately. */
  reapplyNow: z.boolean().optional(),
});
export type ActionRequest = z.infer<typeof ActionRequest>;
