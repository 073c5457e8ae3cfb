import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { QualityFlag, ResultRecord } from '../model/record.types';
import type { Iops } from '../model/units';
import { makeRecord } from './record.fixture';
import { numericDimensions, powersOfTwo, quantileSorted } from './sweep.values';
import { suggestFacet, sweep } from './sweep';
import { sweepReference } from './sweep.reference';
import type { SweepSpec } from './sweep.types';

const SPEC: SweepSpec = {
  x: 'iodepth',
  y: null,
  axis: 'aio',
  baseline: 'threads',
  candidate: 'native',
  extraSeries: [],
  metric: 'iops',
  facet: null,
  hold: {},
  aggregate: [],
  band: 'minmax',
  excludeFlagged: true,
  poolSets: false,
};

const rec = (iops: number, over: Partial<ResultRecord>) =>
  makeRecord({ iops: iops as Iops, ...over });

describe('sweep', () => {
  it('draws one point per x and series with the median of repeats and their range as the band', () => {
    const rs = [
      rec(100, { iodepth: 1 }),
      rec(120, { iodepth: 1 }),
      rec(110, { iodepth: 1 }),
      rec(150, { iodepth: 1, aio: 'native' }),
      rec(400, { iodepth: 4 }),
      rec(300, { iodepth: 4, aio: 'native' }),
    ];
    const s = sweep(rs, SPEC);
    expect(s.xValues).toEqual([1, 4]);
    expect(s.log2X).toBe(true);
    const [panel] = s.panels;
    expect(panel!.series.map((x) => x.value)).toEqual(['threads', 'native']);
    expect(panel!.series[0]!.points[0]).toMatchObject({
      x: 1,
      value: 110,
      lo: 100,
      hi: 120,
      runs: 3,
    });
    // The delta is the ratio of the plotted values, so the numbers shown always agree.
    expect(panel!.deltas.map((d) => [d.x, Math.round(d.pct * 100) / 100])).toEqual([
      [1, 36.36],
      [4, -25],
    ]);
    expect(s.accounting).toMatchObject({ inScope: 6, used: 6 });
  });

  it('holds a varying dimension at one value instead of mixing its environments', () => {
    const rs = [
      rec(100, { iodepth: 1, numjobs: 1 }),
      rec(200, { iodepth: 1, numjobs: 1, aio: 'native' }),
      rec(900, { iodepth: 1, numjobs: 8 }),
      rec(100, { iodepth: 1, numjobs: 8, aio: 'native' }),
      rec(950, { iodepth: 2, numjobs: 8 }),
    ];
    const s = sweep(rs, SPEC);
    const nj = s.others.find((o) => o.dim === 'numjobs')!;
    // numjobs 8 gives the fuller sweep (iodepth 1 on both sides and iodepth 2): the default hold.
    expect(nj).toMatchObject({ role: 'held', value: '8', values: ['1', '8'] });
    expect(s.panels[0]!.deltas[0]!.pct).toBeCloseTo(-88.89, 2);
    expect(s.accounting.notHeld).toBe(2);
    const held1 = sweep(rs, { ...SPEC, hold: { numjobs: '1' } });
    expect(held1.panels[0]!.deltas[0]!.pct).toBeCloseTo(100, 6);
    // A held value the data lacks falls back to the default and says so.
    const bad = sweep(rs, { ...SPEC, hold: { numjobs: '3' } });
    expect(bad.others.find((o) => o.dim === 'numjobs')).toMatchObject({
      value: '8',
      ignoredHold: '3',
    });
    expect(s.others.find((o) => o.dim === 'storage')).toMatchObject({ role: 'constant' });
  });

  it('chooses default holds jointly, so records remain to draw', () => {
    // Alone, medium's most frequent value is SSD and rw's is randwrite: no record has both.
    const rs = [
      rec(1, { medium: 'SSD', rw: 'randread' }),
      rec(1, { medium: 'SSD', rw: 'read' }),
      rec(1, { medium: 'SSD', rw: 'write' }),
      rec(1, { medium: 'HDD', rw: 'randwrite' }),
      rec(1, { medium: 'HDD', rw: 'randwrite' }),
    ];
    const s = sweep(rs, SPEC);
    expect(s.others.filter((o) => o.role === 'held').map((o) => [o.dim, o.value])).toEqual([
      ['medium', 'SSD'],
      ['rw', 'randread'],
    ]);
    expect(s.accounting.used).toBe(1);
    // A held value asked for is applied first, and the defaults follow it.
    const hdd = sweep(rs, { ...SPEC, hold: { medium: 'HDD' } });
    expect(hdd.others.find((o) => o.dim === 'rw')!.value).toBe('randwrite');
    expect(hdd.accounting.used).toBe(2);
  });

  it('aggregates only when asked, over groups both sides have, as a median of group medians', () => {
    const rs = [
      rec(100, { rw: 'randread' }),
      rec(200, { rw: 'randread', aio: 'native' }),
      rec(1000, { rw: 'randwrite' }),
      rec(1500, { rw: 'randwrite', aio: 'native' }),
      // candidate only: left out of the like-with-like point
      rec(9999, { rw: 'read', aio: 'native' }),
    ];
    const s = sweep(rs, { ...SPEC, aggregate: ['rw'] });
    expect(s.others.find((o) => o.dim === 'rw')).toMatchObject({ role: 'aggregated' });
    const [base, cand] = s.panels[0]!.series;
    expect(base!.points[0]).toMatchObject({ value: 550, groups: 2 });
    expect(cand!.points[0]).toMatchObject({ value: 850, groups: 2 });
    expect(s.panels[0]!.deltas[0]!.pct).toBeCloseTo((850 / 550 - 1) * 100, 9);
  });

  it('facets into panels and adds the axis’s third value as its own series', () => {
    const rs = [
      rec(100, { rw: 'randread' }),
      rec(150, { rw: 'randread', aio: 'native' }),
      rec(170, { rw: 'randread', aio: 'io_uring' }),
      rec(80, { rw: 'randwrite' }),
      rec(90, { rw: 'randwrite', aio: 'native' }),
    ];
    const s = sweep(rs, { ...SPEC, facet: 'rw', extraSeries: ['io_uring'] });
    expect(s.panels.map((p) => p.facet)).toEqual(['randread', 'randwrite']);
    expect(s.panels[0]!.series[2]).toMatchObject({ value: 'io_uring', role: 'other' });
    expect(s.panels[0]!.series[2]!.points[0]!.value).toBe(170);
    expect(s.panels[1]!.series[2]!.points).toEqual([]);
  });

  it('builds the iodepth × numjobs grid with y', () => {
    const rs = [1, 2, 4].flatMap((qd) =>
      [1, 2].flatMap((nj) => [
        rec(100 * qd * nj, { iodepth: qd, numjobs: nj }),
        rec(110 * qd * nj, { iodepth: qd, numjobs: nj, aio: 'native' }),
      ]),
    );
    const g = sweep(rs, { ...SPEC, y: 'numjobs' });
    expect(g.yValues).toEqual([1, 2]);
    expect(g.panels[0]!.deltas).toHaveLength(6);
    for (const d of g.panels[0]!.deltas) expect(d.pct).toBeCloseTo(10, 9);
    expect(g.others.some((o) => o.dim === 'numjobs')).toBe(false);
  });

  it('leaves out records without x, unusable and flagged ones (compare()’s rules)', () => {
    const rs = [
      rec(100, { iodepth: null }),
      rec(100, { flags: ['sparse-read'] }),
      rec(100, { flags: ['failed-run'] }),
      rec(100, { restates: 'x.csv:1' }),
      makeRecord({}),
      rec(100, { layer: 'host' }),
      rec(100, {}),
    ];
    const s = sweep(rs, SPEC);
    expect(s.accounting).toEqual({ inScope: 6, noX: 1, notUsed: 4, notHeld: 0, used: 1 });
    expect(sweep(rs, { ...SPEC, excludeFlagged: false }).accounting.used).toBe(2);
  });

  it('offers numeric dimensions, numeric extras included, and spots powers of two', () => {
    const rs = [
      rec(1, { iodepth: 1, extra: { queue: '8', host: 'a' } }),
      rec(1, { iodepth: 2, extra: { queue: '16', host: 'b' } }),
    ];
    expect(numericDimensions(rs)).toEqual(['iodepth', 'x:queue']);
    expect(powersOfTwo([1, 2, 64])).toBe(true);
    expect(powersOfTwo([4096, 65536])).toBe(true);
    expect(powersOfTwo([1, 3])).toBe(false);
    expect(powersOfTwo([8])).toBe(false);
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 12);
  });

  it('suggests the varying dimension with the fewest values as the facet', () => {
    const rs = [1, 2, 4, 8].flatMap((nj) =>
      (['randread', 'randwrite'] as const).map((rw) => rec(1, { numjobs: nj, rw })),
    );
    expect(suggestFacet(rs, SPEC)).toBe('rw');
  });
});

const flagArb = fc.constantFrom<QualityFlag | null>(null, null, null, 'sparse-read', 'incomplete');
const recordArb = fc
  .record({
    set: fc.constantFrom('A', 'B'),
    aio: fc.constantFrom('threads', 'native', 'io_uring'),
    rw: fc.constantFrom('randread', 'randwrite', 'read'),
    iodepth: fc.option(fc.constantFrom(1, 2, 4, 8, 3), { freq: 8 }),
    numjobs: fc.constantFrom(1, 2, 4),
    medium: fc.constantFrom('SSD', 'HDD'),
    layer: fc.constantFrom('guest', 'guest', 'guest', 'host'),
    iops: fc.option(fc.integer({ min: 1, max: 100_000 }), { freq: 8 }),
    flag: flagArb,
    restated: fc.boolean(),
  })
  .map((v) =>
    makeRecord({
      set: v.set,
      aio: v.aio,
      rw: v.rw,
      iodepth: v.iodepth,
      numjobs: v.numjobs,
      medium: v.medium,
      layer: v.layer,
      iops: v.iops as Iops | null,
      flags: v.flag ? [v.flag] : [],
      restates: v.restated && v.iops !== null && v.iops % 7 === 0 ? 'other.csv:1' : null,
    }),
  );

const specArb = fc.record({
  x: fc.constantFrom('iodepth', 'numjobs'),
  grid: fc.boolean(),
  axis: fc.constantFrom('aio', 'set'),
  facet: fc.constantFrom(null, 'rw', 'medium'),
  aggregateRw: fc.boolean(),
  holdMedium: fc.constantFrom(undefined, 'SSD', 'NVMe'),
  band: fc.constantFrom('minmax', 'iqr'),
  excludeFlagged: fc.boolean(),
  third: fc.boolean(),
});

describe('sweep vs sweepReference (differential)', () => {
  it('agree on any records and spec', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 80 }), specArb, (records, v) => {
        const x = v.x;
        const spec: SweepSpec = {
          ...SPEC,
          x,
          y: v.grid ? (x === 'iodepth' ? 'numjobs' : 'iodepth') : null,
          axis: v.axis,
          baseline: v.axis === 'aio' ? 'threads' : 'A',
          candidate: v.axis === 'aio' ? 'native' : 'B',
          extraSeries: v.third && v.axis === 'aio' ? ['io_uring'] : [],
          facet: v.facet,
          aggregate: v.aggregateRw && v.facet !== 'rw' ? ['rw'] : [],
          hold: v.holdMedium ? { medium: v.holdMedium } : {},
          band: v.band,
          excludeFlagged: v.excludeFlagged,
        };
        const fast = sweep(records, spec);
        const plain = sweepReference(records, spec);
        expect(fast).toEqual(plain);
        // Order of the input never matters.
        expect(sweep([...records].reverse(), spec)).toEqual(fast);
      }),
      { numRuns: 300 },
    );
  });
});
