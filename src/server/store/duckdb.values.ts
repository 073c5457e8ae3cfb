/**
 * Values into and out of the DuckDB store: database values as text and numbers, a `sets` row as a
 * StoredSet, result columns as records, and one record appended as a row of `records`.
 */
import type { DuckDBAppender } from '@duckdb/node-api';
import type { ResultRecord } from '../../core/model/record.types';
import type { StoredSet } from './result-store';
import { RECORD_COLUMNS } from './record-columns';

/** A database value as text: VARCHAR columns arrive as strings; anything else is a bug shown plainly. */
export function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return `${v}`;
  return JSON.stringify(v) ?? '';
}

/** BIGINT → number (the bindings give BigInt); other values unchanged. */
export const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : Number(v));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : text(v));

export function rowToSet(row: Record<string, unknown>): StoredSet {
  return {
    id: text(row.id),
    name: text(row.name),
    records: num(row.records),
    accepted: num(row.accepted),
    rejected: num(row.rejected),
    flagged: num(row.flagged),
    created: text(row.created),
    sha256: text(row.sha256),
    files: JSON.parse(text(row.files)) as string[],
    notes: JSON.parse(text(row.notes)) as string[],
    deleted: str(row.deleted),
  };
}

/**
 * Records from the columns of a result (getColumnsJS): reading columns is ~2× faster than
 * getRowObjectsJS on 100k records, whose cost is building one JS object per row and cell.
 */
export function columnsToRecords(cols: readonly (readonly unknown[])[]): ResultRecord[] {
  const extra = cols[RECORD_COLUMNS.length] ?? [];
  const out: ResultRecord[] = [];
  for (let i = 0; i < extra.length; i++) {
    const r: Record<string, unknown> = {};
    for (let k = 0; k < RECORD_COLUMNS.length; k++) {
      const c = RECORD_COLUMNS[k]!;
      const v = cols[k]![i];
      if (c.kind === 'flags') r[c.name] = v === null || v === '' ? [] : text(v).split(';');
      else if (v === null || v === undefined) r[c.name] = null;
      else if (c.kind === 'number') r[c.name] = num(v);
      else if (c.kind === 'bool') r[c.name] = Boolean(v);
      else r[c.name] = text(v);
    }
    r.extra = JSON.parse(text(extra[i])) as Record<string, string>;
    out.push(r as unknown as ResultRecord);
  }
  return out;
}

/** Appends one record; its `set` is stored as the set's name (one upload = one set). */
export function appendRecord(
  app: DuckDBAppender,
  setId: string,
  setName: string,
  seq: number,
  rec: ResultRecord,
): void {
  app.appendVarchar(setId);
  app.appendBigInt(BigInt(seq));
  const fields = rec as unknown as Record<string, unknown>;
  for (const c of RECORD_COLUMNS) {
    const v = c.name === 'set' ? setName : fields[c.name];
    if (c.kind === 'flags') {
      app.appendVarchar(Array.isArray(v) ? v.join(';') : '');
    } else if (v === null || v === undefined) app.appendNull();
    else if (c.kind === 'number') {
      if (typeof v === 'number' && Number.isFinite(v)) app.appendDouble(v);
      else app.appendNull(); // NaN/Infinity are not measurements: missing, like the CSV writer
    } else if (c.kind === 'bool') app.appendBoolean(v === true);
    else app.appendVarchar(text(v));
  }
  app.appendVarchar(JSON.stringify(rec.extra));
  app.endRow();
}
