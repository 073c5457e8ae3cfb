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
import type { Dimension, MetricField, ResultRecord } from '../model/record.types';
import { ENVIRONMENT_FIELDS } from '../model/record.types';
import { compareValues, dimensionValue, joinKey, NON_DIMENSION_EXTRAS } from './dimensions';
import { cellDimensions, withDefaults } from './pair';

import type { SweepBand } from './sweep.types';
export { SWEEP_BANDS } from './sweep.types';
export type { SweepBand } from './sweep.types';

/** Environment fields that hold numbers, in the order a sweep offers them as x. */
export const NUMERIC_FIELDS: readonly Dimension[] = ['iodepth', 'numjobs', 'bs', 'vms'];

export interface SweepSpec {
  /** The numeric dimension on the x axis. */
  x: Dimension;
  /** A second numeric dimension (the grid's rows); null for a line sweep. */
  y: Dimension | null;
  axis: Dimension;
  baseline: string;
  candidate: string;
  /** Further axis values drawn as their own series (e.g. io_uring beside threads and native). */
  extraSeries: readonly string[];
  metric: MetricField;
  facet: Dimension | null;
  /** Dimensions held at one value (a value not in the data falls back to the default). */
  hold: Readonly<Partial<Record<Dimension, string>>>;
  /** Dimensions aggregated over (median over their values), stated by the chart. */
  aggregate: readonly Dimension[];
  band: SweepBand;
  excludeFlagged: boolean;
  poolSets: boolean;
  extraDimensions?: Dimension[];
}

export type OtherRole = 'constant' | 'held' | 'aggregated';

/** A dimension that is neither x, y, the axis nor the facet, and what the sweep did with it. */
export interface OtherDimension {
  dim: Dimension;
  role: OtherRole;
  /** Its values among the usable records, natural order. */
  values: string[];
  /** The value of a constant or held dimension; null when aggregated. */
  value: string | null;
  /** A held value asked for that the data does not have (then `value` is the default). */
  ignoredHold?: string;
}

export interface SweepPoint {
  x: number;
  /** The grid's row value; null in a line sweep. */
  y: number | null;
  /** Median over the groups of each group's median of repeats. */
  value: number;
  /** The band: min–max or Q1–Q3 of every repeat behind the point. */
  lo: number;
  hi: number;
  /** Repeats behind the point, and environment groups (1 unless a dimension is aggregated). */
  runs: number;
  groups: number;
}

export interface SweepSeries {
  value: string;
  role: 'baseline' | 'candidate' | 'other';
  /** Sorted by y, then x. */
  points: SweepPoint[];
}

export interface SweepDelta {
  x: number;
  y: number | null;
  baseline: number;
  candidate: number;
  /** 100 × (candidate ÷ baseline − 1) of the two plotted values. */
  pct: number;
}

export interface SweepPanel {
  /** The facet value ('' without a facet). */
  facet: string;
  series: SweepSeries[];
  /** Points where both baseline and candidate have a positive value, sorted by y, then x. */
  deltas: SweepDelta[];
}

export interface Sweep {
  spec: SweepSpec;
  xValues: number[];
  yValues: number[];
  /** Every x (y) value is a positive power of two: draw that axis on log₂. */
  log2X: boolean;
  log2Y: boolean;
  panels: SweepPanel[];
  others: OtherDimension[];
  accounting: {
    /** Records whose axis value is one of the series (host-layer excluded). */
    inScope: number;
    /** In scope but without a numeric x (or y). */
    noX: number;
    /** In scope but not a usable measurement of the metric (see the module comment). */
    notUsed: number;
    /** Usable, but another value of a held dimension. */
    notHeld: number;
    /** Behind a drawn point. */
    used: number;
  };
}

const NUMERIC_VALUE = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** A dimension value as a number, or null when it is not one. */
export function numericValue(v: string): number | null {
  if (!NUMERIC_VALUE.test(v.trim())) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/**
 * Dimensions a sweep can put on x: the numeric environment fields and the extra columns whose
 * non-empty values are all numbers, each with at least two distinct values in `records`.
 */
export function numericDimensions(records: readonly ResultRecord[]): Dimension[] {
  const distinct = new Map<Dimension, Set<number>>();
  const spoiled = new Set<Dimension>();
  const note = (d: Dimension, v: string) => {
    if (v === '' || spoiled.has(d)) return;
    const n = numericValue(v);
    if (n === null) {
      spoiled.add(d);
      return;
    }
    let s = distinct.get(d);
    if (!s) distinct.set(d, (s = new Set()));
    if (s.size < 2) s.add(n);
  };
  for (const r of records) {
    for (const d of NUMERIC_FIELDS) note(d, dimensionValue(r, d));
    for (const name in r.extra) {
      if (NON_DIMENSION_EXTRAS.has(name.toLowerCase())) continue;
      note(`x:${name}`, r.extra[name] ?? '');
    }
  }
  const ok = (d: Dimension) => !spoiled.has(d) && (distinct.get(d)?.size ?? 0) >= 2;
  const extras = [...distinct.keys()].filter((d) => d.startsWith('x:') && ok(d)).sort();
  return [...NUMERIC_FIELDS.filter(ok), ...extras];
}

/** True when every value is a positive integer power of two (1, 2, 4 …, 4096 …). */
export function powersOfTwo(values: readonly number[]): boolean {
  return values.length >= 2 && values.every((v) => v > 0 && Number.isInteger(Math.log2(v)));
}

/** Quantile by linear interpolation between order statistics (R's type 7) of sorted values. */
export function quantileSorted(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

function medianOf(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return quantileSorted(s, 0.5);
}

function bandOf(values: readonly number[], band: SweepBand): { lo: number; hi: number } {
  const s = [...values].sort((a, b) => a - b);
  return band === 'iqr'
    ? { lo: quantileSorted(s, 0.25), hi: quantileSorted(s, 0.75) }
    : { lo: s[0]!, hi: s[s.length - 1]! };
}

/** The series of a spec in drawing order: baseline, candidate, then the extra values. */
export function seriesValues(spec: SweepSpec): string[] {
  const out = [spec.baseline, spec.candidate];
  for (const v of spec.extraSeries) if (!out.includes(v)) out.push(v);
  return out;
}

/** Is `r` a usable measurement of `metric` (compare()'s rules for repeats)? */
export function usableRecord(r: ResultRecord, metric: MetricField, excludeFlagged: boolean) {
  if (r.restates !== null) return false;
  if (r.flags.includes('incomplete') || r.flags.includes('failed-run')) return false;
  if (excludeFlagged && r.flags.length > 0) return false;
  const v = r[metric];
  return v !== null && Number.isFinite(v);
}

/** Dimensions that are neither x, y, the axis nor the facet (cell dimensions of the spec). */
function otherDims(records: readonly ResultRecord[], spec: SweepSpec): Dimension[] {
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
function resolveOthers(
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

interface Bucket {
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
function assemble(
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
 * The plain implementation: the same rules written as filters over the whole record list per
 * point, series and group, with no shared buckets. Slow (quadratic); for tests only.
 */
export function sweepReference(records: readonly ResultRecord[], spec: SweepSpec): Sweep {
  const series = seriesValues(spec);
  const dims = otherDims(records, spec);
  const inScope = records.filter(
    (r) =>
      series.includes(dimensionValue(r, spec.axis)) &&
      (spec.axis === 'layer' || r.layer !== 'host'),
  );
  const xOf = (r: ResultRecord) => numericValue(dimensionValue(r, spec.x));
  const yOf = (r: ResultRecord) =>
    spec.y === null ? null : numericValue(dimensionValue(r, spec.y));
  const withX = inScope.filter((r) => xOf(r) !== null && (spec.y === null || yOf(r) !== null));
  const usable = withX.filter((r) => usableRecord(r, spec.metric, spec.excludeFlagged));
  const others = resolveOthers(
    dims,
    usable.map((r) => ({
      r,
      s: series.indexOf(dimensionValue(r, spec.axis)),
      x: xOf(r)!,
      y: yOf(r),
    })),
    spec,
  );
  const kept = usable.filter((r) =>
    others.every((o) => o.role !== 'held' || dimensionValue(r, o.dim) === o.value),
  );
  const aggregated = others.filter((o) => o.role === 'aggregated').map((o) => o.dim);
  const facetOf = (r: ResultRecord) => (spec.facet === null ? '' : dimensionValue(r, spec.facet));
  const groupOf = (r: ResultRecord) => joinKey(aggregated.map((d) => dimensionValue(r, d)));
  const distinct = <T>(xs: T[]) => xs.filter((v, i) => xs.indexOf(v) === i);
  const buckets: Bucket[] = [];
  for (const facet of distinct(kept.map(facetOf)))
    for (const y of distinct(kept.map(yOf)))
      for (const x of distinct(kept.map((r) => xOf(r)!))) {
        const here = kept.filter((r) => facetOf(r) === facet && yOf(r) === y && xOf(r) === x);
        if (here.length === 0) continue;
        buckets.push({
          facet,
          x,
          y,
          bySeries: series.map((s) => {
            const mine = here.filter((r) => dimensionValue(r, spec.axis) === s);
            return new Map(
              distinct(mine.map(groupOf)).map((g) => [
                g,
                mine.filter((r) => groupOf(r) === g).map((r) => r[spec.metric]!),
              ]),
            );
          }),
        });
      }
  return assemble(
    spec,
    series,
    others,
    {
      inScope: inScope.length,
      noX: inScope.length - withX.length,
      notUsed: withX.length - usable.length,
      notHeld: usable.length - kept.length,
      used: kept.length,
    },
    buckets,
  );
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
