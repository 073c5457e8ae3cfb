/**
 * What a store aggregates per cell and side for a comparison (issue 13.6): the answer of
 * ResultStore.aggregateCells() and of `GET /api/cells`, which comparisonFromAggregates()
 * (aggregates.compare.ts) turns into the same cells and verdicts as compare() on the records.
 * Pure data: the server computes it in SQL, the browser reads it back (aggregates.wire.ts).
 */
import type { Dimension, DimensionValue, MetricField, QualityFlag } from '../model/record.types';
import type { TailSide } from './compare.types';
import { compareValues } from './dimensions';
import type { FacetCount } from './facets';

/**
 * A median from the count and the two middle values a store's SQL returns (core's momentsOf:
 * the middle value, or the mean of the two when n is even).
 */
export const medianOf = (n: number, lo: number, hi: number): number =>
  n % 2 === 1 ? lo : (lo + hi) / 2;

/** n, median, mean, sample variance (var_samp), min, max of one metric's repeats. */
export interface MetricAggregate {
  n: number;
  /** Middle value, or the mean of the two middle values ((a + b) / 2, as core's momentsOf). */
  median: number;
  mean: number;
  /** Sample variance (n − 1); null when n < 2. */
  variance: number | null;
  min: number;
  max: number;
}

/** The in-scope records of one cell and side that restate nothing (restates IS NULL). */
export interface CellGroup {
  /** The cell's values, one per CellAggregates.dims, as dimensionValue() gives them. */
  values: DimensionValue[];
  /** 0 baseline, 1 candidate. */
  side: 0 | 1;
  /** Records in the group. */
  records: number;
  /** The smallest `ord` of its records (see CellQuery.sets). */
  first: number;
  /** Records that count: measured, and not flagged when excludeFlagged. */
  n: number;
  /** Not measured: flagged `incomplete` or `failed-run`, or no metric of STAT_METRICS. */
  notMeasured: number;
  /** Measured but flagged, when excludeFlagged. */
  excludedFlagged: number;
  /** Distinct flags of those excluded records, sorted. */
  excludedFlags: QualityFlag[];
  /** Distinct flags of every record of the group, sorted. */
  flags: QualityFlag[];
  /** Over the records that count; a metric without any finite value is absent. */
  metrics: Partial<Record<MetricField, MetricAggregate>>;
  /**
   * The tail medians over the records that count (core's tailSide(): n = those with a p99.9 or a
   * maximum), for the tail-regression verdict of `aio-dash compare --format json`.
   */
  tail: TailSide;
}

/**
 * In-scope records that restate another (rare), grouped by all the join reads: same values,
 * side, origin restated, measured and flags. Their cell is decided over all of them.
 */
export interface RestatedRow {
  values: DimensionValue[];
  side: 0 | 1;
  ord: number;
  /** The origin it restates. */
  restates: string;
  /** As CellGroup.notMeasured says of a record. */
  measured: boolean;
  flags: QualityFlag[];
  /** Records in the row; `ord` is the smallest of theirs. */
  count: number;
}

/** What aggregateCells() returns. */
export interface CellAggregates {
  /** The cell dimensions in key order (reference.ts step 1). */
  dims: Dimension[];
  /** The host-layer decision taken (CellQuery.includeHostLayer or its default). */
  includeHostLayer: boolean;
  /** Records of the sets (in scope or not). */
  records: number;
  /** One per cell and side with records that restate nothing; any order. */
  groups: CellGroup[];
  /** Every in-scope record with `restates`; any order. */
  restated: RestatedRow[];
  /**
   * For each origin some restated row names: the first in-scope record (smallest ord) with that
   * origin that restates nothing, its values and side. Origins without one are absent.
   */
  originals: { origin: string; values: DimensionValue[]; side: 0 | 1 }[];
  /**
   * Every value of the axis among the sets' records in scope (the host-layer rule applied,
   * restated records included), with its records, in natural order: what else the axis can
   * compare. The groups know only the two values compared. Absent from an older answer.
   */
  axisValues?: FacetCount[];
}

/**
 * Axis values as stores read them (a value may come twice: DuckDB's -0 and 0 are both '0'),
 * summed per value and in natural order.
 */
export function axisValueCounts(rows: Iterable<FacetCount>): FacetCount[] {
  const sums = new Map<DimensionValue, number>();
  for (const { value, count } of rows) sums.set(value, (sums.get(value) ?? 0) + count);
  return [...sums]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => compareValues(a.value, b.value));
}
