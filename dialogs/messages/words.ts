// The catalogue in one conversation's locale: how the dialogs turn message ids into what users read.
import type { TurnContext } from 'botbuilder';
import { inLocale, type Catalogue, type LocalizedText, type Locale, type MessageRef } from '../../src/knowledge/catalogue.js';
import type { AnswerWords } from '../../src/understanding/field-parsers.js';
import { localeOf } from '../locale.js';
import type { FlowServices } from '../services.js';

/**
 * A short list format per locale, built once: constructing an Intl.ListFormat costs several times
 * what formatting with one does.
 */
const SHORT_LISTS = new Map<Locale, Intl.ListFormat>();

function shortList(locale: Locale): Intl.ListFormat {
  let format = SHORT_LISTS.get(locale);
  if (!format) {
    format = new Intl.ListFormat(locale, { type: 'unit', style: 'short' });
    SHORT_LISTS.set(locale, format);
  }
  return format;
}

export class Words implements AnswerWords {
  constructor(
    private readonly catalogue: Catalogue,
    readonly locale: Locale,
  ) {}

  say(ref: MessageRef): string {
    return this.catalogue.render(this.locale, ref);
  }

  /** A value shown as it is (an ICP number), a message, or a name the data gives in every language. */
  value(value: string | MessageRef | LocalizedText): string {
    if (typeof value === 'string') return value;
    return 'id' in value ? this.say(value) : inLocale(value, this.locale);
  }

  commaList(items: readonly string[]): string {
    return shortList(this.locale).format(items);
  }
}

/** The words in a given locale, e.g. to render a question in every language. */
export function wordsIn(services: FlowServices, locale: Locale): Words {
  return new Words(services.understanding.knowledge.catalogue, locale);
}

/** The words of this turn's conversation. */
export function wordsFor(services: FlowServices, context: TurnContext): Words {
  return new Words(services.understanding.knowledge.catalogue, localeOf(context));
}
