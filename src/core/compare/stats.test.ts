import { describe, expect, it } from 'vitest';
import { studentTCdf as tcdf } from './student-t';
import fc from 'fast-check';
import {
  aggregate,
  geometricMean,
  median,
  medianSelect,
  normalQuantile,
  tostP,
  tQuantile,
  welch,
  welchInterval,
} from './stats';

// Wikipedia, "Welch's t-test", example 1 (equal sizes, unequal variances). Reference values
// t = 2.46 (b − a), ν ≈ 25.0, p = 0.021; to more digits from scipy.stats.ttest_ind(a, b,
// equal_var=False): t = −2.455356398286006, df = 24.988529290231416, p = 0.021378001462866992.
const A1 = [
  27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4,
];
const A2 = [
  27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4,
];

describe('aggregate', () => {
  it('computes n, median, mean, min, max, sample sd and cv', () => {
    const a = aggregate([4, 1, 3, 2])!;
    expect(a.n).toBe(4);
    expect(a.median).toBe(2.5);
    expect(a.mean).toBe(2.5);
    expect(a.min).toBe(1);
    expect(a.max).toBe(4);
    expect(a.sd).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(a.cv).toBeCloseTo(Math.sqrt(5 / 3) / 2.5, 12);
    expect(a.values).toEqual([1, 2, 3, 4]);
  });
  it('has no sd/cv for one value and is null for none', () => {
    expect(aggregate([7])).toMatchObject({ n: 1, median: 7, sd: null, cv: null });
    expect(aggregate([])).toBeNull();
  });
  it('takes the middle value as median for odd n', () => {
    expect(aggregate([10, 1, 5])!.median).toBe(5);
  });
});

describe("Welch's t-test", () => {
  it('reproduces the textbook example (Wikipedia example 1, checked with scipy)', () => {
    const w = welch(aggregate(A1)!, aggregate(A2)!)!;
    expect(w.t).toBeCloseTo(2.455356398286006, 9);
    expect(w.df).toBeCloseTo(24.988529290231416, 9);
    expect(w.p).toBeCloseTo(0.021378001462866992, 9);
  });
  it('is symmetric: swapping samples flips t and keeps p', () => {
    const a = welch(aggregate(A1)!, aggregate(A2)!)!;
    const b = welch(aggregate(A2)!, aggregate(A1)!)!;
    expect(b.t).toBeCloseTo(-a.t, 12);
    expect(b.p).toBeCloseTo(a.p, 12);
  });
  it('needs two values per side', () => {
    expect(welch(aggregate([1])!, aggregate([1, 2])!)).toBeNull();
  });
  it('handles constant samples: p = 0 when the means differ, 1 when equal', () => {
    expect(welch(aggregate([5, 5])!, aggregate([6, 6])!)!.p).toBe(0);
    expect(welch(aggregate([5, 5])!, aggregate([5, 5])!)!.p).toBe(1);
  });
  it('gives a confidence interval that contains the difference and matches t quantiles', () => {
    const w = welch(aggregate(A1)!, aggregate(A2)!)!;
    const [lo, hi] = welchInterval(w, 0.95);
    expect(lo).toBeLessThan(w.diff);
    expect(hi).toBeGreaterThan(w.diff);
    // 0 lies outside the 95 % interval exactly because p < 0.05
    expect(lo).toBeGreaterThan(0);
    expect(welchInterval(w, 0.99)[0]).toBeLessThan(0); // p > 0.01
  });
});

describe('tQuantile / normalQuantile', () => {
  it('matches scipy.stats.t.ppf', () => {
    expect(tQuantile(0.975, 10)).toBeCloseTo(2.228138851986274, 8);
    expect(tQuantile(0.95, 1)).toBeCloseTo(6.313751514675037, 8);
    expect(tQuantile(0.95, 2)).toBeCloseTo(2.9199855803537242, 8);
    expect(tQuantile(0.999, 1.5)).toBeCloseTo(52.18443000899263, 6);
    expect(tQuantile(0.6, 3)).toBeCloseTo(0.2766706623326898, 8);
    expect(tQuantile(0.025, 10)).toBeCloseTo(-2.228138851986274, 8);
  });
  it('inverts the t CDF', () => {
    for (const df of [1.2, 3, 7.5, 30, 400])
      for (const q of [0.55, 0.9, 0.95, 0.995])
        expect(tcdf(tQuantile(q, df), df)).toBeCloseTo(q, 9);
  });
  it('normal quantile: 0.975 → 1.959964', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 7);
  });
});

describe('geometricMean', () => {
  it('is the n-th root of the product, skipping non-positive ratios', () => {
    expect(geometricMean([2, 8])).toBeCloseTo(4, 12);
    expect(geometricMean([0.5, 2])).toBeCloseTo(1, 12);
    expect(geometricMean([4, 0, -1, NaN])).toBeCloseTo(4, 12);
    expect(geometricMean([])).toBeNull();
  });
});

describe('tostP', () => {
  it('is below α exactly when the (1 − 2α) Welch interval lies inside ±margin', () => {
    const w = welch(aggregate(A1)!, aggregate(A2)!)!;
    const [lo, hi] = welchInterval(w, 0.9);
    const tight = Math.max(Math.abs(lo), Math.abs(hi));
    expect(tostP(w, tight * 1.001)).toBeLessThan(0.05);
    expect(tostP(w, tight * 0.999)).toBeGreaterThan(0.05);
    expect(tostP(w, tight)).toBeCloseTo(0.05, 6);
  });
});

describe('medianSelect', () => {
  // Without zeros: selection does not order −0 before +0 (pivot's medianOf sorts those).
  it('equals median() on any non-zero values, ties, sorted and reversed runs included', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc
            .oneof(
              fc.integer({ min: -5, max: 5 }),
              fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }),
            )
            .filter((v) => v !== 0),
          { minLength: 1, maxLength: 200 },
        ),
        fc.constantFrom('as is', 'sorted', 'reversed'),
        (values, arrangement) => {
          const xs = arrangement === 'as is' ? values : [...values].sort((a, b) => a - b);
          if (arrangement === 'reversed') xs.reverse();
          const a = Float64Array.from(xs);
          expect(medianSelect(a, a.length)).toBe(median(xs));
        },
      ),
    );
  });
});
