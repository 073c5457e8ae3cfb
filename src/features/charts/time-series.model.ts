/**
 * Model of the latency-and-IOPS-over-time chart (issue 15): each run's latency log (clat, else
 * lat) and IOPS (its iops log, or completions counted per second when every I/O is logged),
 * an optional trailing moving average, stalls (core/tails/stalls.ts, on the raw latencies so a
 * moving average cannot hide them) and the min/max envelope per pixel column that keeps a log of
 * millions of I/Os drawable. Pure; `*Reference` functions state the fast loops plainly for the
 * differential tests.
 */
import type { ResultRecord } from '../../core/model/record.types';
import type { SeriesKind, TimeSeries } from '../../core/model/tail.types';
import { detectStalls, medianOf } from '../../core/tails/stalls';
import type { StallReport } from '../../core/tails/stalls';

/** Moving-average windows offered, ms (0 = none). */
export const SMOOTHING_CHOICES = [0, 100, 1000, 5000] as const;
/** Stall thresholds offered (k × median). */
export const K_CHOICES = [3, 5, 10, 20, 50, 100] as const;

export interface XY {
  tMs: Float64Array;
  values: Float64Array;
}

export interface RunSeries {
  side: 'baseline' | 'candidate';
  /** The record's origin. */
  label: string;
  /** Raw latency, µs; null without a latency log. */
  latency: (XY & { kind: SeriesKind; avgMs: number | null }) | null;
  /** IOPS; `derivedMs` is the counting window when derived from per-I/O completions. */
  iops: (XY & { derivedMs: number | null }) | null;
}

/** Samples of several logs of one kind (one per fio job of the record), in time order. */
export function mergeSeries(list: readonly TimeSeries[]): XY {
  if (list.length === 1) return { tMs: list[0]!.tMs, values: list[0]!.values };
  const n = list.reduce((s, x) => s + Math.min(x.tMs.length, x.values.length), 0);
  const order: number[] = [];
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  let i = 0;
  for (const s of list)
    for (let j = 0; j < Math.min(s.tMs.length, s.values.length); j++, i++) {
      t[i] = s.tMs[j]!;
      v[i] = s.values[j]!;
      order.push(i);
    }
  order.sort((a, b) => t[a]! - t[b]! || a - b);
  return {
    tMs: Float64Array.from(order, (k) => t[k]!),
    values: Float64Array.from(order, (k) => v[k]!),
  };
}

const windowOf = (t: number, binMs: number) => Math.max(0, Math.ceil(t / binMs) - 1);

/** Counting windows for IOPS from completions, ms: the smallest giving at most ~100 windows. */
export const RATE_WINDOWS = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000] as const;

export function rateWindow(spanMs: number): number {
  return RATE_WINDOWS.find((w) => w * 100 >= spanMs) ?? RATE_WINDOWS[RATE_WINDOWS.length - 1]!;
}

/**
 * Completions per second in windows (k·binMs, (k+1)·binMs] (fio stamps an I/O when it completes),
 * each at its window's middle; empty windows are 0. The last window, which the end of the run
 * cuts, counts over the part it covers (up to the last completion) and is left out when that is
 * under half a window: a partial window must not read as a drop in IOPS.
 */
export function completionRate(tMs: ArrayLike<number>, binMs: number): XY {
  let last = -1;
  let lastT = -Infinity;
  for (let i = 0; i < tMs.length; i++) {
    last = Math.max(last, windowOf(tMs[i]!, binMs));
    lastT = Math.max(lastT, tMs[i]!);
  }
  const counts = new Float64Array(last + 1);
  for (let i = 0; i < tMs.length; i++) counts[windowOf(tMs[i]!, binMs)]! += 1;
  const covered = lastT - last * binMs;
  const n = last >= 0 && covered < binMs / 2 ? last : last + 1;
  return {
    tMs: Float64Array.from({ length: n }, (_, b) => (b + 0.5) * binMs),
    values: Float64Array.from({ length: n }, (_, b) =>
      b === last ? (counts[b]! * 1000) / covered : (counts[b]! * 1000) / binMs,
    ),
  };
}

/** Sums logs of several jobs that average over the same window (the record's total IOPS). */
function sumByWindow(list: readonly TimeSeries[], avgMs: number): XY {
  const sums = new Map<number, number>();
  for (const s of list)
    for (let j = 0; j < s.tMs.length; j++) {
      const w = Math.round(s.tMs[j]! / avgMs);
      sums.set(w, (sums.get(w) ?? 0) + s.values[j]!);
    }
  const keys = [...sums.keys()].sort((a, b) => a - b);
  return {
    tMs: Float64Array.from(keys, (w) => w * avgMs),
    values: Float64Array.from(keys, (w) => sums.get(w)!),
  };
}

function perIoRate(tMs: Float64Array): RunSeries['iops'] {
  const w = rateWindow(tMs.length > 0 ? tMs[tMs.length - 1]! : 0);
  return { ...completionRate(tMs, w), derivedMs: w };
}

/** What a record's log files give the chart. */
export function runSeries(record: ResultRecord, side: RunSeries['side']): RunSeries {
  const series = record.tail?.series ?? [];
  const of = (kind: SeriesKind) => series.filter((s) => s.kind === kind && s.tMs.length > 0);
  const latKind: SeriesKind | null =
    of('clat').length > 0 ? 'clat' : of('lat').length > 0 ? 'lat' : null;
  const latLogs = latKind ? of(latKind) : [];
  const latency = latKind
    ? { ...mergeSeries(latLogs), kind: latKind, avgMs: latLogs[0]!.avgMs }
    : null;
  const iopsLogs = of('iops');
  const avg = iopsLogs[0]?.avgMs ?? null;
  let iops: RunSeries['iops'] = null;
  if (iopsLogs.length > 0 && avg !== null)
    iops = {
      ...(iopsLogs.length > 1 ? sumByWindow(iopsLogs, avg) : mergeSeries(iopsLogs)),
      derivedMs: null,
    };
  else if (iopsLogs.length > 0) iops = perIoRate(mergeSeries(iopsLogs).tMs);
  else if (latency && latency.avgMs === null) iops = perIoRate(latency.tMs);
  return { side, label: record.origin, latency, iops };
}

/** Trailing moving average over (t − windowMs, t]; windowMs ≤ 0 returns the values as they are. */
export function movingAverage(
  tMs: ArrayLike<number>,
  values: Float64Array,
  windowMs: number,
): Float64Array {
  if (!(windowMs > 0)) return values;
  const out = new Float64Array(values.length);
  let lo = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i]!;
    while (tMs[lo]! <= tMs[i]! - windowMs) sum -= values[lo++]!;
    out[i] = sum / (i - lo + 1);
  }
  return out;
}

export function movingAverageReference(
  tMs: ArrayLike<number>,
  values: Float64Array,
  windowMs: number,
): Float64Array {
  if (!(windowMs > 0)) return values;
  return values.map((_, i) => {
    let s = 0;
    let n = 0;
    for (let j = 0; j <= i; j++)
      if (tMs[j]! > tMs[i]! - windowMs) {
        s += values[j]!;
        n++;
      }
    return s / n;
  });
}

/** Min and max of the samples that fall in each of `columns` equal slices of [t0, t1]. */
export interface Envelope {
  t0: number;
  t1: number;
  min: Float64Array;
  max: Float64Array;
  /** Samples per column; 0 = nothing to draw there (min/max NaN). */
  count: Uint32Array;
}

/** One pass over time-ordered or unordered samples; samples outside [t0, t1] are left out. */
export function envelope(
  tMs: ArrayLike<number>,
  values: ArrayLike<number>,
  t0: number,
  t1: number,
  columns: number,
): Envelope {
  const cols = Math.max(1, Math.floor(columns));
  const min = new Float64Array(cols).fill(NaN);
  const max = new Float64Array(cols).fill(NaN);
  const count = new Uint32Array(cols);
  const scale = t1 > t0 ? cols / (t1 - t0) : 0;
  for (let i = 0; i < tMs.length; i++) {
    const t = tMs[i]!;
    const v = values[i]!;
    if (!(t >= t0 && t <= t1) || !Number.isFinite(v)) continue;
    const c = Math.min(cols - 1, Math.floor((t - t0) * scale));
    if (count[c] === 0 || v < min[c]!) min[c] = v;
    if (count[c] === 0 || v > max[c]!) max[c] = v;
    count[c]!++;
  }
  return { t0, t1, min, max, count };
}

/** The same, column by column: which samples belong to the column, then their min and max. */
export function envelopeReference(
  tMs: ArrayLike<number>,
  values: ArrayLike<number>,
  t0: number,
  t1: number,
  columns: number,
): Envelope {
  const cols = Math.max(1, Math.floor(columns));
  const pts = Array.from({ length: tMs.length }, (_, i) => [tMs[i]!, values[i]!] as const).filter(
    ([t, v]) => t >= t0 && t <= t1 && Number.isFinite(v),
  );
  const columnOf = (t: number) =>
    t1 > t0 ? Math.min(cols - 1, Math.floor(((t - t0) * cols) / (t1 - t0))) : 0;
  const min = new Float64Array(cols);
  const max = new Float64Array(cols);
  const count = new Uint32Array(cols);
  for (let c = 0; c < cols; c++) {
    const vs = pts.filter(([t]) => columnOf(t) === c).map(([, v]) => v);
    count[c] = vs.length;
    min[c] = vs.length ? Math.min(...vs) : NaN;
    max[c] = vs.length ? Math.max(...vs) : NaN;
  }
  return { t0, t1, min, max, count };
}

export interface RunView {
  run: RunSeries;
  /** Drawn latency (smoothed when asked) as an envelope, with the raw sample count. */
  latency: Envelope | null;
  latencyPoints: number;
  iops: Envelope | null;
  stalls: StallReport | null;
}

export interface TimeSeriesModel {
  runs: RunView[];
  /** Time extent of every run, ms. */
  t0: number;
  t1: number;
  /** Positive latency extent, µs, and IOPS maximum of what is drawn. */
  latMin: number;
  latMax: number;
  iopsMax: number;
  iopsDerivedMs: number | null;
  smoothMs: number;
  k: number;
  columns: number;
}

/** Every run's drawable series for a plot `columns` pixels wide; null when no run has a log. */
export function buildTimeSeriesModel(
  runs: readonly RunSeries[],
  opts: { smoothMs: number; k: number; columns: number },
): TimeSeriesModel | null {
  const withData = runs.filter((r) => r.latency || r.iops);
  if (withData.length === 0) return null;
  let t0 = Infinity;
  let t1 = -Infinity;
  for (const r of withData)
    for (const s of [r.latency, r.iops])
      if (s && s.tMs.length > 0) {
        t0 = Math.min(t0, 0);
        t1 = Math.max(t1, s.tMs[s.tMs.length - 1]!);
      }
  let latMin = Infinity;
  let latMax = 0;
  let iopsMax = 0;
  const views = withData.map((run): RunView => {
    const lat = run.latency;
    const latency = lat
      ? envelope(lat.tMs, movingAverage(lat.tMs, lat.values, opts.smoothMs), t0, t1, opts.columns)
      : null;
    const iops = run.iops
      ? envelope(
          run.iops.tMs,
          movingAverage(run.iops.tMs, run.iops.values, opts.smoothMs),
          t0,
          t1,
          opts.columns,
        )
      : null;
    if (latency)
      for (let c = 0; c < latency.min.length; c++) {
        if (latency.min[c]! > 0) latMin = Math.min(latMin, latency.min[c]!);
        if (latency.max[c]! > latMax) latMax = latency.max[c]!;
      }
    if (iops) for (const v of iops.max) if (v > iopsMax) iopsMax = v;
    return {
      run,
      latency,
      latencyPoints: lat?.tMs.length ?? 0,
      iops,
      stalls: lat ? detectStalls(lat.tMs, lat.values, { k: opts.k, avgMs: lat.avgMs }) : null,
    };
  });
  return {
    runs: views,
    t0,
    t1,
    latMin,
    latMax,
    iopsMax,
    iopsDerivedMs: withData.find((r) => r.iops?.derivedMs)?.iops?.derivedMs ?? null,
    smoothMs: opts.smoothMs,
    k: opts.k,
    columns: opts.columns,
  };
}

export interface SideStallSummary {
  side: RunSeries['side'];
  runs: number;
  /** Median over the runs' latency medians, µs (null: no latency log). */
  medianUs: number | null;
  stalls: number;
  longest: { durationMs: number; atMs: number; peakUs: number } | null;
}

/** Per side: how many runs, the median latency, how many stalls, the longest one. */
export function sideStalls(model: TimeSeriesModel, side: RunSeries['side']): SideStallSummary {
  const runs = model.runs.filter((r) => r.run.side === side);
  const reports = runs.flatMap((r) => (r.stalls ? [r.stalls] : []));
  const medians = reports.flatMap((r) => (r.medianUs === null ? [] : [r.medianUs]));
  let longest: SideStallSummary['longest'] = null;
  for (const r of reports)
    if (r.longest && (!longest || r.longest.durationMs > longest.durationMs))
      longest = {
        durationMs: r.longest.durationMs,
        atMs: r.longest.peakAtMs,
        peakUs: r.longest.peakUs,
      };
  return {
    side,
    runs: runs.length,
    medianUs: medians.length > 0 ? medianOf(medians) : null,
    stalls: reports.reduce((s, r) => s + r.stalls.length, 0),
    longest,
  };
}
