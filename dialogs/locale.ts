// The language a conversation is held in, read in this one place: the bot decides it for each turn
// (src/botframework/bot.ts, from what the user writes, an explicit request, the conversation's
// language so far and the channel's locale) before the dialogs run.
import type { TurnContext } from 'botbuilder';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../src/knowledge/catalogue.js';

/** Where the bot puts the turn's language in the turn state. */
export const TURN_LANGUAGE = Symbol('turnLanguage');

function isLocale(value: unknown): value is Locale {
  return LOCALES.some((locale) => locale === value);
}

export function localeOf(context: TurnContext): Locale {
  const locale: unknown = context.turnState.get(TURN_LANGUAGE);
  return isLocale(locale) ? locale : DEFAULT_LOCALE;
}
