import { describe, expect, it } from 'vitest';
import { compare } from './pair';
import { makeRecord, run } from './record.fixture';

describe('compare (pairing)', () => {
  it('pairs threads and native records of the same cell and computes the delta on medians', () => {
    const recs = [
      run(31336, 4083.38, { aio: 'threads', rw: 'randwrite' }),
      run(36213, 3533.6, { aio: 'native', rw: 'randwrite' }),
    ];
    const c = compare(recs);
    expect(c.cells).toHaveLength(1);
    const cell = c.cells[0]!;
    expect(cell.deltas.iops!.pct).toBeCloseTo(15.56, 2);
    expect(cell.deltas.iops!.singleRun).toBe(true);
    expect(cell.verdict).toBe('improvement');
    expect(cell.deltas.lat_mean_us!.pct).toBeCloseTo(-13.46, 2);
    expect(cell.deltas.lat_mean_us!.verdict).toBe('improvement');
    expect(cell.deltas.lat_mean_us!.text).toContain(
      'latency −13.5% (lower is better) → improvement',
    );
    expect(cell.cell.aio).toBeUndefined();
    expect(cell.cell.rw).toBe('randwrite');
    expect(c.accounting).toEqual({ records: 2, paired: 2, unpaired: 0, outOfScope: 0 });
  });

  it('keeps result sets apart unless poolSets', () => {
    const recs = [run(100, null, { set: 'A' }), run(120, null, { set: 'B', aio: 'native' })];
    expect(compare(recs).cells).toHaveLength(0);
    expect(compare(recs).unpaired.map((u) => u.nearestDiff)).toEqual([
      { set: ['A', 'B'] },
      { set: ['B', 'A'] },
    ]);
    const pooled = compare(recs, { poolSets: true });
    expect(pooled.cells).toHaveLength(1);
    expect(pooled.cells[0]!.cell.set).toBeUndefined();
  });

  it('treats host-layer records and other axis values as out of scope', () => {
    const recs = [
      run(100, null),
      run(110, null, { aio: 'native' }),
      run(200, null, { aio: 'io_uring' }),
      run(150, null, { layer: 'host', aio: 'native' }),
    ];
    const c = compare(recs);
    expect(c.accounting).toEqual({ records: 4, paired: 2, unpaired: 0, outOfScope: 2 });
  });

  it('includeHostLayer compares host-layer records with each other (an aio-dash bench set)', () => {
    const recs = [
      run(100, null, { layer: 'host' }),
      run(150, null, { layer: 'host', aio: 'native' }),
      run(120, null),
    ];
    expect(compare(recs).accounting.outOfScope).toBe(2);
    const c = compare(recs, { includeHostLayer: true });
    expect(c.accounting).toEqual({ records: 3, paired: 2, unpaired: 1, outOfScope: 0 });
    expect(c.cells[0]!.cell.layer).toBe('host');
  });

  it('compares along any axis (bus) and with io_uring as candidate', () => {
    const recs = [
      run(100, null, { bus: 'virtio-blk' }),
      run(90, null, { bus: 'virtio-scsi' }),
      run(130, null, { aio: 'io_uring' }),
    ];
    const byBus = compare(recs, { axis: 'bus', baseline: 'virtio-blk', candidate: 'virtio-scsi' });
    expect(byBus.cells).toHaveLength(1);
    expect(byBus.cells[0]!.deltas.iops!.pct).toBeCloseTo(-10, 6);
    expect(byBus.cells[0]!.verdict).toBe('regression');
    const uring = compare(recs, { candidate: 'io_uring' });
    expect(uring.cells[0]!.deltas.iops!.pct).toBeCloseTo(30, 6);
  });

  it('does not count restated rows or incomplete rows as repeats', () => {
    const orig = run(100, null, { origin: 'seed.md:10' });
    const recs = [
      orig,
      run(100, null, { origin: 'seed.md:90', restates: 'seed.md:10' }),
      makeRecord({ flags: ['incomplete'] }),
      run(200, null, { aio: 'native' }),
    ];
    const cell = compare(recs).cells[0]!;
    expect(cell.baseline.n).toBe(1);
    expect(cell.baseline.records).toHaveLength(3);
    expect(cell.notes.join('\n')).toContain('restated row not counted');
  });

  it('excludes flagged records by default and says so; inconclusive when a side becomes empty', () => {
    const recs = [run(100, null), run(500, null, { aio: 'native', flags: ['unit-suspect'] })];
    const c = compare(recs);
    expect(c.cells[0]!.verdict).toBe('inconclusive');
    expect(c.cells[0]!.excludedFlagged).toBe(1);
    expect(c.cells[0]!.notes.join('\n')).toMatch(
      /candidate \(native\): 1 flagged record excluded \(unit-suspect\)/,
    );
    expect(c.cells[0]!.notes.join('\n')).toMatch(/empty after exclusion/);
    const incl = compare(recs, { excludeFlagged: false });
    expect(incl.cells[0]!.verdict).toBe('improvement');
  });

  it('uses extra non-numeric columns as dimensions and numeric ones not', () => {
    const recs = [
      run(100, null, { extra: { kernel: '4.18.0-305', util: '80' } }),
      run(110, null, { aio: 'native', extra: { kernel: '5.14.0-70', util: '90' } }),
    ];
    const c = compare(recs);
    expect(c.dims).toContain('x:kernel');
    expect(c.dims).not.toContain('x:util');
    expect(c.unpaired[0]!.nearestDiff).toEqual({ 'x:kernel': ['4.18.0-305', '5.14.0-70'] });
  });

  it('lists unpaired records with the fields that differ from the nearest cell of the other side', () => {
    const lone = run(100, null, { origin: 'a:1' });
    const recs = [
      lone,
      run(90, null, { aio: 'native', iodepth: 32, origin: 'b:1' }),
      run(90, null, { aio: 'native', medium: 'HDD', rw: 'randwrite', origin: 'b:2' }),
      run(80, null, {
        aio: 'native',
        medium: 'HDD',
        rw: 'randwrite',
        bus: 'virtio-scsi',
        origin: 'b:3',
      }),
    ];
    const c = compare(recs);
    expect(c.cells).toHaveLength(0);
    const u = c.unpaired.find((x) => x.record === lone)!;
    expect(u.side).toBe('baseline');
    expect(u.nearestDiff).toEqual({ iodepth: ['128', '32'] });
    // b:3's nearest (and only) threads cell differs in three fields
    const b3 = c.unpaired.find((x) => x.record.origin === 'b:3')!;
    expect(Object.keys(b3.nearestDiff).sort()).toEqual(['bus', 'medium', 'rw']);
    const only = compare([run(1, null)]);
    expect(only.unpaired[0]!.nearestDiff).toEqual({});
    expect(only.unpaired[0]!.nearestKey).toBeNull();
  });

  it('aggregates repeats: n, median, mean, min, max, sd, cv', () => {
    const recs = [
      run(100, 10),
      run(110, 11),
      run(90, 9),
      run(130, 8, { aio: 'native' }),
      run(120, 8.5, { aio: 'native' }),
    ];
    const cell = compare(recs).cells[0]!;
    expect(cell.baseline.n).toBe(3);
    expect(cell.baseline.metrics.iops).toMatchObject({
      n: 3,
      median: 100,
      mean: 100,
      min: 90,
      max: 110,
      sd: 10,
      cv: 0.1,
    });
    expect(cell.candidate.metrics.iops!.median).toBe(125);
    expect(cell.deltas.iops!.singleRun).toBe(false);
    expect(cell.deltas.iops!.pValue).not.toBeNull();
    expect(cell.notes.join('\n')).toMatch(/Welch's t-test on 3 vs 2 runs/);
  });
});
