/**
 * Benjamini–Hochberg false discovery rate control (pure). With many cells tested at once, about
 * α of the cells with no real difference would pass a plain p < α; BH keeps the expected share
 * of false "improvement/regression" words among those given at or below α instead.
 *
 * q-values as R's p.adjust(p, "BH"): with the m p-values sorted ascending,
 *   q(i) = min over j ≥ i of min(1, m · p(j) / j),
 * returned in the input's order. A test is kept (a discovery) when q < α; equivalently when its
 * p ≤ the cutoff bhCutoff() returns, which needs only the p-values below α and m — the engine's
 * way, since an exact p-value is only computed where the t-test already rejected.
 */

/** BH-adjusted q-values of `pValues` (each in [0, 1]; NaN is taken as 1), in the input's order. */
export function bhAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((_, i) => i);
  const p = pValues.map((v) => (v >= 0 && v <= 1 ? v : v < 0 ? 0 : 1));
  order.sort((a, b) => p[a]! - p[b]! || a - b);
  const q = new Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const i = order[rank - 1]!;
    // R's expression (m / rank) · p, so that values on a boundary round as R's do; q ≥ p holds
    // in exact arithmetic, the max() keeps it in floating point too.
    running = Math.min(running, (m / rank) * p[i]!);
    q[i] = Math.max(running, p[i]!);
  }
  return q;
}

/** Whether each test is kept at level `alpha` (q < alpha), in the input's order. */
export function bhKept(pValues: readonly number[], alpha: number): boolean[] {
  return bhAdjust(pValues).map((q) => q < alpha);
}

/**
 * The largest p-value BH keeps at level `alpha` among `m` tests, given only the p-values that
 * are below `alpha` (`small`, any order; the others can never be kept since q ≥ p): every test
 * with p ≤ the cutoff is kept. −1 when none is kept. `small` is sorted in place.
 */
export function bhCutoff(small: number[], m: number, alpha: number): number {
  small.sort((a, b) => a - b);
  // q(k) < α ⇔ some j ≥ k has m·p(j)/j < α; the largest such j bounds every kept test.
  for (let j = small.length; j >= 1; j--) if ((m / j) * small[j - 1]! < alpha) return small[j - 1]!;
  return -1;
}
