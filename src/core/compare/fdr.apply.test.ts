/**
 * Benjamini–Hochberg over a comparison's cells (fdr.apply.ts): a marginal difference among many
 * null cells loses its word, the same difference among strong ones keeps it (BH's step-up), the
 * p-value stays, and the fast engine (compare) agrees with the plain one (referenceCompare) on
 * sets built to have demotions.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ResultRecord } from '../model/record.types';
import type { Comparison } from './compare.types';
import { compare, compareUnadjusted } from './pair';
import { referenceCompare } from './reference';
import { run } from './record.fixture';
import { bhAdjust } from './fdr';

/** 3 threads runs of mean 100 (sd 4) and 3 native runs shifted by `shift` %, in cell iodepth=`depth`. */
function cellRuns(depth: number, shift: number): ResultRecord[] {
  const base = [100, 104, 96];
  return [
    ...base.map((v, i) => run(v, 1000, { aio: 'threads', iodepth: depth, run: `r${i}` })),
    ...base.map((v, i) =>
      run(v * (1 + shift / 100), 1000, { aio: 'native', iodepth: depth, run: `r${i}` }),
    ),
  ];
}

const MARGINAL = 10; // +10 %: Welch p ≈ 0.037 on these runs
const NULL = 1; // +1 %: no difference claimed
const STRONG = 100; // ×2: p far below 0.001

function cellAt(c: Comparison, depth: number) {
  return c.cells.find((x) => x.cell.iodepth === String(depth))!;
}

describe('applyFdr', () => {
  it('one marginal cell among 9 null ones: p < 0.05 but q = 10·p ≥ 0.05 → inconclusive', () => {
    const records = [
      cellRuns(1, MARGINAL),
      ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((d) => cellRuns(d, NULL)),
    ].flat();
    const raw = compareUnadjusted(records);
    const adjusted = compare([...records]);
    const before = cellAt(raw, 1);
    const after = cellAt(adjusted, 1);
    expect(before.verdict).toBe('improvement');
    const p = before.deltas.iops!.pValue!;
    expect(p).toBeLessThan(0.05);
    expect(p * 10).toBeGreaterThanOrEqual(0.05);
    expect(after.verdict).toBe('inconclusive');
    expect(after.deltas.iops!.verdict).toBe('inconclusive');
    expect(after.deltas.iops!.pValue).toBe(p); // the p-value is not adjusted
    expect(after.deltas.iops!.text).toContain('not significant after FDR control');
    expect(after.notes.join(' ')).toContain('Benjamini–Hochberg over 10 tested cells');
    const iops = adjusted.fdr!.families.find((f) => f.metric === 'iops')!;
    expect(iops).toEqual({ metric: 'iops', tested: 10, significant: 1, kept: 0, cutoffP: null });
  });

  it('the same marginal cell among 5 strong ones keeps its word (step-up: q = 6/6 · p)', () => {
    const records = [
      cellRuns(1, MARGINAL),
      ...[2, 3, 4, 5, 6].map((d) => cellRuns(d, STRONG)),
    ].flat();
    const adjusted = compare(records);
    expect(cellAt(adjusted, 1).verdict).toBe('improvement');
    const iops = adjusted.fdr!.families.find((f) => f.metric === 'iops')!;
    expect(iops.tested).toBe(6);
    expect(iops.kept).toBe(6);
    expect(iops.cutoffP).toBe(cellAt(adjusted, 1).deltas.iops!.pValue);
  });

  it('a single-run cell keeps its threshold verdict and is not counted as tested', () => {
    const records = [
      ...cellRuns(1, MARGINAL),
      ...[2, 3, 4].flatMap((d) => cellRuns(d, NULL)),
      run(100, 1000, { aio: 'threads', iodepth: 99 }),
      run(150, 1000, { aio: 'native', iodepth: 99 }),
    ];
    const adjusted = compare(records);
    const single = cellAt(adjusted, 99);
    expect(single.deltas.iops!.singleRun).toBe(true);
    expect(single.verdict).toBe('improvement');
    expect(adjusted.fdr!.families.find((f) => f.metric === 'iops')!.tested).toBe(4);
  });

  it('kept exactly where the q-values of all tested cells are below 0.05', () => {
    const shifts = [MARGINAL, NULL, NULL, 7, 12, STRONG, MARGINAL, 20];
    const records = shifts.flatMap((s, i) => cellRuns(i + 1, s));
    const raw = compareUnadjusted(records);
    const adjusted = compare([...records]);
    const p = raw.cells.map((c) => c.deltas.iops!.pValue!);
    const q = bhAdjust(p);
    raw.cells.forEach((c, i) => {
      const difference = c.verdict === 'improvement' || c.verdict === 'regression';
      const expected =
        difference && q[i]! < 0.05 ? c.verdict : difference ? 'inconclusive' : c.verdict;
      expect(adjusted.cells[i]!.verdict).toBe(expected);
    });
  });

  it('fast engine = plain reference on sets with marginal, null and strong cells', () => {
    const visible = (c: Comparison): unknown => JSON.parse(JSON.stringify(c));
    let demotions = 0;
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(MARGINAL, NULL, STRONG, 6, 8, -9, -10), {
          minLength: 1,
          maxLength: 14,
        }),
        (shifts) => {
          const records = shifts.flatMap((s, i) => cellRuns(i + 1, s));
          const fast = compare([...records]);
          const plain = referenceCompare(records);
          expect(visible(fast)).toEqual(visible(plain));
          for (const f of fast.fdr!.families) demotions += f.significant - f.kept;
        },
      ),
      { numRuns: 60 },
    );
    expect(demotions).toBeGreaterThan(0); // the property saw demotions, not only kept words
  });
});
