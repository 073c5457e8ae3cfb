import { describe, expect, it } from 'vitest';
import { compare } from './pair';
import { pivot, pivotCellValue } from './pivot';
import { facetCounts } from './facets';
import { run } from './record.fixture';

const recs = [
  // SSD randread: +20 %, SSD randwrite: +10 %, HDD randread: −10 %, HDD randwrite: unpaired
  run(100, null, { medium: 'SSD', rw: 'randread' }),
  run(120, null, { medium: 'SSD', rw: 'randread', aio: 'native' }),
  run(200, null, { medium: 'SSD', rw: 'randwrite' }),
  run(220, null, { medium: 'SSD', rw: 'randwrite', aio: 'native' }),
  run(100, null, { medium: 'HDD', rw: 'randread' }),
  run(90, null, { medium: 'HDD', rw: 'randread', aio: 'native' }),
  run(50, null, { medium: 'HDD', rw: 'randwrite' }),
];

describe('pivot', () => {
  const c = compare(recs);

  it('groups cells into rows × columns in natural order', () => {
    const p = pivot(c, { rows: ['medium'], cols: ['rw'], metric: 'iops', value: 'delta' });
    expect(p.rowKeys).toEqual([['HDD'], ['SSD']]);
    expect(p.colKeys).toEqual([['randread'], ['randwrite']]);
    expect(p.cells[0]![0]!.deltaPct).toBeCloseTo(-10, 9);
    expect(p.cells[0]![1]).toBeNull(); // HDD randwrite has no pair
    expect(p.cells[1]![0]!.deltaPct).toBeCloseTo(20, 9);
    expect(p.cells[1]![0]!.verdict).toBe('improvement');
    expect(pivotCellValue(p.cells[1]![1]!, 'baseline')).toBe(200);
    expect(pivotCellValue(p.cells[1]![1]!, 'candidate')).toBe(220);
    expect(pivotCellValue(p.cells[1]![1]!, 'n')).toBe(2);
  });

  it('aggregates several cells with the geometric mean of ratios', () => {
    const p = pivot(c, { rows: ['medium'], cols: [], metric: 'iops', value: 'delta' });
    const ssd = p.cells[1]![0]!;
    expect(ssd.cells).toHaveLength(2);
    expect(ssd.deltaPct).toBeCloseTo(100 * (Math.sqrt(1.2 * 1.1) - 1), 9);
    expect(ssd.verdict).toBe('improvement');
    expect(ssd.verdicts!.improvement).toBe(2);
    const all = pivot(c, { rows: [], cols: [], metric: 'iops', value: 'delta' });
    expect(all.cells[0]![0]!.verdict).toBeNull(); // improvement and regression disagree
    expect(all.cells[0]![0]!.verdicts).toMatchObject({ improvement: 2, regression: 1 });
  });

  it('groups the same way with a small key space (table) and a large one (Map)', () => {
    // 40 cells; 3 row dimensions with 8 × 5 × 40 = 1600 value combinations > 4 × 40 + 1024.
    const rs = Array.from({ length: 40 }, (_, i) => {
      const env = {
        medium: `M${i % 8}`,
        bs: (4096 * (1 + (i % 5))) as never,
        iodepth: (i + 1) as never,
      };
      return [run(100 + i, null, env), run(110 + i, null, { ...env, aio: 'native' })];
    }).flat();
    const cmp = compare(rs);
    for (const rows of [
      ['medium', 'bs'],
      ['medium', 'bs', 'iodepth'],
    ] as const) {
      const p = pivot(cmp, { rows: [...rows], cols: [], metric: 'iops', value: 'delta' });
      const expected = new Map<string, number>();
      for (const cell of cmp.cells) {
        const k = rows.map((d) => cell.cell[d]).join('|');
        expected.set(k, (expected.get(k) ?? 0) + 1);
      }
      expect(p.rowKeys.map((k) => k.join('|')).sort()).toEqual([...expected.keys()].sort());
      p.rowKeys.forEach((k, r) =>
        expect(p.cells[r]![0]!.cells).toHaveLength(expected.get(k.join('|'))!),
      );
    }
  });

  it('orders numeric dimensions numerically', () => {
    const rs = [4096, 65536, 1048576, 8192].flatMap((bs) => [
      run(10, null, { bs: bs as never }),
      run(11, null, { bs: bs as never, aio: 'native' }),
    ]);
    const p = pivot(compare(rs), { rows: ['bs'], cols: [], metric: 'iops', value: 'delta' });
    expect(p.rowKeys.map((k) => k[0])).toEqual(['4096', '8192', '65536', '1048576']);
  });
});

describe('facetCounts', () => {
  it('counts records per value, missing as empty string, natural order', () => {
    const f = facetCounts(
      [...recs, run(1, null, { medium: null, iodepth: 32 })],
      ['medium', 'iodepth', 'x:testbed'],
    );
    expect(f.medium).toEqual([
      { value: 'HDD', count: 3 },
      { value: 'SSD', count: 4 },
      { value: '', count: 1 },
    ]);
    expect(f.iodepth).toEqual([
      { value: '32', count: 1 },
      { value: '128', count: 7 },
    ]);
    expect(f['x:testbed']).toEqual([{ value: '', count: 8 }]);
  });
});
