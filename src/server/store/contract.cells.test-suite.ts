/**
 * aggregateCells() across stores: the same sets put into two stores (DuckDB, the reference,
 * and another) must give the same cells, counts, flags and metric aggregates for the same
 * queries. Medians, min and max are exact; mean and variance may differ in the last bits
 * (summation order differs between engines and shards), so those compare to 1e-12 relative.
 */
import { expect, it } from 'vitest';
import type { ResultRecord } from '../../core/model/record.types';
import type { Iops, Microseconds } from '../../core/model/units';
import type { CellAggregates, CellQuery, ResultStore } from './result-store';
import { describeSet, seedRecords } from './contract.test-suite';

/**
 * The seed twice: as it is, and a variant with an extra dimension, restated rows, odd values and
 * tail metrics.
 */
export function cellSets(): { name: string; records: ResultRecord[] }[] {
  const seed = seedRecords();
  const withOrigin = seed.filter((r) => r.origin !== null);
  const variant = seed.map((r, i): ResultRecord => {
    const out: ResultRecord = {
      ...r,
      extra: { ...r.extra, pool: i % 3 === 0 ? 'ssd-a' : "b'; DROP" },
      iops: r.iops === null ? null : ((r.iops * 1.1 + (i % 7) * 0.3) as Iops),
      // Tails on most records, missing on some: their medians are aggregates too.
      lat_p999_us: i % 4 === 0 ? null : (((r.lat_mean_us ?? 90) * (2 + (i % 5))) as Microseconds),
      lat_max_us: i % 3 === 0 ? null : (((r.lat_mean_us ?? 90) * (9 + (i % 7))) as Microseconds),
    };
    if (i < 4 && withOrigin[i + 10]) out.restates = withOrigin[i + 10]!.origin;
    return out;
  });
  return [
    { name: 'seed', records: seed },
    { name: 'variant', records: variant },
  ];
}

const close = (a: number | null, b: number | null) =>
  a === b || (a !== null && b !== null && Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), 1));

/** Sorted, with float metrics rounded where engines may differ, for a toEqual. */
function normalize(a: CellAggregates | null, ref: CellAggregates | null) {
  if (a === null || ref === null) return a;
  const key = (g: { values: string[]; side: number }) => JSON.stringify([g.values, g.side]);
  const refGroups = new Map(ref.groups.map((g) => [key(g), g]));
  const groups = a.groups
    .map((g) => {
      const r = refGroups.get(key(g));
      const metrics = Object.fromEntries(
        Object.entries(g.metrics).map(([m, v]) => {
          const rv = r?.metrics[m as keyof typeof r.metrics];
          if (!rv) return [m, v];
          return [
            m,
            {
              ...v,
              mean: close(v.mean, rv.mean) ? rv.mean : v.mean,
              variance: close(v.variance, rv.variance) ? rv.variance : v.variance,
            },
          ];
        }),
      );
      return { ...g, metrics };
    })
    .sort((x, y) => (key(x) < key(y) ? -1 : 1));
  return {
    ...a,
    groups,
    restated: [...a.restated].sort((x, y) => x.ord - y.ord),
    originals: [...a.originals].sort((x, y) => (x.origin < y.origin ? -1 : 1)),
  };
}

const sortRef = (ref: CellAggregates | null) => normalize(ref, ref);

/**
 * One test: puts cellSets() into both stores and compares aggregateCells() for a range of
 * queries (set, aio, numeric and boolean axes; pooled or not; flagged excluded or not).
 */
export function sameCellsAs(
  name: string,
  openRef: () => Promise<ResultStore>,
  open: () => Promise<ResultStore>,
): void {
  it(`aggregateCells gives the same answers as ${name}`, async () => {
    const ref = await openRef();
    const other = await open();
    try {
      const ids: [string[], string[]] = [[], []];
      for (const s of cellSets()) {
        ids[0].push((await ref.putSet(describeSet(s.name, s.records.length), s.records, 't')).id);
        ids[1].push((await other.putSet(describeSet(s.name, s.records.length), s.records, 't')).id);
      }
      const queries: Omit<CellQuery, 'sets'>[] = [
        {
          axis: 'set',
          baseline: 'seed',
          candidate: 'variant',
          poolSets: false,
          excludeFlagged: true,
        },
        {
          axis: 'aio',
          baseline: 'threads',
          candidate: 'native',
          poolSets: true,
          excludeFlagged: true,
        },
        {
          axis: 'aio',
          baseline: 'threads',
          candidate: 'io_uring',
          poolSets: false,
          excludeFlagged: false,
        },
        { axis: 'iodepth', baseline: '1', candidate: '128', poolSets: true, excludeFlagged: false },
        {
          axis: 'prewritten',
          baseline: 'false',
          candidate: 'true',
          poolSets: true,
          excludeFlagged: true,
        },
        {
          axis: 'x:pool',
          baseline: 'ssd-a',
          candidate: "b'; DROP",
          poolSets: true,
          excludeFlagged: true,
        },
        {
          axis: 'layer',
          baseline: 'guest',
          candidate: 'host',
          poolSets: true,
          excludeFlagged: true,
          includeHostLayer: true,
        },
      ];
      let groups = 0;
      let restated = 0;
      let originals = 0;
      for (const q of queries) {
        const a = await ref.aggregateCells({ ...q, sets: ids[0] });
        const b = await other.aggregateCells({ ...q, sets: ids[1] });
        expect(normalize(b, a), JSON.stringify(q)).toEqual(sortRef(a));
        groups += a?.groups.length ?? 0;
        restated += a?.restated.length ?? 0;
        originals += a?.originals.length ?? 0;
      }
      // The queries found cells, restated rows and their originals: not a comparison of nothings.
      expect(groups).toBeGreaterThan(20);
      expect(restated).toBeGreaterThan(0);
      expect(originals).toBeGreaterThan(0);
      expect(await other.aggregateCells({ ...queries[0]!, sets: ['unknown'] })).toBeNull();
      await other.trashSet(ids[1][1]!, 't');
      expect(await other.aggregateCells({ ...queries[0]!, sets: ids[1] })).toBeNull();
    } finally {
      await ref.close();
      await other.close();
    }
  }, 120_000);
}
