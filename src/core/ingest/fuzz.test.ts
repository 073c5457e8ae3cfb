/* eslint-disable no-restricted-imports -- tests run in Node and read fixture bytes from disk */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestBytes } from './ingest';
import { recordsToCsv } from './csv.write';

const root = join(__dirname, '../../..');
const seedLines = readFileSync(join(root, 'data/sources/aio-plan-2023q1.md'), 'utf8').split('\n');
const enc = (s: string) => new TextEncoder().encode(s);
const seeds: Uint8Array[] = [
  enc(seedLines.slice(262, 300).join('\n')), // constants table + start of the result table
  enc(seedLines.slice(398, 440).join('\n')), // section rows with baselines
  enc(seedLines.slice(470, 490).join('\n')), // concurrency table
  enc(
    readFileSync(join(root, 'data/zstack-2023q1.csv'), 'utf8').split('\n').slice(0, 40).join('\n'),
  ),
  readFileSync(join(__dirname, 'fixtures/csv/excel-zh-gb18030.csv')),
  readFileSync(join(__dirname, 'fixtures/csv/excel-unicode-text-utf16le.tsv')),
  readFileSync(join(__dirname, 'fixtures/fio/native-ssd-randread.json')),
  readFileSync(join(__dirname, 'fixtures/fio/psync-randrw.json')),
  readFileSync(join(__dirname, 'fixtures/fio/01_fio-2.18_legacy-usec-keys_randread-qd1.json')),
  enc(
    JSON.stringify({
      results: [
        { rw: 'randread', iops: 1, aio: 'native' },
        { rw: 'randwrite', lat_mean_us: '2 ms' },
      ],
    }),
  ),
];

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'delimiter'; from: string; to: string }
  | { kind: 'random-bytes'; at: number; bytes: Uint8Array }
  | { kind: 'huge-field'; at: number; size: number; ch: string }
  | { kind: 'empty' }
  | { kind: 'flip'; at: number; value: number }
  | { kind: 'duplicate-lines'; at: number; count: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('truncate' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant('delimiter' as const),
    from: fc.constantFrom(',', '\t', '|', '\n', '"'),
    to: fc.constantFrom(';', ',', '\t', '|', '"', '\r\n', ''),
  }),
  fc.record({
    kind: fc.constant('random-bytes' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }),
  }),
  fc.record({
    kind: fc.constant('huge-field' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    size: fc.integer({ min: 10_000, max: 200_000 }),
    ch: fc.constantFrom('9', 'x', '"', '|', '中'),
  }),
  fc.record({ kind: fc.constant('empty' as const) }),
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    value: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({
    kind: fc.constant('duplicate-lines' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    count: fc.integer({ min: 1, max: 50 }),
  }),
);

function apply(input: Uint8Array, ms: Mutation[]): Uint8Array {
  let b = input;
  for (const m of ms) {
    const pos = (x: number) => Math.floor(x * b.length);
    switch (m.kind) {
      case 'truncate':
        b = b.slice(0, pos(m.at));
        break;
      case 'delimiter': {
        const t = new TextDecoder().decode(b);
        b = enc(t.split(m.from).join(m.to));
        break;
      }
      case 'random-bytes':
        b = new Uint8Array([...b.slice(0, pos(m.at)), ...m.bytes, ...b.slice(pos(m.at))]);
        break;
      case 'huge-field':
        b = new Uint8Array([
          ...b.slice(0, pos(m.at)),
          ...enc(m.ch.repeat(m.size)),
          ...b.slice(pos(m.at)),
        ]);
        break;
      case 'empty':
        b = new Uint8Array();
        break;
      case 'flip':
        if (b.length > 0) {
          b = b.slice();
          b[Math.min(pos(m.at), b.length - 1)] = m.value;
        }
        break;
      case 'duplicate-lines': {
        const lines = new TextDecoder().decode(b).split('\n');
        const i = Math.floor(m.at * lines.length);
        lines.splice(i, 0, ...Array<string>(m.count).fill(lines[i] ?? ''));
        b = enc(lines.join('\n'));
        break;
      }
    }
  }
  return b;
}

describe('fuzz: mutated inputs never crash and always account for every row', () => {
  it('holds for 1200 mutated inputs', () => {
    let okCount = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: seeds.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (which, ms) => {
          const bytes = apply(seeds[which]!, ms);
          const r = ingestBytes(bytes, { fileName: 'fuzz.in' });
          if (!r.ok) {
            // A failure must be the designed "not a result set" answer, never a caught exception.
            expect(r.reason).not.toMatch(/^could not read/);
            expect(r.reason.length).toBeGreaterThan(10);
            return;
          }
          okCount++;
          const { records, report } = r.value;
          expect(report.read).toBe(report.accepted + report.rejected.length);
          expect(records).toHaveLength(report.accepted);
          expect(report.notes.filter((n) => n.startsWith('accounting:'))).toEqual([]);
          for (const j of report.rejected) {
            expect(j.file).toBe('fuzz.in');
            expect(Number.isInteger(j.line) && j.line >= 1).toBe(true);
            expect(j.reason).not.toBe('');
          }
          // Every accepted record survives the canonical CSV.
          expect(() => recordsToCsv(records)).not.toThrow();
        },
      ),
      { numRuns: 1200, seed: 20230301 },
    );
    expect(okCount).toBeGreaterThan(200);
  }, 180_000);
});
