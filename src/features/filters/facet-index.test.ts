import { describe, expect, it } from 'vitest';
import { synthRecords } from '../../../bench/synth';
import { buildFacetIndex, buildFacetIndexSliced, facetQuery } from './facet-index';
import { applyFilters, facetsFor } from './filter';
import type { Dimension } from '../../core/model/record.types';

const DIMS: Dimension[] = [
  'storage',
  'medium',
  'prealloc',
  'bus',
  'rw',
  'prewritten',
  'aio',
  'vms',
  'bs',
  'iodepth',
];
const records = synthRecords(5000);

describe('facet index', () => {
  it('gives the same counts and rows as filtering and counting the records directly', () => {
    const index = buildFacetIndex(records, DIMS);
    const medium = facetsFor(records, {}, DIMS).medium!;
    const filterSets = [
      {},
      { medium: [medium[0]!.value] },
      { medium: [medium[0]!.value, medium[1]!.value], rw: ['randwrite'] },
      { storage: ['nope'] },
    ];
    for (const filters of filterSets) {
      const { facets, rows } = facetQuery(index, filters);
      // facetsFor lists values with a zero count only never: compare the non-zero ones.
      const expected = facetsFor(records, filters, DIMS);
      for (const d of DIMS)
        expect(facets[d], `${JSON.stringify(filters)} ${d}`).toEqual(
          (expected[d] ?? []).filter((f) => f.count > 0),
        );
      expect([...rows].map((i) => records[i])).toEqual(applyFilters(records, filters));
    }
  });

  it('builds the same index in slices', async () => {
    const sliced = await buildFacetIndexSliced(
      records,
      DIMS,
      () => Promise.resolve(),
      () => false,
    );
    expect(sliced).toEqual(buildFacetIndex(records, DIMS));
    expect(
      await buildFacetIndexSliced(
        records,
        DIMS,
        () => Promise.resolve(),
        () => true,
      ),
    ).toBeNull();
  });
});
