import { describe, expect, it } from 'vitest';
import { DEFAULT_STALL_K, detectStalls, medianOf, stallK } from './stalls';

describe('medianOf', () => {
  it('takes the middle of odd and even counts, skipping non-finite values', () => {
    expect(medianOf([5, 1, 3])).toBe(3);
    expect(medianOf([4, 1, 3, 2])).toBe(2.5);
    expect(medianOf([NaN, 7, Infinity])).toBe(7);
    expect(medianOf([])).toBeNull();
  });
});

describe('stallK', () => {
  it('keeps a usable k and falls back to the default otherwise', () => {
    expect(stallK(5)).toBe(5);
    expect(stallK(1)).toBe(DEFAULT_STALL_K);
    expect(stallK(NaN)).toBe(DEFAULT_STALL_K);
    expect(stallK(undefined)).toBe(DEFAULT_STALL_K);
  });
});

describe('detectStalls', () => {
  // One I/O per 10 ms at 100 µs, with an 820 ms I/O completing at 12.4 s and two close ones.
  const t: number[] = [];
  const v: number[] = [];
  for (let ms = 10; ms <= 20_000; ms += 10) {
    t.push(ms);
    v.push(ms === 12_400 ? 820_000 : ms === 5_000 || ms === 5_010 ? 50_000 : 100);
  }

  it('finds each held-up span, merges overlapping I/O, and names the longest', () => {
    const r = detectStalls(t, v, { k: 10 });
    expect(r.medianUs).toBe(100);
    expect(r.thresholdUs).toBe(1000);
    expect(r.stalls).toHaveLength(2);
    const [first, second] = r.stalls;
    // 50 ms I/O completing at 5000 and 5010: spans [4950, 5000] and [4960, 5010] merge.
    expect(first).toMatchObject({ startMs: 4950, endMs: 5010, samples: 2, durationMs: 60 });
    expect(second).toMatchObject({ startMs: 11_580, endMs: 12_400, peakUs: 820_000 });
    expect(second!.durationMs).toBeCloseTo(820, 9);
    expect(r.longest).toBe(second);
  });

  it('follows k: a higher threshold drops the smaller stall', () => {
    const r = detectStalls(t, v, { k: 1000 });
    expect(r.stalls.map((s) => s.peakUs)).toEqual([820_000]);
  });

  it('widens a sample of an averaged log to its window', () => {
    const r = detectStalls([1000, 2000, 3000, 4000], [100, 100, 5000, 100], { avgMs: 1000 });
    expect(r.stalls).toEqual([
      { startMs: 2000, endMs: 3000, durationMs: 1000, peakUs: 5000, peakAtMs: 3000, samples: 1 },
    ]);
  });

  it('has no stalls on an empty or all-zero series, and does not throw', () => {
    expect(detectStalls([], [])).toMatchObject({ medianUs: null, stalls: [], longest: null });
    expect(detectStalls([1, 2], [0, 0])).toMatchObject({ medianUs: 0, thresholdUs: null });
  });

  it('agrees with a brute-force scan of which milliseconds are held up', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const tt: number[] = [];
    const vv: number[] = [];
    for (let i = 0; i < 3000; i++) {
      tt.push(i * 3 + Math.floor(rnd() * 3));
      vv.push(rnd() < 0.01 ? 2000 + rnd() * 60_000 : 100 + rnd() * 50);
    }
    const r = detectStalls(tt, vv, { k: 10 });
    const held = new Set<number>();
    for (let i = 0; i < tt.length; i++)
      if (vv[i]! > r.thresholdUs!)
        for (let ms = Math.ceil(tt[i]! - vv[i]! / 1000); ms <= tt[i]!; ms++) held.add(ms);
    const covered = new Set<number>();
    for (const s of r.stalls)
      for (let ms = Math.ceil(s.startMs); ms <= s.endMs; ms++) covered.add(ms);
    expect([...covered].sort((a, b) => a - b)).toEqual([...held].sort((a, b) => a - b));
    for (let i = 1; i < r.stalls.length; i++)
      expect(r.stalls[i]!.startMs).toBeGreaterThan(r.stalls[i - 1]!.endMs);
  });
});
