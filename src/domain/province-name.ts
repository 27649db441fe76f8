// A province's name for texts shown to users, from provinces.json.
import type { ProvinceRules } from '../knowledge/province-rules-schema.js';

/** The province's English name; the id itself if provinces.json does not know it. */
export function provinceName(rules: Pick<ProvinceRules, 'provinceNames'>, id: string): string {
  return rules.provinceNames[id] ?? id;
}
