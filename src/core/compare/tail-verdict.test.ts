/**
 * Tail-regression verdicts: a constructed run with stalls (records built here: mean IOPS up,
 * p99.9 and the maximum several times worse), the edges of the rule, and the fast path
 * (tailVerdicts over compare()) against the plain one (referenceTailVerdicts) on random sets.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ResultRecord } from '../model/record.types';
import type { Iops, Microseconds } from '../model/units';
import { compare } from './pair';
import { makeRecord } from './record.fixture';
import { tailRegressions, tailVerdicts } from './tail-verdict';
import { referenceTailVerdicts } from './tail-verdict.reference';

const us = (v: number | null) => v as Microseconds | null;

function runWith(
  aio: string,
  iops: number,
  p999: number | null,
  max: number | null,
  over: Partial<ResultRecord> = {},
): ResultRecord {
  return makeRecord({
    aio: aio as ResultRecord['aio'],
    iops: iops as Iops,
    lat_mean_us: us(1_000_000 / iops),
    lat_p999_us: us(p999),
    lat_max_us: us(max),
    ...over,
  });
}

/** Constructed (not measured): 3 threads and 3 native runs; native +12% IOPS, p99.9 ×3.1. */
function stallCell(over: Partial<ResultRecord> = {}): ResultRecord[] {
  return [
    runWith('threads', 10000, 2000, 9000, { run: 'a', ...over }),
    runWith('threads', 10100, 2100, 9500, { run: 'b', ...over }),
    runWith('threads', 9900, 1900, 8800, { run: 'c', ...over }),
    runWith('native', 11200, 6200, 20000, { run: 'a', ...over }),
    runWith('native', 11300, 6600, 23000, { run: 'b', ...over }),
    runWith('native', 11100, 5900, 19000, { run: 'c', ...over }),
  ];
}

describe('tail verdict', () => {
  it('mean +12% while p99.9 triples: a tail regression called a stall', () => {
    const c = compare(stallCell({ prealloc: 'falloc' }));
    const [tail] = tailVerdicts(c);
    expect(tail).not.toBeNull();
    expect(tail!.primary).toBe('iops');
    expect(tail!.primaryPct).toBeCloseTo(12, 6);
    expect(tail!.metric).toBe('lat_p999_us'); // 6200/2000 = 3.1 > 20000/9000 = 2.2
    expect(tail!.ratio).toBeCloseTo(3.1, 6);
    expect(tail!.ratios.lat_max_us).toBeCloseTo(20000 / 9000, 6);
    expect(tail!.stall).toBe(true);
    expect(tail!.singleRun).toBe(false);
    expect(tail!.text).toBe('mean IOPS +12.0%, but p99.9 ×3.1 — stalls');
    expect(tailRegressions(c).map((x) => x.cell.key)).toEqual([c.cells[0]!.key]);
  });

  it('no verdict when the primary metric regressed, or the tail worsened less than the threshold', () => {
    const slower = stallCell().map((r) =>
      r.aio === 'native' ? { ...r, iops: (r.iops! * 0.8) as Iops } : r,
    );
    expect(tailVerdicts(compare(slower))).toEqual([null]);
    const mild = stallCell().map((r) =>
      r.aio === 'native' ? { ...r, lat_p999_us: us(2080), lat_max_us: us(9300) } : r,
    );
    expect(tailVerdicts(compare(mild))).toEqual([null]);
  });

  it('a tail worse by the threshold but under ×2 is a tail regression without "stalls"', () => {
    const some = stallCell().map((r) =>
      r.aio === 'native' ? { ...r, lat_p999_us: us(2600), lat_max_us: us(9000) } : r,
    );
    const [tail] = tailVerdicts(compare(some));
    expect(tail!.stall).toBe(false);
    expect(tail!.text).toBe('mean IOPS +12.0%, but p99.9 +30.0%');
  });

  it('mean latency as the primary metric (no IOPS): holds, max ×4 — single run', () => {
    const records = [
      makeRecord({ aio: 'threads', lat_mean_us: us(100), lat_max_us: us(1000) }),
      makeRecord({ aio: 'native', lat_mean_us: us(102), lat_max_us: us(4000) }),
    ];
    const [tail] = tailVerdicts(compare(records));
    expect(tail!.primary).toBe('lat_mean_us');
    expect(tail!.metric).toBe('lat_max_us');
    expect(tail!.singleRun).toBe(true);
    expect(tail!.text).toBe('mean latency +2.0%, but max latency ×4.0 — stalls');
  });

  it('records without p99.9 or max: no tail verdict', () => {
    const plain = stallCell().map((r) => ({ ...r, lat_p999_us: null, lat_max_us: null }));
    expect(tailVerdicts(compare(plain))).toEqual([null]);
  });
});

const value = (max: number) =>
  fc.option(
    fc.oneof(
      fc.constantFrom(max / 2, max / 2 + 1, max, max / 10),
      fc.integer({ min: 1, max }),
      fc.double({ min: 0.5, max, noNaN: true }),
    ),
    { freq: 5 },
  );

const recordArb = fc
  .record({
    aio: fc.constantFrom('threads', 'native', 'threads', 'native', 'io_uring'),
    rw: fc.constantFrom('randread', 'randwrite'),
    prealloc: fc.constantFrom('off', 'falloc', 'full'),
    iops: value(2000),
    lat: value(5000),
    p999: value(20000),
    max: value(200000),
    flagged: fc.boolean(),
  })
  .map((v) =>
    makeRecord({
      aio: v.aio as ResultRecord['aio'],
      rw: v.rw as ResultRecord['rw'],
      prealloc: v.prealloc as ResultRecord['prealloc'],
      iops: v.iops as Iops | null,
      lat_mean_us: us(v.lat),
      lat_p999_us: us(v.p999),
      lat_max_us: us(v.max),
      flags: v.flagged ? ['unit-suspect'] : [],
    }),
  );

describe('tailVerdicts = referenceTailVerdicts', () => {
  it('on random sets with repeats, missing tails, flags and every primary metric', () => {
    let seen = 0;
    fc.assert(
      fc.property(
        fc.array(recordArb, { minLength: 8, maxLength: 50 }),
        fc.boolean(),
        (records, excl) => {
          const spec = { excludeFlagged: excl };
          const fast = compare([...records], spec);
          const verdicts = tailVerdicts(fast);
          const plain = referenceTailVerdicts(records, spec);
          const got = new Map(
            fast.cells.flatMap((c, i) => (verdicts[i] ? [[c.key, verdicts[i]] as const] : [])),
          );
          expect(got).toEqual(plain);
          seen += plain.size;
        },
      ),
      { numRuns: 150 },
    );
    expect(seen).toBeGreaterThan(20); // the property compared real verdicts, not only empty maps
  });
});
