/* eslint-disable no-restricted-imports -- tests run in Node and read real fio output from disk */
/**
 * The text scan of json+ bins (the fast path) against reading the parsed objects (the plain
 * reference), on every real json+ report here: fio 3.2 and 3.33.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  byteScratch,
  parseWithoutBins,
  scanBins,
  scanBlockAt,
  scanBlockBytes,
  type ByteScratch,
  type RawBins,
} from './bins-text';
import { readFioBins } from './fio-tail';

const root = join(__dirname, '../../..');
const files = [
  'src/core/ingest/fixtures/fio/06_fio-3.2_jsonplus-bins_normal+json_randread-qd16-nj4.fiolog',
  'src/core/ingest/fixtures/fio/io_uring-randwrite.jsonplus.json',
  ...['stalls', 'per-io'].flatMap((g) =>
    readdirSync(join(root, 'e2e/fixtures-data/tails', g)).map(
      (d) => `e2e/fixtures-data/tails/${g}/${d}/randwrite.json`,
    ),
  ),
];

/** The fio object of a text (which may have text around it) and its bounds. */
function fioObject(text: string): { start: number; end: number; value: unknown } {
  const start = text.search(/\{\s*"fio version"/);
  let depth = 0;
  let end = text.length;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) {
      end = i + 1;
      break;
    }
  }
  return { start, end, value: JSON.parse(text.slice(start, end)) };
}

describe('json+ bins from the text', () => {
  it.each(files)('%s: same histograms as reading the parsed objects', (file) => {
    const text = readFileSync(join(root, file), 'utf8');
    const { start, end, value } = fioObject(text);
    const scanned = scanBins(text, start, end, value);
    expect(scanned.size).toBeGreaterThan(0);
    const jobs = (value as { jobs: Record<string, unknown>[] }).jobs;
    let compared = 0;
    for (const job of jobs)
      for (const d of ['read', 'write', 'trim']) {
        const fast = readFioBins(job[d], scanned);
        const plain = readFioBins(job[d]);
        expect(fast).toEqual(plain);
        if (plain) compared++;
      }
    expect(compared).toBeGreaterThan(0);
  });

  it('when text and parsed value disagree, nothing is taken from the text', () => {
    const text = '{"fio version":"x","jobs":[{"read":{"clat_ns":{"bins":{"10":1}}}}]}';
    const value = JSON.parse(text) as unknown;
    expect(scanBins(text, 0, text.length, value).size).toBe(1);
    expect(scanBins(text + ' "bins" : {"1":2}', 0, text.length + 20, value).size).toBe(0);
    expect(scanBins('{"bins": {"a": [1]}}', 0, 20, { bins: { a: [1] } }).size).toBe(0);
  });

  it.each(files)(
    '%s: parsed without its bin blocks, the same report and the same histograms',
    (file) => {
      const text = readFileSync(join(root, file), 'utf8');
      const { start, end, value } = fioObject(text);
      const fast = parseWithoutBins(text, start, end);
      if (!fast) throw new Error('the fast path declined a real json+ report');
      // Every bins object stands for its block in the fast parse (a small marker object), and
      // the rest is the same report.
      const emptied = (v: unknown): unknown =>
        JSON.parse(JSON.stringify(v), (k, x: unknown) => (k === 'bins' ? {} : x));
      expect(emptied(fast.value)).toEqual(emptied(value));
      const plain = scanBins(text, start, end, value);
      const jobsFast = (fast.value as { jobs: Record<string, unknown>[] }).jobs;
      const jobsPlain = (value as { jobs: Record<string, unknown>[] }).jobs;
      let compared = 0;
      jobsPlain.forEach((job, j) => {
        for (const d of ['read', 'write', 'trim']) {
          const want = readFioBins(job[d], plain);
          expect(readFioBins(jobsFast[j]![d], fast.bins)).toEqual(want);
          if (want) compared++;
        }
      });
      expect(compared).toBeGreaterThan(0);
    },
  );

  it('declines what it cannot read exactly, so the caller parses the text as it is', () => {
    const ok = '{"jobs":[{"read":{"clat_ns":{"bins":{"10":1,"20":3}}}}]}';
    expect(parseWithoutBins(ok, 0, ok.length)?.bins.size).toBe(1);
    const nested = '{"jobs":[{"read":{"clat_ns":{"bins":{"a":[1]}}}}]}';
    expect(parseWithoutBins(nested, 0, nested.length)).toBeNull();
    const inString = '{"note":"\\"bins\\" : {\\"1\\":2}","bins":{"1":2}}';
    const r = parseWithoutBins(inString, 0, inString.length);
    expect(r === null || (r.value as { note: string }).note === JSON.parse(inString).note).toBe(
      true,
    );
  });

  it('a repeated bins key, escaped keys and a marker look-alike read as JSON.parse reads them', () => {
    // Each case against JSON.parse of the text as it is and reading its objects (the reference).
    const side = (v: unknown) =>
      ((v as { jobs: Record<string, unknown>[] }).jobs[0]!['read'] as Record<string, unknown>)['x'];
    const cases = [
      // JSON.parse keeps the last of two `bins` keys: so must the fast path.
      '{"jobs":[{"read":{"x":{"clat_ns":{"bins":{"10":1},"bins":{"20":3,"30":4}}}}}]}',
      // With a backslash: blocks become {} and are paired by a walk (escaped key not a block).
      '{"jobs":[{"read":{"x":{"clat_ns":{"bi\\u006es":{"5":9},"bins":{"10":1}}}}}],"p":"a\\\\b"}',
      // A key made to look like the marker can only be written with an escape.
      '{"jobs":[{"read":{"x":{"clat_ns":{"bi\\u006es":{"\\u0000":0}}}}}],"b":{"bins":{"7":7}}}',
    ];
    for (const text of cases) {
      const fast = parseWithoutBins(text, 0, text.length);
      const value = JSON.parse(text) as unknown;
      const want = readFioBins(side(value));
      if (fast === null) continue;
      expect(readFioBins(side(fast.value), fast.bins), text).toEqual(want);
    }
    const last = parseWithoutBins(cases[0]!, 0, cases[0]!.length)!;
    expect([...readFioBins(side(last.value), last.bins)!.counts]).toEqual([3, 4]);
  });

  it('generated blocks, what fio writes and what it never does: the plain reading or null', () => {
    // Entries of a `bins` block: fio 3.x (ns keys), fio 2.x (FIO_* names, index keys) and text
    // fio never writes (fractions, exponents, signs, leading zeros, escapes, duplicates, keys
    // out of order, numbers beyond 15 digits, junk). The fast path either declines (null) or
    // gives exactly what JSON.parse + reading the object gives.
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
    const KEYS = ['1672', '0', '07', '1e3', '-5', 'FIO_IO_U_PLAT_BITS', 'FIO_IO_U_PLAT_VAL', 'x'];
    const VALUES = ['0', '3', '2.5', '1e2', '-1', '007', '"4"', '12345678901234567890', 'true', ''];
    const SPACES = [' ', '', '\n            ', '\t', '\r\n  '];
    let accepted = 0;
    let declined = 0;
    for (let n = 0; n < 2000; n++) {
      const entries: string[] = [];
      let key = Math.floor(rnd() * 1000);
      const count = Math.floor(rnd() * 6);
      for (let e = 0; e < count; e++) {
        key += Math.floor(rnd() * 400) - (rnd() < 0.1 ? 500 : 0);
        const k = rnd() < 0.8 ? String(Math.max(key, 0)) : pick(KEYS);
        const v = rnd() < 0.8 ? String(Math.floor(rnd() * 50)) : pick(VALUES);
        entries.push(`"${k}"${pick(SPACES)}:${pick(SPACES)}${v}`);
      }
      const sep = rnd() < 0.95 ? `,${pick(SPACES)}` : pick([' ', ',,']);
      const block = `{${pick(SPACES)}${entries.join(sep)}${pick(SPACES)}}`;
      const text = `{ "fio version" : "fio-3.33", "jobs" : [ { "write" : { "clat_ns" : { "N" : 1, "bins" : ${block} } } } ] }`;
      let value: unknown = null;
      try {
        value = JSON.parse(text);
      } catch {
        value = null;
      }
      const fast = parseWithoutBins(text, 0, text.length);
      if (!fast) {
        declined++;
        continue;
      }
      expect(value, text).not.toBeNull();
      accepted++;
      const side = (v: unknown) => (v as { jobs: Record<string, unknown>[] }).jobs[0]!['write'];
      const want = readFioBins(side(value));
      const got = readFioBins(side(fast.value), fast.bins);
      expect(got && { upperUs: [...got.upperUs], counts: [...got.counts] }, text).toEqual(
        want && { upperUs: [...want.upperUs], counts: [...want.counts] },
      );
    }
    expect(accepted).toBeGreaterThan(500);
    expect(declined).toBeGreaterThan(100);
  });

  it('the byte scan reads exactly what the character scan reads, or leaves the block to it', () => {
    // scanBlockBytes (bytes, fio's own format) against scanBlockAt (characters, its reference):
    // the same keys, counts, bits and end whenever the byte scan accepts a block. One scratch
    // for many blocks of different lengths (stale bytes past a block, views into one buffer,
    // growth from 8 entries), as parseWithoutBins uses it for the blocks of one report.
    let seed = 11;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
    const KEYS = [
      '0',
      '07',
      '1e3',
      '-5',
      'FIO_IO_U_PLAT_BITS',
      'x',
      '1}2',
      'é',
      '1234567890123456',
    ];
    const VALUES = [
      '0',
      '00',
      '2.5',
      '1e2',
      '-1',
      '007',
      '"4"',
      '1234567890123456',
      'true',
      '',
      'é',
    ];
    const SPACES = [' ', '', '\n            ', '\t', '\r\n  ', '\u00a0'];
    const scratch: ByteScratch = byteScratch(0);
    const views: { bins: RawBins; want: number[] }[] = [];
    let accepted = 0;
    let acceptedLong = 0;
    let left = 0;
    for (let n = 0; n < 3000; n++) {
      const entries: string[] = [];
      let key = Math.floor(rnd() * 1000);
      // Long blocks too: the byte scan reads them a piece (CHUNK characters) at a time.
      const count = Math.floor(rnd() * (rnd() < 0.2 ? 900 : 8));
      const fioLike = rnd() < 0.5;
      // What the scans decline, rarer in long blocks (else none would be read whole).
      const odd = count > 100 ? 0.0005 : 0.1;
      // JSON whitespace, and now and then (odd) what JSON does not take for it.
      const sp = () => (rnd() < odd ? pick(SPACES) : pick(SPACES.slice(0, -1)));
      for (let e = 0; e < count; e++) {
        key += 1 + Math.floor(rnd() * 400) - (rnd() < odd / 5 ? 500 : 0);
        const k = fioLike || rnd() >= odd ? String(Math.max(key, 0)) : pick(KEYS);
        const v = fioLike || rnd() >= odd ? String(Math.floor(rnd() * 50)) : pick(VALUES);
        entries.push(fioLike ? `"${k}" : ${v}` : `"${k}"${sp()}:${sp()}${v}`);
      }
      const sep = fioLike ? ',\n            ' : rnd() >= odd / 2 ? `,${sp()}` : pick([' ', ',,']);
      const block = `{${sp()}${entries.join(sep)}${sp()}}`;
      const text = `{ "bins" : ${block}${pick(['', ' }', ', "x" : 1 }', '}'])}`;
      const open = text.indexOf('{', 1);
      const want = scanBlockAt(text, open);
      const got = scanBlockBytes(text, open, scratch);
      if (got === null) {
        left++;
        continue;
      }
      accepted++;
      if (block.length > 4096 && !fioLike) acceptedLong++;
      expect(want, text).not.toBeNull();
      expect(got.end, text).toBe(want!.end);
      expect(got.bins.bits, text).toBe(want!.bins.bits);
      expect([...got.bins.keys], text).toEqual([...want!.bins.keys]);
      expect([...got.bins.counts], text).toEqual([...want!.bins.counts]);
      views.push({ bins: got.bins, want: [...want!.bins.keys, ...want!.bins.counts] });
    }
    // Earlier blocks' views still read their own entries after the scratch grew and moved on.
    for (const v of views) expect([...v.bins.keys, ...v.bins.counts]).toEqual(v.want);
    expect(accepted).toBeGreaterThan(800);
    expect(acceptedLong).toBeGreaterThan(20);
    expect(left).toBeGreaterThan(300);
  });

  it.each(files)(
    '%s: every block is read by the byte scan, as the character scan reads it',
    (file) => {
      const text = readFileSync(join(root, file), 'utf8');
      const scratch = byteScratch(0);
      const re = /"bins"\s*:\s*\{/g;
      let blocks = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const open = m.index + m[0].length - 1;
        const want = scanBlockAt(text, open)!;
        const got = scanBlockBytes(text, open, scratch);
        // fio 2.x blocks hold FIO_* names: those are left to the character scan.
        if (want.bins.bits !== null) {
          expect(got).toBeNull();
          continue;
        }
        expect(got).not.toBeNull();
        expect(got!.end).toBe(want.end);
        expect([...got!.bins.keys]).toEqual([...want.bins.keys]);
        expect([...got!.bins.counts]).toEqual([...want.bins.counts]);
        blocks++;
      }
      expect(blocks + (text.includes('FIO_IO_U_PLAT_BITS') ? 1 : 0)).toBeGreaterThan(0);
    },
  );
});
