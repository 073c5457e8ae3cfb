/**
 * Log₁₀ axes of the tail charts (percentile curve, latency over time): latency spans decades, so
 * a stall of 800 ms and a median of 100 µs must both be readable. Scales build on svg-scale.ts.
 */
import { linearScale } from './svg-scale';
import type { Scale } from './svg-scale';

/** Log₁₀ map of [d0, d1] (both > 0) onto [r0, r1]; values ≤ 0 map to the low end. */
export function log10Scale(domain: [number, number], range: [number, number]): Scale {
  const lin = linearScale([Math.log10(domain[0]), Math.log10(domain[1])], range);
  return (v) => lin(Math.log10(v > 0 ? v : domain[0]));
}

/**
 * Whole decades around [lo, hi] (positive values; others are ignored) and the ticks on them:
 * 1-2-5 steps when the span is at most 3 decades, else decades only.
 */
export function log10Ticks(lo: number, hi: number): { domain: [number, number]; ticks: number[] } {
  const a = lo > 0 && Number.isFinite(lo) ? lo : hi > 0 && Number.isFinite(hi) ? hi : 1;
  const b = hi > 0 && Number.isFinite(hi) ? Math.max(hi, a) : a;
  let e0 = Math.floor(Math.log10(a) + 1e-9);
  let e1 = Math.ceil(Math.log10(b) - 1e-9);
  if (e1 <= e0) e1 = e0 + 1;
  if (e1 - e0 > 9) e0 = e1 - 9;
  const steps = e1 - e0 <= 3 ? [1, 2, 5] : [1];
  const ticks: number[] = [];
  for (let e = e0; e <= e1; e++)
    for (const m of steps) {
      const v = m * 10 ** e;
      if (v <= 10 ** e1 * (1 + 1e-9)) ticks.push(Number(v.toPrecision(12)));
    }
  return { domain: [10 ** e0, 10 ** e1], ticks };
}

/** Latency for reading: 412 µs, 1.9 ms, 820 ms, 1.2 s (three significant digits at most). */
export function formatLatency(us: number | null | undefined, lang: string = 'en'): string {
  if (us === null || us === undefined || !Number.isFinite(us)) return '—';
  const nf = (n: number) =>
    new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', {
      maximumSignificantDigits: n >= 10 ? 3 : 2,
    }).format(n);
  if (us < 1000) return `${nf(us)} µs`;
  if (us < 1_000_000) return `${nf(us / 1000)} ms`;
  return `${nf(us / 1_000_000)} s`;
}

/** Seconds for an axis or a summary: 12.4 s. */
export function formatSeconds(ms: number, lang: string = 'en'): string {
  const s = ms / 1000;
  return `${new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', {
    maximumFractionDigits: s < 10 ? 2 : 1,
  }).format(s)} s`;
}
