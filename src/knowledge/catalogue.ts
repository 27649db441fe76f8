// The message catalogue: every word a user reads, by message id and locale, with named
// placeholders. Code names messages by id (a type, so a missing id does not compile) and supplies
// their placeholders (also a type); the loader checks the files in knowledge/messages/ against the
// same declarations at start-up, so a text can never lack a placeholder the code fills or the reverse.
import { z } from 'zod';
import { MESSAGES } from './messages/index.js';
import type { MessageDeclaration } from './messages/declare.js';

/** The locales every message must have. A later locale is added here and to every entry. */
export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';
/** How numbers and lists are written in each locale: the texts are British English ("a, b and c"). */
const FORMATS: Readonly<Record<Locale, string>> = { en: 'en-GB', zh: 'zh-CN' };

export type MessageId = keyof typeof MESSAGES;
type VarNames<I extends MessageId> = (typeof MESSAGES)[I]['vars'][number];
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

/**
 * What is wrong with a set of catalogue entries against the code's declarations, as
 * "<id>: <problem>" lines: a declared id missing, an id nobody declares, a locale missing, a
 * placeholder the code does not supply or supplies but the text lacks.
 */
export function catalogueProblems(
  entries: ReadonlyMap<string, MessageEntry>,
  declarations: Readonly<Record<string, MessageDeclaration>> = MESSAGES,
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
      if (typeof value === 'number') return value.toLocaleString(FORMATS[locale]);
      if (isMessageRef(value)) return this.render(locale, value);
      if (isLocalizedText(value)) return inLocale(value, locale);
      const items = value.map((item) => (typeof item === 'string' ? item : inLocale(item, locale)));
      return new Intl.ListFormat(FORMATS[locale], { type: 'conjunction' }).format(items);
    });
  }

  private entry(id: string): MessageEntry {
    const entry = this.entries.get(id);
    if (!entry) throw new Error(`message ${id} is not in the catalogue`);
    return entry;
  }
}
