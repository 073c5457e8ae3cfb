/** The plain sweep that sweep() is tested against (sweep.test.ts): Maps and arrays, no columns. */
import type { ResultRecord } from '../model/record.types';
import { dimensionValue, joinKey } from './dimensions';
import { assemble, otherDims, resolveOthers } from './sweep';
import type { Bucket } from './sweep';
import type { Sweep, SweepSpec } from './sweep.types';
import { numericValue, seriesValues, usableRecord } from './sweep.values';

/**
 * The plain implementation: the same rules written as filters over the whole record list per
 * point, series and group, with no shared buckets. Slow (quadratic); for tests only.
 */
export function sweepReference(records: readonly ResultRecord[], spec: SweepSpec): Sweep {
  const series = seriesValues(spec);
  const dims = otherDims(records, spec);
  const inScope = records.filter(
    (r) =>
      series.includes(dimensionValue(r, spec.axis)) &&
      (spec.axis === 'layer' || r.layer !== 'host'),
  );
  const xOf = (r: ResultRecord) => numericValue(dimensionValue(r, spec.x));
  const yOf = (r: ResultRecord) =>
    spec.y === null ? null : numericValue(dimensionValue(r, spec.y));
  const withX = inScope.filter((r) => xOf(r) !== null && (spec.y === null || yOf(r) !== null));
  const usable = withX.filter((r) => usableRecord(r, spec.metric, spec.excludeFlagged));
  const others = resolveOthers(
    dims,
    usable.map((r) => ({
      r,
      s: series.indexOf(dimensionValue(r, spec.axis)),
      x: xOf(r)!,
      y: yOf(r),
    })),
    spec,
  );
  const kept = usable.filter((r) =>
    others.every((o) => o.role !== 'held' || dimensionValue(r, o.dim) === o.value),
  );
  const aggregated = others.filter((o) => o.role === 'aggregated').map((o) => o.dim);
  const facetOf = (r: ResultRecord) => (spec.facet === null ? '' : dimensionValue(r, spec.facet));
  const groupOf = (r: ResultRecord) => joinKey(aggregated.map((d) => dimensionValue(r, d)));
  const distinct = <T>(xs: T[]) => xs.filter((v, i) => xs.indexOf(v) === i);
  const buckets: Bucket[] = [];
  for (const facet of distinct(kept.map(facetOf)))
    for (const y of distinct(kept.map(yOf)))
      for (const x of distinct(kept.map((r) => xOf(r)!))) {
        const here = kept.filter((r) => facetOf(r) === facet && yOf(r) === y && xOf(r) === x);
        if (here.length === 0) continue;
        buckets.push({
          facet,
          x,
          y,
          bySeries: series.map((s) => {
            const mine = here.filter((r) => dimensionValue(r, spec.axis) === s);
            return new Map(
              distinct(mine.map(groupOf)).map((g) => [
                g,
                mine.filter((r) => groupOf(r) === g).map((r) => r[spec.metric]!),
              ]),
            );
          }),
        });
      }
  return assemble(
    spec,
    series,
    others,
    {
      inScope: inScope.length,
      noX: inScope.length - withX.length,
      notUsed: withX.length - usable.length,
      notHeld: usable.length - kept.length,
      used: kept.length,
    },
    buckets,
  );
}
