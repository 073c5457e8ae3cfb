/**
 * Values into and out of the DuckDB store: database values as text and numbers, a `sets` row as a
 * StoredSet, result columns as records, and one record appended as a row of `records`.
 */
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import type { ResultRecord } from '../../core/model/record.types';
import type { StoredSet } from './result-store';
import { ident } from './duckdb.schema';
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

/** A bound parameter of a query. */
export type Param = string | number | boolean | null;

/**
 * The columns of the answer to `sql`, a chunk of rows at a time, each column as an array
 * (toArray: a fifth of the cost of a getItem per value on the 1M bench set). A chunk's arrays
 * are garbage once the caller is done with them.
 */
export async function* columnChunks(
  c: DuckDBConnection,
  sql: string,
  params: Param[],
): AsyncGenerator<unknown[][]> {
  const result = await c.run(sql, params);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) return;
    yield Array.from({ length: chunk.columnCount }, (_, k) => chunk.getColumnVector(k).toArray());
  }
}

/**
 * The SELECT list of getRecords: every record column without NULL, since a column with NULLs
 * has a validity mask that the bindings test with BigInt shifts per value. A number comes as
 * NaN for NULL (the store keeps only finite numbers); text and booleans come as a value and an
 * `IS NULL` column beside it ('' is a value). With appendRecords' shared strings, the 1M bench
 * set's getRecords took 27.5–28.5 s instead of 31–35 s; the rest is an object per record.
 */
export const RECORD_SELECT: string = RECORD_COLUMNS.map((c) => {
  const col = ident(c.name);
  if (c.kind === 'number') return `coalesce(${col}, 'NaN'::DOUBLE)`;
  if (c.kind === 'flags') return `coalesce(${col}, '')`;
  return `coalesce(${col}, ${c.kind === 'bool' ? 'false' : "''"}), ${col} IS NULL`;
}).join(', ');

/**
 * Appends to `out` the records of one chunk of `SELECT ${RECORD_SELECT}, extra`, its columns as
 * arrays. Reading columns is ~2× faster than row objects on 100k records. Each text value is
 * kept once in `strings` (a set's records repeat a few hundred values): the bindings decode a
 * new string per row, and 1M records' copies kept alive were the garbage collector's work.
 */
export function appendRecords(
  cols: readonly (readonly unknown[])[],
  out: ResultRecord[],
  strings: Map<string, string>,
): void {
  const once = (v: unknown): string => {
    const s = text(v);
    const kept = strings.get(s);
    if (kept !== undefined) return kept;
    strings.set(s, s);
    return s;
  };
  const extra = cols[cols.length - 1] ?? [];
  for (let i = 0; i < extra.length; i++) {
    const r: Record<string, unknown> = {};
    let k = 0;
    for (const c of RECORD_COLUMNS) {
      const v = cols[k++]![i];
      if (c.kind === 'number') r[c.name] = Number.isNaN(v) ? null : num(v);
      else if (c.kind === 'flags') r[c.name] = v === '' ? [] : once(v).split(';');
      else if (cols[k++]![i] === true) r[c.name] = null;
      else r[c.name] = c.kind === 'bool' ? v === true : once(v);
    }
    r.extra = JSON.parse(text(extra[i])) as Record<string, string>;
    out.push(r as unknown as ResultRecord);
  }
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
