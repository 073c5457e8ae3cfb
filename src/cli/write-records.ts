/**
 * Writes records as canonical CSV or JSON in pieces: a 1,000,000-record output is ~250 MB of CSV
 * and over 1 GB of indented JSON, past what one string can hold (V8: ~512 M characters), so
 * `recordsToCsv(all)` / `JSON.stringify(all)` would fail at that size. The pieces are exactly the
 * text of the plain versions (write-records.test.ts compares them).
 */
import { csvColumns, recordsToCsv } from '../core/ingest/ingest';
import type { ResultRecord } from '../core/model/record.types';
import { CANONICAL_COLUMNS } from '../core/model/record.types';

/** Records per piece. */
const CHUNK = 4096;

/** A column name recordsToCsv writes as is (no quoting): the header is then the names joined. */
const plainName = (c: string): boolean =>
  c !== '' && !/[",\r\n]/.test(c) && c.charCodeAt(0) > 32 && c.charCodeAt(c.length - 1) > 32;

/**
 * Writes `recordsToCsv(records)` to `write` in pieces. Every piece is recordsToCsv of a slice whose
 * first record is made to carry every column of the whole (its missing extra columns and, when
 * the whole has it, `restates` as empty strings — written exactly as the missing values are), so
 * each piece has the whole's header, which is written once.
 */
export function writeCsv(
  records: readonly ResultRecord[],
  write: (text: string) => void,
  chunk = CHUNK,
): void {
  const cols = csvColumns(records);
  if (records.length <= chunk || !cols.every(plainName)) {
    write(recordsToCsv(records));
    return;
  }
  const header = cols.join(',') + '\n';
  const hasRestates = cols.includes('restates');
  const fixed = new Set<string>([...CANONICAL_COLUMNS, 'restates']);
  const extraCols = cols.filter((c) => !fixed.has(c));
  write(header);
  for (let at = 0; at < records.length; at += chunk) {
    const slice = records.slice(at, at + chunk);
    const first = slice[0]!;
    const extra: Record<string, string> = {};
    for (const c of extraCols) extra[c] = first.extra[c] ?? '';
    slice[0] = { ...first, extra, restates: first.restates ?? (hasRestates ? '' : null) };
    const text = recordsToCsv(slice);
    if (!text.startsWith(header)) {
      // Not the whole's columns after all (cannot happen with recordsToCsv as written): stay exact.
      throw new Error('writeCsv: a piece has other columns than the whole');
    }
    write(text.slice(header.length));
  }
}

/** Writes `JSON.stringify(records, null, 2) + '\n'` to `write`, one piece per `chunk` records. */
export function writeJson(
  records: readonly ResultRecord[],
  write: (text: string) => void,
  chunk = CHUNK,
): void {
  if (records.length === 0) {
    write('[]\n');
    return;
  }
  for (let at = 0; at < records.length; at += chunk) {
    const parts: string[] = [];
    const end = Math.min(records.length, at + chunk);
    for (let i = at; i < end; i++)
      // Strings in JSON never hold a raw newline, so every '\n' is a line break to indent.
      parts.push('  ' + JSON.stringify(records[i], null, 2).replace(/\n/g, '\n  '));
    write((at === 0 ? '[\n' : ',\n') + parts.join(',\n'));
  }
  write('\n]\n');
}
