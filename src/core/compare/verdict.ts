/**
 * Verdict of one metric of one cell.
 *
 * - pct = 100 × (candidate − baseline) / baseline on the medians of the repeats. For latency a
 *   negative pct is better; `text` always says which way is better.
 * - Both sides ≥ 2 runs: Welch's t-test (α = 0.05) on the runs together with the practical
 *   threshold T (default 5 %):
 *     |pct| ≥ T and p < α                         → improvement / regression
 *     |pct| ≥ T and p ≥ α                         → inconclusive (could be noise)
 *     |pct| < T and both one-sided Welch tests put
 *       the mean difference within ±T % of the
 *       baseline mean (TOST, α = 0.05; the same as
 *       the 90 % CI lying inside ±T %)            → no-difference
 *     |pct| < T otherwise                         → inconclusive (too noisy to call it equal)
 * - A side with a single run: the threshold alone decides, and `singleRun` is true.
 */
import type { Aggregate, MetricDelta, Verdict } from './compare.types';
import type { MetricField } from '../model/record.types';
import { LOWER_IS_BETTER } from '../model/record.types';
import { asPercent } from '../model/units';
import { tostP, welch } from './stats';

export const ALPHA = 0.05;

export const METRIC_LABELS: Record<MetricField, string> = {
  iops: 'IOPS',
  iops_total: 'total IOPS',
  lat_mean_us: 'latency',
  lat_p99_us: 'p99 latency',
  bw_kib_s: 'bandwidth',
};

/** Metrics that get a delta and a verdict, in order of preference for the cell's verdict. */
export const DELTA_METRICS: readonly MetricField[] = ['iops', 'lat_mean_us', 'lat_p99_us', 'bw_kib_s'];

/** "+15.6%" / "−13.5%" (Unicode minus, one decimal). */
export function formatPct(pct: number): string {
  if (!Number.isFinite(pct)) return pct > 0 ? '+∞%' : pct < 0 ? '−∞%' : 'n/a';
  const r = Math.round(pct * 10) / 10;
  if (r === 0) return '0.0%';
  return (r > 0 ? '+' : '−') + Math.abs(r).toFixed(1) + '%';
}

/** Decides the verdict of `metric` from the repeats of both sides; null when either side is empty or the baseline median is ≤ 0. */
export function metricDelta(
  metric: MetricField,
  base: Aggregate | undefined,
  cand: Aggregate | undefined,
  thresholdPct: number,
): MetricDelta | null {
  if (!base || !cand || !(base.median > 0)) return null;
  const lowerIsBetter = LOWER_IS_BETTER.has(metric);
  const pct = (100 * (cand.median - base.median)) / base.median;
  const better = lowerIsBetter ? pct < 0 : pct > 0;
  const direction: Verdict = better ? 'improvement' : 'regression';
  const big = Math.abs(pct) >= thresholdPct;
  const singleRun = base.n < 2 || cand.n < 2;
  let verdict: Verdict;
  let pValue: number | null = null;
  let equivalenceP: number | null = null;
  if (singleRun) {
    verdict = big ? direction : 'no-difference';
  } else {
    const w = welch(base, cand);
    if (!w) {
      verdict = 'inconclusive';
    } else {
      pValue = w.p;
      if (big) verdict = w.p < ALPHA ? direction : 'inconclusive';
      else {
        // TOST with two CDF calls instead of a t quantile (a quantile costs 5–7 calls; 50k cells).
        equivalenceP = tostP(w, (thresholdPct / 100) * base.mean);
        verdict = equivalenceP < ALPHA ? 'no-difference' : 'inconclusive';
      }
    }
  }
  return {
    metric,
    pct: asPercent(pct),
    verdict,
    singleRun,
    pValue,
    lowerIsBetter,
    text: deltaText(metric, pct, verdict, { singleRun, pValue, thresholdPct }),
    baseline: base.median,
    candidate: cand.median,
    equivalenceP,
  };
}

/**
 * The sentence shown next to every delta, e.g.
 * "latency −13.5% (lower is better) → improvement, p=0.003" or
 * "IOPS +2.1% (higher is better) → no-difference (single run, |Δ| < 5%)".
 */
export function deltaText(
  metric: MetricField,
  pct: number,
  verdict: Verdict,
  ctx: { singleRun: boolean; pValue: number | null; thresholdPct: number },
): string {
  const lower = LOWER_IS_BETTER.has(metric);
  const why: string[] = [];
  if (ctx.singleRun) why.push('single run');
  if (ctx.pValue !== null) why.push(`p=${formatP(ctx.pValue)}`);
  if (verdict === 'no-difference') why.push(`|Δ| < ${ctx.thresholdPct}%`);
  if (verdict === 'inconclusive' && Math.abs(pct) >= ctx.thresholdPct) why.push('not significant');
  if (verdict === 'inconclusive' && Math.abs(pct) < ctx.thresholdPct) why.push('too noisy to call equal');
  const tail = why.length ? ` (${why.join(', ')})` : '';
  return `${METRIC_LABELS[metric]} ${formatPct(pct)} (${lower ? 'lower' : 'higher'} is better) → ${verdict}${tail}`;
}

function formatP(p: number): string {
  if (p < 0.001) return '<0.001';
  return p.toFixed(3);
}
