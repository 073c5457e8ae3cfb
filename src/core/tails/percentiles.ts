/**
 * Percentile curves from fio's json+ histogram bins, by fio's own rule (stat.c
 * calc_clat_percentiles): walk the bins in ascending order, and the value at rank p is the value
 * of the first bin where the running count reaches p/100 × N. fio prints exactly those bin values
 * in its percentile list, so bins → curve reproduces fio's list; the one difference is float
 * rounding of p/100 × N (fio uses long double), which can move a rank to the next bin when the
 * count lands exactly on the boundary — one bin width at most, which is 2^-FIO_IO_U_PLAT_BITS of
 * the value (bits = 6 in fio 2.x json+ and 3.x: ≤ 1/64 ≈ 1.6 %). Tests hold that tolerance.
 */
import type { CurvePoint, LatencyHistogram, PercentileCurve } from '../model/tail.types';
import { asMicroseconds } from '../model/units';

/**
 * fio's default `percentile_list` (1 … 99.99, 17 ranks). Curves with these ranks share this one
 * array instead of a copy each (memory: ~150 B per record saved). Read-only: never write to it.
 */
export const FIO_DEFAULT_RANKS: Float64Array = Float64Array.of(
  1,
  5,
  10,
  20,
  30,
  40,
  50,
  60,
  70,
  80,
  90,
  95,
  99,
  99.5,
  99.9,
  99.95,
  99.99,
);

/** True when `a` holds the same ranks as `b` (exactly: fio prints them with 6 decimals). */
export function sameRanks(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The shared default ranks when `ranks` equals them, else `ranks` itself. */
export function shareRanks(ranks: Float64Array): Float64Array {
  return sameRanks(ranks, FIO_DEFAULT_RANKS) ? FIO_DEFAULT_RANKS : ranks;
}

/** Total count of a histogram. */
export function histogramCount(h: LatencyHistogram): number {
  let n = 0;
  for (let i = 0; i < h.counts.length; i++) n += h.counts[i]!;
  return n;
}

/**
 * Latency (µs) at each rank of `ranks` (ascending, in (0, 100]) by fio's rule; null when the
 * histogram is empty.
 */
export function percentilesFromBins(h: LatencyHistogram, ranks: Float64Array): Float64Array | null {
  const total = histogramCount(h);
  if (total <= 0 || h.upperUs.length === 0) return null;
  const out = new Float64Array(ranks.length);
  let j = 0;
  let sum = 0;
  for (let i = 0; i < h.counts.length && j < ranks.length; i++) {
    sum += h.counts[i]!;
    while (j < ranks.length && sum >= (ranks[j]! / 100) * total) out[j++] = h.upperUs[i]!;
  }
  // Ranks fio could not reach (rounding at 100 %): the largest bin.
  for (; j < ranks.length; j++) out[j] = h.upperUs[h.upperUs.length - 1]!;
  return out;
}

/** A curve computed from bins at `ranks` (default: fio's list, shared). */
export function curveFromBins(
  h: LatencyHistogram,
  ranks: Float64Array = FIO_DEFAULT_RANKS,
): PercentileCurve | null {
  const valuesUs = percentilesFromBins(h, ranks);
  return valuesUs ? { ranks: shareRanks(ranks), valuesUs, source: 'fio-bins' } : null;
}

/**
 * Sums histograms (jobs of one group, or directions of a mixed job). fio's bins are the same
 * buckets in every job of one fio version, so the sum is exact — unlike percentiles, which
 * cannot be merged. Values are matched exactly; the result ascends.
 */
export function mergeHistograms(list: readonly LatencyHistogram[]): LatencyHistogram | null {
  if (list.length === 0) return null;
  if (list.length === 1) return list[0]!;
  const byValue = new Map<number, number>();
  for (const h of list)
    for (let i = 0; i < h.upperUs.length; i++) {
      const v = h.upperUs[i]!;
      byValue.set(v, (byValue.get(v) ?? 0) + h.counts[i]!);
    }
  const values = [...byValue.keys()].sort((a, b) => a - b);
  const upperUs = Float64Array.from(values);
  const counts = Float64Array.from(values, (v) => byValue.get(v)!);
  return { upperUs, counts };
}

/** The points of a curve, for charts and summaries. */
export function curvePoints(c: PercentileCurve): CurvePoint[] {
  const out: CurvePoint[] = [];
  for (let i = 0; i < c.ranks.length; i++)
    out.push({ rank: c.ranks[i]!, latencyUs: asMicroseconds(c.valuesUs[i]!) });
  return out;
}

/** Latency at `rank` of a curve (exact rank only), or null. */
export function curveAt(c: PercentileCurve, rank: number): number | null {
  for (let i = 0; i < c.ranks.length; i++)
    if (Math.abs(c.ranks[i]! - rank) < 1e-9) return c.valuesUs[i]!;
  return null;
}
