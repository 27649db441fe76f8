// Which language a conversation is held in: what the user writes decides, an explicit request
// ("English please", "说中文") overrides, and a message in no language (an ICP number, a domain,
// "1") keeps the language the conversation already has.
import { DEFAULT_LOCALE, type Locale } from '../knowledge/catalogue.js';
import { ICP_LICENCE, withoutEntities } from './entities.js';

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/u;
/** Order ids (FA-7K3Q9M), addresses and numbers are the same in every language. */
const NEUTRAL = /\bFA-[0-9A-Z]{6}\b|https?:\/\/\S+|[0-9]+/giu;

/**
 * A message that is only a request for a language: "English please", "switch to Chinese", "说中文",
 * "请用英文回答". A question that names a language ("is the filing system in English?") is not.
 */
const ASKS_FOR = {
  en: /^(?:please\s+)?(?:(?:can you\s+)?(?:speak|use|switch to|reply in|answer in|talk in|in)\s+)?english(?:\s+please)?[\s.!。！]*$|^(?:请)?(?:说|用|讲|换成|切换到|改用|改成)(?:英文|英语)(?:吧|交流|回答|回复|说)?[\s.!。！]*$/iu,
  zh: /^(?:please\s+)?(?:(?:can you\s+)?(?:speak|use|switch to|reply in|answer in|talk in|in)\s+)?(?:chinese|mandarin)(?:\s+please)?[\s.!。！]*$|^(?:请)?(?:说|用|讲|换成|切换到|改用|改成)?(?:中文|汉语|普通话)(?:吧|交流|回答|回复|说)?[\s.!。！]*$/iu,
} as const satisfies Record<Locale, RegExp>;

/** The language a message asks for by name, if that is all it does. */
export function requestedLanguage(text: string): Locale | undefined {
  const trimmed = text.trim();
  if (ASKS_FOR.en.test(trimmed)) return 'en';
  return ASKS_FOR.zh.test(trimmed) ? 'zh' : undefined;
}

/**
 * The language a message is written in: Chinese if it has Chinese words (English terms inside a
 * Chinese sentence are common: "aliyun 注销主体"), English if it has English words, none if it
 * is only an ICP number, a domain, an order id or digits.
 */
export function writtenLanguage(text: string): Locale | undefined {
  const words = withoutEntities(text).replace(ICP_LICENCE, ' ').replace(NEUTRAL, ' ');
  if (HAN.test(words)) return 'zh';
  return /[a-z]{2,}/iu.test(words) ? 'en' : undefined;
}

/** The language a channel says its user reads (Teams and Web Chat send "zh-CN", "en-US"...). */
export function channelLanguage(locale: string | undefined): Locale | undefined {
  if (!locale) return undefined;
  if (/^zh\b/iu.test(locale)) return 'zh';
  return /^en\b/iu.test(locale) ? 'en' : undefined;
}

/** The language for this message: asked for, written in, already the conversation's, or the channel's. */
export function conversationLanguage(text: string, current: Locale | undefined, channelLocale: string | undefined): Locale {
  return requestedLanguage(text) ?? writtenLanguage(text) ?? current ?? channelLanguage(channelLocale) ?? DEFAULT_LOCALE;
}
