import { describe, expect, it } from 'vitest';
import { compare } from './pair';
import { compactNumber, toTable } from './output';
import { csvSafe, toCsv } from './output.csv';
import { toGroupJson, toSpecJson } from './output.rows';
import { run } from './record.fixture';

const recs = [
  run(31336, 4083.38, { rw: 'randwrite', extra: { testbed: '=HYPERLINK("http://x")' } }),
  run(36213, 3533.6, {
    rw: 'randwrite',
    aio: 'native',
    extra: { testbed: '=HYPERLINK("http://x")' },
  }),
  run(100, 10, { rw: 'randread', medium: 'HDD' }),
  run(99, 10.2, { rw: 'randread', medium: 'HDD', aio: 'native' }),
  run(5, 5, { rw: 'read', aio: 'native' }),
];

describe('spec JSON', () => {
  it('has the spec fields with typed cell values, medians and pct', () => {
    const rows = toSpecJson(compare(recs));
    const row = rows.find((r) => r.cell.rw === 'randwrite')!;
    expect(row.cell).toMatchObject({
      medium: 'SSD',
      bs: 4096,
      iodepth: 128,
      prewritten: false,
      iothread: false,
      'x:testbed': '=HYPERLINK("http://x")',
    });
    expect(row.baseline).toMatchObject({ n: 1, iops: 31336, lat_mean_us: 4083.38 });
    expect(row.candidate).toMatchObject({ n: 1, iops: 36213, lat_mean_us: 3533.6 });
    expect(row.delta.iops_pct).toBe(15.56);
    expect(row.delta.lat_mean_pct).toBe(-13.46);
    expect(row.verdict).toBe('improvement');
    expect(row.cell).not.toHaveProperty('aio');
  });
  it('--by rows aggregate groups', () => {
    const rows = toGroupJson(compare(recs), ['medium']);
    expect(rows.map((r) => r.cell.medium)).toEqual(['HDD', 'SSD']);
    expect(rows[1]!.delta.iops_pct).toBe(15.56);
    expect(rows[1]!.cells).toBe(1);
  });
});

describe('CSV', () => {
  it('neutralizes formulas but keeps negative numbers numeric', () => {
    expect(csvSafe('=1+1')).toBe("'=1+1");
    expect(csvSafe('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvSafe('+cmd')).toBe("'+cmd");
    expect(csvSafe('-2+3')).toBe("'-2+3");
    expect(csvSafe('\tx')).toBe("'\tx");
    expect(csvSafe('-13.46')).toBe('-13.46');
    expect(csvSafe('a,b')).toBe('"a,b"');
    const csv = toCsv(toSpecJson(compare(recs)));
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv.split('\n')[0]).toContain('baseline_iops');
    expect(csv).toContain(',-13.46,');
  });
});

describe('table', () => {
  it('fits 80 columns, states the sign convention, lists unpaired and accounting', () => {
    const t = toTable(compare(recs), { by: ['medium'] });
    for (const line of t.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    expect(t).toContain('lower is better');
    expect(t).toContain('31336→36213');
    expect(t).toContain('+15.6%');
    expect(t).toContain('Unpaired');
    expect(t).toContain('records 5 = 4 paired + 1 unpaired + 0 out of scope');
  });
  it('compactNumber keeps at most 6 characters', () => {
    expect(compactNumber(216143)).toBe('216143');
    expect(compactNumber(426.29)).toBe('426.3');
    expect(compactNumber(1234567)).toBe('1.23M');
    expect(compactNumber(null)).toBe('—');
  });
});
