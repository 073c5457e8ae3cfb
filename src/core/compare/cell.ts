/**
 * The objects compare() returns for a comparison cell and its two sides, with the parts few
 * readers need computed on first read: a side's Aggregate objects (`metrics`), a cell's `notes`
 * (and, in verdict.ts, a delta's p-values and sentence). 100k records make ~11k cells; building
 * every Aggregate, p-value and sentence up front cost ~5× the rest of compare() (allocation and
 * garbage collection of ~75 MB, and ~44k t-CDF calls).
 *
 * What stays eager: everything a verdict, a pivot, a summary or the policy reads in bulk — n,
 * records, used, the deltas (pct, verdict, singleRun), flags, key, cell. The medians and moments
 * of the delta metrics live in one Float64Array per comparison (see MOMENTS), which pivot() and
 * cellRatio() read through sideMedian() without building Aggregates.
 *
 * Object model (the shapes of compare.types.ts, read by name as before): lazy fields are
 * prototype accessors (readable and writable), so JSON.stringify — through toJSON — gives every
 * field in declaration order, while object spread, Object.keys and structuredClone see only the
 * own (eager) fields.
 */
import type { MetricField, QualityFlag, ResultRecord } from '../model/record.types';
import type {
  Aggregate,
  CellComparison,
  ComparisonSpec,
  MetricDelta,
  Side,
  Verdict,
} from './compare.types';
import { VERDICTS } from './compare.types';
import { aggregateInPlace } from './stats';
import { asPercent } from '../model/units';
import { DELTA_METRICS, SINGLE_RUN, deltaOfDecision, pctOfMoments } from './verdict';
import type { DeltaContext } from './verdict';

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
const DELTA_INDEX: ReadonlyMap<MetricField, number> = new Map(DELTA_METRICS.map((m, i) => [m, i]));

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

  /** median() of DELTA_METRICS[dm]. */
  medianAt(dm: number): number | undefined {
    if (this.#metrics !== undefined) return this.#metrics[DELTA_METRICS[dm]!]?.median;
    decisionAt(this.#shared, this.#slot, dm); // computes the moments if needed
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

/** `side.metrics[metric]?.median`, without building Aggregates for compare()'s sides. */
export function sideMedian(side: Side, metric: MetricField): number | undefined {
  return side instanceof LazySide ? side.median(metric) : side.metrics[metric]?.median;
}

/**
 * The dictionary codes of one comparison's cells (shared by its Cell objects): pivot() groups
 * cells by integer codes instead of reading `cell[dim]` strings.
 */
export interface CellCodes {
  dims: readonly string[];
  /** Values of every dimension; codes index them. */
  dicts: readonly (readonly string[])[];
  /** codes[row × dims.length + d] (a cell's row: Cell.rowOf). */
  codes: Int32Array;
}

/** What a side contributes to its cell's notes. */
export interface SideNotes {
  excludedFlagged: number;
  /** Flags of the excluded records (sorted). */
  excludedFlags: QualityFlag[];
  restated: number;
  notMeasured: number;
}

/**
 * A CellComparison whose `notes` are written on first read (they quote the primary metric's
 * exact p-value, itself computed lazily). Own data properties: key, cell, baseline, candidate,
 * deltas, verdict, flags, excludedFlagged.
 */
/** What all cells of one comparison share. */
export interface CellShared {
  spec: ComparisonSpec;
  codes: CellCodes;
  /** Moments of the sides (momentsOffset layout) and the threshold, for the deltas. */
  delta: DeltaContext;
  /**
   * decideOfMoments() of every slot and delta metric: decisions[slot × 4 + dm], −1 = no delta,
   * NOT_DECIDED = moments and decision not computed yet (see ensure).
   */
  decisions: Int8Array;
  /**
   * Computes the moments (both sides) and the decisions of the NOT_DECIDED delta metrics of
   * `slot`: compare() decides the metrics up to the cell's primary one; the others when read.
   */
  ensure(slot: number): void;
  /** How many cells ensure() completed one by one (see decisionAt). */
  ensured: number;
  /** ensure() of every slot with a NOT_DECIDED metric, in the order its records are stored. */
  ensureAll(): void;
}

/** A decision not computed yet (CellShared.decisions). */
export const NOT_DECIDED = -2;

/**
 * The decision of delta metric `dm` of `slot`, computed first if needed. After a few dozen
 * cells were completed one by one, a reader is taken to read them all (a policy over every
 * cell, an export): the rest are then completed in one pass in slot order (sequential reads).
 */
function decisionAt(shared: CellShared, slot: number, dm: number): number {
  const at = slot * DELTA_METRICS.length + dm;
  if (shared.decisions[at] === NOT_DECIDED) {
    if (++shared.ensured > BATCH_AFTER) shared.ensureAll();
    else shared.ensure(slot);
  }
  return shared.decisions[at]!;
}

/** Lazy parts built one by one before the rest are built in a batch. */
const BATCH_AFTER = 64;

/**
 * A CellComparison whose `deltas` (MetricDelta objects) and `notes` are built on first read: the
 * verdicts are decided up front (decisions in CellShared; `verdict` is a field), and pivot(),
 * cellRatio() and summaries read decisions and medians without building the objects. Own data
 * properties: key, cell, baseline, candidate, verdict, flags, excludedFlagged.
 */
export class Cell implements CellComparison {
  key: string;
  cell: Record<string, string>;
  baseline: Side;
  candidate: Side;
  verdict: Verdict;
  flags: QualityFlag[];
  excludedFlagged: number;
  #shared: CellShared;
  /** Notes of the baseline and candidate sides; null when neither has any (the common case). */
  #sideNotes: [SideNotes | null, SideNotes | null] | null;
  /** n of both sides as built (the notes state them). */
  #nB: number;
  #nC: number;
  #slot: number;
  /** Row of the cell's codes in shared.codes. */
  #row: number;
  #deltas: Partial<Record<MetricField, MetricDelta>> | undefined = undefined;
  #notes: string[] | undefined = undefined;

  constructor(
    key: string,
    cell: Record<string, string>,
    baseline: Side,
    candidate: Side,
    verdict: Verdict,
    flags: QualityFlag[],
    sideNotes: [SideNotes | null, SideNotes | null] | null,
    shared: CellShared,
    slot: number,
    row: number,
  ) {
    this.key = key;
    this.cell = cell;
    this.baseline = baseline;
    this.candidate = candidate;
    this.verdict = verdict;
    this.flags = flags;
    this.excludedFlagged = sideNotes
      ? (sideNotes[0]?.excludedFlagged ?? 0) + (sideNotes[1]?.excludedFlagged ?? 0)
      : 0;
    this.#shared = shared;
    this.#sideNotes = sideNotes;
    this.#nB = baseline.n;
    this.#nC = candidate.n;
    this.#slot = slot;
    this.#row = row;
  }

  /** The codes of a cell compare() built (null for any other CellComparison). */
  static codesOf(c: CellComparison): CellCodes | null {
    return c instanceof Cell ? c.#shared.codes : null;
  }

  /** The row of a cell in its codes (-1 for any other CellComparison). */
  static rowOf(c: CellComparison): number {
    return c instanceof Cell ? c.#row : -1;
  }

  /**
   * Verdict, pct and singleRun of DELTA_METRICS[dm] without building the MetricDelta (from the
   * deltas object once it exists, which a reader may have changed), written into `into` (the
   * caller's reading, so bulk readers allocate none); undefined when the cell has no such delta.
   * Use deltaOf() unless you hold a Cell.
   */
  static deltaAt(c: Cell, dm: number, into: DeltaReading): DeltaReading | undefined {
    if (c.#deltas !== undefined) return c.#deltas[DELTA_METRICS[dm]!];
    const decided = decisionAt(c.#shared, c.#slot, dm);
    if (decided < 0) return undefined;
    into.verdict = VERDICTS[decided & 3]!;
    into.pct = asPercent(pctOfMoments(c.#shared.delta.moments, momentsOffset(c.#slot, 0, dm)));
    into.singleRun = (decided & SINGLE_RUN) !== 0;
    return into;
  }

  /** Deltas per metric (iops, lat_mean_us, lat_p99_us, bw_kib_s when measured on both sides). */
  get deltas(): Partial<Record<MetricField, MetricDelta>> {
    if (this.#deltas === undefined) {
      const deltas: Partial<Record<MetricField, MetricDelta>> = {};
      for (let dm = 0; dm < DELTA_METRICS.length; dm++) {
        const decided = decisionAt(this.#shared, this.#slot, dm);
        if (decided >= 0)
          deltas[DELTA_METRICS[dm]!] = deltaOfDecision(
            DELTA_METRICS[dm]!,
            this.#shared.delta,
            momentsOffset(this.#slot, 0, dm),
            decided,
          );
      }
      this.#deltas = deltas;
    }
    return this.#deltas;
  }
  set deltas(v: Partial<Record<MetricField, MetricDelta>>) {
    this.#deltas = v;
  }

  /** Reasons, in English, of why the verdict is what it is. */
  get notes(): string[] {
    if (this.#notes === undefined) {
      // The primary delta as built (not the deltas object, which a reader may have replaced).
      let primary: MetricDelta | null = null;
      for (let dm = 0; dm < DELTA_METRICS.length && !primary; dm++) {
        const decided = decisionAt(this.#shared, this.#slot, dm);
        if (decided >= 0)
          primary = deltaOfDecision(
            DELTA_METRICS[dm]!,
            this.#shared.delta,
            momentsOffset(this.#slot, 0, dm),
            decided,
          );
      }
      this.#notes = cellNotes(
        this.#nB,
        this.#nC,
        this.#sideNotes?.[0] ?? null,
        this.#sideNotes?.[1] ?? null,
        primary,
        this.#shared.spec,
      );
    }
    return this.#notes;
  }
  set notes(v: string[]) {
    this.#notes = v;
  }

  toJSON(): CellComparison {
    return {
      key: this.key,
      cell: this.cell,
      baseline: this.baseline,
      candidate: this.candidate,
      deltas: this.deltas,
      verdict: this.verdict,
      flags: this.flags,
      excludedFlagged: this.excludedFlagged,
      notes: this.notes,
    };
  }
}

/** What deltaOf() reads of a MetricDelta. */
export type DeltaReading = Pick<MetricDelta, 'verdict' | 'pct' | 'singleRun'>;

/** A reading for deltaOf() to fill: one per loop, owned by its caller (no shared scratch). */
export function newDeltaReading(): DeltaReading {
  return { verdict: 'inconclusive', pct: asPercent(0), singleRun: false };
}

/**
 * `c.deltas[metric]` as far as verdict, pct and singleRun go, without building the MetricDelta
 * objects of compare()'s cells (bulk readers: pivots, summaries, the policy over every cell).
 * For a compare() cell the result is `into` (a new reading when not given): a loop passes one
 * reading of its own and reads it before the next call.
 */
export function deltaOf(
  c: CellComparison,
  metric: MetricField,
  into?: DeltaReading,
): DeltaReading | undefined {
  const dm = DELTA_INDEX.get(metric);
  return dm !== undefined && c instanceof Cell
    ? Cell.deltaAt(c, dm, into ?? newDeltaReading())
    : c.deltas[metric];
}

const NO_NOTES: SideNotes = { excludedFlagged: 0, excludedFlags: [], restated: 0, notMeasured: 0 };

/**
 * The notes of a cell: what each side left out and why, then how the primary delta was decided.
 * `nB`, `nC`: repeats used; `primary`: the first delta in DELTA_METRICS order, null when none.
 */
export function cellNotes(
  nB: number,
  nC: number,
  bIn: SideNotes | null,
  cIn: SideNotes | null,
  primary: MetricDelta | null,
  spec: ComparisonSpec,
): string[] {
  const notes: string[] = [];
  for (const [name, n, s] of [
    ['baseline', nB, bIn ?? NO_NOTES],
    ['candidate', nC, cIn ?? NO_NOTES],
  ] as const) {
    const label = `${name} (${name === 'baseline' ? spec.baseline : spec.candidate})`;
    if (s.excludedFlagged > 0)
      notes.push(
        `${label}: ${s.excludedFlagged} flagged record${s.excludedFlagged > 1 ? 's' : ''} excluded (${s.excludedFlags.join(', ')})`,
      );
    if (s.restated > 0)
      notes.push(
        `${label}: ${s.restated} restated row${s.restated > 1 ? 's' : ''} not counted as repeats`,
      );
    if (n === 0) {
      const why =
        s.excludedFlagged > 0
          ? 'every measured record is flagged'
          : s.notMeasured > 0
            ? 'no measured run (incomplete or failed)'
            : 'no usable run';
      notes.push(`${label}: empty after exclusion — ${why}`);
    }
  }
  if (primary) {
    const d = primary;
    if (d.singleRun) notes.push(`single run: decided on the ${spec.thresholdPct}% threshold alone`);
    else if (d.pValue !== null)
      notes.push(
        `Welch's t-test on ${nB} vs ${nC} runs, p=${d.pValue < 0.001 ? '<0.001' : d.pValue.toFixed(3)}`,
      );
  } else if (nB > 0 && nC > 0) notes.push('no metric measured on both sides');
  if (!primary) notes.push('verdict inconclusive: nothing to compare');
  return notes;
}
