/**
 * CSV writing for the UI's exports: the one cell rule of core (src/core/csv/csv-cell.ts: RFC 4180
 * quoting, formula-injection neutralization, numbers kept numeric), with CRLF line ends, what
 * spreadsheets expect.
 */
import { toCsvDocument } from '../core/csv/csv-cell';
import type { CsvCell } from '../core/csv/csv-cell';

export type { CsvCell };
export { csvCell, neutralizeCsvText } from '../core/csv/csv-cell';

/** Rows → CSV document with CRLF line ends and a final line end. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return toCsvDocument(rows, '\r\n');
}
