/**
 * The comparison engine on the bundled seed data (data/zstack-2023q1.csv, from the ZStack 2023 Q1
 * aio plan): the pairs the issue names must come out with the seed's own numbers.
 */
import { describe, expect, it } from 'vitest';
import { csvToRecords } from '../ingest/ingest';
import type { ResultRecord } from '../model/record.types';
import { compare } from './pair';
import { coverage } from './coverage';
import { hostBaseline } from './host';
import { summarize } from './summary';
import { toTable } from './output';
import type { CellComparison, Comparison } from './compare.types';

import bundled from '../../../data/zstack-2023q1.csv?raw';

function seedRecords(): ResultRecord[] {
  const r = csvToRecords(bundled, 'zstack-2023q1.csv');
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

function find(c: Comparison, where: Record<string, string>): CellComparison {
  const hits = c.cells.filter((x) => Object.entries(where).every(([k, v]) => x.cell[k] === v));
  if (hits.length !== 1) throw new Error(`${hits.length} cells match ${JSON.stringify(where)}`);
  return hits[0]!;
}

describe('seed: threads → native', () => {
  const records = seedRecords();
  const c = compare(records);

  it('LocalStorage SSD virtio-blk prealloc off not-prewritten randwrite: 31336 → 36213 (+15.6%)', () => {
    const cell = find(c, {
      storage: 'LocalStorage',
      medium: 'SSD',
      bus: 'virtio-blk',
      prealloc: 'off',
      prewritten: 'false',
      rw: 'randwrite',
      vms: '1',
    });
    expect(cell.baseline.metrics.iops!.median).toBe(31336);
    expect(cell.candidate.metrics.iops!.median).toBe(36213);
    expect(cell.deltas.iops!.pct).toBeCloseTo(15.56, 2);
    expect(cell.deltas.iops!.text).toMatch(/^IOPS \+15\.6% \(higher is better\) → improvement/);
    expect(cell.verdict).toBe('improvement');
    expect(cell.deltas.iops!.singleRun).toBe(true);
    expect(cell.deltas.lat_mean_us!.text).toMatch(
      /^latency −13\.5% \(lower is better\) → improvement/,
    );
  });

  it('LocalStorage NVMe virtio-blk prealloc off prewritten randread: 133740 → 216143 (+61.6%)', () => {
    const cell = find(c, {
      storage: 'LocalStorage',
      medium: 'NVMe',
      bus: 'virtio-blk',
      prealloc: 'off',
      prewritten: 'true',
      rw: 'randread',
      vms: '1',
    });
    expect(cell.baseline.metrics.iops!.median).toBe(133740);
    expect(cell.candidate.metrics.iops!.median).toBe(216143);
    expect(cell.deltas.iops!.pct).toBeCloseTo(61.61, 2);
    expect(cell.deltas.iops!.text).toMatch(/^IOPS \+61\.6%/);
    expect(cell.verdict).toBe('improvement');
  });

  it('SharedBlock SSD-iSCSI virtio-blk not-prewritten randwrite: 54564 → 58718 (+7.6%), restated row shown but not counted', () => {
    const cell = find(c, {
      storage: 'SharedBlock',
      medium: 'SSD-iSCSI',
      bus: 'virtio-blk',
      prewritten: 'false',
      rw: 'randwrite',
      vms: '1',
    });
    expect(cell.baseline.metrics.iops!.median).toBe(54564);
    expect(cell.candidate.metrics.iops!.median).toBe(58718);
    expect(cell.deltas.iops!.pct).toBeCloseTo(7.61, 2);
    expect(cell.verdict).toBe('improvement');
    // the concurrency table restates both rows: kept for display, n stays 1
    expect(cell.baseline.records.length).toBe(2);
    expect(cell.baseline.n).toBe(1);
    expect(cell.candidate.n).toBe(1);
    expect(cell.notes.join('\n')).toContain('restated row not counted');
  });

  it('HDD cells land within a few percent', () => {
    const hdd = c.cells.filter((x) => x.cell.medium === 'HDD' && x.deltas.iops);
    expect(hdd.length).toBeGreaterThanOrEqual(10);
    for (const x of hdd) expect(Math.abs(x.deltas.iops!.pct)).toBeLessThan(10);
    const [summary] = summarize({ ...c, cells: hdd }, []);
    expect(Math.abs(summary!.geoMeanPct!)).toBeLessThan(3);
    expect(summary!.byVerdict['no-difference']).toBeGreaterThan(
      summary!.byVerdict.improvement + summary!.byVerdict.regression,
    );
  });

  it('excludes the FC-SAN unit-suspect cell by default and says so', () => {
    const where = { medium: 'FC-SAN', bus: 'virtio-blk', prewritten: 'false', rw: 'randread' };
    const cell = find(c, where);
    expect(cell.flags).toContain('unit-suspect');
    expect(cell.verdict).toBe('inconclusive');
    expect(cell.deltas.iops).toBeUndefined();
    expect(cell.excludedFlagged).toBe(1);
    expect(cell.notes.join('\n')).toMatch(
      /baseline \(threads\): 1 flagged record excluded \(.*unit-suspect.*\)/,
    );
    const included = find(compare(records, { excludeFlagged: false }), where);
    expect(included.baseline.metrics.iops!.median).toBe(171816);
    expect(included.deltas.iops!.pct).toBeLessThan(-90);
  });

  it('accounts for every record; host baselines are out of scope and found by hostBaseline', () => {
    expect(c.accounting.paired + c.accounting.unpaired + c.accounting.outOfScope).toBe(
      records.length,
    );
    expect(c.accounting.outOfScope).toBe(records.filter((r) => r.layer === 'host').length);
    const cell = find(c, {
      storage: 'SharedBlock',
      medium: 'SSD-iSCSI',
      bus: 'virtio-blk',
      prewritten: 'false',
      rw: 'randwrite',
      vms: '1',
    });
    expect(hostBaseline(records, cell.cell)?.iops).toBe(62000);
    expect(hostBaseline(records, { ...cell.cell, rw: 'randread' })).toBeNull();
  });

  it('compares along another axis: virtio-blk → virtio-scsi', () => {
    const bus = compare(records, { axis: 'bus', baseline: 'virtio-blk', candidate: 'virtio-scsi' });
    const cell = find(bus, {
      storage: 'LocalStorage',
      medium: 'SSD',
      aio: 'threads',
      prealloc: 'off',
      prewritten: 'true',
      rw: 'randread',
      vms: '1',
    });
    expect(cell.cell.bus).toBeUndefined();
    expect(cell.cell.aio).toBe('threads');
    expect(cell.baseline.metrics.iops!.median).toBe(82001);
    expect(cell.candidate.metrics.iops!.median).toBe(69629);
    expect(cell.verdict).toBe('regression');
  });

  it('coverage lists the blank SharedBlock HDD rows with their fio and libvirt lines', () => {
    const cov = coverage(records);
    expect(cov.complete).toBeGreaterThan(0);
    const gap = cov.gaps.find(
      (g) =>
        g.cell.storage === 'SharedBlock' &&
        g.cell.medium === 'HDD' &&
        g.cell.rw === 'randwrite' &&
        g.cell.bus === 'virtio-blk' &&
        g.cell.prewritten === 'false',
    );
    expect(gap?.missing).toBe('both');
    expect(gap!.fioCommand).toBe(
      'fio -name mytest -rw=randwrite -bs=4k -filename=$block -numjobs=1 -runtime=300 -iodepth=128 -size=50G -direct=1 -ioengine=libaio -time_based -group_reporting',
    );
    expect(gap!.libvirtDriver.split('\n')).toEqual([
      "<driver name='qemu' type='qcow2' cache='none' io='threads'/>",
      "<driver name='qemu' type='qcow2' cache='none' io='native'/>",
    ]);
    // a measured cell is not a gap
    expect(
      cov.gaps.some(
        (g) => g.cell.medium === 'SSD' && g.cell.storage === 'LocalStorage' && g.cell.vms === '1',
      ),
    ).toBe(false);
  });

  it('prints a table no wider than 80 columns', () => {
    const lines = toTable(c, { by: ['medium'] }).split('\n');
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(80);
    expect(lines.join('\n')).toContain('31336→36213');
  });
});
