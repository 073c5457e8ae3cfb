/**
 * Contracts of the comparison engine (pure, no React). Implementations: pair.ts (and the
 * pair.*.ts files it lists), stats.ts, verdict.ts, pivot.ts, coverage.ts, summary.ts; what the
 * engine means, written plainly: reference.ts. The web app, the worker and the CLI use these
 * shapes; `aio-dash compare --format json` serializes CellComparison via toSpecJson().
 *
 * TRAP — read this before copying a result. compare() returns objects whose rarely read fields
 * are computed on first read (prototype getters, see cell.ts and verdict.ts):
 *   CellComparison: deltas, notes · Side: records, used, metrics ·
 *   MetricDelta: pValue, text, equivalenceP, baseline, candidate.
 * Reading them by name works (`cell.deltas.iops.pValue`), and JSON.stringify gives every field
 * (toJSON). But object spread (`{ ...cell }`), Object.keys/entries, structuredClone and
 * postMessage see only the own, eager fields: those copies silently LACK the lazy ones. To copy,
 * build the object by name or go through JSON (toSpecJson() for the public shape).
 */
import type {
  Dimension,
  DimensionValue,
  MetricField,
  QualityFlag,
  ResultRecord,
} from '../model/record.types';
import type { Percent } from '../model/units';
import type { ComparisonFdr } from './fdr.apply';

/** What is compared: along `axis`, `candidate` against `baseline`. */
export interface ComparisonSpec {
  /** Field compared, default 'aio'. Any environment field or extra dimension. */
  axis: Dimension;
  baseline: DimensionValue;
  candidate: DimensionValue;
  /** Pool result sets: `set` is dropped from the cell key. Default false. */
  poolSets: boolean;
  /** Practical threshold in percent (default 5): smaller deltas are `no-difference`. */
  thresholdPct: number;
  /** Exclude flagged records from verdicts (default true); the verdict says so. */
  excludeFlagged: boolean;
  /**
   * Compare host-layer records too (default false: `layer=host` records are bare-metal baselines
   * next to guest measurements and stay out of scope unless the axis is `layer`). Set when every
   * record is host-layer, e.g. an `aio-dash bench` set (QEMU's block layer measured on the host).
   */
  includeHostLayer?: boolean;
  /**
   * Extension: extra columns (`x:name`) that are dimensions. Default: detected by
   * extraDimensions() (non-numeric, non-free-text extras).
   */
  extraDimensions?: Dimension[];
}

export const DEFAULT_SPEC: ComparisonSpec = {
  axis: 'aio',
  baseline: 'threads',
  candidate: 'native',
  poolSets: false,
  thresholdPct: 5,
  excludeFlagged: true,
};

/** Repeats of one metric on one side of a cell. */
export interface Aggregate {
  n: number;
  median: number;
  mean: number;
  min: number;
  max: number;
  /** Sample standard deviation (n−1); null when n < 2. */
  sd: number | null;
  /** Coefficient of variation sd/mean; null when n < 2. */
  cv: number | null;
  values: number[];
}

/** Medians of a side's repeats of the tail metrics (null: no value); tail-verdict.ts. */
export interface TailSide {
  /** Repeats with at least one tail value. */
  n: number;
  lat_p999_us: number | null;
  lat_max_us: number | null;
}

export interface Side {
  /** Independent repeats used (restated and excluded records not counted). */
  n: number;
  /** All records of this side of the cell, including restated/flagged ones, for display. */
  records: ResultRecord[];
  /** Records used in the statistics. */
  used: ResultRecord[];
  metrics: Partial<Record<MetricField, Aggregate>>;
  /**
   * Extension: the tail medians of `used`, given by a side that carries no records (a cell
   * aggregated by the team server's database, aggregates.compare.ts); absent: read from `used`.
   */
  tail?: TailSide;
}

export const VERDICTS = ['improvement', 'regression', 'no-difference', 'inconclusive'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface MetricDelta {
  metric: MetricField;
  /** 100 × (candidate − baseline) / baseline on medians. For latency, negative = better. */
  pct: Percent;
  verdict: Verdict;
  /** Decided on the threshold alone because a side has a single run. */
  singleRun: boolean;
  /** Welch's t-test p-value when both sides have ≥ 2 runs. */
  pValue: number | null;
  lowerIsBetter: boolean;
  /** Human sentence, e.g. "latency −13.5% (lower is better: improvement)". */
  text: string;
  /** Extension: the medians the pct was computed from. */
  baseline?: number;
  candidate?: number;
  /**
   * Extension: TOST equivalence p-value for ±threshold (both sides ≥ 2 runs and |pct| < threshold;
   * no-difference when < 0.05), else null. welchInterval() gives the CI itself.
   */
  equivalenceP?: number | null;
}

export interface CellComparison {
  /** Stable key of the cell (dimension values joined), usable in URLs. */
  key: string;
  /** Every environment dimension except the axis (and `set` when pooled). */
  cell: Record<string, DimensionValue>;
  baseline: Side;
  candidate: Side;
  deltas: Partial<Record<MetricField, MetricDelta>>;
  /** Verdict of the primary metric (iops, else lat_mean_us, else bw). */
  verdict: Verdict;
  /** Flags on any record of the cell. */
  flags: QualityFlag[];
  /** Records left out of the statistics because they are flagged. */
  excludedFlagged: number;
  /** Reasons, in English, of why the verdict is what it is (e.g. "single run", "flagged excluded"). */
  notes: string[];
}

export interface UnpairedRecord {
  record: ResultRecord;
  side: 'baseline' | 'candidate';
  /** Fields that differ from the nearest cell of the other side: field → [this, nearest]. */
  nearestDiff: Record<string, [DimensionValue, DimensionValue]>;
  /** Extension: key of the nearest cell of the other side (null when the other side is empty). */
  nearestKey?: string | null;
}

export interface Comparison {
  spec: ComparisonSpec;
  cells: CellComparison[];
  unpaired: UnpairedRecord[];
  /** Records whose axis value is neither baseline nor candidate, or host-layer, etc. */
  outOfScope: number;
  /** records.length === paired + unpaired + outOfScope. */
  accounting: { records: number; paired: number; unpaired: number; outOfScope: number };
  /** Extension: the dimensions of `CellComparison.cell`, in key order. */
  dims?: Dimension[];
  /**
   * Extension (issue 15.4): the Benjamini–Hochberg control applied to the improvement/regression
   * words over this comparison's cells (fdr.apply.ts); absent on a comparison not yet adjusted.
   */
  fdr?: ComparisonFdr;
}

export type PivotValue = 'delta' | 'baseline' | 'candidate' | 'n' | 'verdict';

export interface PivotSpec {
  rows: Dimension[];
  cols: Dimension[];
  metric: MetricField;
  value: PivotValue;
}

export interface PivotCell {
  rowKey: string;
  colKey: string;
  /** Comparison cells that fall in this pivot cell. */
  cells: CellComparison[];
  /** For one comparison cell, its delta; for several, the geometric mean of ratios as a %. */
  deltaPct: number | null;
  baseline: number | null;
  candidate: number | null;
  n: number;
  verdict: Verdict | null;
  flagged: boolean;
  /** Extension: verdict counts of the comparison cells (verdict is null when they disagree). */
  verdicts?: Record<Verdict, number>;
  /** Extension: independent runs on each side, summed over the comparison cells (n = sum of both). */
  baselineN?: number;
  candidateN?: number;
}

export interface Pivot {
  rowDims: Dimension[];
  colDims: Dimension[];
  rowKeys: DimensionValue[][];
  colKeys: DimensionValue[][];
  /** cells[rowIndex][colIndex], null when empty. */
  cells: (PivotCell | null)[][];
}

export interface GroupSummary {
  group: Record<string, DimensionValue>;
  cells: number;
  /** Geometric mean of candidate/baseline ratios, as a % change. */
  geoMeanPct: number | null;
  byVerdict: Record<Verdict, number>;
  best: CellComparison | null;
  worst: CellComparison | null;
  /** Extension: metric summarized, its direction, and a sentence that states the sign convention. */
  metric?: MetricField;
  lowerIsBetter?: boolean;
  text?: string;
}

export interface CoverageGap {
  cell: Record<string, DimensionValue>;
  missing: 'baseline' | 'candidate' | 'both';
  fioCommand: string;
  libvirtDriver: string;
  /** Extension: what to run per missing side (fioCommand/libvirtDriver join their distinct lines). */
  sides?: Array<{
    side: 'baseline' | 'candidate';
    value: DimensionValue;
    fioCommand: string;
    libvirtDriver: string;
  }>;
}
