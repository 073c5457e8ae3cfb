import { describe, expect, it } from 'vitest';
import { coverage } from './coverage';
import { fioCommand, libvirtDriver } from './coverage.gaps';
import { makeRecord, run } from './record.fixture';

describe('coverage', () => {
  const recs = [
    run(100, null, { medium: 'SSD', rw: 'randread' }),
    run(110, null, { medium: 'SSD', rw: 'randread', aio: 'native' }),
    run(100, null, { medium: 'SSD', rw: 'randwrite' }),
    run(100, null, { medium: 'HDD', rw: 'randread', aio: 'native' }),
    makeRecord({ medium: 'HDD', rw: 'randread', flags: ['incomplete'] }),
  ];

  it('lists the matrix cells that miss baseline, candidate or both', () => {
    const cov = coverage(recs);
    expect(cov.total).toBe(4); // {HDD, SSD} × {randread, randwrite}
    expect(cov.complete).toBe(1);
    expect(cov.gaps.map((g) => [`${g.cell.medium} ${g.cell.rw}`, g.missing])).toEqual([
      ['HDD randread', 'baseline'],
      ['SSD randwrite', 'candidate'],
      ['HDD randwrite', 'both'], // one-sided gaps first
    ]);
    expect(cov.missing).toEqual({ baseline: 1, candidate: 1, both: 1 });
  });

  it('gives the seed-style fio command and libvirt line for the missing side', () => {
    const gap = coverage(recs).gaps.find((g) => g.cell.medium === 'SSD')!;
    expect(gap.fioCommand).toBe(
      'fio -name mytest -rw=randwrite -bs=4k -filename=$block -numjobs=1 -runtime=300 -iodepth=128 -size=50G -direct=1 -ioengine=libaio -time_based -group_reporting',
    );
    expect(gap.libvirtDriver).toBe("<driver name='qemu' type='qcow2' cache='none' io='native'/>");
    expect(gap.sides).toHaveLength(1);
  });

  it('per-side commands differ when the axis is a fio field', () => {
    const rs = [
      run(1, null, { ioengine: 'libaio', iodepth: 1 }),
      run(1, null, { ioengine: 'libaio', iodepth: 32 }),
      run(1, null, { ioengine: 'io_uring', iodepth: 1 }),
    ];
    const cov = coverage(rs, { axis: 'ioengine', baseline: 'libaio', candidate: 'io_uring' });
    expect(cov.gaps).toHaveLength(1);
    expect(cov.gaps[0]!.fioCommand).toContain('-iodepth=32');
    expect(cov.gaps[0]!.fioCommand).toContain('-ioengine=io_uring');
  });

  it('with chosen fields: full cross product of their values, other fields ignored', () => {
    const cov = coverage(recs, {}, { fields: ['rw'] });
    expect(cov.fields).toEqual(['rw']);
    expect(cov.total).toBe(2);
    expect(cov.gaps.map((g) => [g.cell.rw, g.missing])).toEqual([['randwrite', 'candidate']]);
  });

  it('caps the listed gaps but counts them all', () => {
    const rs = Array.from({ length: 30 }, (_, i) => run(1, null, { iodepth: i + 1 }));
    const cov = coverage(rs, {}, { maxGaps: 5 });
    expect(cov.gaps).toHaveLength(5);
    expect(cov.missing.candidate).toBe(30);
  });
});

describe('command lines', () => {
  it('pre-writes a prewritten disk, notes several VMs, and passes iothread to libvirt', () => {
    const cmd = fioCommand({
      rw: 'randread',
      bs: '65536',
      iodepth: '32',
      numjobs: '4',
      prewritten: 'true',
      vms: '3',
      ioengine: '',
    });
    expect(cmd).toMatch(
      /^fio -name prewrite -rw=write -bs=1m .* && fio -name mytest -rw=randread -bs=64k .*-numjobs=4 .*-iodepth=32 .*-ioengine=libaio .*# in each of 3 VMs at once$/,
    );
    expect(
      libvirtDriver({ format: 'raw', cache: 'directsync', aio: 'io_uring', iothread: 'true' }),
    ).toBe("<driver name='qemu' type='raw' cache='directsync' io='io_uring' iothread='1'/>");
  });
});
