/**
 * The object model of compare()'s result (cell.ts): fields computed on first read must equal
 * what an eager computation gives; the per-records-array caches must follow the array; the
 * grouped path and the row-by-row path (taken when a record restates another) must agree.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { MetricField, QualityFlag, ResultRecord } from '../model/record.types';
import type { Iops, Microseconds } from '../model/units';
import { compare } from './pair';
import { pivot } from './pivot';
import { facetCounts } from './facets';
import { toSpecJson } from './output.rows';
import { aggregate, welch, tostP, welchStatistic } from './stats';
import { metricDelta } from './verdict';
import { makeRecord, run } from './record.fixture';
import { deltaOf } from './cell';
import { recordColumns } from './columnar.records';

const recordArb = fc
  .record({
    // 'ssd' compares equal to 'SSD' (case-insensitive natural order): cells order by first appearance.
    medium: fc.constantFrom('HDD', 'SSD', 'NVMe', 'ssd'),
    rw: fc.constantFrom('randread', 'randwrite'),
    iodepth: fc.constantFrom(1, 32),
    aio: fc.constantFrom('threads', 'native', 'io_uring'),
    layer: fc.constantFrom('guest', 'guest', 'guest', 'host'),
    iops: fc.option(fc.integer({ min: 1, max: 1_000_000 }), { freq: 8 }),
    lat: fc.option(fc.double({ min: 1, max: 1e6, noNaN: true }), { freq: 6 }),
    p99: fc.option(fc.double({ min: 1, max: 1e6, noNaN: true }), { freq: 3 }),
    flag: fc.constantFrom<QualityFlag | null>(null, null, null, 'unit-suspect', 'incomplete'),
  })
  .map((v) =>
    makeRecord({
      medium: v.medium,
      rw: v.rw,
      iodepth: v.iodepth,
      aio: v.aio,
      layer: v.layer,
      iops: v.flag === 'incomplete' ? null : (v.iops as Iops | null),
      lat_mean_us: v.flag === 'incomplete' ? null : (v.lat as Microseconds | null),
      lat_p99_us: v.p99 as Microseconds | null,
      flags: v.flag ? [v.flag] : [],
    }),
  );
const recordsArb = fc
  .array(recordArb, { minLength: 1, maxLength: 80 })
  .map((rs) => rs.map((r, i) => ({ ...r, origin: `f.csv:${i + 1}` })));

const METRICS: MetricField[] = ['iops', 'lat_mean_us', 'lat_p99_us', 'bw_kib_s'];

describe('compare(): fields computed on first read', () => {
  it('equal the eager values: aggregates of the used records, Welch p, TOST p, sentences', () => {
    fc.assert(
      fc.property(recordsArb, fc.boolean(), (rs, excludeFlagged) => {
        const c = compare(rs, { excludeFlagged });
        for (const cell of c.cells) {
          for (const side of [cell.baseline, cell.candidate]) {
            expect(side.used.length).toBe(side.n);
            for (const r of side.used) expect(side.records).toContain(r);
            // records sorted by origin
            const origins = side.records.map((r) => r.origin);
            expect([...origins].sort()).toEqual(origins);
            for (const m of METRICS) {
              const vals: number[] = [];
              for (const r of side.used) {
                const v = r[m];
                if (v !== null) vals.push(v);
              }
              expect(side.metrics[m] ?? null).toEqual(aggregate(vals));
            }
          }
          for (const m of METRICS) {
            const eager = metricDelta(m, cell.baseline.metrics[m], cell.candidate.metrics[m], 5);
            const lazy = cell.deltas[m];
            expect(lazy === undefined).toBe(eager === null);
            if (!lazy || !eager) continue;
            expect(lazy.pct).toBe(eager.pct);
            expect(lazy.verdict).toBe(eager.verdict);
            expect(lazy.pValue).toBe(
              welch(cell.baseline.metrics[m]!, cell.candidate.metrics[m]!)?.p ?? null,
            );
            const w = welchStatistic(cell.baseline.metrics[m]!, cell.candidate.metrics[m]!);
            const big = Math.abs(lazy.pct) >= 5;
            expect(lazy.equivalenceP).toBe(
              w && !big ? tostP(w, 0.05 * cell.baseline.metrics[m]!.mean) : null,
            );
            expect(lazy.text).toBe(eager.text);
            expect(lazy.baseline).toBe(cell.baseline.metrics[m]!.median);
            expect(JSON.parse(JSON.stringify(lazy))).toEqual(JSON.parse(JSON.stringify(eager)));
          }
        }
      }),
    );
  });

  it('deltaOf() reads what the deltas objects hold, before and after they are built', () => {
    fc.assert(
      fc.property(recordsArb, fc.boolean(), (rs, excludeFlagged) => {
        const read = (c: ReturnType<typeof compare>) =>
          c.cells.map((cell) =>
            METRICS.map((m) => {
              const d = deltaOf(cell, m);
              return d ? { verdict: d.verdict, pct: d.pct, singleRun: d.singleRun } : null;
            }),
          );
        // A fresh comparison: read from the decisions, no MetricDelta built yet.
        const fromDecisions = read(compare(rs, { excludeFlagged }));
        const c = compare(rs, { excludeFlagged });
        const fromObjects = c.cells.map((cell) =>
          METRICS.map((m) => {
            const d = cell.deltas[m];
            return d ? { verdict: d.verdict, pct: d.pct, singleRun: d.singleRun } : null;
          }),
        );
        expect(fromDecisions).toEqual(fromObjects);
        expect(read(c)).toEqual(fromObjects);
      }),
    );
  });

  it('serializes every field in the contract order, lazy ones included', () => {
    const recs = [run(100, 40, { origin: 'a:1' }), run(120, 30, { aio: 'native', origin: 'a:2' })];
    const json = JSON.parse(JSON.stringify(compare(recs).cells[0])) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      'key',
      'cell',
      'baseline',
      'candidate',
      'deltas',
      'verdict',
      'flags',
      'excludedFlagged',
      'notes',
    ]);
    expect(Object.keys(json.baseline as object)).toEqual(['n', 'records', 'used', 'metrics']);
    const iops = (json.deltas as Record<string, Record<string, unknown>>).iops!;
    expect(Object.keys(iops)).toEqual([
      'metric',
      'pct',
      'verdict',
      'singleRun',
      'pValue',
      'lowerIsBetter',
      'text',
      'baseline',
      'candidate',
      'equivalenceP',
    ]);
  });

  it('keeps what a reader writes into a lazy field', () => {
    const cell = compare([run(100, null), run(120, null, { aio: 'native' })]).cells[0]!;
    cell.notes = ['mine'];
    cell.baseline.records = [];
    cell.deltas.iops!.text = 'custom';
    expect(cell.notes).toEqual(['mine']);
    expect(cell.baseline.records).toEqual([]);
    expect(cell.deltas.iops!.text).toBe('custom');
  });
});

describe('compare(): the grouped and the row-by-row path agree', () => {
  it('adding an out-of-scope restated record (row path) changes nothing but the accounting', () => {
    fc.assert(
      fc.property(recordsArb, (rs) => {
        const grouped = compare(rs);
        // A host-layer record that restates another is out of scope, but switches compare() to
        // the row path for the whole set.
        const extra = makeRecord({
          layer: 'host',
          origin: 'zz:restating',
          restates: rs[0]!.origin,
        });
        const rows = compare([...rs, extra]);
        expect(toSpecJson(rows)).toEqual(toSpecJson(grouped));
        expect(
          rows.unpaired.map((u) => [u.record.origin, u.side, u.nearestDiff, u.nearestKey]),
        ).toEqual(
          grouped.unpaired.map((u) => [u.record.origin, u.side, u.nearestDiff, u.nearestKey]),
        );
        expect(rows.accounting).toEqual({
          ...grouped.accounting,
          records: grouped.accounting.records + 1,
          outOfScope: grouped.accounting.outOfScope + 1,
        });
        const layout = {
          rows: ['medium' as const],
          cols: ['rw' as const, 'iodepth' as const],
          metric: 'iops' as const,
          value: 'delta' as const,
        };
        expect(JSON.stringify(pivot(rows, layout))).toBe(JSON.stringify(pivot(grouped, layout)));
      }),
    );
  });
});

describe('caches kept per records array', () => {
  it('follow elements added to or replaced in the array', () => {
    const recs: ResultRecord[] = [run(100, null), run(120, null, { aio: 'native' })];
    expect(compare(recs).cells[0]!.deltas.iops!.pct).toBeCloseTo(20, 9);
    recs[1] = run(150, null, { aio: 'native' });
    expect(compare(recs).cells[0]!.deltas.iops!.pct).toBeCloseTo(50, 9);
    recs.push(run(90, null, { aio: 'native', rw: 'randwrite' }));
    const c = compare(recs);
    expect(c.accounting.records).toBe(3);
    expect(c.unpaired).toHaveLength(1);
    expect(facetCounts(recs, ['rw']).rw).toEqual([
      { value: 'randread', count: 2 },
      { value: 'randwrite', count: 1 },
    ]);
  });

  it('serve a frozen array from the cache, with the same results', () => {
    const recs: ResultRecord[] = [run(100, null), run(120, null, { aio: 'native' })];
    const frozen = Object.freeze([...recs]);
    expect(recordColumns(frozen)).toBe(recordColumns(frozen));
    expect(compare(frozen).cells[0]!.deltas.iops!.pct).toBe(
      compare(recs).cells[0]!.deltas.iops!.pct,
    );
  });

  it('share one frozen cell record between comparisons of the same records', () => {
    const recs = [
      run(100, null),
      run(120, null, { aio: 'native' }),
      run(130, null, { aio: 'io_uring' }),
    ];
    const a = compare(recs).cells[0]!;
    const b = compare(recs, { candidate: 'io_uring' }).cells[0]!;
    expect(b.cell).toBe(a.cell);
    expect(Object.isFrozen(a.cell)).toBe(true);
    expect(a.cell.rw).toBe('randread');
  });
});

describe('side records sorted by origin', () => {
  it('agree whether sorted by comparing origins or by the ranks computed after many sides', () => {
    // 3000 cells (iodepth 1..3000) of two runs per side, origins out of order and with ties.
    const recs: ResultRecord[] = [];
    for (let i = 0; i < 3000; i++)
      for (const aio of ['threads', 'native'] as const) {
        recs.push(
          run(100 + (i % 7), null, {
            iodepth: i + 1,
            aio,
            origin: `f:${(i * 7919) % 3001}`,
            run: 'r2',
          }),
        );
        recs.push(
          run(100 + (i % 5), null, {
            iodepth: i + 1,
            aio,
            origin: `f:${(i * 7919) % 3001}`,
            run: 'r1',
          }),
        );
      }
    const c = compare(recs);
    expect(c.cells).toHaveLength(3000);
    for (const cell of c.cells)
      for (const side of [cell.baseline, cell.candidate]) {
        const got = side.records.map((r) => `${r.origin} ${r.run}`);
        expect(got).toEqual([...got].sort());
      }
  });

  it('decisions completed in one batch (after the first cells read) equal the eager ones', () => {
    const recs: ResultRecord[] = [];
    for (let i = 0; i < 400; i++)
      for (const aio of ['threads', 'native'] as const)
        for (let k = 0; k < 3; k++)
          recs.push(
            run(100 + ((i * 7 + k * (aio === 'native' ? 13 : 3)) % 40), 50 + ((i + k) % 11), {
              iodepth: i + 1,
              aio,
              lat_p99_us: (90 + ((i * k) % 17)) as Microseconds,
            }),
          );
    const c = compare(recs);
    for (const cell of c.cells)
      for (const m of METRICS) {
        const eager = metricDelta(m, cell.baseline.metrics[m], cell.candidate.metrics[m], 5);
        expect(cell.deltas[m]?.verdict).toBe(eager?.verdict);
        expect(cell.deltas[m]?.pct).toBe(eager?.pct);
      }
  });
});
