/**
 * Benjamini–Hochberg adjusted per metric when read (fdr.lazy.ts) gives what adjusting every
 * family at once gives (applyFdrEager) and what the plain reference gives, whatever is read
 * first: the JSON, a pivot of a non-primary metric, `Comparison.fdr`, or the objects built
 * before applyFdr() ran. The sets have differences in latency (a non-primary metric) and cells
 * without IOPS (latency is then the primary metric, so the cell's verdict follows BH there).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AioMode, ResultRecord } from '../model/record.types';
import type { Comparison } from './compare.types';
import { compare, compareUnadjusted } from './pair';
import { referenceCompare } from './reference';
import { run } from './record.fixture';
import { applyFdr, applyFdrEager } from './fdr.apply';
import { deltaOf } from './cell';
import { pivot } from './pivot';

/** 3 runs a side in cell iodepth=`depth`: IOPS shifted by `iops` % (null: no IOPS), latency by `lat` %. */
function cellRuns(depth: number, iops: number | null, lat: number): ResultRecord[] {
  const base = [100, 104, 96];
  const side = (aio: AioMode, f: number, g: number) =>
    base.map((v, i) => {
      const r = run(v * f, v * 10 * g, { aio, iodepth: depth, run: `r${i}` });
      return iops === null ? { ...r, iops: null } : r;
    });
  return [...side('threads', 1, 1), ...side('native', 1 + (iops ?? 0) / 100, 1 + lat / 100)];
}

const visible = (c: Comparison): unknown => JSON.parse(JSON.stringify(c));
const SHIFTS = [10, 1, 100, 8, -9, -10, 0];
const cellArb = fc.tuple(
  fc.option(fc.constantFrom(...SHIFTS), { freq: 4 }),
  fc.constantFrom(...SHIFTS),
);

describe('lazy Benjamini–Hochberg (fdr.lazy.ts)', () => {
  it('equals every family adjusted at once and the plain reference, whatever is read first', () => {
    let demoted = 0;
    fc.assert(
      fc.property(fc.array(cellArb, { minLength: 1, maxLength: 12 }), fc.nat(3), (cells, order) => {
        const records = cells.flatMap(([iops, lat], i) => cellRuns(i + 1, iops, lat));
        const eager = visible(applyFdrEager(compareUnadjusted(records)));
        const lazy = compare([...records]);
        if (order === 1) {
          const p = pivot(lazy, {
            rows: ['iodepth'],
            cols: [],
            metric: 'lat_mean_us',
            value: 'verdict',
          });
          expect(p).toBeDefined();
        } else if (order === 2) for (const c of lazy.cells) deltaOf(c, 'bw_kib_s');
        else if (order === 3) expect(lazy.fdr!.families).toHaveLength(4);
        expect(visible(lazy)).toEqual(eager);
        expect(visible(lazy)).toEqual(visible(referenceCompare(records)));
        for (const f of lazy.fdr!.families) demoted += f.significant - f.kept;
      }),
      { numRuns: 60 },
    );
    expect(demoted).toBeGreaterThan(0);
  });

  it('objects built before applyFdr() ran follow the demotions too', () => {
    const records = [
      cellRuns(1, null, 10),
      ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((d) => cellRuns(d, 1, 1)),
    ].flat();
    const raw = compareUnadjusted(records);
    const before = raw.cells.find((c) => c.cell.iodepth === '1')!;
    expect(before.verdict).toBe('regression'); // latency +10 % (lower is better), p < 0.05
    JSON.stringify(raw); // builds deltas and notes
    expect(visible(applyFdr(raw))).toEqual(visible(compare([...records])));
    expect(before.verdict).toBe('inconclusive');
    expect(before.deltas.lat_mean_us!.text).toContain('not significant after FDR control');
    expect(before.notes.join(' ')).toContain('Benjamini–Hochberg over 10 tested cells');
  });

  it('a non-primary metric is demoted only in its delta, on first read', () => {
    const records = [
      cellRuns(1, 1, 10),
      ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((d) => cellRuns(d, 1, 1)),
    ].flat();
    const adjusted = compare(records);
    const c = adjusted.cells.find((x) => x.cell.iodepth === '1')!;
    expect(deltaOf(c, 'lat_mean_us')!.verdict).toBe('inconclusive');
    expect(c.deltas.lat_mean_us!.text).toContain(
      'not significant after FDR control: q ≥ 0.05 over 10 cells',
    );
    expect(c.notes.join(' ')).not.toContain('Benjamini–Hochberg');
    const lat = adjusted.fdr!.families.find((f) => f.metric === 'lat_mean_us')!;
    expect(lat).toEqual({
      metric: 'lat_mean_us',
      tested: 10,
      significant: 1,
      kept: 0,
      cutoffP: null,
    });
  });
});
