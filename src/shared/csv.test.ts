import { describe, expect, it } from 'vitest';
import { csvCell, neutralizeCsvText, toCsv } from './csv';

describe('CSV export neutralization', () => {
  it('prefixes an apostrophe to text starting with = + - @ tab or CR', () => {
    expect(neutralizeCsvText('=HYPERLINK("http://x","y")')).toBe(`'=HYPERLINK("http://x","y")`);
    expect(neutralizeCsvText('+1+cmd')).toBe(`'+1+cmd`);
    expect(neutralizeCsvText("-2+3+cmd|' /C calc'!A0")).toBe(`'-2+3+cmd|' /C calc'!A0`);
    expect(neutralizeCsvText('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(neutralizeCsvText('\t=1')).toBe(`'\t=1`);
    expect(neutralizeCsvText('\r=1')).toBe(`'\r=1`);
  });

  it('leaves ordinary text alone, including a sign inside the text', () => {
    for (const s of ['LocalStorage', 'SSD-iSCSI', 'a=b', 'virtio-blk', '', '写覆盖'])
      expect(neutralizeCsvText(s)).toBe(s);
  });

  it('quotes after neutralizing, so the apostrophe is inside the quotes', () => {
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a\nb')).toBe('"a\nb"');
  });

  it('writes numbers as numbers (negative deltas stay numeric) and missing values as empty', () => {
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(31336)).toBe('31336');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(false)).toBe('false');
  });

  it('joins rows with CRLF', () => {
    expect(
      toCsv([
        ['storage', 'delta_pct'],
        ['=cmd', -3],
      ]),
    ).toBe("storage,delta_pct\r\n'=cmd,-3\r\n");
  });
});
