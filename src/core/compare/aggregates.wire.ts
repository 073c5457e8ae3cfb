/**
 * The JSON of `GET /api/cells` (docs/result-set.md, "The team server's HTTP API"): a store's
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

export interface RestatedWire {
  cell: number;
  side: 0 | 1;
  ord: number;
  restates: string;
  measured: boolean;
  flags: QualityFlag[];
  count: number;
}

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
    const dims = list(v.dims, 'dims').map((d, i) => {
      if (typeof d !== 'string' || !isDimension(d)) throw new WireError(`dims[${i}]`);
      return d;
    });
    if (typeof v.include_host_layer !== 'boolean') throw new WireError('include_host_layer');
    const records = count(v.records, 'records');
    const cells = list(v.cells, 'cells').map((c, i) => {
      const values = list(c, `cells[${i}]`);
      if (values.length !== dims.length) throw new WireError(`cells[${i}]: ${dims.length} values`);
      for (const x of values) if (typeof x !== 'string') throw new WireError(`cells[${i}]`);
      return values as DimensionValue[];
    });
    const cellAt = (x: unknown, at: string): DimensionValue[] => {
      const i = count(x, at);
      const c = cells[i];
      if (c === undefined) throw new WireError(`${at}: no cell ${i}`);
      return c;
    };
    const groups = list(v.groups, 'groups').map((g, i): CellGroup => {
      const at = `groups[${i}]`;
      if (!isObject(g)) throw new WireError(at);
      if (!isObject(g.metrics)) throw new WireError(`${at}.metrics`);
      for (const m in g.metrics)
        if (!METRIC_SET.has(m)) throw new WireError(`${at}.metrics: unknown metric ${m}`);
      // Keys added in one fixed order: the objects share few shapes, which the readers'
      // property loads are quicker on than on JSON's own key orders.
      const metrics: CellGroup['metrics'] = {};
      for (const m of METRIC_FIELDS) {
        const a = g.metrics[m];
        if (a !== undefined) metrics[m] = metricOf(a, `${at}.metrics.${m}`);
      }
      return {
        values: cellAt(g.cell, `${at}.cell`),
        side: side(g.side, `${at}.side`),
        records: count(g.records, `${at}.records`),
        first: count(g.first, `${at}.first`),
        n: count(g.n, `${at}.n`),
        notMeasured: count(g.not_measured, `${at}.not_measured`),
        excludedFlagged: count(g.excluded_flagged, `${at}.excluded_flagged`),
        excludedFlags: flags(g.excluded_flags, `${at}.excluded_flags`),
        flags: flags(g.flags, `${at}.flags`),
        metrics,
        tail: tailOf(g.tail, `${at}.tail`),
      };
    });
    const restated = list(v.restated, 'restated').map((r, i): RestatedRow => {
      const at = `restated[${i}]`;
      if (!isObject(r)) throw new WireError(at);
      if (typeof r.restates !== 'string') throw new WireError(`${at}.restates`);
      if (typeof r.measured !== 'boolean') throw new WireError(`${at}.measured`);
      return {
        values: cellAt(r.cell, `${at}.cell`),
        side: side(r.side, `${at}.side`),
        ord: count(r.ord, `${at}.ord`),
        restates: r.restates,
        measured: r.measured,
        flags: flags(r.flags, `${at}.flags`),
        count: count(r.count, `${at}.count`),
      };
    });
    const originals = list(v.originals, 'originals').map((o, i) => {
      const at = `originals[${i}]`;
      if (!isObject(o) || typeof o.origin !== 'string') throw new WireError(at);
      return { origin: o.origin, values: cellAt(o.cell, `${at}.cell`), side: side(o.side, at) };
    });
    return ok({
      dims,
      includeHostLayer: v.include_host_layer,
      records,
      groups,
      restated,
      originals,
    });
  } catch (e) {
    if (e instanceof WireError) return fail(`not a cells answer: ${e.message}`);
    throw e;
  }
}

function list(v: unknown, at: string): unknown[] {
  if (!Array.isArray(v)) throw new WireError(`${at}: not a list`);
  return v;
}

function count(v: unknown, at: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
    throw new WireError(`${at}: not a count`);
  return v;
}

function finite(v: unknown, at: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new WireError(`${at}: not a number`);
  return v;
}

const finiteOrNull = (v: unknown, at: string): number | null => (v === null ? null : finite(v, at));

function side(v: unknown, at: string): 0 | 1 {
  if (v !== 0 && v !== 1) throw new WireError(`${at}: 0 or 1`);
  return v;
}

function flags(v: unknown, at: string): QualityFlag[] {
  const out = list(v, at);
  for (const f of out)
    if (typeof f !== 'string' || !FLAG_SET.has(f)) throw new WireError(`${at}: unknown flag`);
  return out as QualityFlag[];
}

function metricOf(v: unknown, at: string): MetricAggregate {
  const a = list(v, at);
  if (a.length !== 6) throw new WireError(`${at}: 6 values`);
  return {
    n: count(a[0], at),
    median: finite(a[1], at),
    mean: finite(a[2], at),
    variance: finiteOrNull(a[3], at),
    min: finite(a[4], at),
    max: finite(a[5], at),
  };
}

function tailOf(v: unknown, at: string): TailSide {
  const a = list(v, at);
  if (a.length !== 3) throw new WireError(`${at}: 3 values`);
  return {
    n: count(a[0], at),
    lat_p999_us: finiteOrNull(a[1], at),
    lat_max_us: finiteOrNull(a[2], at),
  };
}
