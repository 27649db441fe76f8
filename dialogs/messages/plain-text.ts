// Text the user typed, made safe to show inside Adaptive Card and Web Chat markdown: it reads as
// typed instead of turning into emphasis, links, code or HTML.

/** Characters that start markdown (or HTML, where a renderer allows it) anywhere in a line. */
const INLINE_MARKUP = /[\\`*_[\]<>~|#]/g;
/** What starts a list or a quote only at the beginning of a line ("- a", "1. a", "+ a"). */
const LINE_START_MARKUP = /^(\s*)([-+]|\d+[.)])(?=\s|$)/;

/** The text with every markdown character escaped by a backslash (CommonMark escapes). */
export function plainText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(INLINE_MARKUP, (character) => `\\${character}`)
    .replace(LINE_START_MARKUP, (_, space: string, marker: string) => `${space}${marker.slice(0, -1)}\\${marker.slice(-1)}`);
}
