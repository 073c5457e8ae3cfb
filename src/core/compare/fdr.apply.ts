/**
 * Benjamini–Hochberg control of a comparison's "improvement/regression" words (issue 15.4; the
 * rule in words is at the top of verdict.ts). One family per delta metric: the cells where that
 * metric was t-tested (both sides ≥ 2 runs). A delta the t-test called a difference (p < α) keeps
 * its word only when its BH q < α over the family; otherwise it becomes `inconclusive`, its
 * sentence says why, and when it is the cell's primary metric the cell's verdict and notes follow.
 * p-values are never changed: they stay visible next to the verdict.
 *
 * Two implementations, compared by reference.test.ts: applyFdrReference() (plain: every exact
 * p-value, bhAdjust) for referenceCompare(), and applyFdr() for compare(), which computes exact
 * p-values only where the t-test already rejected and decides by bhCutoff(). For compare()'s own
 * cells applyFdr() hands over to lazyFdr() (fdr.lazy.ts): each metric's family is adjusted only
 * when its decisions are read, so compare() pays for the primary metric's family alone.
 */
import type { MetricField } from '../model/record.types';
import type { CellComparison, Comparison, MetricDelta } from './compare.types';
import { deltaOf } from './cell';
import { bhAdjust, bhCutoff } from './fdr';
import { ALPHA, DELTA_METRICS, fdrDemotedDeltaText, fdrNote } from './verdict';
import { allCells, lazyFdr } from './fdr.lazy';
export { fdrNote };

/** BH over one delta metric's t-tested cells. */
export interface FdrFamily {
  metric: MetricField;
  /** Cells where the metric was t-tested (both sides ≥ 2 runs): BH's m. */
  tested: number;
  /** Of those, differences by the t-test alone (p < α). */
  significant: number;
  /** Of those, differences kept by BH (q < α). */
  kept: number;
  /** The largest p-value kept (every tested cell with p ≤ it is kept); null when none. */
  cutoffP: number | null;
}

/** What applyFdr() did to a comparison (`Comparison.fdr`). */
export interface ComparisonFdr {
  method: 'benjamini-hochberg';
  alpha: number;
  /** One per delta metric, in DELTA_METRICS order. */
  families: FdrFamily[];
}

const isDifference = (v: string): boolean => v === 'improvement' || v === 'regression';

/** The primary delta metric of a cell (the one its verdict comes from), or null. */
function primaryMetric(c: CellComparison): MetricField | null {
  for (const m of DELTA_METRICS) if (deltaOf(c, m) !== undefined) return m;
  return null;
}

/**
 * BH over the cells of `comparison`, in place (compare() calls it; compareSliced() calls it once
 * over all its chunks' cells). Returns the comparison, with `fdr` set.
 */
export function applyFdr(comparison: Comparison): Comparison {
  if (allCells(comparison.cells)) return lazyFdr(comparison, comparison.cells);
  return applyFdrEager(comparison);
}

/** applyFdr() deciding every family now (cells of any kind; the server's, the tests'). */
export function applyFdrEager(comparison: Comparison): Comparison {
  const families: FdrFamily[] = [];
  for (const metric of DELTA_METRICS) {
    let tested = 0;
    const candidates: CellComparison[] = [];
    for (const c of comparison.cells) {
      const d = deltaOf(c, metric); // a reused object: read now
      if (d === undefined || d.singleRun) continue;
      tested++;
      if (isDifference(d.verdict)) candidates.push(c);
    }
    const small = candidates.map((c) => c.deltas[metric]!.pValue ?? 1);
    const cutoff = bhCutoff([...small], tested, ALPHA);
    let kept = 0;
    candidates.forEach((c, i) => {
      if (small[i]! <= cutoff) kept++;
      else demote(c, metric, tested, comparison.spec.thresholdPct);
    });
    families.push(family(metric, tested, candidates.length, kept, cutoff));
  }
  comparison.fdr = { method: 'benjamini-hochberg', alpha: ALPHA, families };
  return comparison;
}

/** applyFdr() written plainly: every tested cell's exact p-value, q-values from bhAdjust(). */
export function applyFdrReference(comparison: Comparison): Comparison {
  const families: FdrFamily[] = [];
  for (const metric of DELTA_METRICS) {
    const tested = comparison.cells.filter((c) => c.deltas[metric]?.pValue != null);
    const q = bhAdjust(tested.map((c) => c.deltas[metric]!.pValue!));
    const significant = tested.filter((c) => isDifference(c.deltas[metric]!.verdict));
    const keptP = tested
      .filter((c, i) => isDifference(c.deltas[metric]!.verdict) && q[i]! < ALPHA)
      .map((c) => c.deltas[metric]!.pValue!);
    tested.forEach((c, i) => {
      if (isDifference(c.deltas[metric]!.verdict) && !(q[i]! < ALPHA))
        demote(c, metric, tested.length, comparison.spec.thresholdPct);
    });
    const cutoff = keptP.length ? Math.max(...keptP) : -1;
    families.push(family(metric, tested.length, significant.length, keptP.length, cutoff));
  }
  comparison.fdr = { method: 'benjamini-hochberg', alpha: ALPHA, families };
  return comparison;
}

function family(
  metric: MetricField,
  tested: number,
  significant: number,
  kept: number,
  cutoff: number,
): FdrFamily {
  return { metric, tested, significant, kept, cutoffP: cutoff < 0 ? null : cutoff };
}

/** "… → inconclusive (p=0.030, not significant after FDR control: q ≥ 0.05 over 40 cells)". */
export function fdrDemotedText(d: MetricDelta, thresholdPct: number, tested: number): string {
  return fdrDemotedDeltaText(d.metric, d.pct, d.pValue, thresholdPct, tested);
}

/** Turns the difference of `metric` in cell `c` into `inconclusive` (the cell too when primary). */
function demote(
  c: CellComparison,
  metric: MetricField,
  tested: number,
  thresholdPct: number,
): void {
  const d = c.deltas[metric]!;
  const was = d.verdict;
  d.text = fdrDemotedText(d, thresholdPct, tested);
  d.verdict = 'inconclusive';
  if (primaryMetric(c) === metric) {
    c.verdict = 'inconclusive';
    c.notes = [...c.notes, fdrNote(was, tested)];
  }
}

/**
 * The BH q-value of every cell where `metric` was t-tested, by cell key (display: the panel,
 * the JSON). Computes every exact p-value of the family, so call it once per comparison and metric.
 */
export function fdrQValues(comparison: Comparison, metric: MetricField): Map<string, number> {
  const keys: string[] = [];
  const p: number[] = [];
  for (const c of comparison.cells) {
    const d = deltaOf(c, metric);
    if (d === undefined || d.singleRun) continue;
    const pValue = c.deltas[metric]?.pValue;
    if (pValue === null || pValue === undefined) continue;
    keys.push(c.key);
    p.push(pValue);
  }
  const q = bhAdjust(p);
  return new Map(keys.map((k, i) => [k, q[i]!]));
}
