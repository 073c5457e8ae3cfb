/**
 * Scales and ticks for the hand-drawn SVG charts (sweep, grid). Recharts is not used there: its
 * range areas and composed charts would add to the lazy chunk what a few lines draw directly.
 */

export type Scale = (v: number) => number;

/** Linear map of [d0, d1] onto [r0, r1] (a zero-width domain maps to the middle). */
export function linearScale(domain: [number, number], range: [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (d1 === d0) return () => (r0 + r1) / 2;
  return (v) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0);
}

/** Log₂ map of [d0, d1] (both > 0) onto [r0, r1]. */
export function log2Scale(domain: [number, number], range: [number, number]): Scale {
  const lin = linearScale([Math.log2(domain[0]), Math.log2(domain[1])], range);
  return (v) => lin(Math.log2(v));
}

/**
 * A padded domain for x values: half a step beyond the ends on log₂ (one step = ×2), 4% of the
 * span on a linear axis, so end markers are not cut by the frame.
 */
export function xDomain(values: readonly number[], log2: boolean): [number, number] {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (log2) return [lo / Math.SQRT2, hi * Math.SQRT2];
  const pad = hi === lo ? Math.max(1, Math.abs(lo) * 0.1) : (hi - lo) * 0.04;
  return [lo - pad, hi + pad];
}

/** Round tick step (1, 2 or 5 × 10^k) giving about `count` intervals over `span`. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0)) return 1;
  const raw = span / Math.max(1, count);
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

/** [0, nice max] for non-negative values (metrics are drawn from zero), with its ticks. */
export function zeroBasedTicks(
  max: number,
  count = 4,
): { domain: [number, number]; ticks: number[] } {
  const top = max > 0 ? max : 1;
  const step = niceStep(top, count);
  const end = Math.ceil(top / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= end + step / 2; v += step) ticks.push(Math.round(v / step) * step);
  return { domain: [0, end], ticks };
}

/** A symmetric domain ±lim around 0 covering `values` and ±`floor`, with ticks. */
export function symmetricTicks(
  values: readonly number[],
  floor: number,
  count = 2,
): { domain: [number, number]; ticks: number[] } {
  const m = Math.max(floor, ...values.map((v) => Math.abs(v)));
  const step = niceStep(m, count);
  const lim = Math.ceil(m / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = -lim; v <= lim + step / 2; v += step) ticks.push(Math.round(v / step) * step);
  return { domain: [-lim, lim], ticks };
}
