/**
 * Finding the header of a delimited table: which cells name known fields (our vocabulary, or the
 * explicit --map), which row is the header, and which delimiter makes the first line read as one
 * (csv.parse.ts uses these while it streams the rows).
 */
import type { ColumnMap } from './column-map';
import { matchHeader } from './vocab.headers';

/**
 * A first row of text only (no empty cell, no number, 2+ cells): a header row even when only
 * one of its cells is a known header word ("Knob,Speed,IOPS"); the other columns then map by
 * their values or are kept as extras.
 */
export function isTextRow(row: readonly string[]): boolean {
  if (row.length < 2) return false;
  for (const c of row) {
    const t = c.trim();
    if (t === '' || Number.isFinite(Number(t))) return false;
  }
  return true;
}

/**
 * A header cell that names a field, or that the explicit map names (even as ignored or extra:
 * the user says this is the header row).
 */
export function isKnownHeader(cell: string, map?: ColumnMap): boolean {
  if (matchHeader(cell).field !== null) return true;
  if (map === undefined) return false;
  const key = cell.trim().toLowerCase();
  if (key === '') return false;
  for (const h of Object.keys(map)) if (h.trim().toLowerCase() === key) return true;
  return false;
}

export function isBlank(row: readonly string[]): boolean {
  for (let i = 0; i < row.length; i++) if (row[i] !== '' && row[i]!.trim() !== '') return false;
  return true;
}

const HEADER_DELIMITERS = [',', '\t', ';', '|'];

/**
 * The delimiter under which the first non-blank line reads as a header of known fields, or ''.
 * PapaParse's own guess weighs field-count consistency and can pick ';' for a canonical CSV whose
 * rows hold `a;b` flag lists; a header naming our fields is the stronger evidence.
 */
export function headerDelimiter(text: string): string {
  return headerDelimiterOf(text, true) ?? '';
}

/**
 * headerDelimiter of a text that may continue (`final` false): null when the first non-blank
 * line is not complete yet, i.e. when more text could change the answer.
 */
export function headerDelimiterOf(text: string, final: boolean, map?: ColumnMap): string | null {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) {
      if (!final && text.length - start < 8192) return null;
      end = text.length;
    }
    const line = text.slice(start, Math.min(end, start + 8192)).replace(/\r$/, '');
    if (line.trim() !== '') {
      let best = '';
      let bestKnown = 1;
      for (const d of HEADER_DELIMITERS) {
        let known = 0;
        for (const c of line.split(d))
          if (isKnownHeader(c.trim().replace(/^"(.*)"$/, '$1'), map)) known++;
        if (known > bestKnown) {
          best = d;
          bestKnown = known;
        }
      }
      return best;
    }
    start = end + 1;
  }
  return final ? '' : null;
}
