/**
 * The report lists measured stalls (issue 15.3): CONSTRUCTED records (no real allocation stall
 * on this machine) of a fallocated and a fully written image, native +12 % mean, p99.9 ×3.1.
 */
import { describe, expect, it } from 'vitest';
import { compare } from '../../core/compare';
import { stallingCell } from '../../core/compare/record.fixture';
import { hostPreset } from '../../core/policy/host-profile';
import { buildReport } from './report-model';
import { stallRows } from './stalls';

describe('report: measured stalls', () => {
  it('lists the fallocated cell, not the fully written one', () => {
    const records = [...stallingCell('falloc', false), ...stallingCell('full', true)];
    const model = buildReport(records, compare(records).cells, hostPreset('centos7')!.profile);
    const rows = stallRows(model.matrix);
    expect(rows.map((r) => r.row.prealloc)).toEqual(['falloc']);
    expect(rows[0]!.stalls.map((s) => s.text)).toEqual(['p99.9 ×3.1 (IOPS +12.0% vs threads)']);
  });
});
