/**
 * The e2e fixture e2e/fixtures-data/tail-verdict/stalls-constructed.csv (constructed numbers, see
 * its README) through the real CSV ingest and compare(): the stalled cell gets its tail verdict,
 * the marginal one loses its word to Benjamini–Hochberg, as the e2e check expects on screen.
 */
import { describe, expect, it } from 'vitest';
import { csvToRecords } from '../ingest/ingest';
import { compare, compareUnadjusted } from './pair';
import { tailRegressions } from './tail-verdict';
import csv from '../../../e2e/fixtures-data/tail-verdict/stalls-constructed.csv?raw';

describe('tail-verdict e2e fixture', () => {
  const parsed = csvToRecords(csv, 'stalls-constructed.csv');
  if (!parsed.ok) throw new Error(parsed.reason);
  const records = parsed.value;
  const where = (c: { cell: Record<string, string> }, pre: string, qd: string) =>
    c.cell.prealloc === pre && c.cell.iodepth === qd;

  it('prealloc off, iodepth 1: mean IOPS +12.0%, but p99.9 ×3.1 — stalls', () => {
    const c = compare(records);
    expect(c.cells).toHaveLength(9);
    const tails = tailRegressions(c);
    expect(tails.map((x) => [x.cell.cell.prealloc, x.cell.cell.iodepth])).toEqual([['off', '1']]);
    expect(tails[0]!.tail.text).toBe('mean IOPS +12.0%, but p99.9 ×3.1 — stalls');
    expect(tails[0]!.cell.verdict).toBe('improvement');
  });

  it('prealloc falloc, iodepth 16: p < 0.05 alone, inconclusive after BH over 9 cells', () => {
    const raw = compareUnadjusted(records).cells.find((c) => where(c, 'falloc', '16'))!;
    const adj = compare([...records]).cells.find((c) => where(c, 'falloc', '16'))!;
    expect(raw.verdict).toBe('improvement');
    expect(raw.deltas.iops!.pValue!).toBeLessThan(0.05);
    expect(adj.verdict).toBe('inconclusive');
    expect(adj.notes.at(-1)).toContain('Benjamini–Hochberg over 9 tested cells');
  });
});
