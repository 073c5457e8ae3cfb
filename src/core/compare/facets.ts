/** Facet counts for the filter bar: how many records carry each value of each dimension. */
import type { Dimension, DimensionValue, ResultRecord } from '../model/record.types';
import { recordColumns } from './columnar.records';

export interface FacetCount {
  value: DimensionValue;
  count: number;
}

/**
 * Counts per value of every dimension in `dims` ('' = missing). Values are listed in natural
 * order (numbers numerically, '' last). Reads the encoded columns cached per records array
 * (recordColumns), and the counts with them: the first call on an array encodes and counts (one
 * pass over the records), later calls on the same array only sort the few values.
 */
export function facetCounts(
  records: readonly ResultRecord[],
  dims: readonly Dimension[],
): Record<string, FacetCount[]> {
  const cols = recordColumns(records);
  const columns = cols.columns(dims); // encodes the missing dimensions in one pass
  const out: Record<string, FacetCount[]> = {};
  dims.forEach((dim, d) => {
    const { dict } = columns[d]!;
    const counts = cols.counts(dim);
    // Natural order (ties in order of first appearance, as a stable sort gives).
    const cls = cols.orderClass(dim);
    const order = dict.map((_, c) => c).sort((a, b) => cls[a]! - cls[b]! || a - b);
    out[dim] = order.map((c) => ({ value: dict[c]!, count: counts[c]! }));
  });
  return out;
}
