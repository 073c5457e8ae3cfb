import { describe, expect, it } from 'vitest';
import { buildMatrix, parsePlanFile } from './matrix';
import {
  describePlan,
  interleavedRuns,
  planBench,
  recordRunKey,
  rotate,
  runKey,
  workloadKey,
} from './plan';
import type { BenchMatrix } from './bench.types';
import { emptyRecord } from '../ingest/record.build';
import { asBytes } from '../model/units';

function matrix(flags: Record<string, string> = {}): BenchMatrix {
  const m = buildMatrix({}, flags);
  if (!m.ok) throw new Error(m.reason);
  return m.value;
}

describe('bench matrix', () => {
  it('defaults to the full qemu-img matrix of the issue', () => {
    const m = matrix();
    expect(m.aio).toEqual(['threads', 'native', 'io_uring']);
    expect(m.prealloc).toEqual(['off', 'metadata', 'falloc', 'full']);
    expect(m.prefill).toEqual([false, true]);
    expect(m.rw).toEqual(['read', 'write']);
    expect(m.bs).toEqual([4096]);
    expect(m.count).toBeNull();
    expect(interleavedRuns(m)).toHaveLength(3 * 4 * 2 * 2 * 3);
  });

  it('rejects what an engine cannot do, with the reason', () => {
    const bad = (flags: Record<string, string>) => {
      const r = buildMatrix({}, flags);
      expect(r.ok).toBe(false);
      return r.ok ? '' : r.reason;
    };
    expect(bad({ rw: 'randread' })).toMatch(/sequential/);
    expect(bad({ runtime: '5' })).toMatch(/--count/);
    expect(bad({ engine: 'fio', prefill: 'no' })).toMatch(/pre-filled/);
    expect(bad({ aio: 'threads,posix' })).toMatch(/'posix'/);
    expect(bad({ bs: '3000' })).toMatch(/block size/);
    expect(bad({ size: 'big' })).toMatch(/size/);
    expect(bad({ engine: 'dd' })).toMatch(/qemu-img or fio/);
  });

  it('reads a plan file; flags override it; unknown keys are errors', () => {
    const file = parsePlanFile(
      JSON.stringify({
        aio: ['native', 'io_uring'],
        prealloc: 'falloc',
        repeats: 5,
        prefill: [true],
      }),
    );
    expect(file.ok).toBe(true);
    if (!file.ok) return;
    const m = buildMatrix(file.value, { repeats: '2' });
    expect(m.ok && m.value.aio).toEqual(['native', 'io_uring']);
    expect(m.ok && m.value.prealloc).toEqual(['falloc']);
    expect(m.ok && m.value.prefill).toEqual([true]);
    expect(m.ok && m.value.repeats).toBe(2);
    const typo = parsePlanFile('{"aoi": ["native"]}');
    expect(typo.ok ? '' : typo.reason).toMatch(/unknown key 'aoi'/);
    expect(parsePlanFile('[1]').ok).toBe(false);
    expect(parsePlanFile('{').ok).toBe(false);
  });

  it('fio: ioengines, a timed run by default, one pre-filled file', () => {
    const m = matrix({ engine: 'fio' });
    expect(m.ioengine).toEqual(['libaio', 'io_uring', 'psync']);
    expect(m.aio).toEqual([]);
    expect(m.runtimeS).toBe(5);
    const runs = interleavedRuns(m);
    expect(new Set(runs.map((r) => r.image))).toEqual(new Set(['fio-file']));
    expect(runs.every((r) => r.runtimeS === 5 && r.count === null && r.prefilled)).toBe(true);
    const counted = matrix({ engine: 'fio', count: '1000' });
    expect(interleavedRuns(counted).every((r) => r.count === 1000 && r.runtimeS === null)).toBe(
      true,
    );
  });
});

describe('interleaving', () => {
  it('rotate', () => {
    expect(rotate([1, 2, 3], 0)).toEqual([1, 2, 3]);
    expect(rotate([1, 2, 3], 1)).toEqual([2, 3, 1]);
    expect(rotate([1, 2, 3], 4)).toEqual([2, 3, 1]);
    expect(rotate([], 2)).toEqual([]);
  });

  it('runs every cell of repeat r before any of repeat r+1, modes back to back and rotated', () => {
    const m = matrix({ prealloc: 'off,full', prefill: 'no,yes', repeats: '3' });
    const runs = interleavedRuns(m);
    // Repeats in blocks.
    const repeats = runs.map((r) => r.repeat);
    expect(repeats).toEqual([...repeats].sort((a, b) => a - b));
    // Within a workload, the three modes are adjacent, and the first mode changes per repeat.
    const firstModes = new Map<number, string[]>();
    for (let i = 0; i < runs.length; i += 3) {
      const block = runs.slice(i, i + 3);
      expect(new Set(block.map((r) => workloadKey(r))).size).toBe(1);
      expect(new Set(block.map((r) => r.aio))).toEqual(new Set(['threads', 'native', 'io_uring']));
      const list = firstModes.get(block[0]!.repeat) ?? [];
      list.push(block[0]!.aio!);
      firstModes.set(block[0]!.repeat, list);
    }
    expect([...firstModes.values()].map((l) => new Set(l).size)).toEqual([1, 1, 1]);
    expect(new Set([...firstModes.values()].map((l) => l[0]))).toEqual(
      new Set(['threads', 'native', 'io_uring']),
    );
    // Keys are unique and seq is 1..n.
    expect(new Set(runs.map((r) => r.key)).size).toBe(runs.length);
    expect(runs.map((r) => r.seq)).toEqual(runs.map((_, i) => i + 1));
  });

  it('a fresh image per run when not pre-filled, one image otherwise; qemu-img count = one pass', () => {
    const m = matrix({ size: '64M', bs: '4k,64k' });
    for (const r of interleavedRuns(m)) {
      expect(r.image).toBe(`${r.prefilled ? 'prefilled' : 'fresh'}-${r.prealloc}`);
      expect(r.count).toBe((64 * 1024 * 1024) / r.bs);
    }
  });
});

describe('plan', () => {
  it('one warm-up per image, right before its first measured run', () => {
    const p = planBench(matrix({ prealloc: 'off,falloc', repeats: '2' }));
    expect(p.images.map((i) => i.id).sort()).toEqual(
      ['fresh-falloc', 'fresh-off', 'prefilled-falloc', 'prefilled-off'].sort(),
    );
    expect(p.warmups).toBe(4);
    expect(p.measured).toBe(3 * 2 * 2 * 2 * 2);
    p.runs.forEach((r, i) => {
      if (!r.warmup) return;
      const next = p.runs[i + 1]!;
      expect(next.warmup).toBe(false);
      expect(r.key).toBe(`warmup:${next.key}`);
      expect(p.runs.slice(0, i).some((x) => x.image === r.image)).toBe(false);
    });
  });

  it('disk space: every pre-filled image plus one fresh image; the estimate grows with the work', () => {
    const m = matrix({ size: '256M' });
    const p = planBench(m);
    const one = 256 * 1024 * 1024;
    expect(p.diskBytes).toBeGreaterThan(5 * one);
    expect(p.diskBytes).toBeLessThan(5 * one * 1.01);
    const onlyFresh = planBench(matrix({ size: '256M', prefill: 'no' }));
    expect(onlyFresh.diskBytes).toBeLessThan(one * 1.01);
    const more = planBench(matrix({ size: '256M', repeats: '6' }));
    expect(more.estimateS).toBeGreaterThan(p.estimateS * 1.5);
    expect(describePlan(p)).toMatch(/runs: 144 measured \+ 8 warm-up/);
  });

  it('resume: plan minus the run keys OUT holds; warm-ups only for images with work left', () => {
    const m = matrix({ prealloc: 'off,full', repeats: '2' });
    const full = planBench(m);
    const measured = full.runs.filter((r) => !r.warmup);
    // OUT holds everything of prealloc=off and half of full.
    const done = new Set(
      measured.filter((r, i) => r.prealloc === 'off' || i % 2 === 0).map((r) => r.key),
    );
    const rest = planBench(m, { done });
    const restMeasured = rest.runs.filter((r) => !r.warmup);
    expect(restMeasured.map((r) => r.key)).toEqual(
      measured.filter((r) => !done.has(r.key)).map((r) => r.key),
    );
    expect(rest.skipped).toBe(done.size);
    expect(rest.images.every((i) => i.prealloc === 'full')).toBe(true);
    // Same seq numbers as in the full plan (progress says "run 57 of 96").
    for (const r of restMeasured) expect(r.seq).toBe(measured.find((x) => x.key === r.key)!.seq);
    expect(planBench(m, { done: new Set(measured.map((r) => r.key)) }).runs).toEqual([]);
  });

  it('a record read back from OUT has the key of its run', () => {
    const [run] = interleavedRuns(
      matrix({ aio: 'native', prealloc: 'metadata', prefill: 'yes', rw: 'write' }),
    );
    const r = emptyRecord('s', 'o');
    r.aio = 'native';
    r.prealloc = 'metadata';
    r.prewritten = true;
    r.rw = 'write';
    r.bs = asBytes(4096);
    r.iodepth = 32;
    r.run = '1';
    expect(recordRunKey(r)).toBe(run!.key);
    r.run = '2';
    expect(recordRunKey(r)).not.toBe(run!.key);
    expect(
      runKey({
        aio: null,
        ioengine: 'psync',
        prealloc: null,
        prewritten: true,
        rw: 'randread',
        bs: 4096,
        iodepth: 1,
        run: '3',
      }),
    ).toBe('aio=;ioengine=psync;prealloc=;prewritten=true;rw=randread;bs=4096;iodepth=1;run=3');
  });
});
