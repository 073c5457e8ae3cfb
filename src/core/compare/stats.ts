/**
 * Descriptive statistics of repeats and Welch's unequal-variance t-test. The t distribution's CDF
 * comes from student-t.ts (incomplete beta, checked against SciPy); its quantile is found by bisection
 * on that CDF, which is exact enough for confidence intervals (1e-10 in t).
 */
import { studentTCdf as tcdf } from './student-t';
import type { Aggregate } from './compare.types';

/** n, median, mean, min, max, sample sd and cv of `values` (need not be sorted; not mutated). */
export function aggregate(values: readonly number[]): Aggregate | null {
  return values.length === 0 ? null : aggregateInPlace([...values]);
}

/** aggregate() of an array the caller owns: sorted in place and kept as `values` (no copy). */
export function aggregateInPlace(sorted: number[]): Aggregate | null {
  const n = sorted.length;
  if (n === 0) return null;
  sortNumbers(sorted);
  const moments = new Float64Array(4);
  momentsOf(sorted, n, moments, 0);
  const median = moments[1]!;
  const mean = moments[2]!;
  const sdv = moments[3]!;
  const sd = Number.isNaN(sdv) ? null : sdv;
  const cv = sd === null ? null : mean !== 0 ? sd / mean : null;
  return { n, median, mean, min: sorted[0]!, max: sorted[n - 1]!, sd, cv, values: sorted };
}

/**
 * The moments of the `n` values of `sorted` from index `from` (ascending) at out[off..off+3]: n, median, mean
 * and the sample sd (NaN when n < 2). The one place these are computed, so the numbers compare()
 * keeps in its typed arrays are exactly those of the Aggregate objects.
 */
export function momentsOf(
  sorted: ArrayLike<number>,
  n: number,
  out: Float64Array,
  off: number,
  from = 0,
): void {
  const mid = from + (n >> 1);
  const median = n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  let sum = 0;
  for (let i = from; i < from + n; i++) sum += sorted[i]!;
  const mean = sum / n;
  let sd = NaN;
  if (n >= 2) {
    let ss = 0;
    for (let i = from; i < from + n; i++) ss += (sorted[i]! - mean) * (sorted[i]! - mean);
    sd = Math.sqrt(ss / (n - 1));
  }
  out[off] = n;
  out[off + 1] = median;
  out[off + 2] = mean;
  out[off + 3] = sd;
}

/**
 * Ascending sort in place of the `n` values from index `from`, the same order as `sort((a, b) => a - b)`
 * (stable; NaN-free input): insertion sort for the handful of repeats of a cell, the built-in
 * sort beyond.
 */
export function sortNumbers(a: number[] | Float64Array, n = a.length, from = 0): void {
  // (number[]: always the whole array.)
  if (n > 24) {
    // Same order as (x, y) => x − y for finite numbers, without boxing a double per comparison.
    const cmp = (x: number, y: number) => (x < y ? -1 : x > y ? 1 : 0);
    if (Array.isArray(a)) a.sort(cmp);
    else a.subarray(from, from + n).sort(cmp);
    return;
  }
  for (let i = from + 1; i < from + n; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= from && a[j]! - x > 0) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
}

/**
 * Median of a[0..n) without sorting it all (Hoare's selection, expected O(n)); reorders the
 * values. Same value as sorting and averaging the middle pair, for values without NaN.
 */
export function medianSelect(a: Float64Array, n: number): number {
  const mid = n >> 1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    // Median of three as the pivot keeps sorted and reversed input linear.
    const m = (lo + hi) >> 1;
    const x = a[lo]!;
    const y = a[m]!;
    const z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (mid <= j) hi = j;
    else if (mid >= i) lo = i;
    else break;
  }
  const upper = a[mid]!;
  if (n % 2 === 1) return upper;
  // Even n: the lower middle is the largest value left of mid.
  let lower = a[0]!;
  for (let k = 1; k < mid; k++) if (a[k]! > lower) lower = a[k]!;
  return (lower + upper) / 2;
}

export interface WelchResult {
  /** t statistic of (b − a). */
  t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  /** Two-sided p-value. */
  p: number;
  /** Mean difference b − a and its standard error. */
  diff: number;
  se: number;
}

/**
 * Welch's t-test of mean(b) − mean(a) for two samples of ≥ 2 values each (null otherwise).
 * Degenerate case: both samples constant → p = 0 if the means differ, 1 if equal (se = 0).
 */
export function welch(a: Aggregate, b: Aggregate): WelchResult | null {
  const w = welchStatistic(a, b);
  return w ? { t: w.t, df: w.df, p: welchP(w), diff: w.diff, se: w.se } : null;
}

export type WelchStatistic = Omit<WelchResult, 'p'>;

/** welch() without the p-value (the t CDF is the expensive part): t, df, diff and se. */
export function welchStatistic(a: Aggregate, b: Aggregate): WelchStatistic | null {
  const w = emptyWelch();
  return welchMoments(a.n, a.mean, a.sd ?? NaN, b.n, b.mean, b.sd ?? NaN, w) ? w : null;
}

/** A WelchStatistic for welchMoments() to fill (callers that test often reuse one). */
export function emptyWelch(): WelchStatistic {
  return { t: 0, df: 0, diff: 0, se: 0 };
}

/**
 * Welch's statistic of b − a from the moments of both samples (sd NaN = undefined) into `out`;
 * false when a sample has fewer than 2 values. Degenerate case se = 0: t = ±∞ or 0 and
 * df = na + nb − 2 (welchP gives p = 0 or 1).
 */
export function welchMoments(
  na: number,
  meanA: number,
  sdA: number,
  nb: number,
  meanB: number,
  sdB: number,
  out: WelchStatistic,
): boolean {
  if (na < 2 || nb < 2 || Number.isNaN(sdA) || Number.isNaN(sdB)) return false;
  const va = (sdA * sdA) / na;
  const vb = (sdB * sdB) / nb;
  const se = Math.sqrt(va + vb);
  const diff = meanB - meanA;
  out.diff = diff;
  out.se = se;
  if (se === 0) {
    out.t = diff === 0 ? 0 : Math.sign(diff) * Infinity;
    out.df = na + nb - 2;
    return true;
  }
  out.t = diff / se;
  out.df = (va + vb) ** 2 / ((va * va) / (na - 1) + (vb * vb) / (nb - 1));
  return true;
}

/** Two-sided p-value of a welchStatistic() result (exactly welch()'s `p`). */
export function welchP(w: WelchStatistic): number {
  if (w.se === 0) return w.diff === 0 ? 1 : 0;
  return Math.min(1, 2 * tcdf(-Math.abs(w.t), w.df));
}

/**
 * Critical values t_q(df) on a grid of df (1/4 steps below 32, then whole numbers up to 1000),
 * computed on first use. Verdicts only need "p < α", and t_q(df) decreases with df, so the two
 * grid points around df bracket t_q(df) and settle almost every comparison without the CDF (the
 * CDF costs ~2 µs; 100k records need ~44k of them).
 */
const CRIT_FINE_DF = 32;
const CRIT_STEPS = 4;
const CRIT_MAX_DF = 1000;
const CRIT_SIZE = CRIT_FINE_DF * CRIT_STEPS + (CRIT_MAX_DF - CRIT_FINE_DF) + 1;
/** Relative safety margin around the bracket: far above tQuantile's error (~1e-9 in t). */
const CRIT_MARGIN = 1e-6;

class CriticalTable {
  readonly values = new Float64Array(CRIT_SIZE).fill(NaN);
  constructor(private readonly q: number) {}
  /** Grid index of df (floor) and its df. */
  static index(df: number): number {
    return df < CRIT_FINE_DF
      ? Math.floor(df * CRIT_STEPS)
      : CRIT_FINE_DF * CRIT_STEPS + Math.floor(df) - CRIT_FINE_DF;
  }
  static dfAt(i: number): number {
    return i <= CRIT_FINE_DF * CRIT_STEPS
      ? i / CRIT_STEPS
      : i - CRIT_FINE_DF * CRIT_STEPS + CRIT_FINE_DF;
  }
  /** Computes grid points i and i + 1 when missing. */
  fill(i: number): void {
    for (const j of [i, i + 1])
      if (Number.isNaN(this.values[j])) this.values[j] = tQuantile(this.q, CriticalTable.dfAt(j));
  }
}
const CRITICAL = new Map<number, CriticalTable>();
const T975 = new CriticalTable(0.975);
const T95 = new CriticalTable(0.95);

/**
 * Whether x clearly exceeds (true) or clearly falls short of (false) the upper `tail` critical
 * value of t with `df` degrees of freedom, i.e. whether tcdf(−x, df) < tail; null when x is too
 * close to call without the CDF (or df is outside the table). Never wrong when not null.
 */
export function beyondCritical(x: number, df: number, tail: number): boolean | null {
  if (!(df >= 1 && df < CRIT_MAX_DF) || Number.isNaN(x)) return null;
  let table = tail === 0.025 ? T975 : tail === 0.05 ? T95 : CRITICAL.get(tail);
  if (!table) CRITICAL.set(tail, (table = new CriticalTable(1 - tail)));
  const i = CriticalTable.index(df);
  const v = table.values;
  if (Number.isNaN(v[i]) || Number.isNaN(v[i + 1])) table.fill(i); // on first use
  if (x > v[i]! * (1 + CRIT_MARGIN)) return true; // t_q(df) ≤ t_q(grid below df)
  if (x < v[i + 1]! * (1 - CRIT_MARGIN)) return false; // t_q(df) ≥ t_q(grid above df)
  return null;
}

/**
 * Quantile of Student's t with `df` degrees of freedom (0 < q < 1): Cornish–Fisher start, then
 * secant steps on the CDF (3–5 CDF calls instead of ~40 for bisection; verdicts of 50k
 * cells need this), bisection as a fallback. Accurate to ~1e-9.
 */
export function tQuantile(q: number, df: number): number {
  if (!(q > 0 && q < 1) || !(df > 0)) return NaN;
  if (q === 0.5) return 0;
  if (q < 0.5) return -tQuantile(1 - q, df);
  const z = normalQuantile(q);
  const z2 = z * z;
  let x0 = z + (z * (z2 + 1)) / (4 * df) + (z * (5 * z2 * z2 + 16 * z2 + 3)) / (96 * df * df);
  if (!Number.isFinite(x0) || x0 <= 0) x0 = z;
  let x1 = x0 * 1.05;
  let f0 = tcdf(x0, df) - q;
  let f1 = tcdf(x1, df) - q;
  for (let i = 0; i < 30; i++) {
    if (Math.abs(f1) < 1e-13 || f1 === f0) break;
    const x2 = x1 - (f1 * (x1 - x0)) / (f1 - f0);
    if (!Number.isFinite(x2) || x2 <= 0) return bisectQuantile(q, df);
    x0 = x1;
    f0 = f1;
    x1 = x2;
    f1 = tcdf(x1, df) - q;
  }
  return Math.abs(f1) < 1e-9 ? x1 : bisectQuantile(q, df);
}

function bisectQuantile(q: number, df: number): number {
  let lo = 0;
  let hi = 1;
  while (tcdf(hi, df) < q && hi < 1e12) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-10; i++) {
    const mid = (lo + hi) / 2;
    if (tcdf(mid, df) < q) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972,
    -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const pl = 0.02425;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - pl) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/** Two-sided `level` (e.g. 0.90) confidence interval of mean(b) − mean(a) from a Welch result. */
export function welchInterval(w: WelchResult, level: number): [number, number] {
  if (w.se === 0) return [w.diff, w.diff];
  const q = tQuantile(1 - (1 - level) / 2, w.df);
  return [w.diff - q * w.se, w.diff + q * w.se];
}

/**
 * TOST equivalence p-value of a Welch result for the margin ±`margin` (same unit as the means):
 * max of the two one-sided p-values. < α ⇔ the (1 − 2α) Welch CI lies inside ±margin.
 */
export function tostP(w: WelchStatistic, margin: number): number {
  if (w.se === 0) return Math.abs(w.diff) < margin ? 0 : 1;
  const lower = tcdf(-(w.diff + margin) / w.se, w.df); // H0: diff ≤ −margin
  const upper = tcdf(-(margin - w.diff) / w.se, w.df); // H0: diff ≥ +margin
  return Math.max(lower, upper);
}

/** Geometric mean of positive ratios (null when none); non-positive or non-finite ones are skipped. */
export function geometricMean(ratios: readonly number[]): number | null {
  let sum = 0;
  let n = 0;
  for (const r of ratios) {
    if (r > 0 && Number.isFinite(r)) {
      sum += Math.log(r);
      n++;
    }
  }
  return n === 0 ? null : Math.exp(sum / n);
}

/** Median of numbers (null when empty). */
export function median(values: readonly number[]): number | null {
  return aggregate(values)?.median ?? null;
}
