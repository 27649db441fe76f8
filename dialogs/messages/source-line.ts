// The line under an answer or a summary that names the parts of the help material it comes from.
import { message } from '../../src/knowledge/catalogue.js';
import type { Citation } from '../../src/knowledge/schema.js';
import type { Words } from './words.js';

export function citationLabel(citation: Citation, titles: Record<string, string>): string {
  // DOMAIN.md collects later public sources; its headings carry notes for developers in brackets.
  if (citation.doc === 'DOMAIN.md') return `${citation.section.replace(/\s*\(.*\)\s*$/, '')} (DOMAIN.md)`;
  const title = titles[citation.doc] ?? citation.doc;
  const section = citation.section === title ? '' : ` › ${citation.section}`;
  return `${title}${section} (${citation.doc.slice(0, 3)})`;
}

/** "_Source: a; b_", each part named once. */
export function sourceLine(words: Words, citations: readonly Citation[], titles: Record<string, string>): string {
  const labels = [...new Set(citations.map((c) => citationLabel(c, titles)))];
  return words.say(message('conversation.source', { sources: labels.join('; ') }));
}
