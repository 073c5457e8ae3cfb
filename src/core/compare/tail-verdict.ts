/**
 * Tail-regression verdict of a comparison cell (issue 15.3): the candidate's primary metric (mean
 * IOPS, else mean latency — the cell's verdict metric) improves or holds, yet its tail — p99.9
 * (`lat_p999_us`) or the maximum (`lat_max_us`) — worsens beyond the practical threshold. That is
 * how a stall looks: `native` on a sparse or fallocated image blocks in io_submit while the
 * filesystem allocates, which the mean hides and the tail shows.
 *
 * Rules (reference: referenceTailVerdicts(), tested against tailVerdicts() in tail-verdict.test.ts):
 * - Per side, a tail metric is the MEDIAN of its repeats (the records the verdicts use; missing
 *   and non-finite values skipped), as every other metric of a side (reference.ts).
 * - "Holds or improves": the primary pct is better, or worse by less than the threshold T (a
 *   mean that merely holds while p99.9 triples is the same hidden stall).
 * - The tail worsens: candidate / baseline median ≥ 1 + T/100 for p99.9 or max (baseline > 0).
 *   No t-test: a run gives one p99.9 and one maximum, and the maximum is a single I/O, so the
 *   ratio of medians is reported as measured, with the runs behind it (`singleRun` when a side
 *   has one). A ratio ≥ STALL_RATIO (×2) is called a stall.
 * - The worse of the two (larger ratio; p99.9 on a tie) is the one the sentence names.
 */
import type { MetricField, ResultRecord } from '../model/record.types';
import { LOWER_IS_BETTER } from '../model/record.types';
import type { CellComparison, Comparison, TailSide } from './compare.types';
import { deltaOf } from './cell';
import { LazySide } from './cell.side';
import { medianSelect } from './stats';
import { DELTA_METRICS, formatPct } from './verdict';

export const TAIL_METRICS = ['lat_p999_us', 'lat_max_us'] as const;
export type TailMetric = (typeof TAIL_METRICS)[number];

/** A tail ratio from which the regression is called a stall. */
export const STALL_RATIO = 2;

export type { TailSide } from './compare.types';

export interface TailVerdict {
  /** The cell's primary metric and its % change (candidate vs baseline medians). */
  primary: MetricField;
  primaryPct: number;
  /** The tail metric that worsened most, and candidate / baseline of its medians. */
  metric: TailMetric;
  ratio: number;
  /** Both ratios (null when a side lacks the metric or the baseline is ≤ 0). */
  ratios: Record<TailMetric, number | null>;
  baseline: TailSide;
  candidate: TailSide;
  /** ratio ≥ STALL_RATIO. */
  stall: boolean;
  /** A side has a single run with tail values. */
  singleRun: boolean;
  /** "mean IOPS +12.0%, but p99.9 ×3.1 — stalls". */
  text: string;
}

export const TAIL_LABELS: Record<TailMetric, string> = {
  lat_p999_us: 'p99.9',
  lat_max_us: 'max latency',
};

const PRIMARY_LABELS: Partial<Record<MetricField, string>> = {
  iops: 'mean IOPS',
  lat_mean_us: 'mean latency',
};

/** "×3.1" from STALL_RATIO up, else "+35.0%". */
export function formatRatio(ratio: number): string {
  return ratio >= STALL_RATIO ? `×${ratio.toFixed(1)}` : formatPct(100 * (ratio - 1));
}

/** The sentence of a tail verdict (English; the UI has its own i18n keys). */
export function tailText(
  primary: MetricField,
  pct: number,
  metric: TailMetric,
  ratio: number,
): string {
  const label = PRIMARY_LABELS[primary] ?? primary;
  const stall = ratio >= STALL_RATIO ? ' — stalls' : '';
  return `${label} ${formatPct(pct)}, but ${TAIL_LABELS[metric]} ${formatRatio(ratio)}${stall}`;
}

/**
 * The verdict from the primary metric's pct and the sides' tail medians (shared by both
 * implementations: the rule in one place once the numbers are known); null when not a tail
 * regression.
 */
export function decideTail(
  primary: MetricField,
  primaryPct: number,
  baseline: TailSide,
  candidate: TailSide,
  thresholdPct: number,
): TailVerdict | null {
  const worse = LOWER_IS_BETTER.has(primary) ? primaryPct : -primaryPct;
  if (!(worse < thresholdPct)) return null;
  const ratios: Record<TailMetric, number | null> = { lat_p999_us: null, lat_max_us: null };
  let metric: TailMetric | null = null;
  for (const m of TAIL_METRICS) {
    const b = baseline[m];
    const c = candidate[m];
    if (b === null || c === null || !(b > 0)) continue;
    ratios[m] = c / b;
    if (ratios[m] >= 1 + thresholdPct / 100 && (metric === null || ratios[m] > ratios[metric]!))
      metric = m;
  }
  if (metric === null) return null;
  const ratio = ratios[metric]!;
  return {
    primary,
    primaryPct,
    metric,
    ratio,
    ratios,
    baseline,
    candidate,
    stall: ratio >= STALL_RATIO,
    singleRun: baseline.n < 2 || candidate.n < 2,
    text: tailText(primary, primaryPct, metric, ratio),
  };
}

/** Median of the finite values of `get` over `used`, through `buf` (null when none). */
function sideMedian(
  used: readonly ResultRecord[],
  get: (r: ResultRecord) => number | null,
  buf: Float64Array,
): number | null {
  let n = 0;
  for (const r of used) {
    const v = get(r);
    if (v !== null && Number.isFinite(v)) buf[n++] = v;
  }
  return n === 0 ? null : medianSelect(buf, n);
}

function tailSide(used: readonly ResultRecord[], buf: Float64Array): TailSide {
  let n = 0;
  for (const r of used)
    if (Number.isFinite(r.lat_p999_us ?? NaN) || Number.isFinite(r.lat_max_us ?? NaN)) n++;
  return {
    n,
    lat_p999_us: sideMedian(used, (r) => r.lat_p999_us, buf),
    lat_max_us: sideMedian(used, (r) => r.lat_max_us, buf),
  };
}

/**
 * The tail verdict of every cell of a compare() result, aligned with `comparison.cells` (null:
 * no tail regression). Reads the primary delta without building it (deltaOf), skips a cell whose
 * primary metric already regressed, and reads the records of the others once.
 */
export function tailVerdicts(comparison: Comparison): (TailVerdict | null)[] {
  return tailVerdictsOf(comparison.cells, comparison.spec.thresholdPct);
}

/**
 * True when `cell` is known to have no tail value on either side without building its records:
 * compare()'s cells know whether any record of the comparison has one (most sets have none), and
 * a side that carries its tail medians (Side.tail) says so. False means "maybe".
 */
export function knownWithoutTail(cell: CellComparison): boolean {
  const { baseline, candidate } = cell;
  if (baseline.tail && candidate.tail) return baseline.tail.n + candidate.tail.n === 0;
  return baseline instanceof LazySide && !baseline.hasTailValues();
}

/**
 * tailVerdicts() of some cells of a comparison decided with `threshold` (e.g. a pivot cell's);
 * the sides' tail medians from Side.tail where given, else from their records.
 */
export function tailVerdictsOf(
  cells: readonly CellComparison[],
  threshold: number,
): (TailVerdict | null)[] {
  // Made when a cell first needs it: the policy asks one cell at a time, mostly without tails.
  let buf: Float64Array | null = null;
  return cells.map((c) => {
    if (knownWithoutTail(c)) return null;
    let primary: MetricField | null = null;
    let pct = 0;
    for (const m of DELTA_METRICS) {
      const d = deltaOf(c, m); // a reused object: read now
      if (d !== undefined) {
        primary = m;
        pct = d.pct;
        break;
      }
    }
    if (primary === null) return null;
    const worse = LOWER_IS_BETTER.has(primary) ? pct : -pct;
    if (!(worse < threshold)) return null;
    if (c.baseline.tail && c.candidate.tail)
      return decideTail(primary, pct, c.baseline.tail, c.candidate.tail, threshold);
    const size = Math.max(c.baseline.used.length, c.candidate.used.length);
    if (buf === null || buf.length < size) buf = new Float64Array(Math.max(16, size * 2));
    return decideTail(
      primary,
      pct,
      tailSide(c.baseline.used, buf),
      tailSide(c.candidate.used, buf),
      threshold,
    );
  });
}

/** The tail medians of both sides of a cell (for display, whatever the verdict). */
export function tailSides(cell: CellComparison): [TailSide, TailSide] {
  const { baseline, candidate } = cell;
  if (baseline.tail && candidate.tail) return [baseline.tail, candidate.tail];
  const buf = new Float64Array(Math.max(baseline.used.length, candidate.used.length, 1));
  return [tailSide(baseline.used, buf), tailSide(candidate.used, buf)];
}

/** Cells with a tail regression, with their verdicts, in cell order. */
export function tailRegressions(
  comparison: Comparison,
): { cell: CellComparison; tail: TailVerdict }[] {
  const verdicts = tailVerdicts(comparison);
  const out: { cell: CellComparison; tail: TailVerdict }[] = [];
  verdicts.forEach((tail, i) => {
    if (tail) out.push({ cell: comparison.cells[i]!, tail });
  });
  return out;
}
