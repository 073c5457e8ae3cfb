/**
 * Stalls in a latency time series (issue 15): where a job's latency exceeds k × its own median.
 * Pure, so the time-series chart marks them and a verdict or the policy can count them the same
 * way. A stall is the time I/O was held up: each over-threshold sample covers the span its I/O
 * was outstanding, [t − latency, t] (fio logs the completion time), or its averaging window
 * [t − log_avg_msec, t] when the log averages, whichever is longer; overlapping spans merge.
 */
import { asMicroseconds } from '../model/units';
import type { Microseconds } from '../model/units';

export const DEFAULT_STALL_K = 10;

export interface StallOptions {
  /** Over-threshold means latency > k × the series' median; k > 1 (default 10). */
  k?: number;
  /** The log's averaging window in ms (`log_avg_msec`), null for a log of every I/O. */
  avgMs?: number | null;
}

export interface Stall {
  /** Milliseconds since the job started. */
  startMs: number;
  endMs: number;
  durationMs: number;
  /** The worst latency inside the stall, and when it completed. */
  peakUs: Microseconds;
  peakAtMs: number;
  /** Over-threshold samples merged into this stall. */
  samples: number;
}

export interface StallReport {
  k: number;
  /** Median of the series' finite latencies; null for an empty series (no stalls then). */
  medianUs: Microseconds | null;
  thresholdUs: Microseconds | null;
  /** In time order. */
  stalls: Stall[];
  /** The longest stall (the earliest of equals), null when there is none. */
  longest: Stall | null;
}

/** Median of the finite values (mean of the middle two for an even count); null when none. */
export function medianOf(values: ArrayLike<number>): number | null {
  // One typed copy (a log can hold millions of samples), finite values only, sorted numerically.
  const finite = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) finite[n++] = v;
  }
  if (n === 0) return null;
  const sorted = finite.subarray(0, n).sort();
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A usable k: finite and > 1, else the default (k ≤ 1 would call half the run a stall). */
export function stallK(k: number | undefined): number {
  return k !== undefined && Number.isFinite(k) && k > 1 ? k : DEFAULT_STALL_K;
}

/**
 * Stalls of one latency series (`tMs` completion times, `valuesUs` latencies, same length;
 * non-finite samples are skipped). Never throws; a series without a positive median has none.
 */
export function detectStalls(
  tMs: ArrayLike<number>,
  valuesUs: ArrayLike<number>,
  options: StallOptions = {},
): StallReport {
  const k = stallK(options.k);
  const median = medianOf(valuesUs);
  if (median === null || !(median > 0))
    return {
      k,
      medianUs: median === null ? null : asMicroseconds(median),
      thresholdUs: null,
      stalls: [],
      longest: null,
    };
  const threshold = k * median;
  const windowMs = options.avgMs !== null && options.avgMs !== undefined ? options.avgMs : 0;
  const spans: { start: number; end: number; us: number }[] = [];
  const n = Math.min(tMs.length, valuesUs.length);
  for (let i = 0; i < n; i++) {
    const v = valuesUs[i]!;
    const t = tMs[i]!;
    if (!Number.isFinite(v) || !Number.isFinite(t) || v <= threshold) continue;
    spans.push({ start: t - Math.max(v / 1000, windowMs), end: t, us: v });
  }
  // Logs are near time order, yet a long I/O starts before shorter ones that completed earlier.
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  const stalls: Stall[] = [];
  let cur: Stall | null = null;
  for (const s of spans) {
    if (cur && s.start <= cur.endMs) {
      if (s.end > cur.endMs) cur.endMs = s.end;
      if (s.us > cur.peakUs) {
        cur.peakUs = asMicroseconds(s.us);
        cur.peakAtMs = s.end;
      }
      cur.samples++;
      cur.durationMs = cur.endMs - cur.startMs;
      continue;
    }
    cur = {
      startMs: s.start,
      endMs: s.end,
      durationMs: s.end - s.start,
      peakUs: asMicroseconds(s.us),
      peakAtMs: s.end,
      samples: 1,
    };
    stalls.push(cur);
  }
  let longest: Stall | null = null;
  for (const s of stalls) if (!longest || s.durationMs > longest.durationMs) longest = s;
  return {
    k,
    medianUs: asMicroseconds(median),
    thresholdUs: asMicroseconds(threshold),
    stalls,
    longest,
  };
}
