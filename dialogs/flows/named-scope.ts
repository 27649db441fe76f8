// Whether a flow is about the subject or one website, as the user said it: their own words first,
// then the action recognised; a number that says otherwise makes the flow ask rather than guess.
import type { Given } from '../form/flow-declaration.js';

export type Scope = 'subject' | 'website';

// Recognition data: the words that name a subject or a website, in every language read.
const SUBJECT_WORDS = /\bsubjects?\b|主体/u;
const WEBSITE_WORDS = /\b(?:web ?sites?|sites?)\b|网站/u;

/** The scope the user named in so many words, if they named exactly one. */
function namedScope(said: string | undefined): Scope | undefined {
  const folded = (said ?? '').normalize('NFKC').toLowerCase();
  const subject = SUBJECT_WORDS.test(folded);
  const website = WEBSITE_WORDS.test(folded);
  if (subject === website) return undefined;
  return subject ? 'subject' : 'website';
}

/**
 * The scope to start with: what the user named, else what the intent says, else what the number or
 * a domain implies (a website's number, "-1", or a domain is a website). When the words or the
 * intent say one scope and the number is the other's ("subject" with 沪ICP备12345678号-1), undefined:
 * the flow asks which is meant.
 */
export function startingScope(given: Given, fromIntent: Scope | undefined): Scope | undefined {
  const numberScope: Scope | undefined = given.icp ? (given.icp.website !== undefined ? 'website' : 'subject') : undefined;
  const said = namedScope(given.said) ?? fromIntent;
  if (said) return numberScope && numberScope !== said ? undefined : said;
  return given.domain || numberScope === 'website' ? 'website' : undefined;
}
