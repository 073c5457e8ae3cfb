import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compare } from '../core/compare';
import type { CellComparison, Comparison, ComparisonSpec } from '../core/compare';
import { ingestText } from '../core/ingest/ingest';
import { synthRecords } from '../../bench/synth';
import { Cancelled, compareSliced } from './compare-sliced';

const seed = (() => {
  const r = ingestText(readFileSync('data/zstack-2023q1.csv', 'utf8'), {
    fileName: 'zstack-2023q1.csv',
  });
  if (!r.ok) throw new Error(r.reason);
  return r.value.records;
})();

const now = () => Promise.resolve();
const summary = (c: CellComparison) =>
  JSON.stringify([
    c.key,
    c.baseline.n,
    c.candidate.n,
    c.verdict,
    c.deltas.iops?.pct ?? null,
    c.deltas.lat_mean_us?.verdict ?? null,
    c.excludedFlagged,
    c.flags,
  ]);
const bag = (c: Comparison) => c.cells.map(summary).sort();

describe('compareSliced', () => {
  it('gives the seed the same cells, verdicts and accounting as compare(), in many small chunks', async () => {
    for (const spec of [
      {},
      { baseline: 'native', candidate: 'threads', excludeFlagged: false },
      { axis: 'bus', baseline: 'virtio-blk', candidate: 'virtio-scsi' },
    ] as Partial<ComparisonSpec>[]) {
      const whole = compare(seed, spec);
      const sliced = await compareSliced(seed, spec, { yieldFn: now, chunk: 20 });
      expect(sliced.cells.length).toBeGreaterThan(10);
      expect(bag(sliced)).toEqual(bag(whole));
      expect(sliced.accounting).toEqual(whole.accounting);
      expect(sliced.dims).toEqual(whole.dims);
    }
  });

  it('keeps the seed spot value: LocalStorage SSD virtio-blk prealloc off randwrite +15.6 %', async () => {
    const sliced = await compareSliced(seed, {}, { yieldFn: now, chunk: 10 });
    const cell = sliced.cells.find(
      (c) =>
        c.cell.storage === 'LocalStorage' &&
        c.cell.medium === 'SSD' &&
        c.cell.bus === 'virtio-blk' &&
        c.cell.prealloc === 'off' &&
        c.cell.rw === 'randwrite' &&
        c.cell.prewritten === 'false',
    );
    expect(cell?.baseline.metrics.iops?.median).toBe(31336);
    expect(cell?.candidate.metrics.iops?.median).toBe(36213);
    expect(Number(cell?.deltas.iops?.pct.toFixed(1))).toBe(15.6);
  });

  it('matches compare() on 20k synthetic records', async () => {
    const records = synthRecords(20_000);
    const whole = compare(records, {});
    const sliced = await compareSliced(records, {}, { yieldFn: now, chunk: 3000 });
    expect(bag(sliced)).toEqual(bag(whole));
    expect(sliced.accounting).toEqual(whole.accounting);
  });

  it('stops between slices when cancelled', async () => {
    let calls = 0;
    await expect(
      compareSliced(seed, {}, { yieldFn: now, chunk: 10, isCancelled: () => ++calls > 3 }),
    ).rejects.toBeInstanceOf(Cancelled);
  });
});
