/**
 * Differential tests: the optimized engine (compare()) returns exactly what the plain reference
 * (reference.ts) returns — every cell, side, aggregate, delta, verdict, flag, note, unpaired
 * record and count — on random record sets (with repeats, flags, restated rows, case variants
 * and extra columns), on odd records of any shape, and on the bundled seed.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FLAGS } from '../model/record.types';
import type { Dimension, QualityFlag, ResultRecord } from '../model/record.types';
import type { Iops, KibPerSecond, Microseconds } from '../model/units';
import type { Comparison, ComparisonSpec } from './compare.types';
import { compare } from './pair';
import { referenceCompare } from './reference';
import { makeRecord } from './record.fixture';
import { csvToRecords } from '../ingest/ingest';
import bundled from '../../../data/zstack-2023q1.csv?raw';

/** Everything a reader can see of a comparison (toJSON reads the lazy fields too). */
const visible = (c: Comparison): unknown => JSON.parse(JSON.stringify(c));

function expectSame(records: ResultRecord[], spec: Partial<ComparisonSpec>): void {
  // A fresh array each time: the engine caches its columns per array.
  const fast = compare([...records], spec);
  const plain = referenceCompare(records, spec);
  expect(visible(fast)).toEqual(visible(plain));
  // Records by identity, not only by value, in the same order.
  expect(fast.cells.flatMap((c) => [...c.baseline.used, ...c.candidate.records])).toStrictEqual(
    plain.cells.flatMap((c) => [...c.baseline.used, ...c.candidate.records]),
  );
  expect(fast.unpaired.map((u) => u.record)).toStrictEqual(plain.unpaired.map((u) => u.record));
}

/** A metric value: often one of a few (ties, equal medians, zero variance), else any. */
const metric = (max: number) =>
  fc.option(
    fc.oneof(
      fc.constantFrom(max / 2, max / 2 + 1, max / 2 + max / 100, max / 2 - max / 150, max / 4),
      fc.integer({ min: 1, max }),
      fc.double({ min: 0.5, max, noNaN: true }),
    ),
    { freq: 6 },
  );

/**
 * Records from a small environment space (so cells get repeats on both sides): values that
 * compare equal in natural order ('SSD', 'ssd'), missing values, every flag and an unknown one,
 * an extra column that is a dimension, and metrics that are close, identical or far apart.
 */
const smallRecordArb = fc
  .record({
    set: fc.constantFrom('A', 'A', 'A', 'B'),
    medium: fc.constantFrom('SSD', 'SSD', 'SSD', 'ssd', 'NVMe', null),
    rw: fc.constantFrom('randread', 'randread', 'randwrite'),
    bs: fc.constantFrom(4096, 4096, 4096, 65536),
    aio: fc.constantFrom('threads', 'native', 'threads', 'native', 'io_uring', null),
    layer: fc.constantFrom('guest', 'guest', 'guest', 'guest', 'host'),
    host: fc.constantFrom('', '', '', 'h1', 'h2'),
    run: fc.option(fc.constantFrom('r1', 'r2')),
    iops: metric(2_000),
    lat: metric(5_000),
    p99: metric(9_000),
    bw: fc.option(fc.integer({ min: 1, max: 100 }), { freq: 2 }),
    flags: fc.oneof(
      { weight: 4, arbitrary: fc.constant<string[]>([]) },
      { weight: 1, arbitrary: fc.subarray<string>([...FLAGS, 'odd-flag']) },
    ),
  })
  .map((v) =>
    makeRecord({
      set: v.set,
      medium: v.medium,
      rw: v.rw as ResultRecord['rw'],
      bs: v.bs as ResultRecord['bs'],
      aio: v.aio,
      layer: v.layer as ResultRecord['layer'],
      run: v.run,
      iops: v.iops as Iops | null,
      lat_mean_us: v.lat as Microseconds | null,
      lat_p99_us: v.p99 as Microseconds | null,
      bw_kib_s: v.bw as KibPerSecond | null,
      flags: v.flags as QualityFlag[],
      extra: v.host === '' ? {} : { host: v.host },
    }),
  );

/**
 * Record sets, sparse or dense, with duplicated origins (several runs of one row), exact repeats of earlier records
 * and restated rows: a restated row restates an earlier origin (its side or the other one), a
 * missing origin, or itself, and may leave a field empty as the seed's concurrency table does.
 */
const recordSetArb = fc
  .tuple(
    fc.array(smallRecordArb, { maxLength: 60, size: 'max' }),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('restate', 'repeat', 'same-origin')), {
      maxLength: 15,
      size: 'max',
    }),
    fc.boolean(),
  )
  .map(([rs, extras, dense]) => {
    // Dense sets: a handful of cells with many repeats each (Welch's test and TOST decide).
    const out: ResultRecord[] = rs.map((r, i) => ({
      ...r,
      ...(dense
        ? { set: 'A', rw: 'randread' as const, bs: r.bs, extra: {}, layer: 'guest' as const }
        : {}),
      origin: `f.csv:${i + 1}`,
    }));
    for (const [pick, kind] of extras) {
      if (out.length === 0) break;
      const of = out[pick % out.length]!;
      if (kind === 'restate')
        out.push({
          ...of,
          origin: `c.csv:${out.length}`,
          restates: pick % 7 === 0 ? 'nowhere:1' : of.origin,
          medium: pick % 3 === 0 ? null : of.medium,
        });
      else if (kind === 'repeat')
        out.push({
          ...of,
          origin: `r.csv:${out.length}`,
          iops: of.iops === null ? null : ((of.iops + 1) as Iops),
        });
      else out.push({ ...of, run: 'again' });
    }
    return out;
  });

const specArb: fc.Arbitrary<Partial<ComparisonSpec>> = fc.oneof(
  fc.record({
    axis: fc.constant('aio' as const),
    baseline: fc.constantFrom('threads', 'native', ''),
    candidate: fc.constantFrom('native', 'io_uring', 'threads'),
    poolSets: fc.boolean(),
    excludeFlagged: fc.boolean(),
    thresholdPct: fc.constantFrom(0, 5, 10, 50),
    includeHostLayer: fc.boolean(),
  }),
  fc.record({
    axis: fc.constantFrom('medium' as const, 'set' as const, 'layer' as const, 'x:host' as const),
    baseline: fc.constantFrom('SSD', 'A', 'guest', 'h1', ''),
    candidate: fc.constantFrom('ssd', 'NVMe', 'B', 'host', 'h2'),
    poolSets: fc.boolean(),
    excludeFlagged: fc.boolean(),
  }),
);

describe('compare() equals the reference engine', () => {
  it('on random record sets with repeats, flags and restated rows', () => {
    fc.assert(
      fc.property(recordSetArb, specArb, (rs, spec) => expectSame(rs, spec)),
      { numRuns: 200 },
    );
  });

  it('with the extra dimensions given by the spec', () => {
    fc.assert(
      fc.property(
        recordSetArb,
        fc.constantFrom<Dimension[]>([], ['x:host'], ['x:none']),
        (rs, extraDimensions) => expectSame(rs, { extraDimensions }),
      ),
      { numRuns: 100 },
    );
  });

  it('on odd records of any shape (free text, missing values, extras)', () => {
    // Free text with the key separator and its escape, odd extras, any mix of nulls. (The
    // worker's record arbitrary is out of reach of core tests; this is its shape, in small.)
    const text = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('a|b', 'a\\', '|', 'SSD'));
    const oddArb = fc.array(
      fc
        .record({
          set: text,
          storage: fc.option(text),
          medium: fc.option(fc.constantFrom('SSD', 'NVMe', 'ssd', 'a|b')),
          bus: fc.option(text),
          aio: fc.option(fc.constantFrom('threads', 'native', 'io_uring')),
          origin: text,
          restates: fc.option(text, { freq: 4 }),
          iops: fc.option(fc.integer({ min: 0, max: 50 })),
          lat: fc.option(fc.double({ min: -1, max: 50, noNaN: true })),
          flags: fc.subarray<string>([...FLAGS, '']),
          extra: fc.dictionary(fc.constantFrom('host', '备注', 'note', '', 'x y'), text, {
            maxKeys: 3,
          }),
        })
        .map(({ lat, ...v }) =>
          makeRecord({
            ...v,
            aio: v.aio,
            iops: v.iops as Iops | null,
            lat_mean_us: lat as Microseconds | null,
            flags: v.flags as QualityFlag[],
          }),
        ),
      { maxLength: 40, size: 'max' },
    );
    fc.assert(
      fc.property(oddArb, fc.boolean(), (rs, poolSets) => {
        expectSame(rs, { poolSets });
        expectSame(rs, { axis: 'medium', baseline: 'SSD', candidate: 'NVMe' });
      }),
      { numRuns: 100 },
    );
  });

  it('on the bundled seed, along aio, bus, format and medium', () => {
    const seed = csvToRecords(bundled, 'zstack-2023q1.csv');
    if (!seed.ok) throw new Error(seed.reason);
    const records = seed.value;
    expect(records.some((r) => r.restates !== null)).toBe(true);
    for (const spec of [
      {},
      { poolSets: true },
      { excludeFlagged: false },
      { candidate: 'io_uring' },
      { axis: 'bus' as const, baseline: 'virtio-blk', candidate: 'virtio-scsi' },
      { axis: 'format' as const, baseline: 'qcow2', candidate: 'raw' },
      { axis: 'medium' as const, baseline: 'SSD', candidate: 'NVMe' },
    ])
      expectSame(records, spec);
    // Without the restated rows the engine takes its grouped path: the same answers.
    const plain = records.filter((r) => r.restates === null);
    expectSame(plain, {});
    expectSame(plain, { axis: 'bus', baseline: 'virtio-blk', candidate: 'virtio-scsi' });
  });
});
