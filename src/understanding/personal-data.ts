// Recognises personal data a user may type where it does not belong (resident identity numbers,
// phone numbers, e-mail addresses): the log scrubs it, free-text fields refuse it.

/** Resident identity numbers: 17 digits and a check character. */
export const IDENTITY_NUMBER = /(?<!\d)\d{17}[\dXx](?!\d)/g;
/** Mainland mobile numbers, with or without +86 / 0086, spaces or hyphens between the digits. */
export const MOBILE_NUMBER = /(?<!\d)(?:\+?86[\s-]?|0086[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?!\d)/g;
/** Mainland landlines: an area code of 3 or 4 digits starting 0, then 7 or 8 digits. */
const LANDLINE_NUMBER = /(?<!\d)0\d{2,3}[\s-]?\d{7,8}(?!\d)/;
const EMAIL_ADDRESS = /[^\s@，、,;]+@[^\s@，、,;]+\.[^\s@，、,;]+/;

export type PersonalDataKind = 'identityNumber' | 'phoneNumber' | 'email';

/** The kind of personal data the text contains, if any (the first found, most sensitive first). */
export function personalDataIn(text: string): PersonalDataKind | undefined {
  // The global patterns keep state between test() calls; a fresh copy each time keeps this pure.
  if (new RegExp(IDENTITY_NUMBER.source).test(text)) return 'identityNumber';
  if (new RegExp(MOBILE_NUMBER.source).test(text) || LANDLINE_NUMBER.test(text)) return 'phoneNumber';
  if (EMAIL_ADDRESS.test(text)) return 'email';
  return undefined;
}
