import { describe, expect, it } from 'vitest';
import { makeRecord } from '../../core/compare/record.fixture';
import type { SeriesKind, TimeSeries } from '../../core/model/tail.types';
import { makeI18n } from '../../shared/i18n/i18n';
import {
  buildTimeSeriesModel,
  completionRate,
  envelope,
  envelopeReference,
  mergeSeries,
  movingAverage,
  movingAverageReference,
  rateWindow,
  runSeries,
} from './time-series.model';
import { timeSeriesCsvRows, timeSeriesSummary } from './time-series.summary';

function lcg(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

function series(
  kind: SeriesKind,
  t: number[],
  v: number[],
  avgMs: number | null = null,
): TimeSeries {
  return {
    kind,
    tMs: Float64Array.from(t),
    values: Float64Array.from(v),
    ddir: new Uint8Array(t.length),
    avgMs,
    file: `job_${kind}.1.log`,
  };
}

/** A per-I/O clat log: one I/O per ms for `seconds`, ~100 µs, with stalls (µs) at given ms. */
function perIoLog(seconds: number, stalls: Record<number, number> = {}): TimeSeries {
  const t: number[] = [];
  const v: number[] = [];
  for (let ms = 1; ms <= seconds * 1000; ms++) {
    t.push(ms);
    v.push(stalls[ms] ?? (ms % 2 === 1 ? 95 : 105));
  }
  return series('clat', t, v);
}

describe('envelope (differential against the column-by-column reference)', () => {
  it('agrees on random logs, windows and widths', () => {
    const rnd = lcg(42);
    for (let trial = 0; trial < 25; trial++) {
      const n = 1 + Math.floor(rnd() * 3000);
      const t = Float64Array.from({ length: n }, () => Math.floor(rnd() * 60_000));
      t.sort();
      const v = Float64Array.from({ length: n }, () => (rnd() < 0.02 ? NaN : rnd() * 1e5));
      const t0 = rnd() < 0.5 ? 0 : Math.floor(rnd() * 30_000);
      const t1 = t0 + Math.floor(rnd() * 40_000);
      const cols = 1 + Math.floor(rnd() * 700);
      const fast = envelope(t, v, t0, t1, cols);
      const ref = envelopeReference(t, v, t0, t1, cols);
      expect(Array.from(fast.count)).toEqual(Array.from(ref.count));
      expect(Array.from(fast.min)).toEqual(Array.from(ref.min));
      expect(Array.from(fast.max)).toEqual(Array.from(ref.max));
    }
  });

  it('keeps a one-sample spike visible in a million points', () => {
    const log = perIoLog(60, { 30_000: 800_000 });
    const e = envelope(log.tMs, log.values, 0, 60_000, 600);
    expect(Math.max(...e.max)).toBe(800_000);
    expect(e.count.reduce((s, c) => s + c, 0)).toBe(60_000);
  });
});

describe('movingAverage (differential against the plain double loop)', () => {
  it('agrees on random logs and windows', () => {
    const rnd = lcg(7);
    for (let trial = 0; trial < 20; trial++) {
      const n = 1 + Math.floor(rnd() * 800);
      const t = Float64Array.from({ length: n }, () => Math.floor(rnd() * 10_000)).sort();
      const v = Float64Array.from({ length: n }, () => rnd() * 1000);
      const w = [0, 1, 100, 1000, 5000][trial % 5]!;
      const fast = movingAverage(t, v, w);
      const ref = movingAverageReference(t, v, w);
      for (let i = 0; i < n; i++) expect(fast[i]).toBeCloseTo(ref[i]!, 6);
    }
  });
});

describe('series of a record', () => {
  it('merges several jobs’ logs in time order', () => {
    const m = mergeSeries([series('clat', [1, 4], [10, 40]), series('clat', [2, 3], [20, 30])]);
    expect(Array.from(m.tMs)).toEqual([1, 2, 3, 4]);
    expect(Array.from(m.values)).toEqual([10, 20, 30, 40]);
  });

  it('counts completions per second for IOPS when every I/O is logged', () => {
    const r = completionRate([10, 20, 999, 1000, 2500], 1000);
    // (0, 1000]: 4 I/Os; (1000, 2000]: none; (2000, 3000] is cut at 2500: 1 I/O in 0.5 s.
    expect(Array.from(r.tMs)).toEqual([500, 1500, 2500]);
    expect(Array.from(r.values)).toEqual([4, 0, 2]);
    // A last window covering under half of itself is left out rather than drawn as a drop.
    expect(Array.from(completionRate([100, 900, 1100], 1000).values)).toEqual([2]);
    expect(rateWindow(2000)).toBe(20);
    expect(rateWindow(60_000)).toBe(1000);
  });

  it('prefers clat over lat, and an averaged iops log as it is', () => {
    const rec = makeRecord({
      tail: {
        series: [
          series('lat', [1000], [5]),
          series('clat', [1000, 2000], [3, 4], 1000),
          series('iops', [1000, 2000], [500, 600], 1000),
        ],
      },
    });
    const r = runSeries(rec, 'candidate');
    expect(r.latency?.kind).toBe('clat');
    expect(r.iops?.derivedMs).toBeNull();
    expect(Array.from(r.iops!.values)).toEqual([500, 600]);
    expect(runSeries(makeRecord(), 'baseline')).toMatchObject({ latency: null, iops: null });
  });
});

describe('model and summary on a run with stalls (a log constructed for the test)', () => {
  const names = { baseline: 'threads', candidate: 'native' };
  const base = makeRecord({ origin: 'threads/job.json', tail: { series: [perIoLog(20)] } });
  const cand = makeRecord({
    origin: 'native/job.json',
    // 820 ms I/O completing at 12.4 s; two 50 ms I/Os at 5 s (they replace two 105 µs samples
    // and one 95 µs one, so the median is 105 µs).
    tail: { series: [perIoLog(20, { 12_400: 820_000, 5_000: 50_000, 5_001: 50_000 })] },
  });
  const runs = [runSeries(base, 'baseline'), runSeries(cand, 'candidate')];

  it('finds the stalls on the raw log even when the drawn line is smoothed', () => {
    const m = buildTimeSeriesModel(runs, { smoothMs: 1000, k: 10, columns: 400 })!;
    expect(m.runs[1]!.stalls!.stalls).toHaveLength(2);
    expect(m.runs[0]!.stalls!.stalls).toHaveLength(0);
    expect(m.t1).toBe(20_000);
    expect(m.iopsDerivedMs).toBe(200);
    expect(Math.max(...m.runs[0]!.iops!.max.filter((v) => v > 0))).toBeCloseTo(1000, 6);
    const text = timeSeriesSummary(makeI18n('en'), m, names);
    expect(text).toBe(
      'threads: median 100 µs, stalls > 10× median: 0; native: median 105 µs, stalls > 10× median: 2, longest 820 ms at 12.4 s; IOPS counted from completions per 200 ms; 40,000 points drawn as 400 min–max columns.',
    );
  });

  it('moves with k, and writes drawn columns and stalls as CSV', () => {
    const m = buildTimeSeriesModel(runs, { smoothMs: 0, k: 1000, columns: 100 })!;
    expect(timeSeriesSummary(makeI18n('en'), m, names)).toContain(
      'native: median 105 µs, stalls > 1000× median: 1, longest 820 ms at 12.4 s',
    );
    const rows = timeSeriesCsvRows(m, names);
    expect(rows.filter((r) => String(r[2]).startsWith('stall'))).toEqual([
      [
        'native',
        'native/job.json',
        'stall_latency_us_over_1000x_median',
        11_580,
        12_400,
        expect.any(Number),
        820_000,
        1,
      ],
    ]);
    expect(rows.filter((r) => r[2] === 'latency_us')).toHaveLength(200);
  });

  it('is null when no run has a log', () => {
    expect(
      buildTimeSeriesModel([runSeries(makeRecord(), 'baseline')], {
        smoothMs: 0,
        k: 10,
        columns: 10,
      }),
    ).toBeNull();
  });
});
