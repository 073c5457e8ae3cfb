/**
 * Descriptive statistics of repeats and Welch's unequal-variance t-test. The t distribution's CDF
 * comes from @stdlib (a vetted incomplete-beta implementation); its quantile is found by bisection
 * on that CDF, which is exact enough for confidence intervals (1e-10 in t).
 */
import tcdf from '@stdlib/stats-base-dists-t-cdf';
import type { Aggregate } from './compare.types';

/** n, median, mean, min, max, sample sd and cv of `values` (need not be sorted; not mutated). */
export function aggregate(values: readonly number[]): Aggregate | null {
  const n = values.length;
  if (n === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = n >> 1;
  const median = n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  let sum = 0;
  for (const v of sorted) sum += v;
  const mean = sum / n;
  let sd: number | null = null;
  let cv: number | null = null;
  if (n >= 2) {
    let ss = 0;
    for (const v of sorted) ss += (v - mean) * (v - mean);
    sd = Math.sqrt(ss / (n - 1));
    cv = mean !== 0 ? sd / mean : null;
  }
  return { n, median, mean, min: sorted[0]!, max: sorted[n - 1]!, sd, cv, values: sorted };
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
  if (a.n < 2 || b.n < 2 || a.sd === null || b.sd === null) return null;
  const va = (a.sd * a.sd) / a.n;
  const vb = (b.sd * b.sd) / b.n;
  const se = Math.sqrt(va + vb);
  const diff = b.mean - a.mean;
  if (se === 0) return { t: diff === 0 ? 0 : Math.sign(diff) * Infinity, df: a.n + b.n - 2, p: diff === 0 ? 1 : 0, diff, se };
  const t = diff / se;
  const df = (va + vb) ** 2 / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  const p = Math.min(1, 2 * tcdf(-Math.abs(t), df));
  return { t, df, p, diff, se };
}

/** Quantile of Student's t with `df` degrees of freedom (0 < q < 1), by bisection on the CDF. */
export function tQuantile(q: number, df: number): number {
  if (!(q > 0 && q < 1) || !(df > 0)) return NaN;
  if (q === 0.5) return 0;
  if (q < 0.5) return -tQuantile(1 - q, df);
  let lo = 0;
  let hi = 1;
  while (tcdf(hi, df) < q) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-10; i++) {
    const mid = (lo + hi) / 2;
    if (tcdf(mid, df) < q) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Two-sided `level` (e.g. 0.90) confidence interval of mean(b) − mean(a) from a Welch result. */
export function welchInterval(w: WelchResult, level: number): [number, number] {
  if (w.se === 0) return [w.diff, w.diff];
  const q = tQuantile(1 - (1 - level) / 2, w.df);
  return [w.diff - q * w.se, w.diff + q * w.se];
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
