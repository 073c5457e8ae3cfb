import { describe, expect, it } from 'vitest';
import { hostBaseline, hostBaselineIndex } from './host';
import { compare } from './pair';
import { run } from './record.fixture';

describe('hostBaseline', () => {
  const host = run(62000, null, {
    layer: 'host',
    aio: null,
    storage: 'SharedBlock',
    medium: 'SSD-iSCSI',
    rw: 'randwrite',
    origin: 'h:1',
  });
  const hostOtherDepth = run(50000, null, {
    layer: 'host',
    aio: null,
    storage: 'SharedBlock',
    medium: 'SSD-iSCSI',
    rw: 'randwrite',
    iodepth: 32,
    origin: 'h:2',
  });
  const guests = [
    run(54564, null, { storage: 'SharedBlock', medium: 'SSD-iSCSI', rw: 'randwrite' }),
    run(58718, null, {
      storage: 'SharedBlock',
      medium: 'SSD-iSCSI',
      rw: 'randwrite',
      aio: 'native',
    }),
  ];

  it('finds the host record by storage/medium/rw/bs, preferring the same iodepth', () => {
    const c = compare([hostOtherDepth, host, ...guests]);
    expect(c.cells).toHaveLength(1);
    expect(c.outOfScope).toBe(2); // host records are never paired against guests
    expect(hostBaseline([hostOtherDepth, host, ...guests], c.cells[0]!.cell)?.origin).toBe('h:1');
    const lookup = hostBaselineIndex([hostOtherDepth, ...guests]);
    expect(lookup(c.cells[0]!.cell)?.origin).toBe('h:2');
    expect(lookup({ ...c.cells[0]!.cell, rw: 'randread' })).toBeNull();
    expect(lookup({ ...c.cells[0]!.cell, medium: 'NVMe' })).toBeNull();
  });
});
