/**
 * The dashboard's analysis of sets kept on the team server (issue 13.6): the same Analysis as
 * useAnalysis() gives over records, computed from the aggregates the server's database makes
 * (`GET /api/cells`) by the code the server's `/api/compare` runs (comparisonFromAggregates), so
 * the cells and verdicts are those of the in-browser engine (src/server/compare.test.ts).
 *
 * One request per (sets, axis, baseline, candidate, pooling, flagged rule); a change of threshold,
 * filter, metric or pivot layout is computed here from the answer without asking again (the
 * answer is prepared once, prepareAggregates; a threshold only decides again): on the 68k cells
 * of the 1M bench set that is well under a second, whatever the records behind them (bench
 * section 7).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CellAggregates } from '../core/compare/aggregates.types';
import type * as ServerEngine from './server-engine';
import { compare } from '../core/compare';
import type { Comparison, ComparisonSpec, FacetCount } from '../core/compare';
import { DEFAULT_SPEC } from '../core/compare/compare.types';
import { ENVIRONMENT_FIELDS } from '../core/model/record.types';
import type { Dimension, DimensionValue, ResultRecord } from '../core/model/record.types';
import { activeFilters } from '../features/filters/filter';
import type { Filters } from '../features/filters/filter';
import type { ServerKept } from '../worker/loaded-set.types';
import { createRemote } from './remote';
import type { Remote, RemoteError } from './remote';
import type { Analysis } from './useAnalysis';
import { LARGE } from './useAnalysis';

export interface ServerAnalysis extends Analysis {
  /** Why the server could not compare the sets (the last answer), or null. */
  error: RemoteError | null;
  /**
   * Every value of the axis the answer was asked for (CellAggregates.axisValues): what else the
   * axis can compare, where the facets know only the two values compared. Null without one.
   */
  axisValues: { axis: Dimension; values: DimensionValue[] } | null;
}

const defaultRemote = createRemote();

/** The comparison code for server sets: its own chunk (server-engine.ts), loaded on first use. */
type Engine = typeof ServerEngine;

const NO_COMPARISON = compare([], {});
const NO_FACETS: Record<string, FacetCount[]> = {};
/** One empty list for every render: a new [] each time made the axis hints start over forever. */
const NO_RECORDS: readonly ResultRecord[] = [];

/** What the server answered for one query (`key`), as it was asked. */
interface Answer {
  key: string;
  query: Pick<ComparisonSpec, 'axis' | 'baseline' | 'candidate' | 'poolSets' | 'excludeFlagged'>;
  agg: CellAggregates | null;
  error: RemoteError | null;
}

/** Nothing kept on the server, or no answer yet. */
const EMPTY: CellAggregates = {
  dims: [],
  includeHostLayer: false,
  records: 0,
  groups: [],
  restated: [],
  originals: [],
};

export function useServerAnalysis(
  kept: readonly ServerKept[],
  filters: Filters,
  specIn: Partial<ComparisonSpec>,
  remote: Remote = defaultRemote,
): ServerAnalysis {
  const spec = { ...DEFAULT_SPEC, ...specIn };
  const { axis, baseline, candidate, poolSets, excludeFlagged, thresholdPct } = spec;
  const sets = kept.map((k) => k.id);
  const queryKey = JSON.stringify([sets, axis, baseline, candidate, poolSets, excludeFlagged]);
  const [engine, setEngine] = useState<Engine | null>(null);
  const wanted = sets.length > 0;
  useEffect(() => {
    if (wanted && !engine) void import('./server-engine').then(setEngine);
  }, [wanted, engine]);
  const [answer, setAnswer] = useState<Answer | null>(null);
  useEffect(() => {
    if (sets.length === 0) return;
    let live = true;
    void remote
      .getCells({ sets, axis, baseline, candidate, poolSets, excludeFlagged })
      .then((r) => {
        if (live)
          setAnswer({
            key: queryKey,
            query: { axis, baseline, candidate, poolSets, excludeFlagged },
            agg: r.ok ? r.value : null,
            error: r.ok ? null : r.reason,
          });
      });
    return () => {
      live = false;
    };
    // queryKey stands for the query's fields.
  }, [queryKey, remote]);
  const fresh = answer !== null && answer.key === queryKey ? answer : null;
  // While a new answer is awaited the last one stays in view, compared as it was asked (pending
  // says so), as useAnalysis keeps its last comparison.
  const last = useRef<Answer | null>(null);
  if (fresh?.agg) last.current = fresh;
  const shown = sets.length === 0 ? null : fresh?.agg ? fresh : fresh ? null : last.current;
  const agg = shown?.agg ?? EMPTY;
  const asked = shown?.query ?? { axis, baseline, candidate, poolSets, excludeFlagged };

  const dims = useMemo<Dimension[]>(
    () => [
      ...ENVIRONMENT_FIELDS.filter((f) => f !== 'set'),
      ...agg.dims.filter((d) => d.startsWith('x:')),
    ],
    [agg],
  );
  const active = activeFilters(filters);
  // A filter on the axis keeps the sides it accepts; one on a cell dimension selects cells.
  const onAxis = active.find(([d]) => d === asked.axis)?.[1];
  const keepBase = !onAxis || onAxis.has(asked.baseline);
  const keepCand = !onAxis || onAxis.has(asked.candidate);
  // Prepared once per answer (and axis filter); a threshold change only decides again.
  const prepared = useMemo(
    () =>
      engine?.prepareAggregates(engine.aggregatesOnSides(agg, [keepBase, keepCand]), asked) ?? null,
    // `asked` belongs to `agg`.
    [engine, agg, keepBase, keepCand],
  );
  const full = useMemo<Comparison>(
    () => (engine && prepared ? engine.decideAggregates(prepared, thresholdPct) : NO_COMPARISON),
    [engine, prepared, thresholdPct],
  );
  const filterKey = JSON.stringify(filters);
  const comparison = useMemo(() => {
    const byCell = active.filter(([d]) => d !== asked.axis);
    if (byCell.length === 0) return full;
    return {
      ...full,
      cells: full.cells.filter((c) => byCell.every(([d, vs]) => vs.has(c.cell[d] ?? ''))),
    };
    // `active` is derived from `filters`.
  }, [full, filterKey, asked.axis]);
  const facets = useMemo(
    () => engine?.aggregateFacets(agg, asked, dims, active) ?? NO_FACETS,
    [engine, agg, dims, filterKey],
  );

  const axisValues = useMemo(
    () =>
      agg.axisValues ? { axis: asked.axis, values: agg.axisValues.map((a) => a.value) } : null,
    // `asked` belongs to `agg`.
    [agg],
  );

  return {
    dims,
    facets,
    filtered: NO_RECORDS,
    comparison,
    pending: wanted && (fresh === null || engine === null),
    large: full.cells.length > LARGE,
    error: fresh?.error ?? null,
    axisValues,
  };
}
