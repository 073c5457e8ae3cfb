/**
 * The dashboard's filters over a comparison's aggregates (a large set kept on the team server,
 * `GET /api/cells`), meaning what they mean over the records (src/app/useAnalysis.ts):
 * - a filter on a cell dimension selects cells (the caller filters the compared cells, as for
 *   records: a cell's records share its values, and the FDR stays over all cells);
 * - a filter on the axis keeps the sides whose value it accepts (aggregatesOnSides);
 * - facet counts are the records that pass every other filter (aggregateFacets), as facetQuery()
 *   counts them, over the records in scope: the aggregates know nothing of the others (an axis
 *   value that is neither baseline nor candidate, host-layer records beside guest ones).
 */
import type { Dimension, DimensionValue } from '../model/record.types';
import type { CellAggregates } from './aggregates.types';
import type { ComparisonSpec } from './compare.types';
import { compareValues } from './dimensions';
import type { FacetCount } from './facets';

/** A filter: a dimension and the values it accepts. */
export type ActiveFilter = readonly [Dimension, ReadonlySet<DimensionValue>];

type AxisSpec = Pick<ComparisonSpec, 'axis' | 'baseline' | 'candidate'>;

/** `agg` with only the sides (0 baseline, 1 candidate) that `keep` says; `agg` itself when both. */
export function aggregatesOnSides(
  agg: CellAggregates,
  keep: readonly [boolean, boolean],
): CellAggregates {
  if (keep[0] && keep[1]) return agg;
  return {
    ...agg,
    groups: agg.groups.filter((g) => keep[g.side]),
    restated: agg.restated.filter((r) => keep[r.side]),
  };
}

/**
 * Records per value of each of `dims` (cell dimensions of `agg` and the axis) among those that
 * pass every filter but the one on that dimension; natural order, values without records left
 * out (facetQuery's rules).
 */
export function aggregateFacets(
  agg: CellAggregates,
  spec: AxisSpec,
  dims: readonly Dimension[],
  filters: readonly ActiveFilter[],
): Record<string, FacetCount[]> {
  const sideValue = [spec.baseline, spec.candidate] as const;
  const valueOf = (dim: Dimension, values: readonly DimensionValue[], side: 0 | 1) => {
    if (dim === spec.axis) return sideValue[side];
    const d = agg.dims.indexOf(dim);
    return d < 0 ? null : values[d]!;
  };
  // A filter on a dimension not counted here is not one of the facet bar's: ignored, as there.
  const active = filters.filter(([dim]) => dims.includes(dim));
  const counts = dims.map(() => new Map<DimensionValue, number>());
  const add = (values: readonly DimensionValue[], side: 0 | 1, records: number) => {
    let fails = 0;
    let failed = -1;
    for (const [dim, accept] of active) {
      const v = valueOf(dim, values, side);
      if (v !== null && !accept.has(v)) {
        fails++;
        failed = dims.indexOf(dim);
        if (fails > 1) return;
      }
    }
    dims.forEach((dim, i) => {
      if (fails === 1 && i !== failed) return;
      const v = valueOf(dim, values, side);
      if (v !== null) counts[i]!.set(v, (counts[i]!.get(v) ?? 0) + records);
    });
  };
  for (const g of agg.groups) add(g.values, g.side, g.records);
  for (const r of agg.restated) add(r.values, r.side, r.count);
  const out: Record<string, FacetCount[]> = {};
  dims.forEach((dim, i) => {
    out[dim] = [...counts[i]!]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => compareValues(a.value, b.value));
  });
  return out;
}
