/**
 * The tail-regression verdict written plainly (what tailVerdicts() MEANS), over the plain
 * comparison engine (referenceCompare): per side the median of the repeats' p99.9 and maximum,
 * the primary metric's pct from the reference deltas, the rule of tail-verdict.ts spelled out.
 * Never used by the product; tail-verdict.test.ts checks the fast path returns the same.
 * Shared on purpose: the sentence (tailText).
 */
import type { ResultRecord } from '../model/record.types';
import { LOWER_IS_BETTER } from '../model/record.types';
import type { ComparisonSpec } from './compare.types';
import { referenceCompare } from './reference';
import { DELTA_METRICS } from './verdict';
import { STALL_RATIO, TAIL_METRICS, tailText } from './tail-verdict';
import type { TailMetric, TailSide, TailVerdict } from './tail-verdict';

function plainMedian(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function plainSide(used: readonly ResultRecord[]): TailSide {
  const finite = (v: number | null): v is number => v !== null && Number.isFinite(v);
  const p999: (number | null)[] = used.map((r) => r.lat_p999_us);
  const max: (number | null)[] = used.map((r) => r.lat_max_us);
  return {
    n: used.filter((r) => finite(r.lat_p999_us) || finite(r.lat_max_us)).length,
    lat_p999_us: plainMedian(p999.filter(finite)),
    lat_max_us: plainMedian(max.filter(finite)),
  };
}

/** Cell key → tail verdict, for every cell of referenceCompare(records, spec) that has one. */
export function referenceTailVerdicts(
  records: readonly ResultRecord[],
  spec: Partial<ComparisonSpec> = {},
): Map<string, TailVerdict> {
  const comparison = referenceCompare(records, spec);
  const T = comparison.spec.thresholdPct;
  const out = new Map<string, TailVerdict>();
  for (const c of comparison.cells) {
    const primary = DELTA_METRICS.find((m) => c.deltas[m] !== undefined);
    if (primary === undefined) continue;
    const pct: number = c.deltas[primary]!.pct;
    // The primary metric improves or holds: not worse by the threshold or more.
    const holds = LOWER_IS_BETTER.has(primary) ? pct < T : pct > -T;
    if (!holds) continue;
    const baseline = plainSide(c.baseline.used);
    const candidate = plainSide(c.candidate.used);
    const ratios: Record<TailMetric, number | null> = { lat_p999_us: null, lat_max_us: null };
    for (const m of TAIL_METRICS) {
      const b = baseline[m];
      const x = candidate[m];
      ratios[m] = b !== null && x !== null && b > 0 ? x / b : null;
    }
    const worsened = TAIL_METRICS.filter((m) => ratios[m] !== null && ratios[m] >= 1 + T / 100);
    if (worsened.length === 0) continue;
    // The larger ratio; p99.9 (listed first) on a tie.
    const metric = worsened.reduce((a, m) => (ratios[m]! > ratios[a]! ? m : a));
    const ratio = ratios[metric]!;
    out.set(c.key, {
      primary,
      primaryPct: pct,
      metric,
      ratio,
      ratios,
      baseline,
      candidate,
      stall: ratio >= STALL_RATIO,
      singleRun: baseline.n < 2 || candidate.n < 2,
      text: tailText(primary, pct, metric, ratio),
    });
  }
  return out;
}
