// CSV downloads for the back office: RFC 4180 text that a spreadsheet opens safely, and the headers
// that make a browser save it as a file.
import type { Response } from 'restify';

/** What a cell may hold; undefined and null become an empty cell. */
export type CsvCell = string | number | boolean | undefined | null;

/**
 * A spreadsheet reads a cell starting with one of these as a formula (=HYPERLINK(...), +cmd|...),
 * so text a customer or an operator typed could run as one on an operator's machine. Tab and
 * carriage return are on OWASP's list too: some spreadsheets skip them before looking.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** RFC 4180 lines end in CRLF. */
const LINE_END = '\r\n';

/**
 * Excel opens a CSV without a byte order mark as the machine's legacy code page, which garbles
 * Chinese (every ICP number starts with a province character); with it, Excel reads UTF-8.
 */
const UTF8_BOM = '\ufeff';

/** One cell: formula starts defused with a leading apostrophe, then quoted when it must be. */
export function csvCell(value: CsvCell): string {
  if (value === undefined || value === null) return '';
  const text = String(value);
  const safe = typeof value === 'string' && FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The whole file: the header row, then one row per record, each line ending in CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `${UTF8_BOM}${lines.map((line) => line + LINE_END).join('')}`;
}

/** Sends CSV text as a download named `filename` (letters, digits, dots, dashes and underscores only). */
export function sendCsv(res: Response, filename: string, csv: string): void {
  if (!/^[\w.-]+$/.test(filename)) throw new Error(`sendCsv: "${filename}" is not a plain file name`);
  res.sendRaw(200, csv, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${filename}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
}
