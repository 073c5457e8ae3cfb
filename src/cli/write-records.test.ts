import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordsToCsv } from '../core/ingest/ingest';
import { recordArb } from '../worker/record.arbitrary';
import { writeCsv, writeJson } from './write-records';

const collect = (run: (write: (t: string) => void) => void): { text: string; pieces: number } => {
  const pieces: string[] = [];
  run((t) => void pieces.push(t));
  return { text: pieces.join(''), pieces: pieces.length };
};

describe('writeCsv / writeJson in pieces', () => {
  it('write exactly recordsToCsv and JSON.stringify of the whole (differential)', () => {
    fc.assert(
      fc.property(
        fc.array(recordArb, { maxLength: 40 }),
        fc.integer({ min: 1, max: 7 }),
        (rs, chunk) => {
          expect(collect((w) => writeCsv(rs, w, chunk)).text).toBe(recordsToCsv(rs));
          expect(collect((w) => writeJson(rs, w, chunk)).text).toBe(
            JSON.stringify(rs, null, 2) + '\n',
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('really writes in pieces when every column name is plain', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 10, maxLength: 30 }), (rs) => {
        for (const r of rs)
          r.extra = Object.fromEntries(
            Object.entries(r.extra).map(([k, v]) => [`x${k.replace(/\W/g, '')}`, v]),
          );
        rs[rs.length - 1]!.extra.late_column = 'only here';
        rs[rs.length - 1]!.restates = 'a.csv:3';
        const out = collect((w) => writeCsv(rs, w, 3));
        expect(out.pieces).toBeGreaterThan(3);
        expect(out.text).toBe(recordsToCsv(rs));
      }),
      { numRuns: 50 },
    );
  });
});
