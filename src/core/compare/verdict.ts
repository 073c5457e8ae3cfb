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
 * - Many cells at once (issue 15.4, fdr.apply.ts): compare() then applies Benjamini–Hochberg per
 *   delta metric over the cells where that metric was t-tested (both sides ≥ 2 runs; m = their
 *   count). An improvement/regression keeps its word only when its BH q < α; otherwise it becomes
 *   inconclusive ("not significant after FDR control") and, for the cell's primary metric, so does
 *   the cell. The p-value (`pValue`) is never adjusted, so it stays visible.
 *   · TOST no-difference is left as decided: it claims equivalence, not a difference, and BH
 *     controls false differences; its cells still count in m (they were tested), which makes the
 *     control stricter, never looser.
 *   · Single-run deltas have no p-value: they are not in m and keep their threshold verdict,
 *     which says "single run" (no test was made, so there is nothing to adjust).
 */
import type { Aggregate, MetricDelta, Verdict } from './compare.types';
import { VERDICTS } from './compare.types';
import type { MetricField } from '../model/record.types';
import { LOWER_IS_BETTER } from '../model/record.types';
import { asPercent } from '../model/units';
import type { Percent } from '../model/units';
import { beyondCritical, emptyWelch, tostP, welchMoments, welchP } from './stats';
import type { WelchStatistic } from './stats';

export const ALPHA = 0.05;

export const METRIC_LABELS: Record<MetricField, string> = {
  iops: 'IOPS',
  iops_total: 'total IOPS',
  lat_mean_us: 'latency',
  lat_p99_us: 'p99 latency',
  bw_kib_s: 'bandwidth',
};

/** Metrics that get a delta and a verdict, in order of preference for the cell's verdict. */
export const DELTA_METRICS: readonly MetricField[] = [
  'iops',
  'lat_mean_us',
  'lat_p99_us',
  'bw_kib_s',
];

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
  if (!base || !cand) return null;
  const m = new Float64Array(CAND_OFFSET + 4);
  m.set([base.n, base.median, base.mean, base.sd ?? NaN], 0);
  m.set([cand.n, cand.median, cand.mean, cand.sd ?? NaN], CAND_OFFSET);
  return deltaOfMoments(metric, deltaContext(m, thresholdPct), 0);
}

/**
 * Distance from a baseline's moments to the candidate's in a moments array (the layout of
 * cell.ts: per side, 4 delta metrics × 4 moments).
 */
export const CAND_OFFSET = 16;

/** What all deltas of one comparison share: the moments array and the threshold. */
export interface DeltaContext {
  moments: Float64Array;
  thresholdPct: number;
  /** The t-tests' result, filled by each test of this comparison (read right after it). */
  welch: WelchStatistic;
  /**
   * Per delta metric (DELTA_METRICS order), BH's m once its family was adjusted (fdr.lazy.ts):
   * the sentence of a delta demoted by FDR control (decision bit FDR_DEMOTED) states it.
   */
  fdrTested: number[];
}

/** A DeltaContext over `moments` (see CAND_OFFSET for the layout). */
export function deltaContext(moments: Float64Array, thresholdPct: number): DeltaContext {
  return { moments, thresholdPct, welch: emptyWelch(), fdrTested: DELTA_METRICS.map(() => 0) };
}

/**
 * metricDelta() from moments (n, median, mean, sd or NaN: see momentsOf) of the baseline at
 * moments[offB..] and of the candidate at moments[offB + CAND_OFFSET..]; n = 0 means "no
 * values". The delta keeps a reference to the context for its lazily computed p-values.
 */
export function deltaOfMoments(
  metric: MetricField,
  ctx: DeltaContext,
  offB: number,
): MetricDelta | null {
  const decided = decideOfMoments(metric, ctx, offB);
  return decided < 0 ? null : deltaOfDecision(metric, ctx, offB, decided);
}

/**
 * The decision of deltaOfMoments() without building the delta: −1 when there is no delta, else
 * the verdict's index in VERDICTS, plus 4 when decided on a single run.
 */
export function decideOfMoments(metric: MetricField, ctx: DeltaContext, offB: number): number {
  const { moments, thresholdPct, welch: w } = ctx;
  const offC = offB + CAND_OFFSET;
  const bN = moments[offB]!;
  const bMed = moments[offB + 1]!;
  const cN = moments[offC]!;
  const cMed = moments[offC + 1]!;
  if (bN === 0 || cN === 0 || !(bMed > 0)) return -1;
  const lowerIsBetter = LOWER_IS_BETTER.has(metric);
  const pct = (100 * (cMed - bMed)) / bMed;
  const better = lowerIsBetter ? pct < 0 : pct > 0;
  const direction = better ? IMPROVEMENT : REGRESSION;
  const big = Math.abs(pct) >= thresholdPct;
  if (bN < 2 || cN < 2) return (big ? direction : NO_DIFFERENCE) | SINGLE_RUN;
  if (
    !welchMoments(
      bN,
      moments[offB + 2]!,
      moments[offB + 3]!,
      cN,
      moments[offC + 2]!,
      moments[offC + 3]!,
      w,
    )
  )
    return INCONCLUSIVE;
  if (big) {
    // p < α, from the critical value when |t| is clearly on one side of it (exact CDF otherwise).
    const sig = w.se === 0 ? null : beyondCritical(Math.abs(w.t), w.df, ALPHA / 2);
    return (sig ?? welchP(w) < ALPHA) ? direction : INCONCLUSIVE;
  }
  // TOST: both one-sided tests reject; each decided like the above, the exact p when close.
  const margin = (thresholdPct / 100) * moments[offB + 2]!;
  let eq: boolean | null = null;
  if (w.se !== 0) {
    const lower = beyondCritical((w.diff + margin) / w.se, w.df, ALPHA);
    const upper = beyondCritical((margin - w.diff) / w.se, w.df, ALPHA);
    eq =
      lower === false || upper === false ? false : lower === true && upper === true ? true : null;
  }
  return (eq ?? tostP(w, margin) < ALPHA) ? NO_DIFFERENCE : INCONCLUSIVE;
}

/** Indexes in VERDICTS, and the single-run bit of a decision. */
const IMPROVEMENT = 0;
const REGRESSION = 1;
const NO_DIFFERENCE = 2;
const INCONCLUSIVE = 3;
export const SINGLE_RUN = 4;
/**
 * Decision bit: an improvement/regression that Benjamini–Hochberg did not keep (fdr.lazy.ts); the
 * verdict bits then say inconclusive. The word it had follows from the pct (fdrWordOf).
 */
export const FDR_DEMOTED = 8;

/** Welch's p-value of the delta at moments[offB..] (null when a side has < 2 runs). */
export function pValueOfMoments(ctx: DeltaContext, offB: number): number | null {
  const m = ctx.moments;
  const c = offB + CAND_OFFSET;
  return welchMoments(m[offB]!, m[offB + 2]!, m[offB + 3]!, m[c]!, m[c + 2]!, m[c + 3]!, ctx.welch)
    ? welchP(ctx.welch)
    : null;
}

/** The word (improvement/regression) a difference of `pct` in `metric` had before FDR control. */
export function fdrWordOf(metric: MetricField, pct: number): Verdict {
  const better = LOWER_IS_BETTER.has(metric) ? pct < 0 : pct > 0;
  return better ? 'improvement' : 'regression';
}

/** "… → inconclusive (p=0.030, not significant after FDR control: q ≥ 0.05 over 40 cells)". */
export function fdrDemotedDeltaText(
  metric: MetricField,
  pct: number,
  pValue: number | null,
  thresholdPct: number,
  tested: number,
): string {
  const base = deltaText(metric, pct, 'inconclusive', { singleRun: false, pValue, thresholdPct });
  return base.replace(
    /, not significant\)$/,
    `, not significant after FDR control: q ≥ ${ALPHA} over ${tested} cells)`,
  );
}

/** The note of a cell whose verdict BH turned from a difference into `inconclusive`. */
export function fdrNote(verdict: string, tested: number): string {
  return `Benjamini–Hochberg over ${tested} tested cells: q ≥ ${ALPHA}, so not called ${verdict === 'improvement' ? 'an improvement' : 'a regression'} (verdict inconclusive)`;
}

/** The pct of deltaOfMoments(): 100 × (candidate − baseline) / baseline on the medians. */
export function pctOfMoments(moments: Float64Array, offB: number): number {
  const b = moments[offB + 1]!;
  return (100 * (moments[offB + CAND_OFFSET + 1]! - b)) / b;
}

/** The delta of a decision (≥ 0) of decideOfMoments(). */
export function deltaOfDecision(
  metric: MetricField,
  ctx: DeltaContext,
  offB: number,
  decided: number,
): MetricDelta {
  const pct = pctOfMoments(ctx.moments, offB);
  return new Delta(metric, asPercent(pct), decided, LOWER_IS_BETTER.has(metric), ctx, offB);
}

/**
 * A MetricDelta whose p-values and sentence are computed on first read (then kept): verdicts
 * need only "p < α" (see beyondCritical), and the t CDF behind an exact p costs more than the
 * rest of a cell. The values read are exactly those an eager computation gives.
 *
 * Object model: metric, pct, verdict, singleRun, lowerIsBetter, baseline, candidate are own data
 * properties; pValue, text and equivalenceP are accessors on the prototype (readable and
 * writable like fields). JSON.stringify gives every field in MetricDelta order (toJSON); object
 * spread, Object.keys and structuredClone see only the own fields: read the others by name.
 */
class Delta implements MetricDelta {
  metric: MetricField;
  pct: Percent;
  verdict: Verdict;
  singleRun: boolean;
  lowerIsBetter: boolean;
  #ctx: DeltaContext;
  /**
   * offB × 16 + the decision: verdict (index in VERDICTS), singleRun (bit 2), FDR_DEMOTED (bit 3),
   * as decided: the sentence states them.
   */
  #packed: number;
  #lazy: {
    p?: number | null;
    eq?: number | null;
    text?: string;
    baseline?: number;
    candidate?: number;
  } | null = null;

  /** `decided`: the verdict's index in VERDICTS, plus 4 when decided on a single run. */
  constructor(
    metric: MetricField,
    pct: Percent,
    decided: number,
    lowerIsBetter: boolean,
    ctx: DeltaContext,
    offB: number,
  ) {
    this.metric = metric;
    this.pct = pct;
    this.verdict = VERDICTS[decided & 3]!;
    this.singleRun = (decided & SINGLE_RUN) !== 0;
    this.lowerIsBetter = lowerIsBetter;
    this.#ctx = ctx;
    this.#packed = offB * 16 + decided;
  }

  get #offB(): number {
    return Math.floor(this.#packed / 16);
  }

  /** Extension: the baseline median the pct was computed from. */
  get baseline(): number {
    return this.#lazy?.baseline ?? this.#ctx.moments[this.#offB + 1]!;
  }
  set baseline(v: number) {
    (this.#lazy ??= {}).baseline = v;
  }

  /** Extension: the candidate median the pct was computed from. */
  get candidate(): number {
    return this.#lazy?.candidate ?? this.#ctx.moments[this.#offB + CAND_OFFSET + 1]!;
  }
  set candidate(v: number) {
    (this.#lazy ??= {}).candidate = v;
  }

  /** Welch's statistic of the two sides into ctx.welch; false when a side has < 2 runs. */
  #welch(): boolean {
    const m = this.#ctx.moments;
    const b = this.#offB;
    const c = b + CAND_OFFSET;
    return welchMoments(m[b]!, m[b + 2]!, m[b + 3]!, m[c]!, m[c + 2]!, m[c + 3]!, this.#ctx.welch);
  }

  /** Welch's t-test p-value when both sides have ≥ 2 runs. */
  get pValue(): number | null {
    const lazy = (this.#lazy ??= {});
    if (lazy.p === undefined) lazy.p = this.#welch() ? welchP(this.#ctx.welch) : null;
    return lazy.p;
  }
  set pValue(v: number | null) {
    (this.#lazy ??= {}).p = v;
  }

  /** TOST p-value for ±threshold (both sides ≥ 2 runs and |pct| < threshold), else null. */
  get equivalenceP(): number | null {
    const lazy = (this.#lazy ??= {});
    if (lazy.eq === undefined) {
      const threshold = this.#ctx.thresholdPct;
      const big = Math.abs(this.#pctAsComputed()) >= threshold;
      lazy.eq =
        !big && this.#welch()
          ? tostP(this.#ctx.welch, (threshold / 100) * this.#ctx.moments[this.#offB + 2]!)
          : null;
    }
    return lazy.eq;
  }
  set equivalenceP(v: number | null) {
    (this.#lazy ??= {}).eq = v;
  }

  /** "IOPS +15.6% (higher is better) → improvement (single run)" (see deltaText). */
  get text(): string {
    const lazy = (this.#lazy ??= {});
    const decided = this.#packed % 16;
    if (decided & FDR_DEMOTED)
      lazy.text ??= fdrDemotedDeltaText(
        this.metric,
        this.#pctAsComputed(),
        this.pValue,
        this.#ctx.thresholdPct,
        this.#ctx.fdrTested[DELTA_METRICS.indexOf(this.metric)] ?? 0,
      );
    lazy.text ??= deltaText(this.metric, this.#pctAsComputed(), VERDICTS[decided & 3]!, {
      singleRun: (decided & SINGLE_RUN) !== 0,
      pValue: this.pValue,
      thresholdPct: this.#ctx.thresholdPct,
    });
    return lazy.text;
  }
  set text(v: string) {
    (this.#lazy ??= {}).text = v;
  }

  /** The pct of the medians (not `this.pct`, which a reader may have overwritten). */
  #pctAsComputed(): number {
    return pctOfMoments(this.#ctx.moments, this.#offB);
  }

  toJSON(): MetricDelta {
    return {
      metric: this.metric,
      pct: this.pct,
      verdict: this.verdict,
      singleRun: this.singleRun,
      pValue: this.pValue,
      lowerIsBetter: this.lowerIsBetter,
      text: this.text,
      baseline: this.baseline,
      candidate: this.candidate,
      equivalenceP: this.equivalenceP,
    };
  }
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
  if (verdict === 'inconclusive' && Math.abs(pct) < ctx.thresholdPct)
    why.push('too noisy to call equal');
  const tail = why.length ? ` (${why.join(', ')})` : '';
  return `${METRIC_LABELS[metric]} ${formatPct(pct)} (${lower ? 'lower' : 'higher'} is better) → ${verdict}${tail}`;
}

function formatP(p: number): string {
  if (p < 0.001) return '<0.001';
  return p.toFixed(3);
}
