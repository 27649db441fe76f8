// Splits the source documents in knowledge/sources/ into sections, so citations can be checked.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SOURCE_DOCUMENTS, type Citation } from './schema.js';

/** Headings look like `## Title {#anchor .section}`; the anchor is not part of the name. */
const HEADING = /^(#{1,3})\s+(.*?)\s*(\{#[^}]*\})?\s*$/;

/** Markdown emphasis and escapes differ between copies of a text; compare what a reader sees. */
export function normaliseForQuote(text: string): string {
  return text
    .replace(/\*\*/g, '')
    .replace(/\\/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export type SourceSections = ReadonlyMap<string, ReadonlyMap<string, string>>;

/** The first heading of each source document: what a citation shows a user. */
export function readSourceTitles(sources: SourceSections): Record<string, string> {
  return Object.fromEntries(
    [...sources].map(([doc, sections]) => [doc, sections.keys().next().value ?? doc]),
  );
}

export function readSourceSections(sourcesDir: string): SourceSections {
  const documents = new Map<string, Map<string, string>>();
  for (const doc of SOURCE_DOCUMENTS) {
    const sections = new Map<string, string>();
    let current: string | undefined;
    let body: string[] = [];
    const flush = (): void => {
      if (current !== undefined) sections.set(current, normaliseForQuote(body.join('\n')));
    };
    for (const line of readFileSync(join(sourcesDir, doc), 'utf8').split('\n')) {
      const heading = HEADING.exec(line);
      if (heading?.[2]) {
        flush();
        current = heading[2];
        body = [];
      } else {
        body.push(line);
      }
    }
    flush();
    documents.set(doc, sections);
  }
  return documents;
}

/** Returns what is wrong with a citation, or undefined when the quote is in the named section. */
export function citationProblem(sources: SourceSections, citation: Citation): string | undefined {
  const sections = sources.get(citation.doc);
  if (!sections) return `document "${citation.doc}" is not in knowledge/sources`;
  const body = sections.get(citation.section);
  if (body === undefined) {
    return `section "${citation.section}" is not a heading of ${citation.doc}`;
  }
  if (!body.includes(normaliseForQuote(citation.quote))) {
    return `quote "${citation.quote}" is not in ${citation.doc} › ${citation.section}`;
  }
  return undefined;
}
