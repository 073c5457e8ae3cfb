/**
 * OUT: the canonical CSV of the bench set, one record appended as each run completes, written by
 * the project's one CSV writer (recordsToCsv). A record whose columns equal OUT's header is
 * appended as one line (a crash loses at most the run in progress); when the columns differ
 * (OUT from an older version, another engine's extras), OUT is rewritten whole through a
 * temporary file and a rename, never left half-written.
 */
import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { ingestBytes } from '../../core/ingest/ingest';
import { recordsToCsv } from '../../core/ingest/csv.write';
import type { ResultRecord } from '../../core/model/record.types';

/** Records of an existing OUT (canonical CSV), or [] when it does not exist. */
export function readOut(path: string): { records: ResultRecord[]; error: string | null } {
  if (!existsSync(path)) return { records: [], error: null };
  const bytes = readFileSync(path);
  if (bytes.length === 0) return { records: [], error: null };
  const r = ingestBytes(bytes, { fileName: path.split('/').pop() ?? path, format: 'csv' });
  if (!r.ok) return { records: [], error: r.reason };
  return { records: r.value.records, error: null };
}

const firstLine = (text: string): string => {
  const nl = text.indexOf('\n');
  return nl < 0 ? text : text.slice(0, nl);
};

/** Appends `r` to OUT (see the module doc). */
export function appendRecord(path: string, r: ResultRecord): void {
  const csv = recordsToCsv([r]);
  const header = firstLine(csv);
  const row = csv.slice(header.length + 1);
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : '';
  if (existing === '') {
    writeFileSync(path, csv);
    return;
  }
  if (firstLine(existing) === header) {
    appendFileSync(path, (existing.endsWith('\n') ? '' : '\n') + row);
    return;
  }
  const { records, error } = readOut(path);
  if (error !== null) throw new Error(`${path}: cannot add a record: ${error}`);
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, recordsToCsv([...records, r]));
  renameSync(tmp, path);
}
