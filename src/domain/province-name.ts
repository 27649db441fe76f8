// A province's name for texts shown to users, from provinces.json, in every language the bot speaks.
import type { LocalizedText } from '../knowledge/catalogue.js';
import type { ProvinceRules } from '../knowledge/province-rules-schema.js';

/** The province's names (Beijing / 北京); the id itself if provinces.json does not know it. */
export function provinceName(rules: Pick<ProvinceRules, 'provinceNames'>, id: string): LocalizedText {
  return rules.provinceNames[id] ?? { en: id, zh: id };
}
