/**
 * Benjamini–Hochberg on known p-value sets (q-values worked by hand with R's p.adjust(p, "BH")
 * formula, the cumulative minimum of m·p(j)/j from the largest p down) and its properties.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bhAdjust, bhCutoff, bhKept } from './fdr';

describe('bhAdjust on known sets', () => {
  it('Benjamini & Hochberg (1995), the 15 p-values of their example: 4 kept at 0.05', () => {
    const p = [
      0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719,
      0.6528, 0.759, 1,
    ];
    // m·p/j: .0015 .003 .0095 .035625 .0603 .0695 .0638571 .0645 .0765 .486 .5811818 .714875
    // .7532308 .8132143 1, then the cumulative minimum from the end (j = 6 takes j = 7's value).
    const expected = [
      0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.0638571, 0.0638571, 0.0645, 0.0765, 0.486,
      0.5811818, 0.714875, 0.7532308, 0.8132143, 1,
    ];
    const q = bhAdjust(p);
    q.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
    expect(bhKept(p, 0.05)).toEqual(p.map((_, i) => i < 4));
    expect(
      bhCutoff(
        p.filter((v) => v < 0.05),
        p.length,
        0.05,
      ),
    ).toBe(0.0095);
  });

  it('equal steps: 0.01 … 0.05 all adjust to 0.05 (R: p.adjust(c(.05,.01,.03,.02,.04), "BH"))', () => {
    bhAdjust([0.05, 0.01, 0.03, 0.02, 0.04]).forEach((q) => expect(q).toBeCloseTo(0.05, 12));
    // 0.01 … 0.04 shifted up a little: nothing is kept, although each p < 0.05.
    expect(bhKept([0.0101, 0.0201, 0.0301, 0.0401, 0.0501], 0.05)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('a small example in scrambled order: p = (0.04, 0.001, 0.3, 0.02)', () => {
    // sorted 0.001 0.02 0.04 0.3, m = 4: 0.004 0.04 0.0533 0.3 → cummin: 0.004 0.04 0.0533 0.3
    const q = bhAdjust([0.04, 0.001, 0.3, 0.02]);
    expect(q[0]).toBeCloseTo(0.0533333, 6);
    expect(q[1]).toBeCloseTo(0.004, 9);
    expect(q[2]).toBeCloseTo(0.3, 9);
    expect(q[3]).toBeCloseTo(0.04, 9);
    expect(bhKept([0.04, 0.001, 0.3, 0.02], 0.05)).toEqual([false, true, false, true]);
  });

  it('one test: q = p; none: nothing', () => {
    expect(bhAdjust([0.03])).toEqual([0.03]);
    expect(bhAdjust([])).toEqual([]);
    expect(bhCutoff([], 0, 0.05)).toBe(-1);
  });

  it('a large p never exceeds 1; a later small p can lower an earlier q (step-up)', () => {
    // m = 2: 2·0.6/1 = 1.2 → capped by the cumulative min with 2·0.7/2 = 0.7
    expect(bhAdjust([0.6, 0.7])).toEqual([0.7, 0.7]);
  });
});

const pArb = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 0, maxLength: 40 });

describe('bhAdjust properties', () => {
  it('q ≥ p, q ≤ 1, and monotone: a smaller p never gets a larger q', () => {
    fc.assert(
      fc.property(pArb, (p) => {
        const q = bhAdjust(p);
        p.forEach((pi, i) => {
          expect(q[i]!).toBeGreaterThanOrEqual(pi);
          expect(q[i]!).toBeLessThanOrEqual(1);
          p.forEach((pj, j) => {
            if (pi <= pj) expect(q[i]!).toBeLessThanOrEqual(q[j]!);
          });
        });
      }),
    );
  });

  it('invariant to order: a permutation of the p-values permutes the q-values', () => {
    fc.assert(
      fc.property(
        pArb.chain((p) =>
          fc.tuple(
            fc.constant(p),
            fc.shuffledSubarray(
              p.map((_, i) => i),
              { minLength: p.length },
            ),
          ),
        ),
        ([p, perm]) => {
          const q = bhAdjust(p);
          const qPerm = bhAdjust(perm.map((i) => p[i]!));
          perm.forEach((i, k) => expect(qPerm[k]).toBe(q[i]));
        },
      ),
    );
  });

  it('bhCutoff from the p-values below α alone keeps exactly the tests with q < α', () => {
    const alphaArb = fc.constantFrom(0.05, 0.01, 0.1);
    fc.assert(
      fc.property(pArb, alphaArb, (p, alpha) => {
        const cutoff = bhCutoff(
          p.filter((v) => v < alpha),
          p.length,
          alpha,
        );
        const kept = bhKept(p, alpha);
        p.forEach((v, i) => expect(v <= cutoff).toBe(kept[i]));
      }),
    );
  });

  it('brute force: q(i) = min over j with p(j) ≥ p(i) of min(1, m·p(j)/rank(j))', () => {
    fc.assert(
      fc.property(pArb, (p) => {
        const m = p.length;
        const sorted = [...p].sort((a, b) => a - b);
        const q = bhAdjust(p);
        p.forEach((pi, i) => {
          let best = 1;
          sorted.forEach((pj, j) => {
            if (pj >= pi) best = Math.min(best, (m * pj) / (j + 1));
          });
          expect(q[i]).toBeCloseTo(best, 12);
        });
      }),
    );
  });
});
