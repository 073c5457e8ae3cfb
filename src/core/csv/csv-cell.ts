/**
 * CSV cell safety, defined once for every CSV aio-dash writes (the UI's exports, `aio-dash
 * compare --format csv`, the server): RFC 4180 quoting, and formula-injection neutralization
 * (OWASP "CSV injection"): a text cell that a spreadsheet would evaluate — starting with = + - @,
 * tab or CR — gets a leading apostrophe. Numbers stay numbers: a finite number, or text that is
 * a plain decimal number ("-12.5", "1e5"), cannot run as a formula, and a spreadsheet user wants
 * it numeric.
 */

/** A value of a CSV cell: missing (null, undefined, NaN) is an empty cell. */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Would a spreadsheet evaluate this text as a formula (or a DDE command)? */
export function isFormulaText(text: string): boolean {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text);
}

/** Prefixes an apostrophe to text that a spreadsheet would run as a formula. */
export function neutralizeCsvText(text: string): string {
  return isFormulaText(text) ? `'${text}` : text;
}

/**
 * RFC 4180 quoting: a field with a quote, comma or line break, or with white space or a control
 * character at either end (which readers may trim), is quoted and its quotes doubled.
 */
export function quoteCsvField(text: string): string {
  if (text === '') return text;
  if (/[",\r\n]/.test(text) || text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32)
    return `"${text.replace(/"/g, '""')}"`;
  return text;
}

/** One cell as CSV text: missing → empty, numbers as numbers, text neutralized then quoted. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return quoteCsvField(neutralizeCsvText(value));
}

/** Rows → CSV document, every cell through csvCell(), with a final line end. */
export function toCsvDocument(rows: readonly (readonly CsvCell[])[], eol = '\r\n'): string {
  let out = '';
  for (const r of rows) out += r.map(csvCell).join(',') + eol;
  return out;
}
