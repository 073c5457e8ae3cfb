/**
 * Facet counts and filtering over a dictionary-encoded index of the records, built once per
 * record set: a filter change is then one pass of integer work (rows × dimensions), not a new
 * encoding of every record (100k records × 20 dimensions: a few ms instead of ~100 ms).
 *
 * Counting follows faceted search: a dimension's counts apply every *other* active filter, so the
 * user sees what picking another value of that facet would give. One pass: a row failing no filter
 * counts in every dimension; a row failing exactly one filter counts only in that dimension.
 */
import { compareValues } from '../../core/compare';
import type { FacetCount } from '../../core/compare';
import { encode } from '../../core/compare/columnar';
import type { Dimension, ResultRecord } from '../../core/model/record.types';
import type { Filters } from './filter';

export interface FacetIndex {
  dims: Dimension[];
  dicts: string[][];
  codes: Int32Array[];
  rows: number;
}

/** Encodes `records` on `dims` (one pass per dimension). */
export function buildFacetIndex(
  records: readonly ResultRecord[],
  dims: readonly Dimension[],
): FacetIndex {
  const enc = encode(records, dims);
  return { dims: [...dims], dicts: enc.dicts, codes: enc.codes, rows: records.length };
}

/** buildFacetIndex in slices (one dimension per task) for large record sets. */
export async function buildFacetIndexSliced(
  records: readonly ResultRecord[],
  dims: readonly Dimension[],
  pause: () => Promise<void>,
  isCancelled: () => boolean,
): Promise<FacetIndex | null> {
  const dicts: string[][] = [];
  const codes: Int32Array[] = [];
  for (const d of dims) {
    await pause();
    if (isCancelled()) return null;
    const enc = encode(records, [d]);
    dicts.push(enc.dicts[0]!);
    codes.push(enc.codes[0]!);
  }
  return { dims: [...dims], dicts, codes, rows: records.length };
}

/**
 * Facet counts under `filters`, and the indexes of the rows that pass every filter. Filters on
 * dimensions the index does not have are ignored here (the caller keeps them out of the UI).
 */
export function facetQuery(
  index: FacetIndex,
  filters: Filters,
): { facets: Record<string, FacetCount[]>; rows: Int32Array } {
  const D = index.dims.length;
  const active: { d: number; accept: Uint8Array }[] = [];
  for (const [dim, values] of Object.entries(filters) as [Dimension, string[] | undefined][]) {
    if (!values || values.length === 0) continue;
    const d = index.dims.indexOf(dim);
    if (d < 0) continue;
    const dict = index.dicts[d]!;
    const accept = new Uint8Array(dict.length);
    const want = new Set(values);
    dict.forEach((v, c) => (accept[c] = want.has(v) ? 1 : 0));
    active.push({ d, accept });
  }
  const counts = index.dicts.map((dict) => new Int32Array(dict.length));
  const pass = new Int32Array(index.rows);
  let passed = 0;
  for (let row = 0; row < index.rows; row++) {
    let fails = 0;
    let failed = -1;
    for (let a = 0; a < active.length && fails < 2; a++) {
      const f = active[a]!;
      if (f.accept[index.codes[f.d]![row]!] === 0) {
        fails++;
        failed = f.d;
      }
    }
    if (fails === 0) {
      pass[passed++] = row;
      for (let d = 0; d < D; d++) counts[d]![index.codes[d]![row]!]!++;
    } else if (fails === 1) counts[failed]![index.codes[failed]![row]!]!++;
  }
  const facets: Record<string, FacetCount[]> = {};
  index.dims.forEach((dim, d) => {
    const dict = index.dicts[d]!;
    const c = counts[d]!;
    facets[dim] = dict
      .map((value, code) => ({ value, count: c[code]! }))
      .filter((f) => f.count > 0)
      .sort((a, b) => compareValues(a.value, b.value));
  });
  return { facets, rows: pass.slice(0, passed) };
}
