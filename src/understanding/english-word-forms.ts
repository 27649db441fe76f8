// Whether a word is real English in any of its forms: a real word the knowledge happens not to use
// ("ahead", "script") must never be "corrected" into a domain word.
import type { WordList } from '../knowledge/word-list.js';

/** The word, or the base it was inflected from (plurals, past tenses, -ing), is in the list. */
export function isEnglishWord(word: string, englishWords: WordList): boolean {
  if (englishWords.has(word)) return true;
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
  return bases.some((base) => base !== word && base.length > 2 && englishWords.has(base));
}
