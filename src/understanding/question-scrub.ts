// Makes a user's question fit to keep for operators: personal data replaced by what it was
// ("[phone]"), other long numbers hidden, control characters dropped, the length capped.
// The judge of what is personal data is the same recogniser the log and the free-text fields use.
import { MAX_QUESTION_CHARS, ScrubbedText } from '../domain/questions/question-log.js';
import { IDENTITY_NUMBER, MOBILE_NUMBER, personalDataIn, type PersonalDataKind } from './personal-data.js';

const PLACEHOLDER: Readonly<Record<PersonalDataKind, string>> = {
  identityNumber: '[id-number]',
  phoneNumber: '[phone]',
  email: '[email]',
};

/**
 * Stretches that may hold a landline or an e-mail address, which the recogniser names but does not
 * locate: each is replaced when the recogniser finds personal data in it.
 */
const MAYBE_PHONE = /(?<!\d)0\d[\d\s-]{7,13}\d(?!\d)/g;
const MAYBE_EMAIL = /[^\s@，、,;]+@[^\s@，、,;]+/g;
/**
 * Any run of six or more digits left over, single spaces allowed between them (a bank card, a QQ
 * number, an account): nothing an operator needs to see what was asked, and personal data the
 * recogniser does not know stays out.
 */
const LONG_NUMBER = /\d(?:[ .-]?\d){5,}/g;
/** An address written to dodge filters: "a @ b.com", "zhangsan(at)qq.com", "li[at]163.com". */
const SPELLED_EMAIL = /[\w.+-]+\s*(?:@|\(at\)|\[at\]|\{at\})\s*[\w-]+(?:\s*(?:\.|\(dot\)|\[dot\])\s*[\w-]+)+/giu;
/**
 * What follows "password is" / "密码是": the MIIT filing password (or any other) is never kept,
 * whatever it looks like. Only after such words, so "我忘了密码怎么办" keeps its meaning.
 */
const PASSWORD = /(密码|口令|password|passwd|pwd)(\s*(?:是|为|:|：|=|\bis\b)\s*)[\x21-\x7e]+/giu;
/**
 * Full-width digits, letters and the signs of addresses and numbers (as Chinese input methods type
 * them) become the ASCII ones the patterns know; Chinese punctuation (，。) stays as it is.
 */
const FULL_WIDTH = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff20\uff0e\uff0d\uff0b]/g;

function halfWidth(text: string): string {
  return text.replace(FULL_WIDTH, (character) => String.fromCharCode(character.charCodeAt(0) - 0xfee0));
}
// eslint-disable-next-line no-control-regex -- control characters never belong in kept text
const CONTROL = /[\u0000-\u001f\u007f]+/g;

function replaceRecognised(text: string, candidates: RegExp): string {
  return text.replace(candidates, (found) => {
    const kind = personalDataIn(found);
    return kind ? PLACEHOLDER[kind] : found;
  });
}

/** The question as it may be kept: scrubbed, on one line, at most MAX_QUESTION_CHARS characters. */
export function scrubQuestion(text: string): ScrubbedText {
  let scrubbed = halfWidth(text.normalize('NFC')).replace(CONTROL, ' ');
  scrubbed = scrubbed.replace(PASSWORD, (_, word: string, separator: string) => `${word}${separator}[password]`);
  scrubbed = scrubbed.replace(IDENTITY_NUMBER, PLACEHOLDER.identityNumber).replace(MOBILE_NUMBER, PLACEHOLDER.phoneNumber);
  scrubbed = replaceRecognised(scrubbed, MAYBE_PHONE);
  scrubbed = replaceRecognised(scrubbed, MAYBE_EMAIL);
  scrubbed = scrubbed.replace(SPELLED_EMAIL, PLACEHOLDER.email);
  scrubbed = scrubbed.replace(LONG_NUMBER, '[number]').replace(/\s+/g, ' ').trim();
  return ScrubbedText.parse(capped(scrubbed));
}

/** At most MAX_QUESTION_CHARS UTF-16 units, cut between characters, so an emoji is never split in half. */
function capped(text: string): string {
  if (text.length <= MAX_QUESTION_CHARS) return text;
  let cut = '';
  for (const character of text) {
    if (cut.length + character.length > MAX_QUESTION_CHARS) break;
    cut += character;
  }
  return cut;
}
