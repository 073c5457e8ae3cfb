/**
 * ResultStore.aggregateCells() on ClickHouse (issue 13.6/13.7): the same answers as the DuckDB
 * store (duckdb-cells.ts), from the GROUP BY of clickhouse.sql.ts `cellsSql` (on a cluster each
 * shard aggregates its part). This file only decides the dimensions and turns rows into
 * CellGroup / RestatedRow values; the rules are those of src/core/compare/reference.ts.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { STAT_METRICS } from '../../core/compare/cell';
import { extraDimensions } from '../../core/compare/dimensions';
import { axisValueCounts } from '../../core/compare/aggregates.types';
import type {
  Dimension,
  DimensionValue,
  QualityFlag,
  ResultRecord,
} from '../../core/model/record.types';
import { ENVIRONMENT_FIELDS } from '../../core/model/record.types';
import type {
  CellAggregates,
  CellGroup,
  CellQuery,
  MetricAggregate,
  RestatedRow,
} from './result-store';
import { medianOf } from './result-store';
import { cellsSql, dimensionKind, selectDistinctExtras, selectSetFacts } from './clickhouse.sql';

type Row = Record<string, unknown>;

/** A grouped value as dimensionValue() spells it. */
function dimString(v: unknown, dim: Dimension): DimensionValue {
  if (v === null || v === undefined) return '';
  const kind = dimensionKind(dim);
  if (kind === 'bool') return Number(v) === 1 ? 'true' : 'false';
  if (kind === 'number') {
    const n = Number(v);
    return String(n === 0 ? 0 : n); // -0 → '0', as String(-0)
  }
  return typeof v === 'string' ? v : JSON.stringify(v);
}

const flagList = (v: unknown): QualityFlag[] =>
  typeof v === 'string' && v !== ''
    ? ([...new Set(v.split(';').filter((f) => f !== ''))].sort() as QualityFlag[])
    : [];

const num = (v: unknown): number => Number(v);
const col = (row: Row, i: number): unknown => row[`c${i}`];

async function rows(c: ClickHouseClient, query: string): Promise<Row[]> {
  return (await c.query({ query, format: 'JSONEachRow' })).json<Row>();
}

/** The extra columns that are dimensions, decided by core's own extraDimensions(). */
async function detectExtraDimensions(
  c: ClickHouseClient,
  db: string,
  sets: readonly string[],
): Promise<Dimension[]> {
  const extras = (await rows(c, selectDistinctExtras(db, sets))).map(
    (r) => ({ extra: JSON.parse(String(r.extra)) as Record<string, string> }) as ResultRecord,
  );
  return extraDimensions(extras);
}

/** aggregateCells() for live sets `setNames` (id → current name, in q.sets order). */
export async function aggregateCellsClickHouse(
  c: ClickHouseClient,
  db: string,
  q: CellQuery,
  setNames: ReadonlyMap<string, string>,
): Promise<CellAggregates> {
  const facts = (await rows(c, selectSetFacts(db, q.sets)))[0] ?? {};
  const records = num(facts.records ?? 0);
  const includeHostLayer = q.includeHostLayer ?? (records > 0 && num(facts.host) === 1);
  const extras = q.extraDimensions ?? (await detectExtraDimensions(c, db, q.sets));
  const dims: Dimension[] = [
    ...ENVIRONMENT_FIELDS.filter((f) => f !== q.axis && !(q.poolSets && f === 'set')),
    ...extras.filter((d) => d !== q.axis),
  ];
  const sql = cellsSql(db, {
    sets: q.sets,
    setNames,
    axis: q.axis,
    baseline: q.baseline,
    candidate: q.candidate,
    excludeFlagged: q.excludeFlagged,
    hostOut: q.axis !== 'layer' && !includeHostLayer,
    dims,
    metrics: STAT_METRICS,
  });
  const D = dims.length;
  const values = (row: Row, from: number) => dims.map((d, i) => dimString(col(row, from + i), d));
  const groups: CellGroup[] = (await rows(c, sql.groups)).map((row) => {
    const metrics: CellGroup['metrics'] = {};
    STAT_METRICS.forEach((m, k) => {
      const at = D + 8 + k * 7;
      const n = num(col(row, at));
      if (n === 0) return;
      const lo = num(col(row, at + 1));
      const hi = num(col(row, at + 2));
      const agg: MetricAggregate = {
        n,
        median: medianOf(n, lo, hi),
        mean: num(col(row, at + 3)),
        variance: n < 2 ? null : num(col(row, at + 4)),
        min: num(col(row, at + 5)),
        max: num(col(row, at + 6)),
      };
      metrics[m] = agg;
    });
    const tailAt = D + 8 + STAT_METRICS.length * 7;
    const tailMedian = (k: number) => {
      const at = tailAt + 1 + 3 * k;
      const n = num(col(row, at));
      if (n === 0) return null;
      const lo = num(col(row, at + 1));
      const hi = num(col(row, at + 2));
      return medianOf(n, lo, hi);
    };
    return {
      values: values(row, 0),
      side: num(col(row, D)) === 0 ? 0 : 1,
      records: num(col(row, D + 1)),
      first: num(col(row, D + 2)),
      n: num(col(row, D + 3)),
      notMeasured: num(col(row, D + 4)),
      excludedFlagged: num(col(row, D + 5)),
      excludedFlags: flagList(col(row, D + 6)),
      flags: flagList(col(row, D + 7)),
      metrics,
      tail: { n: num(col(row, tailAt)), lat_p999_us: tailMedian(0), lat_max_us: tailMedian(1) },
    };
  });
  const restated = (await rows(c, sql.restated)).map((row): RestatedRow => ({
    values: values(row, 0),
    side: num(col(row, D)) === 0 ? 0 : 1,
    ord: num(col(row, D + 1)),
    restates: String(col(row, D + 2)),
    measured: num(col(row, D + 3)) === 1,
    flags: flagList(col(row, D + 4)),
    count: num(col(row, D + 5)),
  }));
  const origins = [...new Set(restated.map((r) => r.restates))];
  const originals: CellAggregates['originals'] =
    origins.length === 0
      ? []
      : (await rows(c, sql.originals(origins))).map((row) => ({
          origin: String(col(row, 0)),
          values: values(row, 1),
          side: num(col(row, D + 1)) === 0 ? 0 : 1,
        }));
  const axisValues = axisValueCounts(
    (await rows(c, sql.axisValues)).map((row) => ({
      value: dimString(col(row, 0), q.axis),
      count: num(col(row, 1)),
    })),
  );
  return { dims, includeHostLayer, records, groups, restated, originals, axisValues };
}
