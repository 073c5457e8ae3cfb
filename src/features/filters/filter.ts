import { dimensionValue, facetCounts } from '../../core/compare';
import type { FacetCount } from '../../core/compare';
import type { Dimension, ResultRecord } from '../../core/model/record.types';

export type Filters = Partial<Record<Dimension, string[]>>;

/** The filters that select something (a dimension with accepted values), values as sets. */
export const activeFilters = (filters: Filters): [Dimension, ReadonlySet<string>][] =>
  (Object.entries(filters) as [Dimension, string[] | undefined][])
    .filter(([, vs]) => vs && vs.length > 0)
    .map(([d, vs]) => [d, new Set(vs)]);

/** Records matching every filtered dimension (values of one dimension are alternatives). */
export function applyFilters(
  records: readonly ResultRecord[],
  filters: Filters,
  skip?: Dimension,
): ResultRecord[] {
  const act = activeFilters(filters).filter(([d]) => d !== skip);
  if (act.length === 0) return records as ResultRecord[];
  return records.filter((r) => act.every(([d, vs]) => vs.has(dimensionValue(r, d))));
}

/**
 * Host baselines (layer=host) that fit the filters: a filter on a dimension the host record
 * leaves empty (bus, prealloc…) does not apply to it — bare metal has no bus.
 */
export function applyFiltersToHost(
  records: readonly ResultRecord[],
  filters: Filters,
): ResultRecord[] {
  const act = activeFilters(filters);
  return records.filter((r) => {
    if (r.layer !== 'host') return false;
    return act.every(([d, vs]) => {
      const v = dimensionValue(r, d);
      return v === '' || vs.has(v);
    });
  });
}

/**
 * Facet counts as in faceted search: a dimension's counts apply every *other* filter, so the
 * user sees what picking another value of the same facet would give. One facetCounts pass for
 * the unfiltered dimensions plus one per filtered dimension.
 */
export function facetsFor(
  records: readonly ResultRecord[],
  filters: Filters,
  dims: readonly Dimension[],
): Record<string, FacetCount[]> {
  const filtered = activeFilters(filters).map(([d]) => d);
  const rest = dims.filter((d) => !filtered.includes(d));
  const out = facetCounts(applyFilters(records, filters), rest);
  for (const d of filtered) {
    if (!dims.includes(d)) continue;
    Object.assign(out, facetCounts(applyFilters(records, filters, d), [d]));
  }
  return out;
}
