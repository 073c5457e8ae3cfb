/**
 * The canonical CSV writer: the spec's columns in order, then `restates` (when any record has
 * it), then extra columns in first-seen order. Empty for null, booleans true/false, flags
 * `;`-joined. Quoting is core's one rule (quoteCsvField). No formula neutralization, on purpose:
 * this is the lossless data file (uploads, pushes, backups: read(write(records)) equals records);
 * spreadsheet exports go through csvCell() of src/core/csv/csv-cell.ts.
 */
import type { ResultRecord } from '../model/record.types';
import { CANONICAL_COLUMNS } from '../model/record.types';
import { quoteCsvField } from '../csv/csv-cell';

const quote = quoteCsvField;

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return quote(v.join(';'));
  return typeof v === 'string' ? quote(v) : quote(JSON.stringify(v));
}

/** Column names the canonical CSV of these records has. */
export function csvColumns(records: readonly ResultRecord[]): string[] {
  const cols: string[] = [...CANONICAL_COLUMNS];
  if (records.some((r) => r.restates !== null)) cols.push('restates');
  const seen = new Set<string>(cols);
  for (const r of records)
    for (const k of Object.keys(r.extra))
      if (!seen.has(k)) {
        seen.add(k);
        cols.push(k);
      }
  return cols;
}

/** Writes records as the canonical CSV (ends with a newline). read(write(records)) equals records. */
export function recordsToCsv(records: readonly ResultRecord[]): string {
  const cols = csvColumns(records);
  const canonical = new Set<string>([...CANONICAL_COLUMNS, 'restates']);
  const lines: string[] = [cols.map(quote).join(',')];
  for (const r of records) {
    const out: string[] = [];
    for (const c of cols)
      out.push(canonical.has(c) ? cell(r[c as keyof ResultRecord]) : cell(r.extra[c]));
    lines.push(out.join(','));
  }
  return lines.join('\n') + '\n';
}
