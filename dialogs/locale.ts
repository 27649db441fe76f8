// The language a conversation is held in, decided in this one place: adding Chinese changes this function.
import type { TurnContext } from 'botbuilder';
import { DEFAULT_LOCALE, type Locale } from '../src/knowledge/catalogue.js';

export function localeOf(_context: TurnContext): Locale {
  return DEFAULT_LOCALE;
}
