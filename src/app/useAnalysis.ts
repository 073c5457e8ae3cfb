import { useEffect, useMemo, useRef, useState } from 'react';
import { compare, extraDimensions, pivot } from '../core/compare';
import type { Comparison, ComparisonSpec, FacetCount, Pivot, PivotSpec } from '../core/compare';
import { ENVIRONMENT_FIELDS } from '../core/model/record.types';
import type { Dimension, ResultRecord } from '../core/model/record.types';
import { activeFilters } from '../features/filters/filter';
import type { Filters } from '../features/filters/filter';
import {
  buildFacetIndex,
  buildFacetIndexSliced,
  facetQuery,
} from '../features/filters/facet-index';
import type { FacetIndex } from '../features/filters/facet-index';
import { Cancelled, compareSliced, yieldToBrowser } from './compare-sliced';

/** Above this many records the heavy steps run in slices (no main-thread task over ~100 ms). */
export const LARGE = 20_000;

/**
 * A value computed synchronously for small inputs and in slices for large ones. While a sliced
 * computation runs, the last finished value stays in view (`pending` says so).
 */
function useSliced<T>(
  key: unknown,
  large: boolean,
  sync: () => T,
  sliced: (isCancelled: () => boolean) => Promise<T | null>,
): { value: T | null; pending: boolean } {
  const syncValue = useMemo(() => (large ? null : sync()), [key, large]);
  const [done, setDone] = useState<{ key: unknown; value: T } | null>(null);
  const last = useRef<T | null>(null);
  useEffect(() => {
    if (!large) return;
    let cancelled = false;
    sliced(() => cancelled).then(
      (value) => {
        if (!cancelled && value !== null) setDone({ key, value });
      },
      (e: unknown) => {
        if (!(e instanceof Cancelled)) throw e;
      },
    );
    return () => {
      cancelled = true;
    };
  }, [key, large]);
  const fresh = syncValue ?? (done && done.key === key ? done.value : null);
  if (fresh !== null) last.current = fresh;
  return { value: fresh ?? last.current, pending: fresh === null };
}

export interface Analysis {
  /** Dimensions offered as facets and pivot rows/columns (environment fields but set, then extras). */
  dims: Dimension[];
  facets: Record<string, FacetCount[]>;
  /** Enabled records that pass the filters. */
  filtered: readonly ResultRecord[];
  /** The comparison of the filtered records. */
  comparison: Comparison | null;
  /** A sliced computation is running; the values shown are the last finished ones. */
  pending: boolean;
  /** The data is large: heavy steps run in slices. */
  large: boolean;
}

/**
 * Filters, facet counts and the comparison for the dashboard. The comparison is computed once per
 * record set and spec; a filter on cell dimensions only selects cells (a cell's records share
 * its dimension values, so this equals comparing the filtered records), which keeps filter
 * changes cheap. Facets come from a dictionary-encoded index built once per record set.
 */
export function useAnalysis(
  records: readonly ResultRecord[],
  filters: Filters,
  spec: Partial<ComparisonSpec>,
): Analysis {
  const large = records.length > LARGE;
  const extras = useMemo(() => extraDimensions(records), [records]);
  const dims = useMemo<Dimension[]>(
    () => [...ENVIRONMENT_FIELDS.filter((f) => f !== 'set'), ...extras],
    [extras],
  );

  const indexKey = useMemo(() => ({ records, dims }), [records, dims]);
  const index = useSliced<{ records: readonly ResultRecord[]; index: FacetIndex }>(
    indexKey,
    large,
    () => ({ records, index: buildFacetIndex(records, dims) }),
    async (isCancelled) => {
      const ix = await buildFacetIndexSliced(records, dims, yieldToBrowser, isCancelled);
      return ix ? { records, index: ix } : null;
    },
  );
  const query = useMemo(() => {
    if (!index.value) return null;
    const q = facetQuery(index.value.index, filters);
    const src = index.value.records;
    // Every row passing (no filter): the records themselves, not a copy of a million elements.
    let filtered: readonly ResultRecord[] = src;
    if (q.rows.length < src.length) {
      const some = new Array<ResultRecord>(q.rows.length);
      for (let i = 0; i < q.rows.length; i++) some[i] = src[q.rows[i]!]!;
      filtered = some;
    }
    return { facets: q.facets, filtered };
  }, [index.value, filters]);

  // Filters on cell dimensions select cells; a filter on another dimension (the axis) needs the records.
  const fullSpec = useMemo(() => ({ ...spec, extraDimensions: extras }), [spec, extras]);
  const active = activeFilters(filters);
  const axis = spec.axis ?? 'aio';
  const byCells = active.every(([d]) => d !== axis && (dims.includes(d) || d === 'set'));
  const input = byCells ? records : (query?.filtered ?? null);
  const compareKey = useMemo(() => ({ input, fullSpec }), [input, fullSpec]);
  const full = useSliced<Comparison>(
    compareKey,
    large,
    () => compare(input ?? [], fullSpec),
    async (isCancelled) =>
      input ? compareSliced(input, fullSpec, { isCancelled, chunk: 2500 }) : null,
  );
  const comparison = useMemo(() => {
    const c = full.value;
    if (!c || !byCells || active.length === 0) return c;
    return {
      ...c,
      cells: c.cells.filter((cell) => active.every(([d, vs]) => vs.has(cell.cell[d] ?? ''))),
    };
    // `active` is derived from `filters`.
  }, [full.value, byCells, filters]);

  return {
    dims,
    facets: query?.facets ?? {},
    filtered: query?.filtered ?? [],
    comparison,
    pending: index.pending || full.pending,
    large,
  };
}

/**
 * The pivot and, with two or more row dimensions, the pivot of the first row dimension (the group
 * rows). For large data each is computed in its own task, apart from the render that shows them.
 */
export function usePivots(
  comparison: Comparison,
  spec: PivotSpec,
  large: boolean,
): { pivot: Pivot; groupPivot: Pivot | null; pending: boolean } {
  const key = useMemo(() => ({ comparison, spec }), [comparison, spec]);
  const both = (): { pivot: Pivot; groupPivot: Pivot | null } => ({
    pivot: pivot(comparison, spec),
    groupPivot: spec.rows.length > 1 ? pivot(comparison, { ...spec, rows: [spec.rows[0]!] }) : null,
  });
  const r = useSliced(key, large, both, async (isCancelled) => {
    await yieldToBrowser();
    if (isCancelled()) return null;
    const main = pivot(comparison, spec);
    await yieldToBrowser();
    if (isCancelled()) return null;
    return {
      pivot: main,
      groupPivot:
        spec.rows.length > 1 ? pivot(comparison, { ...spec, rows: [spec.rows[0]!] }) : null,
    };
  });
  const value = r.value ?? EMPTY;
  return { pivot: value.pivot, groupPivot: value.groupPivot, pending: r.pending };
}

const EMPTY: { pivot: Pivot; groupPivot: Pivot | null } = {
  pivot: { rowDims: [], colDims: [], rowKeys: [], colKeys: [], cells: [] },
  groupPivot: null,
};
