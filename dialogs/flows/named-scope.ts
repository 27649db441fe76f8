// Whether a flow is about the subject or one website, as the user said it: their own words first,
// then the action recognised; a number that says otherwise makes the flow ask rather than guess.
import { message, type MessageRef } from '../../src/knowledge/catalogue.js';
import type { CitationId } from '../../src/knowledge/citations.js';
import type { IcpNumber } from '../../src/understanding/entities.js';
import type { Choice } from '../../src/understanding/field-parsers.js';
import { choiceSlot, type Given, type SlotDeclaration } from '../form/flow-declaration.js';

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

function scopeOfNumber(icp: IcpNumber): Scope {
  return icp.website !== undefined ? 'website' : 'subject';
}

/** The scope the words (or else the intent) say, and the number given when it is the other scope's. */
function readScope(given: Given, fromIntent: Scope | undefined): { said?: Scope; contradictedBy?: IcpNumber } {
  const said = namedScope(given.said) ?? fromIntent;
  const contradicts = said !== undefined && given.icp !== undefined && scopeOfNumber(given.icp) !== said;
  return contradicts ? { said, contradictedBy: given.icp } : { said };
}

/**
 * The scope to start with: what the user named, else what the intent says, else what the number or
 * a domain implies (a website's number, "-1", or a domain is a website). When the words or the
 * intent say one scope and the number is the other's ("subject" with 沪ICP备12345678号-1), undefined:
 * the flow asks which is meant (see scopeConflict).
 */
export function startingScope(given: Given, fromIntent: Scope | undefined): Scope | undefined {
  const { said, contradictedBy } = readScope(given, fromIntent);
  if (contradictedBy) return undefined;
  if (said) return said;
  return given.domain || (given.icp && scopeOfNumber(given.icp) === 'website') ? 'website' : undefined;
}

/** Why the flow asks for the scope when what the user said and the number given disagree, said before the question. */
export function scopeConflict(given: Given, fromIntent: Scope | undefined): MessageRef | undefined {
  const { said, contradictedBy } = readScope(given, fromIntent);
  if (!contradictedBy) return undefined;
  return said === 'subject'
    ? message('scope.subjectSaidWebsiteGiven', { icpNumber: contradictedBy.normalized })
    : message('scope.websiteSaidSubjectGiven', { icpNumber: contradictedBy.normalized });
}

/** The intents that name a flow's action on the subject and on one website, e.g. cancel_subject and cancel_website. */
export type ScopeIntents = Readonly<Record<Scope, string>>;

function intentScope(given: Given, intents: ScopeIntents): Scope | undefined {
  if (given.intent === intents.subject) return 'subject';
  return given.intent === intents.website ? 'website' : undefined;
}

/**
 * The question whether the flow is about the subject or one website: filled from what the user
 * said up front (see startingScope), and asked with the reason when their words and number disagree.
 */
export function scopeSlot(declaration: {
  choices: readonly Choice<Scope>[];
  question: MessageRef;
  intents: ScopeIntents;
  cites?: readonly CitationId[];
}): SlotDeclaration<{ scope?: Scope }> {
  const { choices, question, intents, cites } = declaration;
  return choiceSlot<{ scope?: Scope }, 'scope'>({
    name: 'scope',
    choices,
    text: () => question,
    cites,
    lead: (given) => scopeConflict(given, intentScope(given, intents)),
    prefill: (given) => startingScope(given, intentScope(given, intents)),
  });
}
