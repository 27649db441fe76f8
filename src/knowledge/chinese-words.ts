// Chinese word segmentation with jieba (@node-rs/jieba: its dictionary ships inside the package,
// so it works offline), taught the domain's own terms from vocabulary.json so that 管局, 注销主体
// or 备案服务码 stay one word instead of being split by the general dictionary.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { WordSegmenter } from './word-segmenter.js';

/** How often jieba should think a domain term occurs: high, so the term wins over splits of it. */
const DOMAIN_TERM_FREQUENCY = 100_000;

function loadJieba(domainTerms: readonly string[]): Jieba {
  const jieba = Jieba.withDict(dict);
  const terms = [...new Set(domainTerms.map((t) => t.replace(/\s+/g, '')).filter((t) => /^[\u3400-\u9fff]{2,}$/.test(t)))];
  if (terms.length > 0) jieba.loadDict(Buffer.from(terms.map((t) => `${t} ${DOMAIN_TERM_FREQUENCY}`).join('\n')));
  return jieba;
}

/**
 * A segmenter with jieba's general dictionary and these domain terms, loaded on the first text it
 * cuts (about 0.2 s): a process that never reads Chinese never pays for it.
 */
export function chineseWords(domainTerms: readonly string[]): WordSegmenter {
  let jieba: Jieba | undefined;
  return {
    cut(text: string): string[] {
      jieba ??= loadJieba(domainTerms);
      return jieba.cut(text, true);
    },
  };
}
