/**
 * The `GET /api/cells` answer read back: a round trip through JSON text gives the aggregates
 * again (values written once per cell), and every malformed field is refused with its path.
 * Against the real stores and compare(): src/server/compare.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { CellAggregates, CellGroup } from './aggregates.types';
import { axisValueCounts } from './aggregates.types';
import { parseCellsWire, toCellsWire } from './aggregates.wire';

const cellA = ['LocalStorage', 'ssd', 'randread'];
const cellB = ['LocalStorage', 'hdd', "x'); DROP"];

const group = (values: string[], side: 0 | 1, iops: number): CellGroup => ({
  values,
  side,
  records: 3,
  first: side,
  n: 2,
  notMeasured: 1,
  excludedFlagged: 0,
  excludedFlags: [],
  flags: ['unit-suspect'],
  metrics: {
    iops: { n: 2, median: iops, mean: iops, variance: 0.5, min: iops - 1, max: iops + 1 },
    lat_mean_us: { n: 1, median: 80, mean: 80, variance: null, min: 80, max: 80 },
  },
  tail: { n: 1, lat_p999_us: 900, lat_max_us: null },
});

const agg: CellAggregates = {
  dims: ['storage', 'medium', 'x:pool'],
  includeHostLayer: false,
  records: 14,
  groups: [group(cellA, 0, 100), group(cellA, 1, 120), group(cellB, 0, 50)],
  restated: [
    {
      values: cellB,
      side: 1,
      ord: 9,
      restates: 'wiki:12',
      measured: true,
      flags: [],
      count: 2,
    },
  ],
  originals: [{ origin: 'wiki:12', values: cellA, side: 1 }],
  axisValues: [
    { value: 'native', count: 6 },
    { value: 'threads', count: 7 },
    { value: '', count: 1 },
  ],
};

const wire = () => JSON.parse(JSON.stringify(toCellsWire(agg))) as Record<string, unknown>;

describe('the /api/cells answer', () => {
  it('round-trips through JSON text, each cell written once', () => {
    const w = wire();
    expect(w.cells).toEqual([cellA, cellB]);
    const back = parseCellsWire(w);
    expect(back).toEqual({ ok: true, value: agg });
    // Cells named by one index share one values array (comparisonFromAggregates keys by it).
    if (!back.ok) return;
    expect(back.value.groups[0]!.values).toBe(back.value.groups[1]!.values);
  });

  it.each<[string, (w: Record<string, unknown>) => void, string]>([
    ['another version', (w) => (w.version = 2), 'version 2, expected 1'],
    ['an unknown dimension', (w) => (w.dims = ['colour']), 'dims[0]'],
    ['a cell of the wrong width', (w) => ((w.cells as unknown[][])[1] = ['a']), 'cells[1]: 3'],
    ['a cell index out of range', (w) => (group0(w).cell = 7), 'groups[0].cell: no cell 7'],
    ['a negative count', (w) => (group0(w).records = -1), 'groups[0].records: not a count'],
    ['a fractional count', (w) => (group0(w).n = 1.5), 'groups[0].n: not a count'],
    ['a side of 2', (w) => (group0(w).side = 2), 'groups[0].side: 0 or 1'],
    ['an unknown flag', (w) => (group0(w).flags = ['bogus']), 'groups[0].flags: unknown flag'],
    [
      'an unknown metric',
      (w) => (group0(w).metrics = { speed: [1, 1, 1, null, 1, 1] }),
      'unknown metric speed',
    ],
    [
      'a median that is not a number',
      (w) => (group0(w).metrics = { iops: [1, '5', 1, null, 1, 1] }),
      'groups[0].metrics.iops: not a number',
    ],
    ['a short tail', (w) => (group0(w).tail = [1, 2]), 'groups[0].tail: 3 values'],
    ['a restated row without origin', (w) => (restated0(w).restates = 5), 'restated[0].restates'],
    ['no groups list', (w) => delete w.groups, 'groups: not a list'],
    ['an axis value that is a number', (w) => (axisValue0(w)[0] = 3), 'axis_values[0]'],
    ['an axis value without records', (w) => axisValue0(w).pop(), 'axis_values[0]'],
    ['a negative axis count', (w) => (axisValue0(w)[1] = -2), 'axis_values[0].1: not a count'],
  ])('refuses %s', (_, spoil, reason) => {
    const w = wire();
    spoil(w);
    const r = parseCellsWire(w);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });

  it("reads an answer without axis values (an older server's) as one", () => {
    const w = wire();
    delete w.axis_values;
    const back = parseCellsWire(w);
    expect(back.ok && back.value.axisValues).toBe(undefined);
    expect(back.ok && back.value.groups).toEqual(agg.groups);
  });

  it('refuses what is not an answer at all', () => {
    for (const v of [null, [], 'cells', 42, { error: 'no such set' }])
      expect(parseCellsWire(v).ok).toBe(false);
  });
});

describe('axisValueCounts', () => {
  it('sums a value read twice (a -0 and a 0 are both "0"), in natural order', () => {
    expect(
      axisValueCounts([
        { value: '64', count: 2 },
        { value: '0', count: 1 },
        { value: '8', count: 4 },
        { value: '0', count: 3 },
        { value: '', count: 5 },
      ]),
    ).toEqual([
      { value: '0', count: 4 },
      { value: '8', count: 4 },
      { value: '64', count: 2 },
      { value: '', count: 5 }, // a missing value last, as in the facet bar
    ]);
  });
});

function group0(w: Record<string, unknown>): Record<string, unknown> {
  return (w.groups as Record<string, unknown>[])[0]!;
}

function restated0(w: Record<string, unknown>): Record<string, unknown> {
  return (w.restated as Record<string, unknown>[])[0]!;
}

function axisValue0(w: Record<string, unknown>): unknown[] {
  return (w.axis_values as unknown[][])[0]!;
}
