import { describe, expect, it } from 'vitest';
import { mulberry32, synthRecords, toCanonicalCsv, synthFioJson } from './synth';
import { CANONICAL_COLUMNS } from '../src/core/model/record.types';
import type { ResultRecord } from '../src/core/model/record.types';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

describe('synthetic result sets', () => {
  const recs = synthRecords(10_000);

  it('is deterministic: same seed, same CSV bytes; another seed differs', () => {
    expect(toCanonicalCsv(synthRecords(10_000))).toBe(toCanonicalCsv(recs));
    expect(toCanonicalCsv(synthRecords(10_000, { seed: 7 }))).not.toBe(toCanonicalCsv(recs));
    const a = mulberry32(1);
    const b = mulberry32(1);
    for (let i = 0; i < 100; i++) expect(a()).toBe(b());
  });

  it('produces exactly n records with the realistic cardinalities', () => {
    expect(recs).toHaveLength(10_000);
    const distinct = (f: keyof ResultRecord) => new Set(recs.map((r) => JSON.stringify(r[f]))).size;
    expect(distinct('set')).toBe(2);
    expect(distinct('storage')).toBe(3);
    expect(distinct('medium')).toBe(5);
    expect(distinct('prealloc')).toBe(5);
    expect(distinct('aio')).toBe(3);
    expect(distinct('rw')).toBe(5);
    expect(distinct('bs')).toBe(3);
    expect(distinct('iodepth')).toBe(3);
    expect(distinct('numjobs')).toBe(2);
    const runs = new Set(recs.map((r) => r.run));
    for (const k of [1, 2, 3, 4, 5]) expect(runs.has(`r${k}`)).toBe(true);
  });

  it('keeps Little’s law on clean records and breaks it exactly on unit-suspect ones', () => {
    for (const r of recs) {
      if (r.iops === null || r.lat_mean_us === null || r.iops === 0) continue;
      const ratio = (r.iops * r.lat_mean_us) / 1e6 / (r.iodepth! * r.numjobs!);
      if (r.flags.includes('unit-suspect')) expect(ratio).toBeGreaterThan(100);
      else expect(Math.abs(Math.log(ratio))).toBeLessThan(Math.log(1.2));
    }
  });

  it('marks missing metrics as null, never 0, except failed runs', () => {
    for (const r of recs) {
      if (r.flags.includes('incomplete')) expect(r.iops).toBeNull();
      else if (r.iops === 0) expect(r.flags).toContain('failed-run');
    }
  });

  it('gives native a gain over threads that grows from HDD to SSD to NVMe (4k, deep queues)', () => {
    // Paired by cell (every field but aio and run), as the comparison engine does.
    const gain = (medium: string) => {
      const cells = new Map<string, { threads: number[]; native: number[] }>();
      for (const r of recs) {
        if (r.medium !== medium || r.bs !== 4096 || r.iodepth! < 16 || r.flags.length > 0) continue;
        if (r.aio !== 'threads' && r.aio !== 'native') continue;
        const key = [
          r.set,
          r.storage,
          r.prealloc,
          r.bus,
          r.prewritten,
          r.rw,
          r.iodepth,
          r.numjobs,
          r.iothread,
          r.vms,
        ].join('|');
        const c = cells.get(key) ?? { threads: [], native: [] };
        c[r.aio].push(r.iops!);
        cells.set(key, c);
      }
      const ratios = [...cells.values()]
        .filter((c) => c.threads.length && c.native.length)
        .map((c) => median(c.native) / median(c.threads));
      expect(ratios.length).toBeGreaterThan(5);
      return median(ratios);
    };
    const hdd = gain('HDD');
    const ssd = gain('SSD');
    const nvme = gain('NVMe');
    expect(nvme).toBeGreaterThan(ssd);
    expect(ssd).toBeGreaterThan(hdd);
    expect(Math.abs(hdd - 1)).toBeLessThan(0.25);
  });

  it('writes the spec column order with extras after, nulls as empty cells', () => {
    const csv = toCanonicalCsv(recs.slice(0, 50));
    const [header, first] = csv.split('\n');
    expect(header!.split(',').slice(0, CANONICAL_COLUMNS.length)).toEqual([...CANONICAL_COLUMNS]);
    expect(header!.split(',').at(-1)).toBe('testbed');
    expect(first!.split(',')).toHaveLength(CANONICAL_COLUMNS.length + 1);
    expect(first!.split(',')[CANONICAL_COLUMNS.indexOf('origin')]).toBe('synth-10000.csv:2');
  });

  it('emits fio 3.x JSON with job options, clat_ns percentiles and facts in the description', () => {
    type Side = { iops: number; clat_ns: { percentile: Record<string, number> } };
    type Job = { 'job options': Record<string, string>; read: Side; write: Side };
    const doc = JSON.parse(
      synthFioJson(
        {
          storage: 'LocalStorage',
          medium: 'NVMe',
          prealloc: 'full',
          bus: 'virtio-blk',
          aio: 'native',
          prewritten: true,
          rw: 'randread',
          bs: 4096,
          iodepth: 32,
          numjobs: 4,
        },
        mulberry32(3),
      ),
    ) as { jobs: Job[] };
    const job = doc.jobs[0]!;
    expect(job['job options']).toMatchObject({
      rw: 'randread',
      bs: '4k',
      iodepth: '32',
      numjobs: '4',
    });
    expect(job['job options'].description).toContain('aio:native');
    expect(job.read.iops).toBeGreaterThan(100_000);
    expect(job.read.clat_ns.percentile['99.000000']).toBeGreaterThan(
      job.read.clat_ns.percentile['50.000000']!,
    );
    expect(job.write.iops).toBe(0);
  });
});
