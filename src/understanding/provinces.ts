// Finds provinces in what users type: English, Chinese, pinyin, official names or the ICP abbreviation.
import type { Province } from '../knowledge/schema.js';
import { foldText } from './analyzer.js';

export class ProvinceDirectory {
  private readonly byName = new Map<string, Province>();
  private readonly byAbbreviation = new Map<string, Province>();
  /** Each name's pattern, compiled once: find() runs on every message. */
  private readonly patterns: ReadonlyArray<{ name: string; pattern: string | RegExp }>;

  constructor(provinces: readonly Province[]) {
    for (const province of provinces) {
      for (const name of [province.id, province.en, province.zh, ...province.pinyin, ...province.aliases]) {
        this.byName.set(foldText(name).replace(/\s+/g, ' ').trim(), province);
        this.byName.set(foldText(name).replace(/\s+/g, ''), province);
      }
      for (const abbreviation of province.abbreviations) this.byAbbreviation.set(abbreviation, province);
    }
    // Longest names first, so "内蒙古自治区" wins over "内蒙古" and "shaanxi" is tried before "shanxi".
    const names = [...this.byName.keys()].sort((a, b) => b.length - a.length);
    this.patterns = names
      .filter((name) => name.length >= 2)
      .map((name) => ({
        name,
        pattern: /[\u3400-\u9fff]/.test(name) ? name : new RegExp(`(^|[^a-z])${name.replace(/ /g, '\\s*')}($|[^a-z])`),
      }));
  }

  /** The province an ICP number's leading character stands for. */
  fromAbbreviation(character: string): Province | undefined {
    return this.byAbbreviation.get(character);
  }

  /** A whole answer naming one province ("Beijing", "北京市", "jing", "京"); undefined otherwise. */
  parse(answer: string): Province | undefined {
    const folded = foldText(answer).replace(/[.。!！]+$/g, '').trim();
    return (
      this.byName.get(folded.replace(/\s+/g, ' ')) ??
      this.byName.get(folded.replace(/\s+/g, '')) ??
      this.byName.get(folded.replace(/(province|municipality|city|省|市)$/u, '').trim()) ??
      (folded.length === 1 ? this.byAbbreviation.get(folded) : undefined)
    );
  }

  /** The first province named anywhere in a sentence (full names only: single characters are too ambiguous). */
  find(text: string): Province | undefined {
    const folded = foldText(text);
    let best: { province: Province; at: number } | undefined;
    for (const { name, pattern } of this.patterns) {
      const at = typeof pattern === 'string' ? folded.indexOf(pattern) : folded.search(pattern);
      if (at >= 0 && (!best || at < best.at)) {
        const province = this.byName.get(name);
        if (province) best = { province, at };
      }
    }
    return best?.province;
  }
}
