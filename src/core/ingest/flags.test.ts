import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ResultRecord } from '../model/record.types';
import { asIops } from '../model/units';
import { applyFlags, explainFlags } from './flags';
import { ingestText } from './ingest';
import { emptyRecord } from './record.build';

/** A read of one block-device cell (no layout reason to be sparse): only the comparison can flag it. */
function read(
  iops: number,
  prewritten: boolean,
  run: string,
  extra: Partial<ResultRecord> = {},
): ResultRecord {
  return {
    ...emptyRecord('s', `f.csv:${run}`),
    source: 'block' as const,
    format: 'raw' as const,
    prealloc: 'n/a' as const,
    rw: 'randread' as const,
    iodepth: 32,
    numjobs: 1,
    prewritten,
    run,
    iops: asIops(iops),
    ...extra,
  };
}
const sparse = (rs: readonly ResultRecord[]) => rs.map((r) => r.flags.includes('sparse-read'));

describe('sparse-read by comparison: one verdict per cell, on medians', () => {
  it('flags every repeat of a cell whose median exceeds twice the pre-written median', () => {
    const pre = [read(200, true, '1'), read(210, true, '2'), read(190, true, '3')];
    const not = [read(100, false, '4'), read(500, false, '5'), read(600, false, '6')];
    applyFlags([...pre, ...not]);
    // Median 500 > 2 × 200: the 100-IOPS repeat is flagged too (a per-record test missed it).
    expect(sparse(not)).toEqual([true, true, true]);
    expect(sparse(pre)).toEqual([false, false, false]);
    const text = explainFlags(not[0]!, 'en', [...pre, ...not])
      .map((e) => e.text)
      .join();
    expect(text).toContain('200 IOPS');
  });
  it('flags no repeat when the median does not exceed twice the pre-written median', () => {
    const pre = [read(200, true, '1'), read(200, true, '2')];
    const not = [read(150, false, '3'), read(390, false, '4'), read(900, false, '5')];
    applyFlags([...pre, ...not]);
    expect(sparse(not)).toEqual([false, false, false]); // median 390 ≤ 400
  });
  it('repeats of a cell apart from each other in the list are one cell', () => {
    const rs = [
      read(800, false, '1'),
      read(100, true, '2'),
      read(100, false, '3', { iodepth: 1 }),
      read(90, false, '4'),
      read(100, true, '5', { iodepth: 1 }),
      read(700, false, '6'),
    ];
    applyFlags(rs);
    expect(sparse(rs)).toEqual([true, false, false, true, false, true]);
  });
  it('property: every repeat of a cell gets the same sparse-read verdict', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            depth: fc.constantFrom(1, 8, 32),
            pre: fc.boolean(),
            iops: fc.integer({ min: 1, max: 100_000 }),
          }),
          { maxLength: 40 },
        ),
        (rows) => {
          const rs = rows.map((x, i) => read(x.iops, x.pre, String(i), { iodepth: x.depth }));
          applyFlags(rs);
          for (const depth of [1, 8, 32]) {
            const cell = rs.filter((r) => r.iodepth === depth && r.prewritten === false);
            expect(new Set(sparse(cell)).size).toBeLessThanOrEqual(1);
          }
        },
      ),
    );
  });
});

/** Plain reference of the comparison rule: cells keyed by their fields as JSON, medians by sort. */
function referenceSparse(rs: readonly ResultRecord[]): boolean[] {
  const key = (r: ResultRecord) =>
    JSON.stringify([
      r.set,
      r.storage,
      r.source,
      r.fs,
      r.medium,
      r.format,
      r.prealloc,
      r.cache,
      r.aio,
      r.bus,
      r.iothread,
      r.vms,
      r.layer,
      r.rw,
      r.bs,
      r.iodepth,
      r.numjobs,
      r.ioengine,
    ]);
  const med = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  const isRead = (r: ResultRecord) => r.rw === 'randread' || r.rw === 'read';
  return rs.map((r) => {
    if (r.prewritten !== false || r.iops === null || !isRead(r)) return false;
    const pre = rs.filter(
      (x) =>
        x.prewritten === true &&
        isRead(x) &&
        x.iops !== null &&
        x.iops > 0 &&
        x.restates === null &&
        key(x) === key(r),
    );
    if (pre.length === 0) return false;
    const cell = rs.filter(
      (x) => x.prewritten === false && isRead(x) && x.iops !== null && key(x) === key(r),
    );
    const own = cell.filter((x) => x.restates === null);
    return med((own.length ? own : cell).map((x) => x.iops!)) > 2 * med(pre.map((x) => x.iops!));
  });
}

describe('sparse-read by comparison: differential test against a plain reference', () => {
  it('flags exactly the reads the reference flags', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            depth: fc.constantFrom(1, 32),
            medium: fc.constantFrom('SSD', 'HDD', null),
            rw: fc.constantFrom('randread', 'read', 'randwrite'),
            pre: fc.constantFrom(true, false, null),
            iops: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: null }),
            restates: fc.boolean(),
          }),
          { maxLength: 60 },
        ),
        (rows) => {
          const rs = rows.map((x, i) => ({
            ...read(0, false, String(i), { iodepth: x.depth, medium: x.medium, rw: x.rw }),
            prewritten: x.pre,
            iops: x.iops === null ? null : asIops(x.iops),
            restates: x.restates ? 'f.csv:0' : null,
          }));
          const expected = referenceSparse(rs);
          applyFlags(rs);
          expect(sparse(rs)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('sparse-read by layout', () => {
  const csv = (prewritten: string, fileName: string) =>
    ingestText(
      `source,prealloc,prewritten,rw,iodepth,numjobs,iops\n` +
        `,,${prewritten},randread,16,1,1000\n` +
        `,,${prewritten},randwrite,16,1,1000\n`,
      { fileName },
    );
  it('a sparse file (from the name) read before being written is flagged; its write is not', () => {
    const r = csv('', 'host-runs/libaio-sparse-randread.csv');
    expect(
      r.ok && r.value.records.map((x) => [x.prealloc, x.source, x.prewritten, x.flags]),
    ).toEqual([
      ['off', 'file', false, ['sparse-read']],
      ['off', 'file', false, []],
    ]);
  });
  it('a fallocated file nobody wrote (prewritten not true) is flagged; a pre-written one is not', () => {
    const unknown = csv('', 'falloc/run.csv');
    expect(
      unknown.ok && unknown.value.records.map((x) => [x.prealloc, x.prewritten, x.flags]),
    ).toEqual([
      ['falloc', null, ['sparse-read']],
      ['falloc', null, []],
    ]);
    const fresh = csv('', 'fallocated/run.csv');
    expect(fresh.ok && fresh.value.records.map((x) => [x.prealloc, x.prewritten, x.flags])).toEqual(
      [
        ['falloc', false, ['sparse-read']],
        ['falloc', false, []],
      ],
    );
    const written = csv('yes', 'fallocated/run.csv');
    expect(written.ok && written.value.records.map((x) => x.flags)).toEqual([[], []]);
  });
  it('a qcow2 without preallocation off a file source is flagged only when known not written', () => {
    const q = (prewritten: boolean | null) => {
      const r: ResultRecord = {
        ...emptyRecord('s', 'x:1'),
        source: 'block',
        format: 'qcow2',
        prealloc: 'off',
        rw: 'randread',
        prewritten,
        iops: asIops(5),
      };
      applyFlags([r]);
      return r.flags;
    };
    expect([q(false), q(null), q(true)]).toEqual([['sparse-read'], [], []]);
  });
});
