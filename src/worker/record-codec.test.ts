import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ResultRecord } from '../core/model/record.types';
import {
  decodeRecords,
  decodeRecordsChunked,
  encodeRecords,
  encodeRecordsChunked,
  transferables,
  validateColumnar,
} from './record-codec';
import { recordArb } from './record.arbitrary';

describe('columnar records', () => {
  it('round-trips any records exactly (nulls, flags order, extra key order)', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 40 }), (records) => {
        const cols = encodeRecords(records);
        expect(decodeRecords(cols)).toEqual(records);
        // Key order of extra is the CSV column order: it must survive.
        decodeRecords(cols).forEach((r, i) =>
          expect(Object.keys(r.extra)).toEqual(Object.keys(records[i]!.extra)),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('survives structured clone and validates what comes back', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 20 }), (records) => {
        const cloned: unknown = structuredClone(encodeRecords(records));
        const checked = validateColumnar(cloned);
        expect(checked.ok).toBe(true);
        if (checked.ok) expect(decodeRecords(checked.value)).toEqual(records);
      }),
      { numRuns: 100 },
    );
  });

  it('decodes a slice and clamps the range', () => {
    const records = fc.sample(recordArb, { numRuns: 10, seed: 7 });
    const cols = encodeRecords(records);
    expect(decodeRecords(cols, 3, 6)).toEqual(records.slice(3, 6));
    expect(decodeRecords(cols, 8, 100)).toEqual(records.slice(8));
  });

  it('decodes in chunks to the same records', async () => {
    const records = fc.sample(recordArb, { numRuns: 23, seed: 3 });
    expect(await decodeRecordsChunked(encodeRecords(records), 5)).toEqual(records);
  });

  it('encodes in chunks to the same columns as in one go', async () => {
    const records = fc.sample(recordArb, { numRuns: 37, seed: 9 });
    const chunked = await encodeRecordsChunked(records, 4);
    expect(chunked).toEqual(encodeRecords(records));
    expect(decodeRecords(chunked)).toEqual(records);
  });

  it('shares frozen flag lists and extras between records, so no record can change another', () => {
    const base = fc.sample(recordArb, { numRuns: 1, seed: 1 })[0]!;
    const records = [
      { ...base, flags: ['failed-run' as const], extra: { lab: 'a' } },
      { ...base, flags: ['failed-run' as const], extra: { lab: 'a' } },
      { ...base, flags: [], extra: { lab: 'b' } },
    ];
    const [a, b, c] = decodeRecords(encodeRecords(records));
    expect(a!.flags).toBe(b!.flags);
    expect(a!.extra).toBe(b!.extra);
    expect(c!.extra).toEqual({ lab: 'b' });
    // Records are immutable once loaded: a write throws instead of reaching the other record.
    expect(() => a!.flags.push('incomplete')).toThrow(TypeError);
    expect(() => (a!.extra.lab = 'z')).toThrow(TypeError);
    expect(b!.flags).toEqual(['failed-run']);
    expect(b!.extra).toEqual({ lab: 'a' });
  });

  it('carries unknown own fields instead of dropping them', () => {
    const base = fc.sample(recordArb, { numRuns: 1, seed: 2 })[0]!;
    const withExtension = { ...base, future_field: 42 } as ResultRecord;
    expect(decodeRecords(encodeRecords([withExtension, base]))).toEqual([withExtension, base]);
  });

  it('lists every typed-array buffer once for transfer', () => {
    const cols = encodeRecords(fc.sample(recordArb, { numRuns: 5, seed: 4 }));
    const buffers = transferables(cols);
    expect(new Set(buffers).size).toBe(buffers.length);
    expect(buffers).toContain(cols.numbers.iops.buffer);
    expect(buffers).toContain(cols.originLine.buffer);
  });

  it('rejects tampered or foreign stored shapes', () => {
    const records = fc
      .sample(recordArb, { numRuns: 4, seed: 5 })
      .map((r) => ({ ...r, aio: 'native' as const, extra: { a: '1' } }));
    const good = () => structuredClone(encodeRecords(records));
    expect(validateColumnar(null).ok).toBe(false);
    expect(validateColumnar([]).ok).toBe(false);
    expect(validateColumnar({ ...good(), v: 2 }).ok).toBe(false);

    const badEnum = good();
    badEnum.strings.aio.dict[0] = 'turbo';
    const r1 = validateColumnar(badEnum);
    expect(r1).toEqual({ ok: false, reason: expect.stringContaining('"turbo" is not one of') });

    const outOfRange = good();
    outOfRange.strings.run.idx[0] = 999;
    expect(validateColumnar(outOfRange).ok).toBe(false);

    const shortNumbers = good();
    (shortNumbers.numbers as Record<string, unknown>).iops = new Float64Array(1);
    expect(validateColumnar(shortNumbers).ok).toBe(false);

    const plainArray = good();
    (plainArray.numbers as Record<string, unknown>).bs = [1, 2, 3, 4];
    expect(validateColumnar(plainArray).ok).toBe(false);

    const badFlag = encodeRecords(records.map((r) => ({ ...r, flags: ['incomplete' as const] })));
    badFlag.flags.dict[0] = 'incomplete;bogus';
    expect(validateColumnar(badFlag).ok).toBe(false);

    const missingOrigin = good();
    missingOrigin.originPrefix.idx[1] = 0;
    expect(validateColumnar(missingOrigin).ok).toBe(false);

    const inconsistentExtra = good();
    inconsistentExtra.extraShape[2] = 0; // says "no extra" while a value is present
    expect(validateColumnar(inconsistentExtra).ok).toBe(false);

    const overwriting = good();
    overwriting.rest = records.map(() => ({ iops: 1 }));
    expect(validateColumnar(overwriting).ok).toBe(false);

    expect(validateColumnar(good()).ok).toBe(true);
  });
});

describe('origin column', () => {
  it('splits FILE:LINE into a shared prefix and a number, and keeps other origins whole', () => {
    const base = fc.sample(recordArb, { numRuns: 1, seed: 8 })[0]!;
    const origins = [
      'big.csv:2',
      'big.csv:3',
      'big.csv:100000',
      'run.json#jobs[1]',
      'x.csv:007',
      'x.csv:0',
      'a:99999999999',
    ];
    const cols = encodeRecords(origins.map((origin) => ({ ...base, origin })));
    expect(cols.originPrefix.dict).toEqual([
      'big.csv',
      'run.json#jobs[1]',
      'x.csv:007',
      'x.csv:0',
      'a:99999999999',
    ]);
    expect(Array.from(cols.originLine)).toEqual([2, 3, 100000, 0, 0, 0, 0]);
    expect(decodeRecords(cols).map((r) => r.origin)).toEqual(origins);
  });
});

describe('spec v2 number columns', () => {
  it('reads a value stored before lat_p999_us, lat_max_us and cpu_us_per_io existed as all null', () => {
    const records = fc.sample(recordArb, 20);
    const stored = structuredClone(encodeRecords(records)) as unknown as {
      numbers: Record<string, unknown>;
    };
    for (const f of ['lat_p999_us', 'lat_max_us', 'cpu_us_per_io']) delete stored.numbers[f];
    const v = validateColumnar(stored);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    const back = decodeRecords(v.value);
    expect(back.map((r) => [r.lat_p999_us, r.lat_max_us, r.cpu_us_per_io])).toEqual(
      records.map(() => [null, null, null]),
    );
    expect(back.map((r) => r.iops)).toEqual(records.map((r) => r.iops));
    // Any other missing number column is still refused.
    delete stored.numbers['iops'];
    expect(validateColumnar(stored).ok).toBe(false);
  });
});
