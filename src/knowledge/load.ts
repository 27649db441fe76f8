// Reads and validates every file in knowledge/; a broken entry stops start-up naming file and field.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { Citations, CitationsFile, citationIdProblems } from './citations.js';
import { Catalogue, catalogueProblems, declarationsOf, MessagesFile, type MessageEntry } from './catalogue.js';
import { englishWords } from './english-words.js';
import { chineseWords } from './chinese-words.js';
import { citationProblem, readSourceSections, readSourceTitles, type SourceSections } from './sources.js';
import {
  FaqFile,
  CalibrationFile,
  IntentsFile,
  OutOfScopeFile,
  ProvincesFile,
  VocabularyFile,
  type Citation,
  type FaqEntry,
  type Knowledge,
} from './schema.js';

export type { Knowledge };


export class KnowledgeError extends Error {
  constructor(readonly problems: string[]) {
    super(`knowledge is invalid:\n  ${problems.join('\n  ')}`);
    this.name = 'KnowledgeError';
  }
}

/** Turns a zod issue path such as ["entries", 3, "answer"] into "entries[3].answer". */
function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

function parseFile<T extends z.ZodType>(
  file: string,
  schema: T,
  problems: string[],
): z.infer<T> | undefined {
  const where = relative(process.cwd(), file) || file;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`${where}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    for (const issue of result.error.issues) {
      problems.push(`${where}: ${fieldPath(issue.path) || '(file)'}: ${issue.message}`);
    }
    return undefined;
  }
  return result.data;
}

export function loadKnowledge(dir: string): Knowledge {
  const problems: string[] = [];
  const sources = readSourceSections(join(dir, 'sources'));
  const checkCitations = (where: string, citations: readonly Citation[]): void => {
    citations.forEach((citation, index) => {
      const problem = citationProblem(sources, citation);
      if (problem) problems.push(`${where}.sources[${index}]: ${problem}`);
    });
  };

  const faq: FaqEntry[] = [];
  const faqDir = join(dir, 'faq');
  for (const name of readdirSync(faqDir).filter((n) => n.endsWith('.json')).sort()) {
    const parsed = parseFile(join(faqDir, name), FaqFile, problems);
    parsed?.entries.forEach((entry, index) => {
      checkCitations(`knowledge/faq/${name}: entries[${index}] (${entry.id})`, entry.sources);
      faq.push(entry);
    });
  }
  const ids = new Set<string>();
  for (const entry of faq) {
    if (ids.has(entry.id)) problems.push(`knowledge/faq: id "${entry.id}" is used twice`);
    ids.add(entry.id);
  }
  for (const entry of faq) {
    for (const related of entry.related) {
      if (!ids.has(related)) problems.push(`knowledge/faq: ${entry.id}.related: no entry "${related}"`);
    }
  }

  const intents = parseFile(join(dir, 'intents.json'), IntentsFile, problems);
  const vocabulary = parseFile(join(dir, 'vocabulary.json'), VocabularyFile, problems);
  const outOfScope = parseFile(join(dir, 'out-of-scope.json'), OutOfScopeFile, problems);
  const calibration = parseFile(join(dir, 'calibration.json'), CalibrationFile, problems);
  const provinces = parseFile(join(dir, 'provinces.json'), ProvincesFile, problems);
  if (provinces) {
    const problem = citationProblem(sources, provinces.source);
    if (problem) problems.push(`knowledge/provinces.json: source: ${problem}`);
  }

  const catalogue = loadCatalogue(join(dir, 'messages'), problems);
  const citations = loadCitations(join(dir, 'citations.json'), sources, problems);

  if (problems.length > 0 || !intents || !vocabulary || !provinces || !outOfScope || !calibration) {
    throw new KnowledgeError(problems);
  }
  return {
    faq,
    intents: intents.intents,
    outOfScope: outOfScope.examples,
    calibration,
    vocabulary,
    provinces: provinces.provinces,
    sourceTitles: readSourceTitles(sources),
    catalogue,
    citations,
    englishWords: englishWords(),
    chineseWords: chineseWords([
      ...vocabulary.concepts.flatMap((c) => c.variants),
      ...provinces.provinces.flatMap((p) => [p.zh, ...p.aliases]),
    ]),
  };
}

/** Reads knowledge/citations.json: exactly the ids the code uses, each quote verbatim in its source. */
function loadCitations(file: string, sources: SourceSections, problems: string[]): Citations {
  const parsed = parseFile(file, CitationsFile, problems) ?? {};
  for (const [id, citation] of Object.entries(parsed)) {
    const problem = citationProblem(sources, citation);
    if (problem) problems.push(`knowledge/citations.json: ${id}: ${problem}`);
  }
  problems.push(...citationIdProblems(Object.keys(parsed)).map((problem) => `knowledge/citations.json: ${problem}`));
  return new Citations(new Map(Object.entries(parsed)));
}

/**
 * The messages the code is compiled against: its message types are generated from these files
 * (scripts/generate-message-types.ts), and scripts/check-knowledge.ts checks that the code uses
 * every one of them.
 */
export const SHIPPED_MESSAGES_DIR = fileURLToPath(new URL('../../knowledge/messages', import.meta.url));

/** Reads every knowledge/messages/*.json file of a folder into one map, ids unique across files. */
export function readMessageEntries(messagesDir: string, problems: string[]): Map<string, MessageEntry> {
  const entries = new Map<string, MessageEntry>();
  for (const name of readdirSync(messagesDir).filter((n) => n.endsWith('.json')).sort()) {
    const where = `knowledge/messages/${name}`;
    const parsed = parseFile(join(messagesDir, name), MessagesFile, problems);
    for (const [id, entry] of Object.entries(parsed ?? {})) {
      if (entries.has(id)) problems.push(`${where}: ${id}: already defined in another messages file`);
      entries.set(id, entry);
    }
  }
  return entries;
}

/**
 * Reads the messages into one catalogue, each entry as the code was compiled to read it: the ids
 * and placeholders of the shipped messages (see catalogueProblems). Knowledge loaded from
 * elsewhere (KNOWLEDGE_DIR) is held to those; the shipped messages themselves must agree between
 * locales.
 */
function loadCatalogue(messagesDir: string, problems: string[]): Catalogue {
  const entries = readMessageEntries(messagesDir, problems);
  const shipped = resolve(messagesDir) === SHIPPED_MESSAGES_DIR ? entries : readMessageEntries(SHIPPED_MESSAGES_DIR, []);
  problems.push(...catalogueProblems(entries, declarationsOf(shipped)).map((problem) => `knowledge/messages: ${problem}`));
  return new Catalogue(entries);
}
