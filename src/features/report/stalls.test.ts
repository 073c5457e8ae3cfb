/**
 * The report lists measured stalls (issue 15.3): CONSTRUCTED records (no real allocation stall
 * on this machine) of a fallocated and a fully written image, native +12 % mean, p99.9 ×3.1.
 */
import { describe, expect, it } from 'vitest';
import { compare } from '../../core/compare';
import { makeRecord } from '../../core/compare/record.fixture';
import type { AioMode, Prealloc, ResultRecord } from '../../core/model/record.types';
import type { Iops, Microseconds } from '../../core/model/units';
import { hostPreset } from '../../core/policy/host-profile';
import { buildReport } from './report-model';
import { stallRows } from './stalls';

function cell(prealloc: Prealloc, prewritten: boolean): ResultRecord[] {
  const runs: [AioMode, number, number][] = [
    ['threads', 10000, 2000],
    ['threads', 10050, 2100],
    ['threads', 9950, 1900],
    ['native', 11200, 6200],
    ['native', 11256, 6600],
    ['native', 11144, 5900],
  ];
  return runs.map(([aio, iops, p999], i) =>
    makeRecord({
      aio,
      prealloc,
      prewritten,
      rw: 'randwrite',
      run: `r${i % 3}`,
      iops: iops as Iops,
      lat_p999_us: p999 as Microseconds,
    }),
  );
}

describe('report: measured stalls', () => {
  it('lists the fallocated cell, not the fully written one', () => {
    const records = [...cell('falloc', false), ...cell('full', true)];
    const model = buildReport(records, compare(records).cells, hostPreset('centos7')!.profile);
    const rows = stallRows(model.matrix);
    expect(rows.map((r) => r.row.prealloc)).toEqual(['falloc']);
    expect(rows[0]!.stalls.map((s) => s.text)).toEqual(['p99.9 ×3.1 (IOPS +12.0% vs threads)']);
  });
});
