/**
 * Summaries over any group of comparison cells.
 *
 * Sign convention (decided once, used everywhere): every percentage in aio-dash is
 * 100 × (candidate − baseline) / baseline. A group's `geoMeanPct` is 100 × (G − 1) where G is the
 * geometric mean of the cells' candidate/baseline median ratios — NOT inverted for latency, so a
 * group's number reads exactly like its cells' numbers: for IOPS/bandwidth > 0 is better, for
 * latency < 0 is better. `lowerIsBetter` and `text` state the direction in every summary
 * ("latency geo-mean −8.1% (lower is better) → candidate better").
 */
import type { Dimension, MetricField } from '../model/record.types';
import { LOWER_IS_BETTER } from '../model/record.types';
import type { CellComparison, Comparison, GroupSummary, Verdict } from './compare.types';
import { VERDICTS } from './compare.types';
import { compareTuples, joinKey } from './dimensions';
import { geometricMean } from './stats';
import { deltaOf, newDeltaReading } from './cell';
import { sideMedian } from './cell.side';
import { METRIC_LABELS, formatPct } from './verdict';

/** candidate/baseline ratio of the medians of `metric` in one cell (null when either is missing). */
export function cellRatio(cell: CellComparison, metric: MetricField): number | null {
  const b = sideMedian(cell.baseline, metric);
  const c = sideMedian(cell.candidate, metric);
  if (b === undefined || c === undefined || !(b > 0) || !(c > 0)) return null;
  return c / b;
}

/** Empty verdict counter. */
export function verdictCounts(): Record<Verdict, number> {
  return Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
}

/** Summary of `cells` (one group) on `metric`. Cells without that metric count as inconclusive. */
export function summarizeCells(
  cells: readonly CellComparison[],
  metric: MetricField = 'iops',
  group: Record<string, string> = {},
  thresholdPct = 5,
): GroupSummary {
  const lowerIsBetter = LOWER_IS_BETTER.has(metric);
  const byVerdict = verdictCounts();
  const ratios: number[] = [];
  let best: CellComparison | null = null;
  let worst: CellComparison | null = null;
  let bestGain = -Infinity;
  let worstGain = Infinity;
  const reading = newDeltaReading();
  for (const c of cells) {
    const d = deltaOf(c, metric, reading);
    byVerdict[d?.verdict ?? 'inconclusive']++;
    const r = cellRatio(c, metric);
    if (r === null || !d) continue;
    ratios.push(r);
    const pct: number = d.pct;
    const gain = lowerIsBetter ? -pct : pct;
    if (gain > bestGain || (gain === bestGain && best !== null && c.key < best.key)) {
      bestGain = gain;
      best = c;
    }
    if (gain < worstGain || (gain === worstGain && worst !== null && c.key < worst.key)) {
      worstGain = gain;
      worst = c;
    }
  }
  const g = geometricMean(ratios);
  const geoMeanPct = g === null ? null : 100 * (g - 1);
  const counts = VERDICTS.filter((v) => byVerdict[v] > 0)
    .map((v) => `${byVerdict[v]} ${v}`)
    .join(', ');
  const text =
    geoMeanPct === null
      ? `${METRIC_LABELS[metric]}: no cell measured on both sides (${cells.length} cells)`
      : `${METRIC_LABELS[metric]} geo-mean ${formatPct(geoMeanPct)} over ${ratios.length} cell${ratios.length === 1 ? '' : 's'} ` +
        `(${lowerIsBetter ? 'lower' : 'higher'} is better) → candidate ${
          Math.abs(geoMeanPct) < thresholdPct
            ? `about equal (|Δ| < ${thresholdPct}%)`
            : geoMeanPct < 0 === lowerIsBetter
              ? 'better'
              : 'worse'
        }; ${counts}`;
  return {
    group,
    cells: cells.length,
    geoMeanPct,
    byVerdict,
    best,
    worst,
    metric,
    lowerIsBetter,
    text,
  };
}

/**
 * Summaries of `comparison` grouped by `by` (e.g. ['medium'], ['prealloc'], ['storage','medium']);
 * `by = []` gives one overall summary. Groups are in natural order of their values.
 */
export function summarize(
  comparison: Comparison,
  by: readonly Dimension[],
  metric: MetricField = 'iops',
): GroupSummary[] {
  const groups = new Map<string, { values: string[]; cells: CellComparison[] }>();
  for (const c of comparison.cells) {
    const values = by.map((d) => c.cell[d] ?? '');
    const k = joinKey(values);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { values, cells: [] }));
    g.cells.push(c);
  }
  return [...groups.values()]
    .sort((a, b) => compareTuples(a.values, b.values))
    .map((g) => {
      const group: Record<string, string> = {};
      by.forEach((d, i) => (group[d] = g.values[i]!));
      return summarizeCells(g.cells, metric, group, comparison.spec.thresholdPct);
    });
}
