import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Dimension, ResultRecord } from '../model/record.types';
import { axisHints, hintFix } from './axis-hints';
import { countPairs, PairCounter } from './axis-hints.count';
import { describeHint } from './axis-hints.text';
import { recordColumns } from './columnar.records';
import { cellDimensions, compare, withDefaults } from './pair';
import { run } from './record.fixture';

/** The host-runs shape: fio engines × file preallocation × rw, empty aio, one set. */
function hostRuns(set: (i: number) => string = () => 'host-runs'): ResultRecord[] {
  const out: ResultRecord[] = [];
  let i = 0;
  for (const ioengine of ['libaio', 'io_uring', 'psync'])
    for (const prealloc of ['off', 'falloc'] as const)
      for (const rw of ['randread', 'randwrite'] as const)
        out.push(
          run(1000 + i * 10, 100, {
            set: set(i++),
            aio: null,
            ioengine,
            prealloc,
            rw,
          }),
        );
  return out;
}

describe('axisHints', () => {
  it('says the axis is empty and proposes the fio engine, libaio vs io_uring, with real pair counts', () => {
    const recs = hostRuns();
    const hints = axisHints(recs, {});
    const h = hints[0]!;
    expect(h.kind).toBe('axis-empty');
    if (h.kind !== 'axis-empty') return;
    expect(h.present).toEqual([]);
    expect(h.fix).toEqual({
      axis: 'ioengine',
      baseline: 'libaio',
      candidate: 'io_uring',
      poolSets: false,
    });
    // The pair count is compare()'s own.
    const real = compare(recs, { ...h.fix! }).cells.length;
    expect(real).toBe(4);
    expect(h.pairs).toBe(real);
    expect(h.alternatives[0]).toMatchObject({
      axis: 'ioengine',
      values: ['libaio', 'io_uring', 'psync'],
      pairs: 4,
    });
    // preallocation pairs more cells (6) but is not the question the aio axis asked.
    expect(h.alternatives.map((a) => a.axis)).toContain('prealloc');
    expect(h.alternatives.map((a) => a.axis)).not.toContain('rw');
    expect(describeHint(h)).toBe(
      'aio mode is empty in your files; fio engine has libaio, io_uring, psync — compare along fio engine (libaio vs io_uring, 4 pairs)',
    );
  });

  it('pools the sets in the fix when each file is its own set', () => {
    const recs = hostRuns((i) => `file-${i}`);
    const h = axisHints(recs, {})[0]!;
    expect(h.kind).toBe('axis-empty');
    expect(hintFix(h)).toEqual({
      axis: 'ioengine',
      baseline: 'libaio',
      candidate: 'io_uring',
      poolSets: true,
    });
    expect(compare(recs, { ...hintFix(h)! }).cells).toHaveLength(4);
    expect(describeHint(h)).toContain('pooling result sets');
  });

  it('says the sets pair only when pooled', () => {
    const recs = [
      run(100, 10, { set: 'A', aio: 'threads' }),
      run(100, 10, { set: 'A', aio: 'threads', rw: 'randwrite' }),
      run(130, 8, { set: 'B', aio: 'native' }),
      run(130, 8, { set: 'B', aio: 'native', rw: 'randwrite' }),
    ];
    expect(compare(recs).cells).toHaveLength(0);
    const hints = axisHints(recs, {});
    expect(hints[0]).toEqual({
      kind: 'pool-sets',
      pairs: 2,
      current: 0,
      fix: { axis: 'aio', baseline: 'threads', candidate: 'native', poolSets: true },
    });
    expect(describeHint(hints[0]!)).toBe('these sets pair only when pooled — pool them (2 pairs)');
  });

  it('proposes set A vs set B for two folders of the same runs', () => {
    const recs: ResultRecord[] = [];
    for (const set of ['nvme0', 'sda'])
      for (const iodepth of [1, 2, 4, 8])
        for (const rw of ['randread', 'randwrite'] as const)
          recs.push(
            run(iodepth * (set === 'sda' ? 100 : 900), 50, { set, aio: null, iodepth, rw }),
          );
    const hints = axisHints(recs, {});
    const h = hints[0]!;
    expect(h.kind).toBe('axis-empty');
    expect(hintFix(h)).toEqual({
      axis: 'set',
      baseline: 'nvme0',
      candidate: 'sda',
      poolSets: false,
    });
    expect(compare(recs, { ...hintFix(h)! }).cells).toHaveLength(8);
    expect(describeHint(h)).toBe(
      'aio mode is empty in your files; the sets nvme0 and sda have the same environment otherwise — compare set nvme0 vs set sda (8 pairs)',
    );
    // No second hint repeats the same fix.
    expect(hints.filter((x) => hintFix(x)?.axis === 'set')).toHaveLength(1);
  });

  it('proposes present values when the chosen ones are absent', () => {
    const recs = [
      run(100, 10, { aio: 'threads' }),
      run(150, 7, { aio: 'io_uring' }),
      run(150, 7, { aio: 'io_uring', medium: 'NVMe' }),
    ];
    const h = axisHints(recs, { axis: 'aio', baseline: 'threads', candidate: 'native' })[0]!;
    expect(h).toMatchObject({
      kind: 'values-absent',
      missing: ['native'],
      present: ['threads', 'io_uring'],
      fix: { axis: 'aio', baseline: 'threads', candidate: 'io_uring', poolSets: false },
      pairs: 1,
    });
    expect(describeHint(h)).toBe(
      'native is not in your files (aio mode has threads, io_uring) — compare threads vs io_uring (1 pair)',
    );
  });

  it('names the fields that keep the sides apart when nothing pairs', () => {
    const recs = [
      run(100, 10, { aio: 'threads', medium: 'SSD' }),
      run(150, 7, { aio: 'native', medium: 'NVMe' }),
    ];
    const hints = axisHints(recs, {});
    expect(hints.map((h) => h.kind)).toEqual(['no-pairs']);
    expect(describeHint(hints[0]!)).toBe(
      'nothing pairs: threads and native records never share a cell: they differ in medium',
    );
  });

  it('gives no hint when the comparison pairs everything it can', () => {
    const recs = [run(100, 10, { aio: 'threads' }), run(120, 9, { aio: 'native' })];
    expect(axisHints(recs, {})).toEqual([]);
  });

  it('is deterministic whatever the record order', () => {
    const recs = hostRuns((i) => `file-${i % 3}`);
    const a = axisHints(recs, {});
    const b = axisHints([...recs].reverse(), {});
    expect(b.map(hintFix)).toEqual(a.map(hintFix));
  });
});

describe('axisHints on bare-metal records only', () => {
  it('says comparisons leave them out', () => {
    const recs = [
      run(1, 1, { aio: 'threads', layer: 'host' }),
      run(2, 1, { aio: 'native', layer: 'host' }),
    ];
    const hints = axisHints(recs, {});
    expect(hints).toHaveLength(1);
    expect(describeHint(hints[0]!)).toContain('bare-metal');
  });
});

describe('PairCounter (the fast path) against compare() (the reference)', () => {
  const rec = fc
    .record({
      set: fc.constantFrom('A', 'B', 'C'),
      medium: fc.constantFrom('SSD', 'NVMe', null),
      rw: fc.constantFrom('randread', 'randwrite'),
      aio: fc.constantFrom('threads', 'native', 'io_uring', null),
      ioengine: fc.constantFrom('libaio', 'io_uring', 'psync'),
      iodepth: fc.constantFrom(1, 4, 32),
      layer: fc.constantFrom('guest', 'guest', 'host', null),
      testbed: fc.constantFrom('n1', 'n2', undefined),
    })
    .map((v) =>
      run(100, 10, {
        set: v.set,
        medium: v.medium,
        rw: v.rw,
        aio: v.aio,
        ioengine: v.ioengine,
        iodepth: v.iodepth,
        layer: v.layer,
        extra: v.testbed ? { testbed: v.testbed } : {},
      }),
    );
  const fix = fc.record({
    axis: fc.constantFrom<Dimension>(
      'aio',
      'ioengine',
      'set',
      'iodepth',
      'layer',
      'x:testbed',
      'medium',
    ),
    a: fc.constantFrom(
      'threads',
      'native',
      'libaio',
      'io_uring',
      'A',
      'B',
      'C',
      '1',
      '32',
      'host',
      'guest',
      'n1',
      'n2',
      'SSD',
      'NVMe',
      '',
    ),
    b: fc.constantFrom('native', 'io_uring', 'psync', 'B', 'C', '4', 'guest', 'n2', 'NVMe', ''),
    poolSets: fc.boolean(),
  });
  it('counts exactly the cells compare() pairs', () => {
    fc.assert(
      fc.property(
        fc.array(rec, { maxLength: 80 }),
        fix,
        fc.constantFrom(null, 'apart', 'pooled'),
        (recs, f, reuse) => {
          const cols = recordColumns(recs);
          const extras = cols.extraDimensions();
          // Both ways of building the groups: every dimension at once, or refining the cached
          // grouping of another comparison (here: of the aio axis, pooled or not).
          const counter = reuse
            ? new PairCounter(
                cols,
                extras,
                false,
                cellDimensions(
                  recs,
                  withDefaults({
                    axis: 'aio',
                    poolSets: reuse === 'pooled',
                    extraDimensions: extras,
                  }),
                  cols,
                ),
              )
            : new PairCounter(cols, extras);
          const want = compare(recs, {
            axis: f.axis,
            baseline: f.a,
            candidate: f.b,
            poolSets: f.poolSets,
          }).cells.length;
          expect(
            counter.count({ axis: f.axis, baseline: f.a, candidate: f.b, poolSets: f.poolSets }),
          ).toBe(want);
        },
      ),
      { numRuns: 600 },
    );
  });
});

describe('countPairs', () => {
  it('equals compare(), also for records that restate others (compare() itself then)', () => {
    const a = run(100, 10, { aio: 'threads' });
    const recs = [a, run(120, 9, { aio: 'native' }), run(90, 9, { aio: 'native', medium: 'HDD' })];
    expect(countPairs(recs, {})).toBe(compare(recs).cells.length);
    const restating = [
      ...recs,
      { ...run(100, 10, { aio: 'threads', vms: 3 }), restates: a.origin },
    ];
    expect(countPairs(restating, {})).toBe(compare(restating).cells.length);
  });
});
