// Recognises the things users name: ICP filing numbers, domain names and provinces, in normal form.
import { domainToASCII, domainToUnicode } from 'node:url';
import type { Province } from '../knowledge/schema.js';
import type { ProvinceDirectory } from './provinces.js';

export interface IcpNumber {
  /** The normal form, e.g. "京ICP备12345678号-1". */
  normalized: string;
  /** The subject's number without the website suffix, e.g. "京ICP备12345678号". */
  subject: string;
  /** The website's sequence number (the "-1"), when the number names a website. */
  website?: number;
  province: Province;
}

export interface DomainName {
  /** ASCII (punycode) form, lower case: what we compare and store. */
  ascii: string;
  /** What a person reads, e.g. "例子.中国". */
  display: string;
}

export interface Entities {
  icpNumbers: IcpNumber[];
  domains: DomainName[];
  province?: Province;
}

/**
 * ICP filing numbers as people type them: spaces, full-width digits and dashes, the website
 * suffix after 号 ("-1号" order also occurs). 8 digits (older) or 10 digits (since about 2020).
 */
const ICP_NUMBER =
  /([\u3400-\u9fff])\s*icp\s*备\s*(\d{10}|\d{8})(?!\d)\s*(?:[-－—–]\s*(\d{1,3}))?\s*号?(?:\s*[-－—–]\s*(\d{1,3}))?/giu;
/** A commercial ICP licence (ICP证) is a different thing from a filing. */
export const ICP_LICENCE = /[\u3400-\u9fff]\s*icp\s*证\s*\d+\s*号?/iu;

/** Letters of the scripts internationalised domain names use here: Latin extended, Greek, Cyrillic, kana, CJK, Hangul. */
const NON_ASCII_LETTER = '\\u00c0-\\u024f\\u0370-\\u03ff\\u0400-\\u04ff\\u3040-\\u30ff\\u3400-\\u9fff\\uac00-\\ud7af';
/** A label is ASCII or non-ASCII, never mixed: in "注销网站example.cn" the domain starts at "example". */
const DOMAIN_LABEL = `(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?|[${NON_ASCII_LETTER}](?:[${NON_ASCII_LETTER}-]{0,61}[${NON_ASCII_LETTER}])?)`;
const DOMAIN = new RegExp(
  `(?<![@\\w.-])(?:https?://)?((?:${DOMAIN_LABEL}\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{2,59}|[${NON_ASCII_LETTER}]{2,63}))(?![\\w-])`,
  'gi',
);

export function parseIcpNumber(text: string, provinces: ProvinceDirectory): IcpNumber | undefined {
  return findIcpNumbers(text, provinces)[0];
}

export function findIcpNumbers(text: string, provinces: ProvinceDirectory): IcpNumber[] {
  const folded = text.normalize('NFKC');
  const found: IcpNumber[] = [];
  for (const match of folded.matchAll(ICP_NUMBER)) {
    const [, abbreviation = '', digits = '', before, after] = match;
    const province = provinces.fromAbbreviation(abbreviation);
    if (!province) continue;
    const subject = `${abbreviation}ICP备${digits}号`;
    const suffix = before ?? after;
    const website = suffix === undefined ? undefined : Number(suffix);
    if (website === 0) continue;
    found.push({
      normalized: website === undefined ? subject : `${subject}-${website}`,
      subject,
      website,
      province,
    });
  }
  return found;
}

/** A domain name in normal form, or undefined when the text is not one. Accepts internationalised names. */
export function parseDomain(text: string): DomainName | undefined {
  const candidate = text
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/\.$/, '')
    .replace(/。/g, '.');
  if (!candidate.includes('.') || /\s/.test(candidate)) return undefined;
  const ascii = domainToASCII(candidate);
  if (!ascii || ascii.length > 253) return undefined;
  const labels = ascii.split('.');
  const tld = labels[labels.length - 1] ?? '';
  if (!/^([a-z]{2,63}|xn--[a-z0-9-]{2,59})$/.test(tld)) return undefined;
  if (!labels.every((l) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l))) return undefined;
  return { ascii, display: domainToUnicode(ascii) };
}

export function findDomains(text: string): DomainName[] {
  const withoutEmails = text.normalize('NFKC').replace(/\S+@\S+/g, ' ').replace(/。/g, '.');
  const found = new Map<string, DomainName>();
  for (const match of withoutEmails.matchAll(DOMAIN)) {
    const domain = match[1] ? parseDomain(match[1]) : undefined;
    if (domain) found.set(domain.ascii, domain);
  }
  return [...found.values()];
}

/**
 * Invisible and formatting characters (zero-width space, soft hyphen, joiners, direction marks,
 * word joiner, byte-order mark): dropped silently they would turn "my<ZWSP>shop.cn" into "shop.cn".
 * A number or domain that contains one could mean two things, so it is not read at all.
 */
export const INVISIBLE_CHARACTERS = /\p{Cf}/u;

/**
 * Every word that holds an invisible character, whole: "my<ZWSP>shop.cn" goes, not just "my".
 * Words end at visible spaces and punctuation only: \s would count the byte-order mark as a space.
 */
const WORDS_WITH_INVISIBLE_CHARACTERS = /[^ \t\r\n\u00a0\u3000,，、。;；]*\p{Cf}[^ \t\r\n\u00a0\u3000,，、。;；]*/gu;

export function extractEntities(message: string, provinces: ProvinceDirectory): Entities {
  // Such a word is not read as a number or a domain: the flow asks for it and its parser says why.
  const text = message.replace(WORDS_WITH_INVISIBLE_CHARACTERS, ' ');
  const icpNumbers = findIcpNumbers(text, provinces);
  // The number's own text must not be read as anything else (e.g. 京 as a province name).
  const rest = text.normalize('NFKC').replace(ICP_NUMBER, ' ');
  const domains = findDomains(rest);
  const province = icpNumbers[0]?.province ?? provinces.find(rest.replace(DOMAIN, ' '));
  return { icpNumbers, domains, ...(province ? { province } : {}) };
}

/** The text with ICP numbers and domains removed, for matching questions by their words. */
export function withoutEntities(text: string): string {
  return text.normalize('NFKC').replace(ICP_NUMBER, ' ').replace(DOMAIN, ' ');
}

/**
 * The text with ICP numbers and domains replaced by what they stand for ("website filing number",
 * "domain"): intent recognition learns that naming a website's number or a domain points at a
 * website, without learning any particular number.
 */
export function entitiesAsWords(text: string): string {
  return text
    .normalize('NFKC')
    .replace(ICP_NUMBER, (_match, _abbreviation, _digits, before?: string, after?: string) =>
      before ?? after ? ' website filing number ' : ' subject filing number ',
    )
    .replace(DOMAIN, ' domain ');
}
