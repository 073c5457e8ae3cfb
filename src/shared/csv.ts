/**
 * CSV writing for exports (RFC 4180 quoting) with formula-injection neutralization: a text cell
 * that a spreadsheet would evaluate (starting with = + - @, tab or CR) gets a leading apostrophe.
 * Numbers are written as numbers: a finite number printed by String() cannot be a formula, and
 * keeping "-12.5" numeric is what the spreadsheet user wants.
 */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes an apostrophe to text that a spreadsheet would run as a formula. */
export function neutralizeCsvText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One cell as CSV text: null/undefined/NaN → empty, text neutralized then quoted if needed. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const safe = neutralizeCsvText(value);
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows → CSV document with CRLF line ends (what spreadsheets expect) and a final line end. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
