// CSV text a spreadsheet opens safely: RFC 4180 (CRLF lines, fields quoted when they need it,
// quotes doubled) and no cell a spreadsheet would run as a formula.

/**
 * Cells a spreadsheet reads as a formula (=, +, -, @) or that hide one behind a tab or carriage
 * return: such a cell gets a leading apostrophe (OWASP's advice against CSV injection), so a
 * question typed as "=HYPERLINK(...)" shows as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The header row and the rows, each line ended with CRLF. */
export function csvText(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return [header, ...rows].map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}
