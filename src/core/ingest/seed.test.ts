/**
 * The seed document re-imported end to end and checked against the bundled data file, record by
 * record, plus the seed's own counts and spot values.
 */
import { describe, expect, it } from 'vitest';
import type { ResultRecord } from '../model/record.types';
import { csvToRecords, explainFlags, ingestBytes, recordsToCsv } from './ingest';

import mdText from '../../../data/sources/aio-plan-2023q1.md?raw';
import bundled from '../../../data/zstack-2023q1.csv?raw';

const md = new TextEncoder().encode(mdText);

function seed() {
  const r = ingestBytes(md, { fileName: 'aio-plan-2023q1.md', set: 'zstack-2023q1' });
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}
const at = (rs: ResultRecord[], line: number) =>
  rs.find((r) => r.origin === `aio-plan-2023q1.md:${line}`)!;

describe('seed aio-plan-2023q1.md', () => {
  const { records, report } = seed();
  const guest = records.filter((r) => r.layer === 'guest');
  const host = records.filter((r) => r.layer === 'host');

  it('re-imports to exactly the bundled data/zstack-2023q1.csv', () => {
    const fromCsv = csvToRecords(bundled, 'zstack-2023q1.csv');
    expect(fromCsv.ok).toBe(true);
    if (!fromCsv.ok) return;
    expect(fromCsv.value).toHaveLength(records.length);
    for (let i = 0; i < records.length; i++)
      expect(fromCsv.value[i], records[i]!.origin).toEqual(records[i]);
    expect(recordsToCsv(records)).toBe(bundled);
  });

  it('has 208 guest rows: 176 single-VM and 32 multi-VM, 60 of them incomplete', () => {
    expect(guest).toHaveLength(208);
    const multi = guest.filter((r) => Number(r.origin.split(':')[1]) >= 476);
    expect(multi).toHaveLength(32);
    expect(guest.length - multi.length).toBe(176);
    expect(guest.filter((r) => r.flags.includes('incomplete'))).toHaveLength(60);
    expect(multi.filter((r) => r.flags.includes('incomplete'))).toHaveLength(12);
    expect(multi.filter((r) => r.vms === 3)).toHaveLength(16);
    expect(guest.filter((r) => r.vms === 1)).toHaveLength(176 + 16);
  });

  it('accounts for every row: read = accepted + rejected, nothing rejected', () => {
    expect(report.read).toBe(211);
    expect(report.accepted).toBe(211);
    expect(report.rejected).toEqual([]);
    expect(report.flagged).toBe(records.filter((r) => r.flags.length > 0).length);
    expect(
      report.notes.some((n) => n.includes('line 549') && n.includes('not a result table')),
    ).toBe(true);
  });

  it('turns the section-row baselines into host records', () => {
    expect(host.map((r) => [r.medium, r.rw, r.iops, r.aio, r.flags.join(';'), r.origin])).toEqual([
      ['SSD-iSCSI', 'randwrite', 62000, null, '', 'aio-plan-2023q1.md:401'],
      ['FC-SAN', 'randwrite', 5066, null, '', 'aio-plan-2023q1.md:434'],
      ['IP-SAN', 'randwrite', null, null, 'incomplete', 'aio-plan-2023q1.md:451'],
    ]);
    for (const h of host)
      expect([h.storage, h.source, h.bs, h.vms, h.prewritten]).toEqual([
        'SharedBlock',
        'block',
        4096,
        null,
        null,
      ]);
  });

  it('reads the spot values of the issue', () => {
    const threads = at(records, 321);
    expect([
      threads.storage,
      threads.medium,
      threads.bus,
      threads.prealloc,
      threads.prewritten,
      threads.rw,
      threads.aio,
    ]).toEqual(['LocalStorage', 'SSD', 'virtio-blk', 'off', false, 'randwrite', 'threads']);
    expect([threads.iops, threads.lat_mean_us]).toEqual([31336, 4083.38]);
    const native = at(records, 337);
    expect([native.aio, native.iops, native.lat_mean_us]).toEqual(['native', 36213, 3533.6]);
    const fc = at(records, 435);
    expect([fc.medium, fc.aio, fc.bus, fc.prewritten, fc.rw, fc.iops, fc.lat_mean_us]).toEqual([
      'FC-SAN',
      'threads',
      'virtio-blk',
      false,
      'randread',
      171816,
      743970,
    ]);
    expect(fc.flags).toEqual(['unit-suspect', 'sparse-read']);
    expect(at(records, 290).lat_mean_us).toBe(304000);
    expect(at(records, 288).lat_mean_us).toBe(426.29);
  });

  it('applies the constants table and the storage facts', () => {
    const r = at(records, 288);
    expect([
      r.fs,
      r.cache,
      r.iodepth,
      r.numjobs,
      r.ioengine,
      r.runtime_s,
      r.bs,
      r.format,
      r.source,
      r.extra['disk_size'],
      r.extra['direct'],
    ]).toEqual(['xfs', 'none', 128, 1, 'libaio', 300, 4096, 'qcow2', 'file', '50G', '1']);
    const sb = at(records, 402);
    expect([sb.fs, sb.source, sb.format, sb.prealloc, sb.medium]).toEqual([
      null,
      'block',
      'qcow2',
      'n/a',
      'SSD-iSCSI',
    ]);
    expect(at(records, 352).medium).toBe('NVMe');
  });

  it('marks the 1-VM concurrency rows as restatements of the single-VM table', () => {
    const r = at(records, 476);
    expect([r.vms, r.iops, r.iops_total, r.restates]).toEqual([
      1,
      43164,
      null,
      'aio-plan-2023q1.md:402',
    ]);
    expect(at(records, 402).iops).toBe(43164);
    expect(records.filter((x) => x.restates !== null)).toHaveLength(16);
    const three = at(records, 480);
    expect([three.vms, three.iops, three.iops_total, three.restates]).toEqual([
      3,
      15164,
      45493,
      null,
    ]);
  });

  it('flags exactly the suspicious seed rows', () => {
    const unit = records.filter((r) => r.flags.includes('unit-suspect')).map((r) => r.origin);
    expect(unit).toEqual(['aio-plan-2023q1.md:435']);
    const sparse = records.filter((r) => r.flags.includes('sparse-read'));
    // 24 LocalStorage not-pre-written reads (by layout) + 3 FC-SAN reads > 2x their pre-written read.
    expect(sparse).toHaveLength(27);
    expect(sparse.filter((r) => r.storage === 'SharedBlock').map((r) => r.origin)).toEqual([
      'aio-plan-2023q1.md:435',
      'aio-plan-2023q1.md:439',
      'aio-plan-2023q1.md:447',
    ]);
    // FC-SAN native virtio-blk: 5924 vs 3056 pre-written is under 2x: not flagged.
    expect(at(records, 443).flags).toEqual([]);
    expect(records.filter((r) => r.flags.includes('failed-run'))).toEqual([]);
  });

  it('explains flags in English and Chinese with the record’s numbers', () => {
    const fc = at(records, 435);
    const en = explainFlags(fc, 'en', records);
    expect(en.map((e) => e.flag)).toEqual(['unit-suspect', 'sparse-read']);
    expect(en[0]!.text).toContain('171816 × 743970 µs');
    expect(en[0]!.text).toContain('iodepth × numjobs = 128');
    expect(en[1]!.text).toContain('3090');
    const zh = explainFlags(fc, 'zh', records);
    expect(zh[0]!.text).toContain('单位可疑');
    expect(explainFlags(at(records, 288), 'en')[0]!.text).toContain('prealloc off');
  });
});
