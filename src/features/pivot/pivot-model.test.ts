import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compare, pivot } from '../../core/compare';
import { ingestText } from '../../core/ingest/ingest';
import { toCsv } from '../../shared/csv';
import { buildRows, pivotCsvRows, selectionAt, toneOf } from './pivot-model';

const seed = (() => {
  const r = ingestText(readFileSync('data/zstack-2023q1.csv', 'utf8'), {
    fileName: 'zstack-2023q1.csv',
  });
  if (!r.ok) throw new Error(r.reason);
  return r.value.records;
})();
const ssd = seed.filter((r) => r.storage === 'LocalStorage' && r.medium === 'SSD');
const comparison = compare(ssd, {});
const spec = {
  rows: ['storage', 'medium', 'prealloc'],
  cols: ['rw', 'prewritten'],
  metric: 'iops',
  value: 'delta',
} as const;
const p = pivot(comparison, { ...spec, rows: [...spec.rows], cols: [...spec.cols] });
const g = pivot(comparison, { ...spec, rows: ['storage'], cols: [...spec.cols] });

describe('pivot view model on the seed (LocalStorage SSD)', () => {
  it('groups the leaf rows under the first row dimension', () => {
    const rows = buildRows(p, g);
    expect(rows.map((r) => [r.kind, r.values])).toEqual([['group', ['LocalStorage']]]);
    expect(rows[0]!.subRows.map((r) => r.values)).toEqual([
      ['LocalStorage', 'SSD', 'falloc'],
      ['LocalStorage', 'SSD', 'off'],
    ]);
  });

  it('colours the prealloc-off randwrite cell as a blue improvement and names its selection', () => {
    const rows = buildRows(p, g);
    const off = rows[0]!.subRows[1]!;
    const j = p.colKeys.findIndex((k) => k.join('/') === 'randwrite/false');
    const cell = off.cells[j]!;
    expect(cell.deltaPct).toBeCloseTo(15.42, 2);
    expect(toneOf(cell, 'iops', 5)).toEqual({ tone: 'better', level: 2 });
    expect(toneOf(cell, 'iops', 20).tone).toBe('better'); // the engine's verdict decides, not the view's threshold
    expect(selectionAt(off, p.colDims, p.colKeys[j]!)).toEqual({
      storage: 'LocalStorage',
      medium: 'SSD',
      prealloc: 'off',
      rw: 'randwrite',
      prewritten: 'false',
    });
  });

  it('exports one tidy CSV line per non-empty leaf cell, with the seed medians', () => {
    const csv = toCsv(
      pivotCsvRows(p, { axis: 'aio', baseline: 'threads', candidate: 'native', metric: 'iops' }),
    );
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(1 + 8);
    expect(lines).toContain(
      'LocalStorage,SSD,off,randwrite,false,iops,aio,threads,native,31335.5,36166,15.42,improvement,2,2,2,false',
    );
    // The sparse reads are flagged and excluded: no delta, their verdict says so.
    expect(lines.find((l) => l.startsWith('LocalStorage,SSD,off,randread,false,'))).toMatch(
      /,,inconclusive,0,0,2,true$/,
    );
  });
});
