/**
 * Records into and out of the ClickHouse store's `records` table as JSONEachRow rows: numbers
 * travel as the 64 bits of their double (exact), flags ';'-joined, extra as JSON.
 */
import type { ResultRecord } from '../../core/model/record.types';
import { bitsColumn } from './clickhouse.sql';
import { RECORD_COLUMNS } from './record-columns';

const bitsOf = (() => {
  const f = new Float64Array(1);
  const u = new BigUint64Array(f.buffer);
  /** The double's 64 bits as a decimal string (JSON numbers cannot carry a UInt64 exactly). */
  return (x: number): string => {
    f[0] = x;
    return u[0]!.toString();
  };
})();

/** A value as text: strings as they are; anything else is a bug shown plainly. */
function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return `${v}`;
  return JSON.stringify(v) ?? '';
}

/** One record as the JSONEachRow row of `records`; its `set` is stored as the set's name. */
export function recordRow(setId: string, setName: string, seq: number, rec: ResultRecord) {
  if (rec === null || typeof rec !== 'object') throw new Error(`record ${seq} is not a record`);
  const fields = rec as unknown as Record<string, unknown>;
  const row: Record<string, unknown> = { set_id: setId, seq };
  for (const c of RECORD_COLUMNS) {
    const v = c.name === 'set' ? setName : fields[c.name];
    if (c.kind === 'flags') row[c.name] = Array.isArray(v) ? v.join(';') : '';
    else if (v === null || v === undefined)
      row[c.kind === 'number' ? bitsColumn(c.name) : c.name] = null;
    else if (c.kind === 'number')
      // NaN/Infinity are not measurements: missing, like the CSV writer and the DuckDB store.
      row[bitsColumn(c.name)] = typeof v === 'number' && Number.isFinite(v) ? bitsOf(v) : null;
    else if (c.kind === 'bool') row[c.name] = v === true ? 1 : 0;
    else row[c.name] = text(v);
  }
  row.extra = JSON.stringify(rec.extra);
  return row;
}

/** A row of `records` (JSONEachRow) back to a record, `set` being the set's current name. */
export function rowToRecord(row: Record<string, unknown>, name: string): ResultRecord {
  const r: Record<string, unknown> = {};
  for (const c of RECORD_COLUMNS) {
    const v = row[c.name];
    if (c.kind === 'flags') r[c.name] = v === null || v === '' ? [] : text(v).split(';');
    else if (v === null || v === undefined) r[c.name] = null;
    else if (c.kind === 'number') r[c.name] = Number(v);
    else if (c.kind === 'bool') r[c.name] = Number(v) === 1;
    else r[c.name] = text(v);
  }
  r.set = name;
  r.extra = JSON.parse(text(row.extra)) as Record<string, string>;
  return r as unknown as ResultRecord;
}
