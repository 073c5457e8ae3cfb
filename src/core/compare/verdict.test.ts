import { describe, expect, it } from 'vitest';
import { aggregate } from './stats';
import { deltaText, formatPct, metricDelta } from './verdict';

const agg = (...v: number[]) => aggregate(v)!;

describe('metricDelta', () => {
  it('pct = 100 × (candidate − baseline) / baseline on medians', () => {
    const d = metricDelta('iops', agg(100, 90, 110), agg(120, 200, 115), 5)!;
    expect(d.pct).toBeCloseTo(20, 12);
    expect(d.baseline).toBe(100);
    expect(d.candidate).toBe(120);
  });

  it('single runs: threshold alone, marked singleRun', () => {
    expect(metricDelta('iops', agg(100), agg(106), 5)).toMatchObject({
      verdict: 'improvement',
      singleRun: true,
      pValue: null,
    });
    expect(metricDelta('iops', agg(100), agg(94), 5)).toMatchObject({
      verdict: 'regression',
      singleRun: true,
    });
    expect(metricDelta('iops', agg(100), agg(104.9), 5)).toMatchObject({
      verdict: 'no-difference',
      singleRun: true,
    });
    // one side with repeats, the other single → still single-run
    expect(metricDelta('iops', agg(100, 101, 99), agg(120), 5)!.singleRun).toBe(true);
  });

  it('latency: lower is better, so a negative delta is an improvement', () => {
    const d = metricDelta('lat_mean_us', agg(4083.38), agg(3533.6), 5)!;
    expect(d.pct).toBeCloseTo(-13.464, 3);
    expect(d.verdict).toBe('improvement');
    expect(d.lowerIsBetter).toBe(true);
    expect(d.text).toBe('latency −13.5% (lower is better) → improvement (single run)');
    expect(metricDelta('lat_p99_us', agg(100), agg(130), 5)!.verdict).toBe('regression');
  });

  it('repeats: significant and above threshold → improvement/regression', () => {
    const d = metricDelta('iops', agg(100, 101, 99, 100), agg(120, 121, 119, 120), 5)!;
    expect(d.singleRun).toBe(false);
    expect(d.pValue!).toBeLessThan(0.001);
    expect(d.verdict).toBe('improvement');
    expect(metricDelta('iops', agg(120, 121, 119, 120), agg(100, 101, 99, 100), 5)!.verdict).toBe(
      'regression',
    );
  });

  it('repeats: above threshold but not significant → inconclusive', () => {
    const d = metricDelta('iops', agg(100, 60, 140), agg(110, 70, 150), 5)!;
    expect(d.pct).toBeCloseTo(10, 12);
    expect(d.pValue!).toBeGreaterThan(0.05);
    expect(d.verdict).toBe('inconclusive');
    expect(d.text).toContain('not significant');
  });

  it('repeats: below threshold and CI within ±threshold → no-difference; noisy → inconclusive', () => {
    const tight = metricDelta(
      'iops',
      agg(100, 100.5, 99.5, 100.2),
      agg(101, 101.5, 100.5, 101.2),
      5,
    )!;
    expect(tight.verdict).toBe('no-difference');
    expect(tight.equivalenceP!).toBeLessThan(0.05);
    const noisy = metricDelta('iops', agg(100, 60, 140), agg(102, 62, 142), 5)!;
    expect(noisy.verdict).toBe('inconclusive');
    expect(noisy.text).toContain('too noisy');
  });

  it('the threshold is user-settable', () => {
    expect(metricDelta('iops', agg(100), agg(108), 10)!.verdict).toBe('no-difference');
    expect(metricDelta('iops', agg(100), agg(108), 5)!.verdict).toBe('improvement');
  });

  it('is null when a side is missing or the baseline is not positive', () => {
    expect(metricDelta('iops', undefined, agg(1), 5)).toBeNull();
    expect(metricDelta('iops', agg(0), agg(1), 5)).toBeNull();
  });
});

describe('text', () => {
  it('always names the direction of better', () => {
    expect(
      deltaText('iops', 15.56, 'improvement', {
        singleRun: false,
        pValue: 0.0004,
        thresholdPct: 5,
      }),
    ).toBe('IOPS +15.6% (higher is better) → improvement (p=<0.001)');
    expect(
      deltaText('bw_kib_s', -2, 'no-difference', {
        singleRun: true,
        pValue: null,
        thresholdPct: 5,
      }),
    ).toBe('bandwidth −2.0% (higher is better) → no-difference (single run, |Δ| < 5%)');
  });
  it('formats percentages with a Unicode minus and one decimal', () => {
    expect(formatPct(61.62)).toBe('+61.6%');
    expect(formatPct(-13.46)).toBe('−13.5%');
    expect(formatPct(0.01)).toBe('0.0%');
  });
});
