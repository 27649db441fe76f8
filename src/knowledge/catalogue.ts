// The message catalogue: every word a user reads, by message id and locale, with named
// placeholders. The ids and placeholders are written once, in knowledge/messages/*.json; the types
// the code names them with are generated from those files (scripts/generate-message-types.ts), so
// an id that is not there or a placeholder the text lacks does not compile, and the loader holds
// any knowledge it loads to the same ids and placeholders at start-up.
import { z } from 'zod';
import type { MessagePlaceholders } from './message-placeholders.generated.js';

/** The locales every message must have. A later locale is added here and to every entry. */
export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';
/** How numbers and lists are written in each locale: the texts are British English ("a, b and c"). */
const FORMATS: Readonly<Record<Locale, string>> = { en: 'en-GB', zh: 'zh-CN' };
/** A formatter built once per locale: constructing an Intl formatter costs several times formatting with one. */
function perLocale<T>(make: (tag: string) => T): (locale: Locale) => T {
  const made = new Map<Locale, T>();
  return (locale) => {
    const known = made.get(locale);
    if (known !== undefined) return known;
    const formatter = make(FORMATS[locale]);
    made.set(locale, formatter);
    return formatter;
  };
}
const numberFormat = perLocale((tag) => new Intl.NumberFormat(tag));
const listFormat = perLocale((tag) => new Intl.ListFormat(tag, { type: 'conjunction' }));

export type MessageId = keyof MessagePlaceholders;
type VarNames<I extends MessageId> = MessagePlaceholders[I];
/**
 * A placeholder's value: text, a number, a list (joined the way the locale writes lists), or
 * another message (rendered in the same locale).
 */
export type MessageValue = string | number | ReadonlyArray<string | LocalizedText> | MessageRef | LocalizedText;

/** A name the data gives in every locale (a province: 北京 / Beijing), shown in the conversation's. */
export type LocalizedText = { readonly [L in Locale]: string };
export type MessageVars<I extends MessageId> = { readonly [K in VarNames<I>]: MessageValue };
/** The arguments after the id: none for a message without placeholders, else its values. */
export type MessageArgs<I extends MessageId> = [VarNames<I>] extends [never] ? [] : [vars: MessageVars<I>];

/** A message to show later, in whatever locale the conversation has: what the core returns. */
export interface MessageRef<I extends MessageId = MessageId> {
  readonly id: I;
  readonly vars: Readonly<Record<string, MessageValue>>;
}

/** A message with its placeholders' values, to render later. */
export function message<I extends MessageId>(id: I, ...args: MessageArgs<I>): MessageRef<I> {
  return { id, vars: args[0] ?? {} };
}

/** One entry of a knowledge/messages/*.json file: a text per locale. A new locale is added to LOCALES and here. */
export const MessageEntry = z.strictObject({
  en: z.string().min(1),
  zh: z.string().min(1),
  /** For the person editing: where the message is shown. Never shown to users. */
  about: z.string().optional(),
});
export type MessageEntry = z.infer<typeof MessageEntry> & { readonly [L in Locale]: string };
export const MessagesFile = z.record(z.string().regex(/^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/, 'use dotted camelCase ids, e.g. "cancel.askNumber"'), MessageEntry);

function isMessageRef(value: MessageValue): value is MessageRef {
  return typeof value === 'object' && 'id' in value;
}

function isLocalizedText(value: MessageValue): value is LocalizedText {
  return typeof value === 'object' && !Array.isArray(value) && LOCALES.every((locale) => locale in value);
}

/** A localized name in a locale. */
export function inLocale(text: LocalizedText, locale: Locale): string {
  return text[locale];
}

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The placeholder names a text uses, e.g. ["domain"] for "only remove {domain}?". */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))].sort();
}

/** One message the code reads: the placeholders it supplies. */
export interface MessageDeclaration {
  readonly vars: readonly string[];
}

/** What entries declare: each id with the placeholders of its English text, the text the types are generated from. */
export function declarationsOf(entries: ReadonlyMap<string, MessageEntry>): Record<string, MessageDeclaration> {
  return Object.fromEntries([...entries].map(([id, entry]) => [id, { vars: placeholdersOf(entry.en) }]));
}

/**
 * What is wrong with a set of catalogue entries against the messages the code was compiled
 * against, as "<id>: <problem>" lines: an id missing, an id the code does not know, a placeholder
 * the code does not supply or supplies but the text lacks.
 */
export function catalogueProblems(
  entries: ReadonlyMap<string, MessageEntry>,
  declarations: Readonly<Record<string, MessageDeclaration>>,
): string[] {
  const problems: string[] = [];
  for (const [id, declaration] of Object.entries(declarations)) {
    const entry = entries.get(id);
    if (!entry) {
      problems.push(`${id}: missing (the code uses it)`);
      continue;
    }
    const expected = [...declaration.vars].sort().join(', ');
    for (const locale of LOCALES) {
      const found = placeholdersOf(entry[locale]).join(', ');
      if (found !== expected) {
        problems.push(`${id}.${locale}: placeholders {${found}} but the code supplies {${expected}}`);
      }
    }
  }
  for (const id of entries.keys()) {
    if (!(id in declarations)) problems.push(`${id}: no code uses this message (remove it, or declare it)`);
  }
  return problems;
}

/** Messages by id, rendered in a locale. Built by the loader from checked entries only. */
export class Catalogue {
  constructor(private readonly entries: ReadonlyMap<string, MessageEntry>) {}

  /** How many messages it holds. */
  get size(): number {
    return this.entries.size;
  }

  /** The ids of its messages. */
  ids(): string[] {
    return [...this.entries.keys()];
  }

  /** The text of a message in a locale, its placeholders filled. */
  text<I extends MessageId>(locale: Locale, id: I, ...args: MessageArgs<I>): string {
    return this.render(locale, { id, vars: args[0] ?? {} });
  }

  /** A message the core returned, in a locale. */
  render(locale: Locale, ref: { readonly id: string; readonly vars: MessageRef['vars'] }): string {
    const entry = this.entry(ref.id);
    return entry[locale].replace(PLACEHOLDER, (_match, name: string) => {
      const value = ref.vars[name];
      if (value === undefined) throw new Error(`message ${String(ref.id)} needs a value for {${name}}`);
      if (typeof value === 'string') return value;
      if (typeof value === 'number') return numberFormat(locale).format(value);
      if (isMessageRef(value)) return this.render(locale, value);
      if (isLocalizedText(value)) return inLocale(value, locale);
      const items = value.map((item) => (typeof item === 'string' ? item : inLocale(item, locale)));
      return listFormat(locale).format(items);
    });
  }

  private entry(id: string): MessageEntry {
    const entry = this.entries.get(id);
    if (!entry) throw new Error(`message ${id} is not in the catalogue`);
    return entry;
  }
}
