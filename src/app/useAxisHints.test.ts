import { describe, expect, it } from 'vitest';
import { run } from '../core/compare/record.fixture';
import type { ResultRecord } from '../core/model/record.types';
import { layoutForFix } from './useAxisHints';

describe('layoutForFix', () => {
  it('lays out what varies among the records the fix compares (host runs: preallocation × rw)', () => {
    const recs: ResultRecord[] = [];
    for (const ioengine of ['libaio', 'io_uring', 'psync'])
      for (const prealloc of ['off', 'falloc'] as const)
        for (const rw of ['randread', 'randwrite'] as const)
          recs.push(
            run(1, 1, {
              aio: null,
              ioengine,
              prealloc,
              rw,
              storage: null,
              medium: null,
              // psync keeps one I/O in flight: another iodepth, but psync is not compared
              iodepth: ioengine === 'psync' ? 1 : 16,
            }),
          );
    const fix = {
      axis: 'ioengine' as const,
      baseline: 'libaio',
      candidate: 'io_uring',
      poolSets: false,
    };
    expect(layoutForFix(fix, recs)).toEqual({ rows: ['prealloc'], cols: ['rw'] });
  });

  it('falls back to the workload sweep when no default row varies (set A vs set B of fio-plot folders)', () => {
    const recs: ResultRecord[] = [];
    for (const set of ['A', 'B'])
      for (const iodepth of [1, 4])
        for (const numjobs of [1, 2])
          for (const rw of ['randread', 'randwrite'] as const)
            recs.push(run(1, 1, { set, iodepth, numjobs, rw, storage: null, medium: null }));
    const fix = { axis: 'set' as const, baseline: 'A', candidate: 'B', poolSets: false };
    expect(layoutForFix(fix, recs)).toEqual({ rows: ['iodepth'], cols: ['rw', 'numjobs'] });
  });
});
