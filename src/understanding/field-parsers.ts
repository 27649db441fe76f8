// Parses the answers a flow asks for (zod at the edge): each failure says what was wrong and
// shows an example of the right form, so the user can fix it in one go.
import { z } from 'zod';
import { foldText } from './analyzer.js';
import { findDomains, findIcpNumbers, ICP_LICENCE, parseDomain, type DomainName, type IcpNumber } from './entities.js';
import type { ProvinceDirectory } from './provinces.js';
import type { Province } from '../knowledge/schema.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

export const EXAMPLES = {
  subjectNumber: '京ICP备12345678号',
  websiteNumber: '京ICP备12345678号-1',
  domain: 'example.cn (or 例子.中国)',
  province: 'Guangdong, 广东 or 粤',
  mobile: '13812345678',
} as const;

/** Turns the first zod issue into the sentence shown to the user. */
function fromZod<T>(result: z.ZodSafeParseResult<T>): Parsed<T> {
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, problem: result.error.issues[0]?.message ?? 'That answer is not valid.' };
}

export function icpNumberSchema(provinces: ProvinceDirectory, needs: 'subject' | 'website' | 'either') {
  const example = needs === 'subject' ? EXAMPLES.subjectNumber : EXAMPLES.websiteNumber;
  return z.string().transform((text, context): IcpNumber => {
    const [number] = findIcpNumbers(text, provinces);
    const licence = ICP_LICENCE.test(text.normalize('NFKC'));
    if (!number) {
      context.addIssue({
        code: 'custom',
        message: licence
          ? `That looks like a commercial ICP licence number (ICP证), which is different from a filing number. Please give the filing number, e.g. ${example}.`
          : `That is not an ICP filing number I can read. It looks like ${example}: the province character, ICP备, 8 or 10 digits, 号${needs === 'subject' ? '' : ' and the website number after the dash'}.`,
      });
      return z.NEVER;
    }
    if (needs === 'website' && number.website === undefined) {
      context.addIssue({
        code: 'custom',
        message: `${number.subject} is the subject's number. Please add the website's number after the dash, e.g. ${number.subject}-1.`,
      });
      return z.NEVER;
    }
    return number;
  });
}

export const domainSchema = z.string().transform((text, context): DomainName => {
  const domain = parseDomain(text) ?? findDomains(text)[0];
  if (!domain) {
    context.addIssue({ code: 'custom', message: `That is not a domain name I can read. Please type it like ${EXAMPLES.domain}.` });
    return z.NEVER;
  }
  return domain;
});

export function provinceSchema(provinces: ProvinceDirectory) {
  return z.string().transform((text, context): Province => {
    const province = provinces.parse(text) ?? provinces.find(text);
    if (!province) {
      context.addIssue({
        code: 'custom',
        message: `I do not know that province. Please name one of the 31 mainland provinces, e.g. ${EXAMPLES.province}.`,
      });
      return z.NEVER;
    }
    return province;
  });
}

/** Mainland mobile numbers: 11 digits starting 1[3-9], optionally written with +86 or 0086. */
export const mobileSchema = z.string().transform((text, context): string => {
  const digits = text.normalize('NFKC').replace(/[\s\-().]/g, '').replace(/^(\+86|0086)/, '');
  if (!/^1[3-9]\d{9}$/.test(digits)) {
    context.addIssue({
      code: 'custom',
      message: `That is not a mainland China mobile number. It has 11 digits and starts with 1, e.g. ${EXAMPLES.mobile} or +86 ${EXAMPLES.mobile}.`,
    });
    return z.NEVER;
  }
  return digits;
});

export interface Choice<T extends string> {
  value: T;
  /** The button text. */
  title: string;
  /** Other words that pick this choice. */
  synonyms?: readonly string[];
  /** A yes-like choice (Confirm, "Yes, I am the subject"): a negation or refusal never picks it. */
  positive?: boolean;
}

/**
 * Words that say no, not now or stop, in English and Chinese (recognition data, not display text).
 * An answer with one of them picks a yes-like choice only by naming it exactly (its button): at a
 * summary, "不是" or "no, don't submit it" must never record an order. "cancel" is not among them:
 * here it names an action ("Cancel the whole website"); alone, the conversation takes it for stop. botbuilder's own boolean
 * recognizer (@microsoft/recognizers-text-choice) knows fewer of these (not 算了, 不确认, "wait")
 * and costs a fifth of a second of start-up, so the list is ours.
 */
const REFUSAL_CUES = [
  /\b(?:no|nope|nah|not|never|dont|do not|stop|wait|later|abort|quit|hold on|not now|no thanks)\b/u,
  /不|别|没|否|算了|取消|再想想|等等|等一下|停|先别|暂不/u,
];

/** Whether an answer says no, not now or stop (see REFUSAL_CUES). */
export function refuses(text: string): boolean {
  const folded = foldText(text);
  return REFUSAL_CUES.some((cue) => cue.test(folded));
}

function normalise(text: string): string {
  return foldText(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function choiceSchema<T extends string>(allChoices: readonly Choice<T>[]) {
  return z.string().transform((text, context): T => {
    const answer = normalise(text);
    // A negation never selects a yes-like choice in part ("不是" holds "是"; "no, I am not" holds "I am").
    const partialChoices = refuses(text) ? allChoices.filter((c) => !c.positive) : allChoices;
    const index = /^\d+$/.test(answer) ? Number(answer) - 1 : -1;
    const byNumber = allChoices[index];
    if (byNumber) return byNumber.value;
    const exact = allChoices.find((c) =>
      [c.value, c.title, ...(c.synonyms ?? [])].some((word) => normalise(word) === answer),
    );
    // Otherwise the longest choice word inside the answer wins: "I am not sure" is "not", not "I am".
    let partial = exact;
    let longest = 0;
    for (const choice of exact ? [] : partialChoices) {
      for (const word of [choice.title, ...(choice.synonyms ?? [])].map(normalise)) {
        const chinese = /[\u3400-\u9fff]/.test(word);
        const inside = chinese ? answer.includes(word) : ` ${answer} `.includes(` ${word} `);
        if (inside && word.length > longest && (chinese || word.length > 1)) {
          partial = choice;
          longest = word.length;
        }
      }
    }
    if (!partial) {
      context.addIssue({
        code: 'custom',
        message: `Please pick one of: ${allChoices.map((c) => `"${c.title}"`).join(', ')}.`,
      });
      return z.NEVER;
    }
    return partial.value;
  });
}

export const YES_NO: readonly Choice<'yes' | 'no'>[] = [
  { value: 'yes', title: 'Yes', positive: true, synonyms: ['y', 'yeah', 'yep', 'sure', 'ok', 'okay', 'correct', 'right', 'i am', 'we are', 'it is', 'confirm', '是', '是的', '对', '对的', '好', '好的', '确认', '可以'] },
  { value: 'no', title: 'No', synonyms: ['n', 'nope', 'nah', 'not', 'i am not', 'we are not', 'it is not', '不', '不是', '否', '没有', '不对', '不行'] },
];

export function parseWith<T>(schema: z.ZodType<T, string>, text: string): Parsed<T> {
  return fromZod(schema.safeParse(text));
}

/**
 * A parser for answers that pick one of the choices. The schema is built here, once per flow
 * field: building a zod schema costs more than parsing with it, and the parser runs on every answer.
 */
export function choiceParser<T extends string>(choices: readonly Choice<T>[]): (text: string) => Parsed<T> {
  const schema = choiceSchema(choices);
  return (text) => parseWith(schema, text);
}

/**
 * The answer to a summary: only the confirmation itself, typed or pressed, records an order. A
 * refusal or anything that merely contains a confirming word ("不是" holds "是") is not a
 * confirmation; the conversation stops or asks again.
 */
export function confirmationParser(confirmation: Choice<'confirm'>): (text: string) => Parsed<'confirm'> {
  const words = new Set([confirmation.value, confirmation.title, ...(confirmation.synonyms ?? [])].map(normalise));
  return (text) =>
    !refuses(text) && words.has(normalise(text))
      ? { ok: true, value: 'confirm' }
      : { ok: false, problem: `Please pick one of: "${confirmation.title}".` };
}
