/** Hostile cells through the one CSV cell rule: formulas neutralized, numbers kept, quoting sound. */
import { describe, expect, it } from 'vitest';
import {
  csvCell,
  isFormulaText,
  neutralizeCsvText,
  quoteCsvField,
  toCsvDocument,
} from './csv-cell';

/** A minimal RFC 4180 reader, to check what a spreadsheet would get back. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      if (ch === '\r') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  return rows;
}

const HOSTILE = [
  '=HYPERLINK("http://evil","click")',
  '=1+2',
  '+1+cmd',
  "-2+3+cmd|' /C calc'!A0",
  '@SUM(A1:A9)',
  '\t=1',
  '\r=1',
  '=cmd|"/c calc"!A1,"x"',
  '-',
  '+',
  '=',
];

describe('csv cell safety', () => {
  it.each(HOSTILE)('neutralizes %j so no cell read back starts a formula', (s) => {
    expect(isFormulaText(s)).toBe(true);
    const [[back]] = readCsv(toCsvDocument([[s]])) as [[string]];
    expect(back).toBe(`'${s}`);
    expect(/^[=+\-@\t\r]/.test(back)).toBe(false);
  });
  it('keeps numbers numeric, as numbers and as plain numeric text', () => {
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(31336)).toBe('31336');
    for (const s of ['-12.5', '+3', '-1e5', '.5', '42']) expect(neutralizeCsvText(s)).toBe(s);
  });
  it('writes missing values as empty cells', () => {
    for (const v of [null, undefined, Number.NaN, Infinity]) expect(csvCell(v)).toBe('');
    expect(csvCell(false)).toBe('false');
  });
  it('leaves ordinary text alone and quotes separators, quotes and line breaks', () => {
    expect(csvCell('io_uring')).toBe('io_uring');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a\nb')).toBe('"a\nb"');
    expect(quoteCsvField(' padded ')).toBe('" padded "');
  });
  it('round-trips every hostile and ordinary cell through a reader, apostrophe aside', () => {
    const cells = [...HOSTILE, 'plain', 'a,"b"\r\nc', ' x ', ''];
    const [row] = readCsv(toCsvDocument([cells], '\n'));
    expect(row).toEqual(cells.map((c) => (isFormulaText(c) ? `'${c}` : c)));
  });
});
