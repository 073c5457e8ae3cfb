/* eslint-disable no-restricted-imports -- tests run in Node and read the bundled data from disk */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestBytes } from '../ingest/ingest';
import type { ResultRecord } from '../model/record.types';
import { cannotRun, planFill } from './fill';
import { workloadKey } from './plan';

const load = (name: string): ResultRecord[] => {
  const r = ingestBytes(readFileSync(join(__dirname, '../../../data', name)), { fileName: name });
  if (!r.ok) throw new Error(r.reason);
  return r.value.records;
};

describe('--fill', () => {
  it('the seed: every gap is a guest random-I/O cell this host cannot measure, each with its reason', () => {
    const fp = planFill(load('zstack-2023q1.csv'), { bs: 4096, iodepth: 32 });
    expect(fp.cannot.length).toBeGreaterThan(0);
    expect(fp.runnable).toEqual([]);
    expect(fp.workloads.size).toBe(0);
    for (const c of fp.cannot)
      expect(c.reason).toMatch(/source=block|rw=rand|format=raw|prealloc=n\/a|numjobs|vms/);
  });

  it('a bench set with holes: exactly the missing and single-run workloads', () => {
    const all = load('bench-qemu-img-ext4-virtio.csv');
    // Drop native of metadata/pre-filled/write entirely, and keep one threads run of full/fresh/write.
    const holed = all.filter((r) => {
      if (
        r.prealloc === 'metadata' &&
        r.prewritten === true &&
        r.rw === 'write' &&
        r.aio === 'native'
      )
        return false;
      if (
        r.prealloc === 'full' &&
        r.prewritten === false &&
        r.rw === 'write' &&
        r.aio === 'threads'
      )
        return r.run === '1';
      return true;
    });
    const fp = planFill(holed, { bs: 4096, iodepth: 32 });
    expect(fp.cannot).toEqual([]);
    expect([...fp.workloads].sort()).toEqual(
      [
        workloadKey({ prealloc: 'metadata', prefilled: true, rw: 'write', bs: 4096, iodepth: 32 }),
        workloadKey({ prealloc: 'full', prefilled: false, rw: 'write', bs: 4096, iodepth: 32 }),
      ].sort(),
    );
    expect(fp.runnable.map((c) => c.why).sort()).toEqual(['missing', 'single-run']);
    // The complete set has nothing to fill (its not-pre-filled reads are flagged, not missing).
    expect(planFill(all, { bs: 4096, iodepth: 32 }).workloads.size).toBe(0);
  });

  it('what this host cannot run', () => {
    expect(cannotRun({ source: 'block', rw: 'read' })).toMatch(/block device/);
    expect(cannotRun({ format: 'raw', rw: 'read' })).toMatch(/qcow2/);
    expect(cannotRun({ rw: 'randwrite' })).toMatch(/sequential/);
    expect(cannotRun({ rw: 'write', prealloc: 'n/a' })).toMatch(/preallocation/);
    expect(
      cannotRun({ rw: 'write', source: 'file', format: 'qcow2', prealloc: 'falloc' }),
    ).toBeNull();
  });
});
