// How code declares the messages it reads from the catalogue: each id with its named placeholders.
// The loader holds knowledge/messages/ to these declarations.

/** One message the code reads: the placeholders it supplies. */
export interface MessageDeclaration {
  readonly vars: readonly string[];
}

/** An area's declarations, checked for shape and kept literal so ids and placeholders are types. */
export function declareMessages<const T extends Record<string, MessageDeclaration>>(declarations: T): T {
  return declarations;
}
