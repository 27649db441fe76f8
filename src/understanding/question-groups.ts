// Groups the questions the bot could not answer by how close their wording is, so operators see
// "how do I cancel my app filing" asked 40 times as one line with its variants, not 40 lines.
import type { ScrubbedText, UnansweredQuestion } from '../domain/questions/question-log.js';

/**
 * Two questions whose tokens overlap at least this much (cosine over token sets) are taken for the
 * same question. Half is where rephrasings of one question ("how long does cancelling take" /
 * "cancellation takes how long?") still meet, and questions that share only the topic
 * ("cancel" alone) part.
 */
export const SAME_QUESTION_MIN_SIMILARITY = 0.5;
/** Wordings shown per group besides its representative count. */
export const MAX_EXAMPLES = 5;

export interface QuestionGroup {
  /** The wording asked most often (the latest of equals). */
  text: ScrubbedText;
  count: number;
  /** Distinct wordings, most asked first, the representative included. */
  examples: ScrubbedText[];
  locales: ('en' | 'zh')[];
  outcomes: { unknown: number; unresolved: number };
  lastAt: string;
}

/** What the analysis makes of a text: the understanding's own tokens (stems, concepts, Chinese words). */
export type Tokenize = (text: string) => readonly string[];

interface Forming {
  /** The first question's tokens: the group's seed, what later questions are compared with. */
  seed: ReadonlySet<string>;
  members: UnansweredQuestion[];
  /** When it was formed: ties go to the older group. */
  order: number;
}

function cosine(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const token of a) if (b.has(token)) shared += 1;
  return shared / Math.sqrt(a.size * b.size);
}

/** A text with no content words ("??", "hmm") still groups with itself, by its folded letters. */
function tokensOf(text: string, tokenize: Tokenize): ReadonlySet<string> {
  const tokens = new Set(tokenize(text));
  if (tokens.size === 0) tokens.add(`text:${text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()}`);
  return tokens;
}

function summarize(members: readonly UnansweredQuestion[]): QuestionGroup {
  const wordings = new Map<ScrubbedText, { count: number; lastAt: string }>();
  const outcomes = { unknown: 0, unresolved: 0 };
  const locales = new Set<'en' | 'zh'>();
  let lastAt = '';
  for (const member of members) {
    const wording = wordings.get(member.text) ?? { count: 0, lastAt: '' };
    wording.count += 1;
    if (member.at > wording.lastAt) wording.lastAt = member.at;
    wordings.set(member.text, wording);
    outcomes[member.outcome] += 1;
    locales.add(member.locale);
    if (member.at > lastAt) lastAt = member.at;
  }
  const ranked = [...wordings.entries()].sort(([, a], [, b]) => b.count - a.count || b.lastAt.localeCompare(a.lastAt)).map(([text]) => text);
  const [text] = ranked;
  if (text === undefined) throw new Error('a question group has no members');
  return { text, count: members.length, examples: ranked.slice(0, MAX_EXAMPLES), locales: [...locales].sort(), outcomes, lastAt };
}

/**
 * Greedy grouping: each question joins the group whose seed it is most like, if that is at least
 * `minSimilarity`, or starts a group. Most asked groups first, then the most recently asked.
 */
export function groupQuestions(
  questions: readonly UnansweredQuestion[],
  tokenize: Tokenize,
  minSimilarity = SAME_QUESTION_MIN_SIMILARITY,
): QuestionGroup[] {
  const groups: Forming[] = [];
  const tokensByText = new Map<string, ReadonlySet<string>>();
  // Groups by the tokens of their seed: a question is compared only with groups it shares a token
  // with (cosine is 0 otherwise), so 10,000 unrelated questions cost 10,000 lookups, not 50 million
  // comparisons that would hold up every conversation while an operator opens the page.
  const groupsByToken = new Map<string, Forming[]>();
  for (const question of questions) {
    let tokens = tokensByText.get(question.text);
    if (!tokens) {
      tokens = tokensOf(question.text, tokenize);
      tokensByText.set(question.text, tokens);
    }
    const candidates = new Set<Forming>();
    for (const token of tokens) for (const group of groupsByToken.get(token) ?? []) candidates.add(group);
    let best: Forming | undefined;
    let bestSimilarity = minSimilarity;
    // In the order the groups were formed, as before: ties go to the older group.
    for (const group of [...candidates].sort((a, b) => a.order - b.order)) {
      const similarity = cosine(tokens, group.seed);
      if (similarity >= bestSimilarity) {
        best = group;
        bestSimilarity = similarity;
      }
    }
    if (best) {
      best.members.push(question);
    } else {
      const formed: Forming = { seed: tokens, members: [question], order: groups.length };
      groups.push(formed);
      for (const token of tokens) {
        const list = groupsByToken.get(token);
        if (list) list.push(formed);
        else groupsByToken.set(token, [formed]);
      }
    }
  }
  return groups.map((group) => summarize(group.members)).sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt));
}
