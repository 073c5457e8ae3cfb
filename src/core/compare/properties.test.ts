/**
 * Property-based tests of the comparison engine (fast-check): invariants that must hold for any
 * set of records, not just the seed.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { QualityFlag, ResultRecord } from '../model/record.types';
import { ENVIRONMENT_FIELDS } from '../model/record.types';
import { compare } from './pair';
import { pivot } from './pivot';
import { facetCounts } from './facets';
import { toSpecJson } from './output.rows';
import { cellRatio } from './summary';
import { makeRecord } from './record.fixture';
import type { Iops, Microseconds } from '../model/units';

const recordArb = fc
  .record({
    set: fc.constantFrom('A', 'B'),
    medium: fc.constantFrom('HDD', 'SSD', 'NVMe'),
    rw: fc.constantFrom('randread', 'randwrite'),
    prewritten: fc.boolean(),
    aio: fc.constantFrom('threads', 'native', 'io_uring'),
    layer: fc.constantFrom('guest', 'guest', 'guest', 'host'),
    iops: fc.option(fc.integer({ min: 1, max: 1_000_000 }), { freq: 8 }),
    lat: fc.option(fc.double({ min: 1, max: 1e6, noNaN: true }), { freq: 6 }),
    flag: fc.constantFrom<QualityFlag | null>(
      null,
      null,
      null,
      null,
      'unit-suspect',
      'sparse-read',
      'incomplete',
    ),
    restated: fc.boolean(),
  })
  .map((v) =>
    makeRecord({
      set: v.set,
      medium: v.medium,
      rw: v.rw,
      prewritten: v.prewritten,
      aio: v.aio,
      layer: v.layer,
      iops: v.flag === 'incomplete' ? null : (v.iops as Iops | null),
      lat_mean_us: v.flag === 'incomplete' ? null : (v.lat as Microseconds | null),
      flags: v.flag ? [v.flag] : [],
    }),
  );

/** Records with unique origins; some restate an earlier record of the same cell. */
const recordsArb = fc.array(recordArb, { maxLength: 60 }).map((rs) =>
  rs.map((r, i) => {
    const origin = `f.csv:${i + 1}`;
    return { ...r, origin, restates: null };
  }),
);

const project = (rs: ResultRecord[], spec = {}) => {
  const c = compare(rs, spec);
  return {
    cells: toSpecJson(c),
    unpaired: c.unpaired.map((u) => [u.record.origin, u.side, u.nearestDiff, u.nearestKey]),
    accounting: c.accounting,
  };
};

describe('compare: properties', () => {
  it('every record is paired, unpaired or out of scope — exactly once', () => {
    fc.assert(
      fc.property(recordsArb, fc.boolean(), (rs, poolSets) => {
        const c = compare(rs, { poolSets });
        const { records, paired, unpaired, outOfScope } = c.accounting;
        expect(records).toBe(rs.length);
        expect(paired + unpaired + outOfScope).toBe(records);
        const seen = new Set<ResultRecord>();
        for (const cell of c.cells)
          for (const r of [...cell.baseline.records, ...cell.candidate.records]) seen.add(r);
        expect(seen.size).toBe(paired);
        for (const u of c.unpaired) {
          expect(seen.has(u.record)).toBe(false);
          seen.add(u.record);
        }
        expect(seen.size).toBe(paired + unpaired);
        // out of scope = other axis values or host layer
        const outside = rs.filter(
          (r) => r.layer === 'host' || (r.aio !== 'threads' && r.aio !== 'native'),
        );
        expect(outOfScope).toBe(outside.length);
      }),
    );
  });

  it('swapping baseline and candidate inverts every ratio and swaps n', () => {
    fc.assert(
      fc.property(recordsArb, (rs) => {
        const ab = compare(rs, { baseline: 'threads', candidate: 'native' });
        const ba = compare(rs, { baseline: 'native', candidate: 'threads' });
        expect(ba.cells.map((c) => c.key)).toEqual(ab.cells.map((c) => c.key));
        ab.cells.forEach((c, i) => {
          const s = ba.cells[i]!;
          expect(s.baseline.n).toBe(c.candidate.n);
          expect(s.candidate.n).toBe(c.baseline.n);
          for (const m of ['iops', 'lat_mean_us'] as const) {
            const r1 = cellRatio(c, m);
            const r2 = cellRatio(s, m);
            expect(r2 === null).toBe(r1 === null);
            if (r1 !== null && r2 !== null) expect(r1 * r2).toBeCloseTo(1, 9);
            const p1 = c.deltas[m]?.pValue;
            if (p1 !== undefined && p1 !== null) expect(s.deltas[m]!.pValue!).toBeCloseTo(p1, 9);
          }
          const v = c.deltas.iops?.verdict;
          if (v === 'improvement' && !c.deltas.iops!.singleRun)
            expect(s.deltas.iops!.verdict).toBe('regression');
        });
        expect(ba.accounting).toEqual(ab.accounting);
      }),
    );
  });

  it('adding a duplicate file doubles n and leaves medians unchanged', () => {
    fc.assert(
      fc.property(recordsArb, (rs) => {
        const dup = rs.map((r) => ({ ...r, origin: `copy.csv#${r.origin}` }));
        const one = compare(rs);
        const two = compare([...rs, ...dup]);
        expect(two.cells.map((c) => c.key)).toEqual(one.cells.map((c) => c.key));
        one.cells.forEach((c, i) => {
          const d = two.cells[i]!;
          expect(d.baseline.n).toBe(2 * c.baseline.n);
          expect(d.candidate.n).toBe(2 * c.candidate.n);
          expect(d.excludedFlagged).toBe(2 * c.excludedFlagged);
          for (const m of ['iops', 'lat_mean_us'] as const) {
            expect(d.baseline.metrics[m]?.median).toBe(c.baseline.metrics[m]?.median);
            expect(d.candidate.metrics[m]?.median).toBe(c.candidate.metrics[m]?.median);
            expect(d.deltas[m]?.pct).toBe(c.deltas[m]?.pct);
          }
        });
        expect(two.accounting.paired).toBe(2 * one.accounting.paired);
        expect(two.accounting.unpaired).toBe(2 * one.accounting.unpaired);
      }),
    );
  });

  it('permuting the records changes nothing', () => {
    fc.assert(
      fc.property(
        recordsArb.chain((rs) =>
          fc.tuple(
            fc.constant(rs),
            fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length }),
          ),
        ),
        fc.boolean(),
        ([rs, shuffled], poolSets) => {
          expect(project(shuffled, { poolSets })).toEqual(project(rs, { poolSets }));
        },
      ),
    );
  });

  it('restated records never count as repeats', () => {
    fc.assert(
      fc.property(recordsArb, (rs) => {
        const base = compare(rs);
        const restated = rs.map((r) => ({
          ...r,
          origin: `${r.origin}/restated`,
          restates: r.origin,
        }));
        const withRestated = compare([...rs, ...restated]);
        const n = (c: typeof base) => c.cells.map((x) => [x.key, x.baseline.n, x.candidate.n]);
        expect(n(withRestated)).toEqual(n(base));
      }),
    );
  });

  it('pivot and facets conserve counts', () => {
    fc.assert(
      fc.property(recordsArb, (rs) => {
        const c = compare(rs, { poolSets: true });
        const p = pivot(c, {
          rows: ['medium'],
          cols: ['rw', 'prewritten'],
          metric: 'iops',
          value: 'delta',
        });
        let cells = 0;
        let n = 0;
        for (const row of p.cells)
          for (const pc of row) {
            if (!pc) continue;
            cells += pc.cells.length;
            n += pc.n;
          }
        expect(cells).toBe(c.cells.length);
        expect(n).toBe(c.cells.reduce((a, x) => a + x.baseline.n + x.candidate.n, 0));
        const f = facetCounts(rs, ENVIRONMENT_FIELDS);
        for (const dim of ENVIRONMENT_FIELDS)
          expect(f[dim]!.reduce((a, x) => a + x.count, 0)).toBe(rs.length);
      }),
    );
  });
});
