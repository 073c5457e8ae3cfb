/**
 * One side of a compare() cell (LazySide): n and the delta metrics' moments up front, the records
 * and Aggregates on first read; and the layout of the moments array all cells of a comparison
 * share (MOMENTS, SLOT_SIZE, momentsOffset). See cell.ts for why lazy.
 */
import type { MetricField, ResultRecord } from '../model/record.types';
import type { Aggregate, Side } from './compare.types';
import { aggregateInPlace } from './stats';
import { DELTA_METRICS } from './verdict';
import { BATCH_AFTER, decidedAt } from './cell';
import type { CellShared } from './cell';

/** Metrics with an Aggregate on a side, in `Side.metrics` key order. */
export const STAT_METRICS: readonly MetricField[] = [
  'iops',
  'iops_total',
  'lat_mean_us',
  'lat_p99_us',
  'bw_kib_s',
];

/** Values of each STAT_METRICS field (named loads: one inline cache each). */
export const METRIC_GETTERS: readonly ((r: ResultRecord) => number | null)[] = [
  (r) => r.iops,
  (r) => r.iops_total,
  (r) => r.lat_mean_us,
  (r) => r.lat_p99_us,
  (r) => r.bw_kib_s,
];

/**
 * Layout of the moments array: per cell slot, side (0 baseline, 1 candidate) and delta metric
 * (DELTA_METRICS order), 4 numbers from momentsOf(): n (0 = no value), median, mean, sd (NaN = none).
 */
export const MOMENTS = 4;
export const SLOT_SIZE = 2 * DELTA_METRICS.length * MOMENTS;
export const DELTA_INDEX: ReadonlyMap<MetricField, number> = new Map(
  DELTA_METRICS.map((m, i) => [m, i]),
);

/** Offset of (slot, side, delta metric index) in the moments array. */
export function momentsOffset(slot: number, side: 0 | 1, dm: number): number {
  return slot * SLOT_SIZE + (side * DELTA_METRICS.length + dm) * MOMENTS;
}

/** The Aggregates of `used` (the eager computation, run on first read of Side.metrics). */
export function aggregatesOf(
  used: readonly ResultRecord[],
): Partial<Record<MetricField, Aggregate>> {
  const metrics: Partial<Record<MetricField, Aggregate>> = {};
  for (let m = 0; m < STAT_METRICS.length; m++) {
    const get = METRIC_GETTERS[m]!;
    const vals: number[] = [];
    for (const r of used) {
      const v = get(r);
      if (v !== null && Number.isFinite(v)) vals.push(v);
    }
    const a = aggregateInPlace(vals);
    if (a) metrics[STAT_METRICS[m]!] = a;
  }
  return metrics;
}

/** Where a side's records come from (compare()'s rows); see LazySide. */
export interface SideRows {
  records: readonly ResultRecord[];
  /** Every LazySide over these rows, in creation order (for building them in one batch). */
  sides: LazySide[];
  /** How many sides were built one by one. */
  built: number;
  /**
   * Record indexes of the rows [from, to) sorted by origin (stable: ties keep scope order), in
   * the first `count` elements of the array (which may be a buffer the next call reuses).
   */
  sortedIndexes(from: number, to: number): Int32Array;
  /** Length of the last sortedIndexes() result. */
  readonly count: number;
  /** Whether record i counts in the statistics (not unmeasured, restated or excluded as flagged). */
  isUsed(i: number): boolean;
  /** Whether some record has a p99.9 or a maximum: set by LazySide.hasTailValues on first ask. */
  anyTail?: boolean;
}

/**
 * A Side whose `records` and `used` (sorted by origin) and `metrics` (Aggregates) are built on
 * first read; n and the delta metrics' moments are computed up front.
 */
export class LazySide implements Side {
  n: number;
  /** n as computed (the field is writable). */
  #usedCount: number;
  #rows: SideRows;
  #from: number;
  #to: number;
  #shared: CellShared;
  #slot: number;
  #side: 0 | 1;
  #records: ResultRecord[] | undefined = undefined;
  #used: ResultRecord[] | undefined = undefined;
  #metrics: Partial<Record<MetricField, Aggregate>> | undefined = undefined;

  /** `n`: records used; `from`, `to`: its rows for rows.sortedIndexes(); moments at (slot, side). */
  constructor(
    n: number,
    rows: SideRows,
    from: number,
    to: number,
    shared: CellShared,
    slot: number,
    side: 0 | 1,
  ) {
    this.n = n;
    this.#usedCount = n;
    this.#rows = rows;
    this.#from = from;
    this.#to = to;
    this.#shared = shared;
    this.#slot = slot;
    this.#side = side;
    rows.sides.push(this);
  }

  /** Builds records and used, and after BATCH_AFTER sides those of every side of the comparison. */
  #build(): void {
    if (++this.#rows.built > BATCH_AFTER) {
      const sides = this.#rows.sides;
      this.#rows.sides = [];
      for (const side of sides)
        if (side.#records === undefined || side.#used === undefined) side.#buildOne();
      if (this.#records === undefined || this.#used === undefined) this.#buildOne();
    } else this.#buildOne();
  }

  #buildOne(): void {
    const rows = this.#rows;
    const idx = rows.sortedIndexes(this.#from, this.#to);
    const k = rows.count;
    const all = rows.records;
    const records = new Array<ResultRecord>(k);
    for (let j = 0; j < k; j++) records[j] = all[idx[j]!]!;
    // `used` shares `records` when nothing is left out (the common case: as many used as records).
    let used = records;
    if (this.#usedCount < k) {
      used = [];
      for (let j = 0; j < k; j++) if (rows.isUsed(idx[j]!)) used.push(records[j]!);
    }
    this.#records ??= records;
    this.#used ??= used;
  }

  /** All records of this side of the cell, sorted by origin (restated and flagged ones too). */
  get records(): ResultRecord[] {
    if (this.#records === undefined) this.#build();
    return this.#records!;
  }
  set records(v: ResultRecord[]) {
    this.#records = v;
  }

  /** The records used in the statistics, sorted by origin. */
  get used(): ResultRecord[] {
    if (this.#used === undefined) this.#build();
    return this.#used!;
  }
  set used(v: ResultRecord[]) {
    this.#used = v;
  }

  get metrics(): Partial<Record<MetricField, Aggregate>> {
    this.#metrics ??= aggregatesOf(this.used);
    return this.#metrics;
  }
  set metrics(v: Partial<Record<MetricField, Aggregate>>) {
    this.#metrics = v;
  }

  /**
   * Whether any record of the comparison has a p99.9 or a maximum (looked at once per
   * comparison). Without one no side has a tail, and a tail verdict need not build `used`, which
   * sorts the side's records: the policy asks for every cell (12 ms of 25 for the 100k bench).
   */
  hasTailValues(): boolean {
    const rows = this.#rows;
    rows.anyTail ??= rows.records.some((r) => r.lat_p999_us != null || r.lat_max_us != null);
    return rows.anyTail;
  }

  /** median() of DELTA_METRICS[dm]. */
  medianAt(dm: number): number | undefined {
    if (this.#metrics !== undefined) return this.#metrics[DELTA_METRICS[dm]!]?.median;
    decidedAt(this.#shared, this.#slot, dm); // computes the moments if needed (no FDR needed)
    const off = momentsOffset(this.#slot, this.#side, dm);
    const moments = this.#shared.delta.moments;
    return moments[off] === 0 ? undefined : moments[off + 1];
  }

  /** Median of a metric without building its Aggregate (undefined when the side has no value). */
  median(metric: MetricField): number | undefined {
    const dm = DELTA_INDEX.get(metric);
    if (dm === undefined || this.#metrics !== undefined) return this.metrics[metric]?.median;
    return this.medianAt(dm);
  }

  toJSON(): Side {
    return { n: this.n, records: this.records, used: this.used, metrics: this.metrics };
  }
}

/** A side that reads a metric's median without building its Aggregates (LazySide, a server cell's). */
interface MedianReader {
  median(metric: MetricField): number | undefined;
}

/** `side.metrics[metric]?.median`, without building Aggregates for sides that make them lazily. */
export function sideMedian(side: Side, metric: MetricField): number | undefined {
  const reader = side as Side & Partial<MedianReader>;
  return typeof reader.median === 'function' ? reader.median(metric) : side.metrics[metric]?.median;
}
