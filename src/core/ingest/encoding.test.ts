/* eslint-disable no-restricted-imports -- tests run in Node and read fixture bytes from disk */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from './decode';
import { ingestBytes } from './ingest';

const dir = join(__dirname, 'fixtures/csv');
const gb = readFileSync(join(dir, 'excel-zh-gb18030.csv'));
const u16 = readFileSync(join(dir, 'excel-unicode-text-utf16le.tsv'));

function swap16(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length);
  for (let i = 0; i + 1 < b.length; i += 2) {
    out[i] = b[i + 1]!;
    out[i + 1] = b[i]!;
  }
  return out;
}

/** Every variant must read as the same five records and one rejected row. */
function expectChineseTable(bytes: Uint8Array, fileName: string, encoding: string) {
  const r = ingestBytes(bytes, { fileName });
  if (!r.ok) throw new Error(r.reason);
  const { records, report } = r.value;
  expect(decodeBytes(bytes).encoding).toBe(encoding);
  expect([report.read, report.accepted, report.rejected.length]).toEqual([6, 5, 1]);
  expect(report.rejected[0]).toEqual({
    file: fileName,
    line: 6,
    reason: "aio: '偶尔' is not one of threads, native, io_uring (or √/x)",
  });
  expect(
    records.map((x) => [
      x.storage,
      x.medium,
      x.aio,
      x.bus,
      x.prealloc,
      x.prewritten,
      x.rw,
      x.iops,
      x.lat_mean_us,
    ]),
  ).toEqual([
    ['LocalStorage', 'SSD', 'native', 'virtio-blk', 'falloc', true, 'randread', 82114, 1558.1],
    ['LocalStorage', 'SSD', 'threads', 'virtio-blk', 'falloc', true, 'randread', 81967, 1560.42],
    ['LocalStorage', 'NVMe', 'native', 'virtio-scsi', 'off', false, 'randwrite', 46378, 2758.88],
    ['SharedBlock', 'FC-SAN', 'threads', 'virtio-blk', 'n/a', true, 'randread', 3090, 41410],
    ['SharedBlock', 'IP-SAN', 'native', 'virtio-scsi', 'n/a', false, 'randread', null, null],
  ]);
  expect(records[4]!.flags).toEqual(['incomplete']);
  expect(records[0]!.extra['备注']).toBe('复测');
  return r.value;
}

describe('encodings of spreadsheet exports', () => {
  it('GB18030 CSV from Chinese Excel (CRLF, quoted comma)', () => {
    const v = expectChineseTable(gb, 'excel-zh-gb18030.csv', 'gb18030');
    expect(v.report.notes[0]).toBe('decoded as GB18030');
    expect(v.report.format).toBe('csv');
    expect(v.records[2]!.extra['备注']).toBe('带逗号, 的备注');
  });
  it('UTF-16LE "Unicode text" TSV with BOM, and without BOM', () => {
    expect(expectChineseTable(u16, 'u16.tsv', 'utf-16le').report.format).toBe('tsv');
    expectChineseTable(u16.subarray(2), 'u16-nobom.tsv', 'utf-16le');
  });
  it('UTF-16BE with and without BOM', () => {
    const be = swap16(u16); // FF FE becomes FE FF
    expectChineseTable(be, 'be.tsv', 'utf-16be');
    expectChineseTable(be.subarray(2), 'be-nobom.tsv', 'utf-16be');
  });
  it('UTF-8 with and without BOM', () => {
    const text = new TextDecoder('gb18030').decode(gb);
    const utf8 = new TextEncoder().encode(text);
    expectChineseTable(utf8, 'u8.csv', 'utf-8');
    expectChineseTable(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]), 'u8bom.csv', 'utf-8');
  });
  it('semicolon and pipe delimiters are detected', () => {
    const text = new TextDecoder('gb18030')
      .decode(gb)
      .replace(/"46,378"/, '46378')
      .replace(/"带逗号, 的备注"/, 'x');
    for (const d of [';', '|'])
      expectChineseTable(new TextEncoder().encode(text.replace(/,/g, d)), `d.csv`, 'utf-8');
  });
});
