/**
 * Sweeps: a metric against a numeric dimension (iodepth, numjobs, bs, vms or a numeric extra
 * column), one series per value of the comparison axis (baseline, candidate and any other value
 * the axis has), in panels by an optional facet; and, with a second numeric dimension `y`, the
 * iodepth × numjobs grid of deltas (fio-plot's 3D chart in a readable form).
 *
 * Environments are never averaged silently. Every dimension of a comparison cell other than x,
 * y, the axis and the facet is, in the records in scope, either
 * - constant (one value),
 * - held at one value (the caller's choice, else chosen jointly for the fullest sweep), or
 * - aggregated (only when the caller asks): a point is then the median over the environment
 *   groups (the aggregated dimensions' values) of each group's median of repeats.
 * `Sweep.others` lists each dimension with its role, so a chart can state it.
 *
 * Like with like: when both baseline and candidate have a point, each series' point at that
 * x (and y) uses only the groups both sides have there; otherwise a series uses its own groups.
 * The delta of a point is 100 × (candidate ÷ baseline − 1) of the two plotted medians: a line
 * chart's values and its delta panel always agree.
 *
 * Records used: in scope (axis value among the series; host-layer records only when the axis is
 * `layer`), with a numeric x (and y), a value of the metric, not restated, not `incomplete` or
 * `failed-run`, and — when `excludeFlagged` — not flagged at all (compare()'s rules).
 *
 * sweepReference() is the plain implementation sweep() is tested against (sweep.test.ts).
 */
import type { Dimension, ResultRecord } from '../model/record.types';
import { ENVIRONMENT_FIELDS } from '../model/record.types';
import { compareValues, dimensionValue, joinKey } from './dimensions';
import { cellDimensions, withDefaults } from './pair';
import type { OtherDimension, Sweep, SweepPanel, SweepSpec } from './sweep.types';
import {
  bandOf,
  medianOf,
  numericValue,
  powersOfTwo,
  seriesValues,
  usableRecord,
} from './sweep.values';
export { SWEEP_BANDS } from './sweep.types';
export type { SweepBand } from './sweep.types';

// The sweep's public names, for importers of sweep.ts (the charts).
export {
  NUMERIC_FIELDS,
  numericDimensions,
  numericValue,
  powersOfTwo,
  quantileSorted,
  seriesValues,
  usableRecord,
} from './sweep.values';
export type {
  SweepSpec,
  OtherRole,
  OtherDimension,
  SweepPoint,
  SweepSeries,
  SweepDelta,
  SweepPanel,
  Sweep,
} from './sweep.types';
/** Dimensions that are neither x, y, the axis nor the facet (cell dimensions of the spec). */
export function otherDims(records: readonly ResultRecord[], spec: SweepSpec): Dimension[] {
  const cell = cellDimensions(
    records,
    withDefaults({
      axis: spec.axis,
      poolSets: spec.poolSets,
      ...(spec.extraDimensions ? { extraDimensions: spec.extraDimensions } : {}),
    }),
  );
  return cell.filter((d) => d !== spec.x && d !== spec.y && d !== spec.facet);
}

/** A usable record with its series index and x (y) values. */
interface UsableRow {
  r: ResultRecord;
  s: number;
  x: number;
  y: number | null;
}

/**
 * How well `rows` fill a sweep: points (x, y) with both baseline and candidate, then points with
 * any series, then records. Compared lexicographically.
 */
function coverage(rows: readonly UsableRow[]): [number, number, number] {
  const sides = new Map<string, number>();
  for (const u of rows) {
    const k = `${u.y}|${u.x}`;
    sides.set(k, (sides.get(k) ?? 0) | (u.s === 0 ? 1 : u.s === 1 ? 2 : 4));
  }
  let both = 0;
  for (const m of sides.values()) if ((m & 3) === 3) both++;
  return [both, sides.size, rows.length];
}

const better = (a: readonly number[], b: readonly number[]) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return false;
};

/**
 * Roles of the other dimensions from the usable records: one value → constant; asked to
 * aggregate → aggregated; else held at the asked value when the data has it. The remaining
 * dimensions are held jointly, one after the other: each at the value that leaves the best
 * sweep among the records matching the holds chosen so far (most points with both baseline and
 * candidate, then most points, then most records; ties: natural order). Independent "most
 * frequent" values could have no record in common.
 */
export function resolveOthers(
  dims: readonly Dimension[],
  usable: readonly UsableRow[],
  spec: SweepSpec,
): OtherDimension[] {
  const valuesIn = (rows: readonly UsableRow[], dim: Dimension) => {
    const c = new Set<string>();
    for (const u of rows) c.add(dimensionValue(u.r, dim));
    return [...c].sort(compareValues);
  };
  const out = new Map<Dimension, OtherDimension>();
  const open: { dim: Dimension; values: string[] }[] = [];
  let current: readonly UsableRow[] = usable;
  for (const dim of dims) {
    const values = valuesIn(usable, dim);
    const asked = spec.hold[dim];
    if (values.length <= 1) out.set(dim, { dim, role: 'constant', values, value: values[0] ?? '' });
    else if (spec.aggregate.includes(dim))
      out.set(dim, { dim, role: 'aggregated', values, value: null });
    else if (asked !== undefined && values.includes(asked)) {
      out.set(dim, { dim, role: 'held', values, value: asked });
      current = current.filter((u) => dimensionValue(u.r, dim) === asked);
    } else open.push({ dim, values });
  }
  for (const { dim, values } of open) {
    let best = values[0]!;
    let bestRows: readonly UsableRow[] = [];
    let bestScore = [-1, -1, -1];
    for (const v of values) {
      const rows = current.filter((u) => dimensionValue(u.r, dim) === v);
      const score = coverage(rows);
      if (better(score, bestScore)) [best, bestRows, bestScore] = [v, rows, score];
    }
    const asked = spec.hold[dim];
    out.set(dim, {
      dim,
      role: 'held',
      values,
      value: best,
      ...(asked !== undefined ? { ignoredHold: asked } : {}),
    });
    current = bestRows;
  }
  return dims.map((d) => out.get(d)!);
}

export interface Bucket {
  facet: string;
  x: number;
  y: number | null;
  /** series index → group key → repeats */
  bySeries: Map<string, number[]>[];
}

/**
 * The sweep of `records` for `spec` (see the module comment for every rule). Pure; the output
 * does not depend on the input order. One pass to find the values, one to bucket the records.
 */
export function sweep(records: readonly ResultRecord[], spec: SweepSpec): Sweep {
  const series = seriesValues(spec);
  const seriesIndex = new Map(series.map((v, i) => [v, i]));
  const dims = otherDims(records, spec);
  const accounting = { inScope: 0, noX: 0, notUsed: 0, notHeld: 0, used: 0 };
  // Pass 1: scope, usability, and the values of the other dimensions among usable records.
  const usable: UsableRow[] = [];
  for (const r of records) {
    const s = seriesIndex.get(dimensionValue(r, spec.axis));
    if (s === undefined || (spec.axis !== 'layer' && r.layer === 'host')) continue;
    accounting.inScope++;
    const x = numericValue(dimensionValue(r, spec.x));
    const y = spec.y === null ? null : numericValue(dimensionValue(r, spec.y));
    if (x === null || (spec.y !== null && y === null)) {
      accounting.noX++;
      continue;
    }
    if (!usableRecord(r, spec.metric, spec.excludeFlagged)) {
      accounting.notUsed++;
      continue;
    }
    usable.push({ r, s, x, y });
  }
  const others = resolveOthers(dims, usable, spec);
  const held = others.filter((o) => o.role === 'held');
  const aggregated = others.filter((o) => o.role === 'aggregated').map((o) => o.dim);
  // Pass 2: bucket by facet × y × x; within, by series and environment group.
  const buckets = new Map<string, Bucket>();
  for (const { r, s, x, y } of usable) {
    if (held.some((o) => dimensionValue(r, o.dim) !== o.value)) {
      accounting.notHeld++;
      continue;
    }
    accounting.used++;
    const facet = spec.facet === null ? '' : dimensionValue(r, spec.facet);
    const key = joinKey([facet, String(y), String(x)]);
    let b = buckets.get(key);
    if (!b) {
      b = { facet, x, y, bySeries: series.map(() => new Map<string, number[]>()) };
      buckets.set(key, b);
    }
    const g = joinKey(aggregated.map((d) => dimensionValue(r, d)));
    const groups = b.bySeries[s]!;
    let reps = groups.get(g);
    if (!reps) groups.set(g, (reps = []));
    reps.push(r[spec.metric]!);
  }
  return assemble(spec, series, others, accounting, [...buckets.values()]);
}

/** Points, deltas and panels from the buckets (shared by sweep() and sweepReference()). */
export function assemble(
  spec: SweepSpec,
  series: readonly string[],
  others: OtherDimension[],
  accounting: Sweep['accounting'],
  buckets: Bucket[],
): Sweep {
  buckets.sort((a, b) => compareValues(a.facet, b.facet) || (a.y ?? 0) - (b.y ?? 0) || a.x - b.x);
  const panels: SweepPanel[] = [];
  const xs = new Set<number>();
  const ys = new Set<number>();
  for (const b of buckets) {
    let panel = panels[panels.length - 1];
    if (!panel || panel.facet !== b.facet) {
      panel = {
        facet: b.facet,
        series: series.map((value, i) => ({
          value,
          role: i === 0 ? 'baseline' : i === 1 ? 'candidate' : 'other',
          points: [],
        })),
        deltas: [],
      };
      panels.push(panel);
    }
    xs.add(b.x);
    if (b.y !== null) ys.add(b.y);
    // Like with like: the groups both baseline and candidate have here, when there are some.
    const both = [...b.bySeries[0]!.keys()].filter((g) => b.bySeries[1]!.has(g));
    const values: (number | null)[] = b.bySeries.map((groups, i) => {
      const keys = both.length > 0 ? both.filter((g) => groups.has(g)) : [...groups.keys()];
      if (keys.length === 0) return null;
      const all: number[] = [];
      const medians = keys.map((g) => {
        const reps = groups.get(g)!;
        all.push(...reps);
        return medianOf(reps);
      });
      const value = medianOf(medians);
      const { lo, hi } = bandOf(all, spec.band);
      panel.series[i]!.points.push({
        x: b.x,
        y: b.y,
        value,
        lo,
        hi,
        runs: all.length,
        groups: keys.length,
      });
      return value;
    });
    const [base, cand] = values;
    if (base != null && cand != null && base > 0)
      panel.deltas.push({
        x: b.x,
        y: b.y,
        baseline: base,
        candidate: cand,
        pct: 100 * (cand / base - 1),
      });
  }
  const xValues = [...xs].sort((a, b) => a - b);
  const yValues = [...ys].sort((a, b) => a - b);
  return {
    spec,
    xValues,
    yValues,
    log2X: powersOfTwo(xValues),
    log2Y: powersOfTwo(yValues),
    panels,
    others,
    accounting,
  };
}
/**
 * A facet worth suggesting: among the dimensions that vary in the usable records (other than x,
 * y and the axis), the one with the fewest values, 2–6 of them (ties: ENVIRONMENT_FIELDS order,
 * then extra columns); null when none.
 */
export function suggestFacet(
  records: readonly ResultRecord[],
  spec: Omit<SweepSpec, 'facet'>,
): Dimension | null {
  const s = sweep(records, { ...spec, facet: null, aggregate: [], hold: {} });
  const rank = (d: Dimension) => {
    const i = (ENVIRONMENT_FIELDS as readonly string[]).indexOf(d);
    return i < 0 ? ENVIRONMENT_FIELDS.length : i;
  };
  const choices = s.others
    .filter((o) => o.values.length >= 2 && o.values.length <= 6)
    .sort((a, b) => a.values.length - b.values.length || rank(a.dim) - rank(b.dim));
  return choices[0]?.dim ?? null;
}
