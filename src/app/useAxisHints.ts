import { useEffect, useMemo, useState } from 'react';
import { axisHintSteps, countPairs, dimensionValue } from '../core/compare';
import type { AxisFix, Comparison, ComparisonSpec } from '../core/compare';
import type { Dimension, ResultRecord } from '../core/model/record.types';
import { DEFAULT_COLS, DEFAULT_ROWS } from '../core/url-state/url-state.types';
import type { ViewState } from '../core/url-state/url-state.types';
import type { HintState } from '../features/compare-bar/AxisHintView';
import { NO_HINTS } from '../features/compare-bar/AxisHintView';
import { yieldToBrowser } from './compare-sliced';

/**
 * Why the comparison is empty or thin, and its fixes (axisHints), for the comparison bar and the
 * empty state. Computed only when needed: when the comparison pairs no cell, or when a shown set
 * pairs nothing while others do (its records alone are then searched). When filters are on and
 * the comparison without them pairs cells, the filters are the cause (and nothing else is
 * searched). The search runs in steps with a yield to the browser between them, so large data
 * never blocks the page; a newer view cancels it.
 */
export function useAxisHints({
  records,
  filtered,
  filters,
  comparison,
  pending,
  spec,
  sets,
  off = false,
}: {
  /** Records of the shown sets (no filter). */
  records: readonly ResultRecord[];
  /** Those that pass the filters. */
  filtered: readonly ResultRecord[];
  filters: ViewState['filters'];
  /** The comparison shown (of the filtered records). */
  comparison: Comparison;
  /** The comparison is being recomputed: wait for it. */
  pending: boolean;
  spec: Partial<ComparisonSpec>;
  /** The shown sets. */
  sets: readonly { name: string }[];
  /**
   * No search: the comparison is the team server's, whose records are not here (a search over
   * none would only say that no records are loaded).
   */
  off?: boolean;
}): HintState {
  const filtering = Object.values(filters).some((v) => v && v.length > 0);
  const cells = comparison.cells.length;
  // Shown sets that pair nothing while others do (only without filters, which select cells).
  const unpairedSets = useMemo(() => {
    if (pending || cells === 0 || filtering || spec.poolSets || spec.axis === 'set') return [];
    const paired = new Set<string>();
    for (const c of comparison.cells) paired.add(c.cell.set ?? '');
    return sets.map((s) => s.name).filter((n) => !paired.has(n));
  }, [pending, cells, filtering, spec.poolSets, spec.axis, comparison, sets]);
  const needed = !off && !pending && (cells === 0 || unpairedSets.length > 0);

  const key = useMemo(
    () => ({ records, filtered, spec, unpairedSets, filtering, needed }),
    [records, filtered, spec, unpairedSets, filtering, needed],
  );
  const [done, setDone] = useState<{ key: unknown; value: HintState } | null>(null);
  useEffect(() => {
    if (!needed) return;
    let cancelled = false;
    const run = async () => {
      await yieldToBrowser(); // let the view that needs the hint paint first
      if (cancelled) return;
      if (cells === 0 && filtering) {
        const unfiltered = countPairs(records, spec);
        if (unfiltered > 0) {
          if (!cancelled)
            setDone({
              key,
              value: { hints: [], scope: [], filtersCause: unfiltered, pending: false },
            });
          return;
        }
      }
      let scope = cells === 0 ? (filtering ? filtered : records) : records;
      if (unpairedSets.length > 0) {
        const only = new Set(unpairedSets);
        scope = records.filter((r) => only.has(r.set));
      }
      const steps = axisHintSteps(scope, spec);
      for (;;) {
        const s = steps.next();
        if (s.done) {
          if (!cancelled)
            setDone({
              key,
              value: { hints: s.value, scope: unpairedSets, filtersCause: null, pending: false },
            });
          return;
        }
        await yieldToBrowser();
        if (cancelled) return;
      }
    };
    void run();
    return () => {
      cancelled = true;
    };
    // `key` holds every input; cells follows from comparison, which `needed` reflects.
  }, [key]);

  if (!needed) return NO_HINTS;
  if (done && done.key === key) return done.value;
  return { ...NO_HINTS, pending: true };
}

/**
 * The pivot layout for a fix's axis: the default rows and columns that vary among the records the
 * fix compares (less the axis), completed with the workload dimensions that vary there (iodepth,
 * numjobs, …) so that the cells the fix pairs show apart rather than averaged into one.
 */
export function layoutForFix(
  fix: AxisFix,
  records: readonly ResultRecord[],
): { rows: Dimension[]; cols: Dimension[] } {
  const candidates: Dimension[] = [
    ...DEFAULT_ROWS,
    ...DEFAULT_COLS,
    'iodepth',
    'numjobs',
    'bs',
    'vms',
    'bus',
    'cache',
    'format',
  ];
  const seen = new Map<Dimension, Set<string>>(candidates.map((d) => [d, new Set<string>()]));
  for (const r of records) {
    const a = dimensionValue(r, fix.axis);
    if (a !== fix.baseline && a !== fix.candidate) continue;
    for (const [d, vs] of seen) if (vs.size < 2) vs.add(dimensionValue(r, d));
  }
  const varies = (d: Dimension) => d !== fix.axis && (seen.get(d)?.size ?? 0) >= 2;
  const rows: Dimension[] = DEFAULT_ROWS.filter(varies);
  const cols: Dimension[] = DEFAULT_COLS.filter(varies);
  const more = candidates.filter((d) => varies(d) && !rows.includes(d) && !cols.includes(d));
  if (rows.length === 0) rows.push(more.shift() ?? DEFAULT_ROWS.find((d) => d !== fix.axis)!);
  if (cols.length < 2 && more.length > 0) cols.push(more.shift()!);
  return { rows, cols };
}
