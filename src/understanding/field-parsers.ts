// Parses the answers a flow asks for: each failure is a catalogue message that says what was wrong
// and shows an example of the right form, so the user can fix it in one go. The zod schemas of the
// parsed values check a flow's stored slots when a conversation is read back.
import { z } from 'zod';
import { foldText } from './analyzer.js';
import { INVISIBLE_CHARACTERS, findDomains, findIcpNumbers, ICP_LICENCE, parseDomain, type DomainName, type IcpNumber } from './entities.js';
import { personalDataIn, type PersonalDataKind } from './personal-data.js';
import type { ProvinceDirectory } from './provinces.js';
import { Province } from '../knowledge/schema.js';
import { normaliseOrderId } from '../domain/orders/order-id.js';
import { message, type MessageArgs, type MessageId, type MessageRef } from '../knowledge/catalogue.js';

/** A message without placeholders, such as a button title. */
export type TitleId = { [I in MessageId]: MessageArgs<I> extends [] ? I : never }[MessageId];

/**
 * A parsed answer, or what was wrong with it. `surelyAnAnswer`: the text was certainly meant as the
 * answer (it holds what was asked for, unusably), so nothing else is looked for in it: a field
 * name with a phone number is re-asked, never taken for a question about phones.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: MessageRef; surelyAnAnswer?: true };

/** The words of the conversation's locale, for parsers that match or list what the user sees. */
export interface AnswerWords {
  say(ref: MessageRef): string;
  /** Items as the locale lists them without a conjunction: "a", "b", "c". */
  commaList(items: readonly string[]): string;
}

/** Reads one answer; the words are those of the conversation's locale. */
export type AnswerParser<T> = (text: string, words: AnswerWords) => Parsed<T>;

/** A parsed ICP number as a flow keeps it in its state. */
export const IcpNumberValue = z.object({
  normalized: z.string(),
  subject: z.string(),
  website: z.number().int().optional(),
  province: Province,
});
/** A parsed domain name as a flow keeps it in its state. */
export const DomainNameValue = z.object({ ascii: z.string(), display: z.string() });

function problem(ref: MessageRef): Parsed<never> {
  return { ok: false, problem: ref };
}

/** An answer that is a commercial licence number (京ICP证000000号) and nothing else. */
const LICENCE_ALONE = new RegExp(`^\\s*(?:${ICP_LICENCE.source})\\s*$`, ICP_LICENCE.flags);

export function icpNumberParser(provinces: ProvinceDirectory, needs: 'subject' | 'website' | 'either'): AnswerParser<IcpNumber> {
  // A step that takes either number asks for the subject's: say what a subject number looks like.
  const example = message(needs === 'website' ? 'example.websiteNumber' : 'example.subjectNumber');
  return (text) => {
    if (INVISIBLE_CHARACTERS.test(text)) {
      // A number behind the invisible character was surely meant as the answer: re-ask with the reason, never read it as a question.
      const numberBehind = findIcpNumbers(text.replace(/\p{Cf}/gu, ''), provinces).length > 0;
      return { ok: false, problem: message('answer.invisibleCharacters'), ...(numberBehind ? { surelyAnAnswer: true as const } : {}) };
    }
    const [number] = findIcpNumbers(text, provinces);
    if (!number) {
      if (ICP_LICENCE.test(text.normalize('NFKC'))) {
        // A licence number alone was surely meant as the number asked for: re-ask, never read it as a question about licences.
        const alone = LICENCE_ALONE.test(text.normalize('NFKC'));
        return { ok: false, problem: message('answer.icp.licence', { example }), ...(alone ? { surelyAnAnswer: true as const } : {}) };
      }
      return problem(message(needs === 'website' ? 'answer.icp.unreadableWebsite' : 'answer.icp.unreadableSubject', { example }));
    }
    if (needs === 'website' && number.website === undefined) {
      return problem(message('answer.icp.subjectGiven', { subject: number.subject }));
    }
    return { ok: true, value: number };
  };
}

export const domainParser: AnswerParser<DomainName> = (text) => {
  if (INVISIBLE_CHARACTERS.test(text)) return problem(message('answer.invisibleCharacters'));
  const domain = parseDomain(text) ?? findDomains(text)[0];
  return domain ? { ok: true, value: domain } : problem(message('answer.domain.unreadable', { example: message('example.domain') }));
};

export function provinceParser(provinces: ProvinceDirectory): AnswerParser<Province> {
  return (text) => {
    const province = provinces.parse(text) ?? provinces.find(text);
    return province ? { ok: true, value: province } : problem(message('answer.province.unknown', { example: message('example.province') }));
  };
}

/** An order id written with its "FA" inside a longer answer ("withdraw FA-7K3Q9M", "the order fa 7k3q9m please"). */
const ORDER_ID_IN_TEXT = /\bfa[\s\-–—_]*[0-9a-z]{6}\b/giu;

/**
 * The order id an answer names: the whole answer as an id ("FA-7K3Q9M", "fa 7k3q9m", "7K3Q9M"), or
 * an id with its "FA" inside it (six letters alone inside a sentence may be any word, "please").
 */
export function findOrderId(text: string): string | undefined {
  const whole = normaliseOrderId(text.trim());
  if (whole) return whole;
  for (const [written] of text.normalize('NFKC').matchAll(ORDER_ID_IN_TEXT)) {
    const id = normaliseOrderId(written);
    if (id) return id;
  }
  return undefined;
}

export const orderIdParser: AnswerParser<string> = (text) => {
  const id = findOrderId(text);
  return id ? { ok: true, value: id } : problem(message('answer.orderId.unreadable', { example: message('example.orderId') }));
};

/** Mainland mobile numbers: 11 digits starting 1[3-9], optionally written with +86 or 0086. */
export const mobileParser: AnswerParser<string> = (text) => {
  const digits = text.normalize('NFKC').replace(/[\s\-().]/g, '').replace(/^(\+86|0086)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? { ok: true, value: digits } : problem(message('answer.mobile.invalid', { example: message('example.mobile') }));
};

/** How many fields one change names at most; more go into another change. */
const MAX_FIELDS = 5;
/** Field names only (never their new values, which may be personal data): a few short names. */
const MAX_FIELD_NAME = 60;

const PERSONAL_DATA_NAMES = {
  identityNumber: 'personalData.identityNumber',
  phoneNumber: 'personalData.phoneNumber',
  email: 'personalData.email',
} as const satisfies Record<PersonalDataKind, MessageId>;

/** The names of the fields a change concerns, e.g. "website name, website administrator". */
export const fieldNamesParser: AnswerParser<string[]> = (text) => {
  // The change flow asks which fields change, not their new values: an identity number, phone
  // number or e-mail address here would end up in the order, so it is refused with the reason.
  const personal = personalDataIn(text);
  if (personal) {
    return { ok: false, problem: message('answer.fields.personalData', { kind: message(PERSONAL_DATA_NAMES[personal]) }), surelyAnAnswer: true };
  }
  const names = text.split(/,|，|、|;|\band\b|和/).map((s) => s.trim()).filter((s) => s !== '');
  if (names.some((name) => name.length > MAX_FIELD_NAME)) return problem(message('answer.fields.tooLong'));
  if (names.length === 0) return problem(message('answer.fields.none'));
  if (names.length > MAX_FIELDS) return problem(message('answer.fields.tooMany'));
  return { ok: true, value: names };
};

export interface Choice<T extends string> {
  value: T;
  /** The button text, from the catalogue. */
  title: TitleId;
  /** Other words that pick this choice (recognition data, in every language the bot reads). */
  synonyms?: readonly string[];
  /** A yes-like choice (Confirm, "Yes, I am the subject"): a negation or refusal never picks it in part. */
  positive?: boolean;
}

/**
 * Words that say no, not now or stop, in English and Chinese (recognition data, not display text).
 * An answer with one of them picks a yes-like choice only by naming it exactly (its button): at a
 * summary, "不是" or "no, don't submit it" must never record an order. "cancel" is not among them:
 * here it names an action ("Cancel the whole website"); alone, the conversation takes it for stop.
 * botbuilder's boolean recognizer (@microsoft/recognizers-text-choice) knows fewer of these (not
 * 算了, 不确认, "wait") and costs a fifth of a second of start-up, so the list is ours.
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

/** "Please pick one of: "A", "B".", in the conversation's words. */
function pickOneOf(titles: readonly TitleId[], words: AnswerWords): MessageRef {
  const quoted = titles.map((title) => words.say(message('answer.quotedChoice', { title: message(title) })));
  return message('answer.pickOneOf', { choices: words.commaList(quoted) });
}

/** A parser for answers that pick one of the choices: its number, its words, or a word of it in the answer. */
export function choiceParser<T extends string>(choices: readonly Choice<T>[]): AnswerParser<T> {
  return (text, words) => {
    const answer = normalise(text);
    const index = /^\d+$/.test(answer) ? Number(answer) - 1 : -1;
    const byNumber = choices[index];
    if (byNumber) return { ok: true, value: byNumber.value };
    const wordsOf = (choice: Choice<T>) => [words.say(message(choice.title)), ...(choice.synonyms ?? [])].map(normalise);
    const exact = choices.find((c) => [normalise(c.value), ...wordsOf(c)].includes(answer));
    if (exact) return { ok: true, value: exact.value };
    // A negation never selects a yes-like choice in part ("不是" holds "是"; "no, I am not" holds "I am").
    const candidates = refuses(text) ? choices.filter((c) => !c.positive) : choices;
    // Otherwise the longest choice word inside the answer wins: "I am not sure" is "not", not "I am".
    let partial: Choice<T> | undefined;
    let longest = 0;
    for (const choice of candidates) {
      for (const word of wordsOf(choice)) {
        const chinese = /[\u3400-\u9fff]/.test(word);
        const inside = chinese ? answer.includes(word) : ` ${answer} `.includes(` ${word} `);
        if (inside && word.length > longest && (chinese || word.length > 1)) {
          partial = choice;
          longest = word.length;
        }
      }
    }
    return partial ? { ok: true, value: partial.value } : problem(pickOneOf(choices.map((c) => c.title), words));
  };
}

export const YES_NO: readonly Choice<'yes' | 'no'>[] = [
  { value: 'yes', title: 'answer.yes', positive: true, synonyms: ['y', 'yeah', 'yep', 'sure', 'ok', 'okay', 'correct', 'right', 'i am', 'we are', 'it is', 'confirm', '是', '是的', '对', '对的', '好', '好的', '确认', '可以'] },
  { value: 'no', title: 'answer.no', synonyms: ['n', 'nope', 'nah', 'not', 'i am not', 'we are not', 'it is not', '不', '不是', '否', '没有', '不对', '不行'] },
];

/**
 * The answer to a summary: only the confirmation itself, typed or pressed, records an order, and a
 * refusal of any kind is a refusal. Anything else, even one that contains a confirming word ("不是"
 * holds "是"), is not an answer: the conversation asks again.
 */
export function confirmationParser(confirm: TitleId, synonyms: readonly string[]): AnswerParser<'confirm' | 'refuse'> {
  return (text, words) => {
    if (refuses(text)) return { ok: true, value: 'refuse' };
    const accepted = [words.say(message(confirm)), ...synonyms].map(normalise);
    return accepted.includes(normalise(text)) ? { ok: true, value: 'confirm' } : problem(pickOneOf([confirm], words));
  };
}
