/**
 * Reading the answers of aggregateCells() in DuckDB (duckdb-cells.ts): the groups of the main
 * query a vector at a time, and the rare restated rows a row at a time, as the values core
 * compares (dimensionValue() spellings, sorted flag lists, medians as momentsOf makes them).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DimensionValue, QualityFlag } from '../../core/model/record.types';
import { METRIC_FIELDS } from '../../core/model/record.types';
import type { CellGroup } from './result-store';
import { medianOf } from './result-store';
import { columnChunks } from './duckdb.values';
import type { Param } from './duckdb.values';

export type { Param } from './duckdb.values';

/** The metrics aggregated: those of a side's `metrics` in core (STAT_METRICS = METRIC_FIELDS). */
export const STAT_METRICS = METRIC_FIELDS;

/** Result columns per metric: n, lower and upper middle, mean, variance, min, max. */
export const METRIC_COLUMNS = 7;

/** A grouped value as dimensionValue() spells it. */
export function dimString(v: unknown): DimensionValue {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v === 0 ? 0 : v); // -0 → '0', as String(-0)
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  throw new Error(`aggregateCells: unexpected dimension value ${typeof v}`);
}

/** A numeric dimension of the main query, where NaN stands for NULL (a missing value). */
const numericDim = (v: unknown): DimensionValue =>
  typeof v === 'number' && Number.isNaN(v) ? '' : dimString(v);

/** A VARCHAR result value. */
export const textOf = (v: unknown): string => (typeof v === 'string' ? v : '');

export const flagList = (v: unknown): QualityFlag[] =>
  typeof v === 'string' && v !== ''
    ? ([...new Set(v.split(';').filter((f) => f !== ''))].sort() as QualityFlag[])
    : [];

export const numOf = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : (v as number));

/** Runs `sql` and hands every row's values (by column index) to `row`, chunk by chunk. */
export async function eachRow(
  c: DuckDBConnection,
  sql: string,
  params: Param[],
  row: (get: (col: number) => unknown) => void,
): Promise<void> {
  for await (const cols of columnChunks(c, sql, params))
    for (let i = 0; i < (cols[0]?.length ?? 0); i++) row((col) => cols[col]![i]);
}

/** Where the main query puts a group's dimension values (see aggregateCellsDuckDb). */
export interface GroupLayout {
  /** Dimensions in all. */
  dims: number;
  /** Dimension indexes of the DOUBLE columns after the JSON array, in order. */
  numeric: readonly number[];
  /** Dimension indexes of the JSON array's items, in order. */
  textual: readonly number[];
}

/**
 * The groups of the main query, read a chunk at a time (columnChunks), each cell's values and
 * each flag list made once and shared by every group that has them (the two sides of a cell
 * share one values array). The
 * query returns no NULL (NaN and '' stand for it, see noNull in duckdb-cells.ts); a NaN is read
 * only where its count says there is no value, and numericDim reads it as a missing value.
 */
export async function readGroups(
  c: DuckDBConnection,
  sql: string,
  params: Param[],
  { dims, numeric, textual }: GroupLayout,
): Promise<CellGroup[]> {
  const groups: CellGroup[] = [];
  const valuesByKey = new Map<string, DimensionValue[]>();
  const flagsByText = new Map<string, QualityFlag[]>();
  const flagsOf = (v: unknown) => {
    const text = textOf(v);
    let flags = flagsByText.get(text);
    if (!flags) flagsByText.set(text, (flags = flagList(text)));
    return flags;
  };
  const N = numeric.length;
  const at = 1 + N; // side, records, first, n, notMeasured, excluded, their flags, flags
  const tailAt = at + 8 + STAT_METRICS.length * METRIC_COLUMNS;
  for await (const cols of columnChunks(c, sql, params)) {
    const rows = cols[0]?.length ?? 0;
    // Per chunk, not per row: 137k rows made 400k closures, all for the garbage collector.
    const num = (k: number, i: number) => cols[k]![i] as number;
    const middle = (from: number, i: number) => {
      const n = num(from, i);
      return n === 0 ? null : medianOf(n, num(from + 1, i), num(from + 2, i));
    };
    for (let i = 0; i < rows; i++) {
      const json = textOf(cols[0]![i]);
      let key = json;
      for (let j = 1; j <= N; j++) key += '\u0000' + numericDim(cols[j]![i]);
      let values = valuesByKey.get(key);
      if (!values) {
        const text = JSON.parse(json) as string[];
        const made: DimensionValue[] = new Array<DimensionValue>(dims);
        for (let t = 0; t < textual.length; t++) made[textual[t]!] = text[t] ?? '';
        for (let j = 0; j < N; j++) made[numeric[j]!] = numericDim(cols[1 + j]![i]);
        valuesByKey.set(key, (values = made));
      }
      const metrics: CellGroup['metrics'] = {};
      for (let k = 0; k < STAT_METRICS.length; k++) {
        const from = at + 8 + k * METRIC_COLUMNS;
        const n = num(from, i);
        if (n === 0) continue;
        metrics[STAT_METRICS[k]!] = {
          n,
          median: medianOf(n, num(from + 1, i), num(from + 2, i)),
          mean: num(from + 3, i),
          variance: n < 2 ? null : num(from + 4, i),
          min: num(from + 5, i),
          max: num(from + 6, i),
        };
      }
      groups.push({
        values,
        side: num(at, i) === 0 ? 0 : 1,
        records: num(at + 1, i),
        first: num(at + 2, i),
        n: num(at + 3, i),
        notMeasured: num(at + 4, i),
        excludedFlagged: num(at + 5, i),
        excludedFlags: flagsOf(cols[at + 6]![i]),
        flags: flagsOf(cols[at + 7]![i]),
        metrics,
        tail: {
          n: num(tailAt, i),
          lat_p999_us: middle(tailAt + 1, i),
          lat_max_us: middle(tailAt + 4, i),
        },
      });
    }
  }
  return groups;
}
