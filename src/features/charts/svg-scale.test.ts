import { describe, expect, it } from 'vitest';
import {
  linearScale,
  log2Scale,
  niceStep,
  symmetricTicks,
  xDomain,
  zeroBasedTicks,
} from './svg-scale';

describe('svg scales', () => {
  it('spaces powers of two evenly on log₂', () => {
    const s = log2Scale([1, 64], [0, 60]);
    expect([1, 2, 4, 64].map(s)).toEqual([0, 10, 20, 60]);
    expect(linearScale([0, 10], [100, 0])(5)).toBe(50);
  });
  it('pads the x domain so end markers stay inside', () => {
    const [lo, hi] = xDomain([1, 64], true);
    expect(lo).toBeLessThan(1);
    expect(hi).toBeGreaterThan(64);
    expect(xDomain([2, 2], false)).toEqual([1, 3]);
  });
  it('gives round ticks from zero and symmetric delta ticks', () => {
    expect(niceStep(45_663, 4)).toBe(20_000);
    expect(zeroBasedTicks(45_663)).toEqual({
      domain: [0, 60_000],
      ticks: [0, 20_000, 40_000, 60_000],
    });
    const d = symmetricTicks([-3, 12.5], 10);
    expect(d.domain).toEqual([-20, 20]);
    expect(d.ticks).toEqual([-20, -10, 0, 10, 20]);
  });
});
