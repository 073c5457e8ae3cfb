/**
 * The JSON of `GET /api/cells` (an extension of the API: docs/server.md, "Compare in the database"): a store's
 * CellAggregates as text, each cell's values written once and named by index, and its checked
 * reading back. The dashboard compares a large server set from this answer with
 * comparisonFromAggregates(), the code the server's own `/api/compare` runs, so both give the
 * same cells and verdicts (aggregates.wire.test.ts).
 *
 * Names are snake_case like the rest of the API. A metric is `[n, median, mean, variance, min,
 * max]` and a tail `[n, p999, max]` (null where absent): the answer has one per cell, side and
 * metric, so positional arrays keep it about half the size of objects.
 */
import type { Result } from '../model/result';
import { fail, ok } from '../model/result';
import type { Dimension, DimensionValue, MetricField, QualityFlag } from '../model/record.types';
import { FLAGS, METRIC_FIELDS } from '../model/record.types';
import type { TailSide } from './compare.types';
import type { CellAggregates, CellGroup, MetricAggregate, RestatedRow } from './aggregates.types';
import { isDimension, joinKey } from './dimensions';
import type { FacetCount } from './facets';

/** The version of this shape; a reader refuses any other. */
export const CELLS_WIRE_VERSION = 1;

type MetricWire = [
  n: number,
  median: number,
  mean: number,
  variance: number | null,
  min: number,
  max: number,
];
type TailWire = [n: number, p999: number | null, max: number | null];

export interface GroupWire {
  /** Index into CellsWire.cells. */
  cell: number;
  side: 0 | 1;
  records: number;
  first: number;
  n: number;
  not_measured: number;
  excluded_flagged: number;
  excluded_flags: QualityFlag[];
  flags: QualityFlag[];
  metrics: Partial<Record<MetricField, MetricWire>>;
  tail: TailWire;
}

/** A RestatedRow with its cell named by index. */
export type RestatedWire = Omit<RestatedRow, 'values'> & { cell: number };

export interface CellsWire {
  version: typeof CELLS_WIRE_VERSION;
  dims: Dimension[];
  include_host_layer: boolean;
  records: number;
  /** Each cell's values (one per dim), once. */
  cells: DimensionValue[][];
  groups: GroupWire[];
  restated: RestatedWire[];
  originals: { origin: string; cell: number; side: 0 | 1 }[];
  /** CellAggregates.axisValues as [value, records] pairs; absent when the store gave none. */
  axis_values?: [DimensionValue, number][];
}

/** `agg` as the JSON value of `GET /api/cells`. */
export function toCellsWire(agg: CellAggregates): CellsWire {
  const cells: DimensionValue[][] = [];
  const byKey = new Map<string, number>();
  // The stores share one values array between a cell's two sides: its key is made once.
  const byArray = new Map<readonly DimensionValue[], number>();
  const cellOf = (values: DimensionValue[]): number => {
    let i = byArray.get(values);
    if (i !== undefined) return i;
    const key = joinKey(values);
    i = byKey.get(key);
    if (i === undefined) {
      byKey.set(key, (i = cells.length));
      cells.push(values);
    }
    byArray.set(values, i);
    return i;
  };
  const groups = agg.groups.map((g): GroupWire => {
    const metrics: GroupWire['metrics'] = {};
    for (const m of METRIC_FIELDS) {
      const a = g.metrics[m];
      if (a) metrics[m] = [a.n, a.median, a.mean, a.variance, a.min, a.max];
    }
    return {
      cell: cellOf(g.values),
      side: g.side,
      records: g.records,
      first: g.first,
      n: g.n,
      not_measured: g.notMeasured,
      excluded_flagged: g.excludedFlagged,
      excluded_flags: g.excludedFlags,
      flags: g.flags,
      metrics,
      tail: [g.tail.n, g.tail.lat_p999_us, g.tail.lat_max_us],
    };
  });
  const restated = agg.restated.map((r): RestatedWire => ({
    cell: cellOf(r.values),
    side: r.side,
    ord: r.ord,
    restates: r.restates,
    measured: r.measured,
    flags: r.flags,
    count: r.count,
  }));
  const originals = agg.originals.map((o) => ({
    origin: o.origin,
    cell: cellOf(o.values),
    side: o.side,
  }));
  return {
    version: CELLS_WIRE_VERSION,
    dims: agg.dims,
    include_host_layer: agg.includeHostLayer,
    records: agg.records,
    cells,
    groups,
    restated,
    originals,
    ...(agg.axisValues ? { axis_values: agg.axisValues.map((a) => [a.value, a.count]) } : {}),
  };
}

/** Thrown inside parseCellsWire only, with the path of the bad value; caught there. */
class WireError extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const FLAG_SET: ReadonlySet<string> = new Set(FLAGS);
const METRIC_SET: ReadonlySet<string> = new Set(METRIC_FIELDS);

/**
 * The CellAggregates of a `GET /api/cells` answer, every field checked (a count is a safe integer
 * ≥ 0, a value finite, an index in range, a flag and a metric known); the reason names the first
 * bad field. Cells named by one index share one values array, as the stores' answers do.
 */
export function parseCellsWire(v: unknown): Result<CellAggregates, string> {
  try {
    if (!isObject(v)) throw new WireError('not an object');
    if (v.version !== CELLS_WIRE_VERSION)
      throw new WireError(`version ${String(v.version)}, expected ${CELLS_WIRE_VERSION}`);
    const w = new Where();
    const dims = list(v.dims, w, 'dims').map((d, i) => {
      if (typeof d !== 'string' || !isDimension(d)) throw new WireError(`dims[${i}]`);
      return d;
    });
    if (typeof v.include_host_layer !== 'boolean') throw new WireError('include_host_layer');
    const records = count(v.records, w, 'records');
    const cells = list(v.cells, w, 'cells').map((c, i) => {
      w.row('cells', i);
      const values = list(c, w, '');
      if (values.length !== dims.length) throw new WireError(`cells[${i}]: ${dims.length} values`);
      for (const x of values) if (typeof x !== 'string') throw new WireError(`cells[${i}]`);
      return values as DimensionValue[];
    });
    const cellAt = (x: unknown): DimensionValue[] => {
      const i = count(x, w, 'cell');
      const c = cells[i];
      if (c === undefined) throw new WireError(`${w.at('cell')}: no cell ${i}`);
      return c;
    };
    const groups = list(v.groups, w, 'groups').map((g, i): CellGroup => {
      w.row('groups', i);
      if (!isObject(g)) throw new WireError(w.at(''));
      if (!isObject(g.metrics)) throw new WireError(w.at('metrics'));
      for (const m in g.metrics)
        if (!METRIC_SET.has(m)) throw new WireError(`${w.at('metrics')}: unknown metric ${m}`);
      // Keys added in one fixed order: the objects share few shapes, which the readers'
      // property loads are quicker on than on JSON's own key orders.
      const metrics: CellGroup['metrics'] = {};
      for (const m of METRIC_FIELDS) {
        const a = g.metrics[m];
        if (a !== undefined) metrics[m] = metricOf(a, w, METRIC_PATH[m]);
      }
      return {
        values: cellAt(g.cell),
        side: side(g.side, w, 'side'),
        records: count(g.records, w, 'records'),
        first: count(g.first, w, 'first'),
        n: count(g.n, w, 'n'),
        notMeasured: count(g.not_measured, w, 'not_measured'),
        excludedFlagged: count(g.excluded_flagged, w, 'excluded_flagged'),
        excludedFlags: flags(g.excluded_flags, w, 'excluded_flags'),
        flags: flags(g.flags, w, 'flags'),
        metrics,
        tail: tailOf(g.tail, w),
      };
    });
    const restated = list(v.restated, w, 'restated').map((r, i): RestatedRow => {
      w.row('restated', i);
      if (!isObject(r)) throw new WireError(w.at(''));
      if (typeof r.restates !== 'string') throw new WireError(w.at('restates'));
      if (typeof r.measured !== 'boolean') throw new WireError(w.at('measured'));
      return {
        values: cellAt(r.cell),
        side: side(r.side, w, 'side'),
        ord: count(r.ord, w, 'ord'),
        restates: r.restates,
        measured: r.measured,
        flags: flags(r.flags, w, 'flags'),
        count: count(r.count, w, 'count'),
      };
    });
    const originals = list(v.originals, w, 'originals').map((o, i) => {
      w.row('originals', i);
      if (!isObject(o) || typeof o.origin !== 'string') throw new WireError(w.at(''));
      return { origin: o.origin, values: cellAt(o.cell), side: side(o.side, w, 'side') };
    });
    const axisValues =
      v.axis_values === undefined
        ? undefined
        : list(v.axis_values, w, 'axis_values').map((a, i): FacetCount => {
            w.row('axis_values', i);
            if (!Array.isArray(a) || a.length !== 2 || typeof a[0] !== 'string')
              throw new WireError(w.at(''));
            return { value: a[0], count: count(a[1], w, '1') };
          });
    return ok({
      dims,
      includeHostLayer: v.include_host_layer,
      records,
      groups,
      restated,
      originals,
      ...(axisValues ? { axisValues } : {}),
    });
  } catch (e) {
    if (e instanceof WireError) return fail(`not a cells answer: ${e.message}`);
    throw e;
  }
}

/**
 * Where a value sits in the answer, spelled only when it is wrong: a path string for each field
 * of 137k groups was ~2M strings made for nothing.
 */
class Where {
  private list = '';
  private index = -1;

  row(list: string, index: number): void {
    this.list = list;
    this.index = index;
  }

  at(field: string): string {
    if (this.index < 0) return field;
    const row = `${this.list}[${this.index}]`;
    return field === '' ? row : `${row}.${field}`;
  }
}

const METRIC_PATH = Object.fromEntries(METRIC_FIELDS.map((m) => [m, `metrics.${m}`])) as Record<
  MetricField,
  string
>;

function list(v: unknown, w: Where, field: string): unknown[] {
  if (!Array.isArray(v)) throw new WireError(`${w.at(field)}: not a list`);
  return v;
}

function count(v: unknown, w: Where, field: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
    throw new WireError(`${w.at(field)}: not a count`);
  return v;
}

function finite(v: unknown, w: Where, field: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new WireError(`${w.at(field)}: not a number`);
  return v;
}

const finiteOrNull = (v: unknown, w: Where, field: string): number | null =>
  v === null ? null : finite(v, w, field);

function side(v: unknown, w: Where, field: string): 0 | 1 {
  if (v !== 0 && v !== 1) throw new WireError(`${w.at(field)}: 0 or 1`);
  return v;
}

function flags(v: unknown, w: Where, field: string): QualityFlag[] {
  const out = list(v, w, field);
  for (const f of out)
    if (typeof f !== 'string' || !FLAG_SET.has(f))
      throw new WireError(`${w.at(field)}: unknown flag`);
  return out as QualityFlag[];
}

function metricOf(v: unknown, w: Where, field: string): MetricAggregate {
  const a = list(v, w, field);
  if (a.length !== 6) throw new WireError(`${w.at(field)}: 6 values`);
  return {
    n: count(a[0], w, field),
    median: finite(a[1], w, field),
    mean: finite(a[2], w, field),
    variance: finiteOrNull(a[3], w, field),
    min: finite(a[4], w, field),
    max: finite(a[5], w, field),
  };
}

function tailOf(v: unknown, w: Where): TailSide {
  const a = list(v, w, 'tail');
  if (a.length !== 3) throw new WireError(`${w.at('tail')}: 3 values`);
  return {
    n: count(a[0], w, 'tail'),
    lat_p999_us: finiteOrNull(a[1], w, 'tail'),
    lat_max_us: finiteOrNull(a[2], w, 'tail'),
  };
}
