import { describe, expect, it } from 'vitest';
import { makeRecord } from '../../core/compare/record.fixture';
import type { ResultRecord } from '../../core/model/record.types';
import { asMicroseconds } from '../../core/model/units';
import { makeI18n } from '../../shared/i18n/i18n';
import {
  buildCurveModel,
  compareAtRanks,
  curveCsvRows,
  curveSummary,
  latencyAt,
  medianCurve,
  nines,
} from './percentile-curve.model';

const FIO_RANKS = [1, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 99, 99.5, 99.9, 99.95, 99.99];

/** A record whose curve is `base` µs at p1 rising to `base × tail` at p99.99 (geometric in x). */
function withCurve(origin: string, base: number, tail: number, ranks = FIO_RANKS): ResultRecord {
  const xMax = nines(99.99);
  return makeRecord({
    origin,
    tail: {
      series: [],
      curve: {
        ranks: Float64Array.from(ranks),
        valuesUs: Float64Array.from(ranks.map((r) => base * tail ** (nines(r) / xMax))),
        source: 'fio-percentiles',
      },
    },
  });
}

describe('nines', () => {
  it('maps p90, p99, p99.9 to 1, 2, 3 and p100 to infinity', () => {
    expect(nines(90)).toBeCloseTo(1, 12);
    expect(nines(99)).toBeCloseTo(2, 12);
    expect(nines(99.9)).toBeCloseTo(3, 9);
    expect(nines(100)).toBe(Infinity);
  });
});

describe('latencyAt', () => {
  const pts = [
    { rank: 90, latencyUs: asMicroseconds(100) },
    { rank: 99, latencyUs: asMicroseconds(10_000) },
  ];
  it('returns listed points exactly and interpolates log-latency on the nines axis', () => {
    expect(latencyAt(pts, 99)).toBe(10_000);
    // Halfway in nines between p90 (x=1) and p99 (x=2) is x=1.5: p = 100·(1 − 10^−1.5).
    expect(latencyAt(pts, 100 * (1 - 10 ** -1.5))).toBeCloseTo(1000, 6);
    expect(latencyAt(pts, 50)).toBeNull();
    expect(latencyAt(pts, 99.9)).toBeNull();
  });
});

describe('medianCurve', () => {
  it('takes the median run at each rank (odd count) and the geometric middle (even count)', () => {
    const runs = [100, 300, 200].map((b, i) => ({
      label: `r${i}`,
      points: [
        { rank: 50, latencyUs: asMicroseconds(b) },
        { rank: 99, latencyUs: asMicroseconds(b * 10) },
      ],
    }));
    expect(medianCurve(runs).map((p) => p.latencyUs)).toEqual([200, 2000]);
    const even = medianCurve(runs.slice(0, 2));
    expect(even[0]!.latencyUs).toBeCloseTo(Math.sqrt(100 * 300), 9);
  });

  it('keeps only the ranks every run covers', () => {
    const a = withCurve('a', 100, 10);
    const b = withCurve('b', 100, 10, [50, 90, 99]);
    const m = buildCurveModel({ name: 'A', records: [a, b] }, { name: 'B', records: [] })!;
    const ranks = m.baseline.median.map((p) => p.rank);
    expect(ranks[0]).toBe(50);
    expect(ranks[ranks.length - 1]).toBe(99);
  });
});

describe('buildCurveModel and its summary', () => {
  const threads = [withCurve('t1.json', 100, 4), withCurve('t2.json', 110, 4)];
  const native = [withCurve('n1.json', 100, 40), withCurve('n2.json', 90, 40), makeRecord()];

  it('counts the runs with and without a curve and spans every point', () => {
    const m = buildCurveModel(
      { name: 'threads', records: threads },
      { name: 'native', records: native },
    )!;
    expect(m.baseline.runs).toHaveLength(2);
    expect(m.candidate.runs).toHaveLength(2);
    expect(m.candidate.withoutCurve).toBe(1);
    expect(m.yMax).toBeCloseTo(4000, 6);
    expect(m.xMax).toBeCloseTo(4, 9);
    expect(
      buildCurveModel({ name: 'a', records: [makeRecord()] }, { name: 'b', records: [] }),
    ).toBeNull();
  });

  it('compares the medians at the summary ranks and says it in words', () => {
    const m = buildCurveModel(
      { name: 'threads', records: threads },
      { name: 'native', records: native },
    )!;
    const at = compareAtRanks(m);
    expect(at.map((x) => x.rank)).toEqual([50, 99, 99.9, 99.99]);
    const p9999 = at[3]!;
    expect(p9999.baselineUs).toBeCloseTo(Math.sqrt(400 * 440), 6);
    expect(p9999.candidateUs).toBeCloseTo(Math.sqrt(4000 * 3600), 6);
    const text = curveSummary(makeI18n('en'), m);
    expect(text).toContain('Runs: threads 2, native 2');
    expect(text).toContain('p99.99: threads 420 µs, native 3.8 ms (×9)');
    expect(text).toContain('native: 1 without a percentile curve');
  });

  it('writes every run point and the medians as CSV rows', () => {
    const m = buildCurveModel(
      { name: 'threads', records: threads },
      { name: 'native', records: [] },
    )!;
    const rows = curveCsvRows(m);
    expect(rows[0]).toEqual(['side', 'series', 'percentile', 'nines_x', 'latency_us']);
    expect(rows).toHaveLength(1 + 3 * FIO_RANKS.length);
    expect(rows.filter((r) => r[1] === 'median')).toHaveLength(FIO_RANKS.length);
  });
});
