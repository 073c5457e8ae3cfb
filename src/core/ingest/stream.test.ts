/* eslint-disable no-restricted-imports -- tests run in Node and read fixture bytes from disk */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Result } from '../model/result';
import type { IngestOutcome } from './ingest.types';
import { decodeBytes } from './decode';
import { createTextIngester, ingestBytes, ingestStream, ingestText } from './ingest';
import { addFlag, NO_FLAGS, setExtra } from './record.build';

const root = join(__dirname, '../../..');
const seedCsv = readFileSync(join(root, 'data/zstack-2023q1.csv'));
const gbFixture = readFileSync(join(__dirname, 'fixtures/csv/excel-zh-gb18030.csv'));
const enc = (s: string) => new TextEncoder().encode(s);

/** Papa's first parse waits for 1 MiB (+1), later ones for 64 KiB (csv.parse.ts). */
const FIRST = 1024 * 1024 + 1;
const LATER = 64 * 1024;

/**
 * A CSV of ~2.4 MB that a chunked parse can get wrong: BOM, CRLF rows, quoted cells holding the
 * delimiter, escaped quotes and line breaks (CRLF and bare LF), Chinese text, blank lines, empty
 * origins (so origins and rejections carry counted line numbers), rows rejected for a value, a
 * malformed quote, and an unterminated quoted cell at the very end.
 */
function awkwardCsv(): string {
  let seed = 12345; // mulberry32
  const rnd = (n: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
  const out = [
    '\ufeffset,storage,medium,aio,rw,bs,iodepth,iops,lat_mean_us,host_kernel,origin,note,备注\r\n',
  ];
  for (let i = 0; i < 14_000; i++) {
    const kind = rnd(40);
    if (kind === 0) {
      out.push('\r\n');
      continue;
    }
    const aio = kind === 1 ? '偶尔' : ['threads', 'native', 'io_uring'][rnd(3)]!;
    const note =
      kind === 2
        ? '"bad"quote'
        : kind < 12
          ? `"line one, ""quoted""${rnd(2) ? '\r\n' : '\n'}line two ${'x'.repeat(rnd(120))}, end"`
          : `plain ${rnd(10)}`;
    const origin = kind % 5 === 0 ? `elsewhere.csv:${i}` : '';
    out.push(
      `lab-${rnd(3)},LocalStorage,${['SSD', 'NVMe', 'HDD'][rnd(3)]},${aio},randread,4096,${[1, 16, 128][rnd(3)]},${rnd(90000)}.${rnd(10)},${rnd(2000)}.5,4.18.0-348.el8.x86_64,${origin},${note},复测${rnd(9)}号\r\n`,
    );
  }
  out.push('lab-0,LocalStorage,SSD,native,randread,4096,1,100,10,k,,"never closed');
  return out.join('');
}
const awkward = awkwardCsv();

/** Positions where a cut is awkward: inside a quoted cell, between CR and LF, inside `""`. */
function awkwardSpots(text: string): number[] {
  const spots: number[] = [];
  const needles = ['"line one', '""quoted', '\r\n', 'line two', '复测'];
  // Each kind of cut every 350k characters, the kinds 70k apart (a parse needs 64 KiB of text).
  needles.forEach((needle, k) => {
    let at = text.indexOf(needle, FIRST + 1000 + k * 70_000);
    while (at >= 0) {
      spots.push(at + 1); // after the first character of the needle
      at = text.indexOf(needle, at + needles.length * 70_000);
    }
  });
  return spots.sort((a, b) => a - b);
}

/** Pieces ending at `cuts`; each piece is long enough for the parser to parse at its end. */
function piecesAt(text: string, cuts: readonly number[]): string[] {
  const pieces: string[] = [];
  let from = 0;
  for (const c of cuts) {
    if (c - from < (from === 0 ? FIRST : LATER) || c >= text.length) continue;
    pieces.push(text.slice(from, c));
    from = c;
  }
  pieces.push(text.slice(from));
  return pieces;
}

function ingestPieces(pieces: readonly string[], fileName = 'awkward.csv') {
  const ingester = createTextIngester({ fileName });
  for (const p of pieces) ingester.push(p);
  return ingester.end();
}

/** Bytes in pieces of the given sizes (cycled), as a file stream hands them over. */
function* chunked(bytes: Uint8Array, sizes: readonly number[]): Generator<Uint8Array> {
  let k = 0;
  for (let at = 0; at < bytes.length; k++) {
    const n = sizes[k % sizes.length]!;
    yield bytes.subarray(at, at + n);
    at += n;
  }
}

function expectOk(r: Result<IngestOutcome>): IngestOutcome {
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

describe('incremental ingest = ingest of the whole text', () => {
  const whole = expectOk(ingestText(awkward, { fileName: 'awkward.csv' }));

  it('the awkward CSV exercises what it should', () => {
    expect(awkward.length).toBeGreaterThan(FIRST + 10 * LATER);
    const { report, records } = whole;
    expect(report.read).toBe(report.accepted + report.rejected.length);
    expect(report.accepted).toBeGreaterThan(8000);
    const reasons = report.rejected.map((r) => r.reason);
    expect(reasons.some((r) => r.startsWith("aio: '偶尔'"))).toBe(true);
    expect(reasons.some((r) => r.includes('(InvalidQuotes)'))).toBe(true);
    expect(reasons.at(-1)).toBe('malformed row: Quoted field unterminated (MissingQuotes)');
    // Line numbers count the line breaks inside quoted cells: a row after multi-line notes.
    const own = records.filter((r) => r.origin.startsWith('awkward.csv:'));
    const lines = own.map((r) => Number(r.origin.split(':')[1]));
    expect(lines.at(-1)).toBeGreaterThan(own.length + 2000);
    expect(records.some((r) => r.extra['note']?.includes('"quoted"\r\nline two'))).toBe(true);
  });

  it('cut at awkward places: inside quotes, between CR and LF, inside "", in a character pair', () => {
    const spots = awkwardSpots(awkward);
    const pieces = piecesAt(awkward, spots);
    expect(pieces.length).toBeGreaterThan(10);
    expect(ingestPieces(pieces)).toEqual({ ok: true, value: whole });
  });

  it('cut at random places, in random piece sizes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: awkward.length - 1 }), { maxLength: 60 }),
        (cuts) => {
          const sorted = [...new Set(cuts)].sort((a, b) => a - b);
          expect(ingestPieces(piecesAt(awkward, sorted))).toEqual({ ok: true, value: whole });
        },
      ),
      { numRuns: 8, seed: 7 },
    );
  });

  it('tiny pieces (the parser waits for enough text) give the same outcome', () => {
    const sizes = [1, 2, 3, 5, 4096, 65_537];
    const pieces: string[] = [];
    for (let at = 0, k = 0; at < awkward.length; k++) {
      const n = sizes[k % sizes.length]!;
      pieces.push(awkward.slice(at, at + n));
      at += n;
    }
    expect(ingestPieces(pieces)).toEqual({ ok: true, value: whole });
  });

  it("pieces without a quote take Papa's fast path (split): the rows of its quoted path", () => {
    // Quotes only every 6000th row: most 64 KiB pieces have none and are split on CRLF, while
    // the whole text (quotes after its first MiB) goes through Papa's quote-aware parser. Bare
    // LFs inside rows of this CRLF file count as line breaks in both; environment cells change
    // every few rows and some rows are rejected (the previous row's cells are compared with).
    const rows = ['storage,medium,aio,rw,iops,lat_mean_us,origin,note'];
    let blank = 0;
    let lfs = 0;
    let bad = 0;
    for (let i = 0; i < 36_000; i++) {
      if (i % 500 === 9) {
        rows.push('');
        blank++;
        continue;
      }
      const lf = i % 997 === 3;
      if (lf && i < 35_999) lfs++;
      const note = i % 6000 === 7 ? '"quoted, note"' : lf ? 'bare\nlf' : `n${i % 7}`;
      const medium = ['SSD', 'NVMe', 'HDD'][Math.floor(i / 3) % 3]!;
      const aio = i % 211 === 5 ? '偶尔' : Math.floor(i / 2) % 2 ? 'native' : 'threads';
      if (aio === '偶尔') bad++;
      rows.push(`LocalStorage,${medium},${aio},randread,${i},${i % 90}.5,,${note}`);
    }
    const text = rows.join('\r\n');
    expect(text.length).toBeGreaterThan(FIRST + 10 * LATER);
    const full = expectOk(ingestText(text, { fileName: 'split.csv' }));
    const rejected = full.report.rejected.length;
    expect(rejected).toBe(bad); // the rows with aio '偶尔'
    expect(full.records).toHaveLength(36_000 - blank - rejected);
    expect(new Set(full.records.map((r) => `${r.medium} ${r.aio}`)).size).toBe(6);
    // The last row is line 36001 (after the header) plus the bare LFs above it.
    expect(full.records.at(-1)!.origin).toBe(`split.csv:${36_001 + lfs}`);
    const pieces: string[] = [];
    for (let at = 0; at < text.length; at += 70_001) pieces.push(text.slice(at, at + 70_001));
    expect(ingestPieces(pieces, 'split.csv')).toEqual({ ok: true, value: full });
  });

  it('the seed CSV in pieces of any size', () => {
    const text = new TextDecoder().decode(seedCsv);
    const full = ingestText(text, { fileName: 'zstack-2023q1.csv' });
    expect(expectOk(full).records).toHaveLength(211);
    for (const size of [1, 7, 100, 4096, 5000]) {
      const pieces: string[] = [];
      for (let at = 0; at < text.length; at += size) pieces.push(text.slice(at, at + size));
      expect(ingestPieces(pieces, 'zstack-2023q1.csv')).toEqual(full);
    }
  });
});

describe('ingestStream: bytes in pieces, encoding detected as for the whole file', () => {
  /** ingestBytes as it was defined: decode the whole file, then ingest the text. */
  function wholeBytes(bytes: Uint8Array, fileName: string): Result<IngestOutcome> {
    const d = decodeBytes(bytes);
    const note =
      d.encoding === 'utf-8' && !d.bom
        ? []
        : [`decoded as ${d.encoding.toUpperCase()}${d.bom ? ' (BOM)' : ''}`];
    return ingestText(d.text, { fileName }, note);
  }
  const stream = (bytes: Uint8Array, sizes: number[], fileName: string) =>
    ingestStream(() => chunked(bytes, sizes), { fileName }, bytes.length);

  it('UTF-8 with BOM, cut inside multi-byte characters', async () => {
    const bytes = enc(awkward); // starts with the BOM (EF BB BF)
    const expected = wholeBytes(bytes, 'u8.csv');
    expect(expectOk(expected).report.notes[0]).toBe('decoded as UTF-8 (BOM)');
    // 复 is 3 bytes: pieces of 1 and 2 bytes and odd sizes split it.
    expect(await stream(bytes, [1, 2, 70_001, 1_100_003, 65_539], 'u8.csv')).toEqual(expected);
    expect(ingestBytes(bytes, { fileName: 'u8.csv' })).toEqual(expected);
  });

  it('UTF-16LE with BOM, cut inside code units', async () => {
    const text = awkward; // the BOM character becomes FF FE
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      bytes[2 * i] = text.charCodeAt(i) & 0xff;
      bytes[2 * i + 1] = text.charCodeAt(i) >> 8;
    }
    const expected = wholeBytes(bytes, 'u16.csv');
    expect(expectOk(expected).report.notes[0]).toBe('decoded as UTF-16LE (BOM)');
    expect(await stream(bytes, [3, 4093, 1_048_577, 131_071], 'u16.csv')).toEqual(expected);
  });

  it('GB18030 found after 1 MB of ASCII: read again from the start', async () => {
    // An ASCII header and rows (the same bytes in UTF-8 and GB18030), then the GBK rows of the
    // Excel fixture: UTF-8 until past the first megabyte, so the restart happens mid-stream.
    const header = 'storage,medium,aio,bus,prealloc,prewritten,rw,iops,lat_mean_us,note\r\n';
    const row = 'LocalStorage,SSD,native,virtio-blk,falloc,true,randread,82114,1558.1,ok\r\n';
    const ascii = enc(header + row.repeat(Math.ceil((FIRST + LATER) / row.length)));
    const gbRows = gbFixture.subarray(gbFixture.indexOf(0x0a) + 1);
    const bytes = new Uint8Array(ascii.length + gbRows.length);
    bytes.set(ascii);
    bytes.set(gbRows, ascii.length);
    const expected = wholeBytes(bytes, 'gb.csv');
    const value = expectOk(expected);
    expect(value.report.notes[0]).toBe('decoded as GB18030');
    expect(value.records.at(-5)!.extra['note']).toBe('复测');
    expect(await stream(bytes, [65_536, 1_048_576, 7], 'gb.csv')).toEqual(expected);
    expect(ingestBytes(bytes, { fileName: 'gb.csv' })).toEqual(expected);
  });

  it('reports progress up to 1', async () => {
    const bytes = enc(awkward);
    const seen: number[] = [];
    const r = await ingestStream(
      () => chunked(bytes, [256 * 1024]),
      { fileName: 'p.csv', onProgress: (f) => seen.push(f) },
      bytes.length,
    );
    expectOk(r);
    expect(seen.length).toBeGreaterThan(4);
    expect(seen.at(-1)).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
  });
});

describe('records keep no per-record copies of shared values', () => {
  const { records } = expectOk(ingestText(awkward, { fileName: 'awkward.csv' }));

  it('equal extras are one frozen object; records without flags share one frozen array', () => {
    const byNote = new Map<string, object>();
    let shared = 0;
    for (const r of records) {
      expect(Object.isFrozen(r.extra)).toBe(true);
      const key = JSON.stringify(r.extra);
      const seen = byNote.get(key);
      if (seen === undefined) byNote.set(key, r.extra);
      else if (seen === r.extra) shared++;
      if (r.flags.length === 0) expect(r.flags).toBe(NO_FLAGS);
    }
    expect(shared).toBeGreaterThan(records.length / 2);
    const kernels = new Set(records.map((r) => r.host_kernel));
    expect(kernels).toEqual(new Set(['4.18.0-348.el8.x86_64']));
  });

  it('adding a flag or an extra copies the shared value instead of changing every record', () => {
    const plain = records.filter(
      (r) => r.flags.length === 0 && r.extra['note']?.startsWith('plain'),
    );
    const a = plain[0]!;
    const b = plain.find((r) => r.extra === a.extra && r !== a)!;
    expect(b).toBeDefined();
    addFlag(a, 'incomplete');
    setExtra(a, 'added', 'yes');
    expect(a.flags).toEqual(['incomplete']);
    expect(a.extra['added']).toBe('yes');
    expect(b.flags).toEqual([]);
    expect(b.extra['added']).toBeUndefined();
    expect(NO_FLAGS).toEqual([]);
  });
});
