// How code declares the messages it reads from the catalogue: each id with its named placeholders
// and whether it must carry a source. The loader holds knowledge/messages/ to these declarations.

/** One message the code reads: the placeholders it supplies, and whether the text states a fact that needs a source. */
export interface MessageDeclaration {
  readonly vars: readonly string[];
  readonly cited?: boolean;
}

/** An area's declarations, checked for shape and kept literal so ids and placeholders are types. */
export function declareMessages<const T extends Record<string, MessageDeclaration>>(declarations: T): T {
  return declarations;
}
