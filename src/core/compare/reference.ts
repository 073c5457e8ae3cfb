/**
 * The comparison engine written plainly (Maps, arrays, one pass per step): what compare() MEANS.
 * It is slow and never used by the product; differential tests (reference.test.ts) check that the
 * optimized engine (pair.ts and the files it uses) returns exactly what this file returns. When
 * you change a rule, change it here first, then make the fast engine agree.
 *
 * Shared with the fast engine on purpose: the value of a dimension (dimensions.ts), the t-test
 * and TOST p-values (stats.ts, checked against SciPy) and the sentences (deltaText, cellNotes).
 */
import type { Dimension, DimensionValue, ResultRecord } from '../model/record.types';
import { ENVIRONMENT_FIELDS, LOWER_IS_BETTER } from '../model/record.types';
import type { MetricField } from '../model/record.types';
import type {
  Aggregate,
  CellComparison,
  Comparison,
  ComparisonSpec,
  MetricDelta,
  Side,
  UnpairedRecord,
  Verdict,
} from './compare.types';
import { DEFAULT_SPEC } from './compare.types';
import { compareValues, dimensionValue, extraDimensions, joinKey } from './dimensions';
import { tostP, welch } from './stats';
import { ALPHA, DELTA_METRICS, deltaText } from './verdict';
import { STAT_METRICS } from './cell.side';
import { cellNotes } from './cell.notes';
import type { SideNotes } from './cell.notes';
import { asPercent } from '../model/units';
import { applyFdrReference } from './fdr.apply';

/** Flags that mean "no measurement was taken": such a record never counts as a repeat. */
const NOT_MEASURED_FLAGS: ReadonlySet<string> = new Set(['incomplete', 'failed-run']);
const METRICS_OF_A_RECORD: readonly MetricField[] = STAT_METRICS;

interface RefCell {
  values: DimensionValue[];
  /** Indexes into `records`, per side, in input order. */
  sides: [number[], number[]];
}

/** compare(), plainly. Same result (cells, unpaired records, accounting), slowly. */
export function referenceCompare(
  records: readonly ResultRecord[],
  specIn: Partial<ComparisonSpec> = {},
): Comparison {
  const spec: ComparisonSpec = { ...DEFAULT_SPEC, ...specIn };
  // 1. The cell of a record: every environment field but the axis (and `set` when pooled), then
  //    the extra columns that are dimensions.
  const extras = spec.extraDimensions ?? extraDimensions(records);
  const dims: Dimension[] = [
    ...ENVIRONMENT_FIELDS.filter((f) => f !== spec.axis && !(spec.poolSets && f === 'set')),
    ...extras.filter((d) => d !== spec.axis),
  ];
  // 2. Scope: the axis value is the baseline (side 0) or the candidate (side 1); host-layer
  //    records are bare-metal references, out of scope unless the axis is `layer` itself or the
  //    spec includes them (a set measured on the host only).
  const hostOut = spec.axis !== 'layer' && !spec.includeHostLayer;
  const sideOf = (r: ResultRecord): 0 | 1 | null => {
    if (hostOut && dimensionValue(r, 'layer') === 'host') return null;
    const v = dimensionValue(r, spec.axis);
    return v === spec.baseline ? 0 : v === spec.candidate ? 1 : null;
  };
  const cells = new Map<string, RefCell>();
  const cellKeyOf: (string | null)[] = records.map(() => null);
  /** Per dimension: each value and the first record in scope that has it. */
  const firstSeen = dims.map(() => new Map<DimensionValue, number>());
  let inScope = 0;
  records.forEach((r, i) => {
    const side = sideOf(r);
    if (side === null) return;
    inScope++;
    const values = dims.map((d) => dimensionValue(r, d));
    values.forEach((v, d) => {
      if (!firstSeen[d]!.has(v)) firstSeen[d]!.set(v, i);
    });
    const key = joinKey(values);
    if (!cells.has(key)) cells.set(key, { values, sides: [[], []] });
    cellKeyOf[i] = key;
  });
  // 3. A restated record joins the cell of the record it restates (the first record in scope
  //    with that origin, not itself restated), when that one is on the same side.
  const firstWithOrigin = new Map<string, number>();
  records.forEach((r, i) => {
    if (cellKeyOf[i] !== null && r.restates === null && !firstWithOrigin.has(r.origin))
      firstWithOrigin.set(r.origin, i);
  });
  records.forEach((r, i) => {
    const key = cellKeyOf[i];
    if (key === null || key === undefined) return;
    const original = r.restates === null ? undefined : firstWithOrigin.get(r.restates);
    const joined =
      original !== undefined && sideOf(records[original]!) === sideOf(r)
        ? cellKeyOf[original]!
        : key;
    cells.get(joined)!.sides[sideOf(r)!].push(i);
  });
  // 4. Cells in natural order of their values; values that compare equal ('SSD', 'ssd') in the
  //    order they first appear in the records in scope.
  const present = [...cells.values()].filter((c) => c.sides[0].length + c.sides[1].length > 0);
  present.sort((a, b) => {
    for (let d = 0; d < dims.length; d++) {
      const x = a.values[d]!;
      const y = b.values[d]!;
      const c = compareValues(x, y) || firstSeen[d]!.get(x)! - firstSeen[d]!.get(y)!;
      if (c !== 0) return c;
    }
    return 0;
  });
  // 5. Paired cells: both sides have records. Unpaired ones: each record, with the nearest cell.
  const out: CellComparison[] = [];
  const unpaired: UnpairedRecord[] = [];
  let paired = 0;
  for (const c of present) {
    if (c.sides[0].length > 0 && c.sides[1].length > 0) {
      paired += c.sides[0].length + c.sides[1].length;
      out.push(pairedCell(c, dims, records, spec));
      continue;
    }
    const side = c.sides[0].length > 0 ? 0 : 1;
    const nearest = nearestCell(c, side, present, dims.length);
    const nearestDiff: Record<string, [DimensionValue, DimensionValue]> = {};
    if (nearest)
      dims.forEach((d, i) => {
        if (c.values[i] !== nearest.values[i]) nearestDiff[d] = [c.values[i]!, nearest.values[i]!];
      });
    for (const i of byOrigin(c.sides[side], records))
      unpaired.push({
        record: records[i]!,
        side: side === 0 ? 'baseline' : 'candidate',
        nearestDiff,
        nearestKey: nearest ? joinKey(nearest.values) : null,
      });
  }
  const outOfScope = records.length - inScope;
  // 6. Benjamini–Hochberg over the cells, per delta metric (verdict.ts, fdr.apply.ts).
  return applyFdrReference({
    spec,
    cells: out,
    unpaired,
    outOfScope,
    accounting: { records: records.length, paired, unpaired: unpaired.length, outOfScope },
    dims,
  });
}

/**
 * The nearest cell with records on the other side: fewest differing dimensions. Ties: one field
 * apart, the first such cell in natural order; further apart, the closest in natural order
 * (counting only the cells with the other side), the earlier one when two are as close.
 */
function nearestCell(c: RefCell, side: 0 | 1, sorted: RefCell[], D: number): RefCell | null {
  const others = sorted.filter((o) => o.sides[side === 0 ? 1 : 0].length > 0);
  const here = sorted.indexOf(c);
  const before = others.filter((o) => sorted.indexOf(o) < here).length;
  let best: RefCell | null = null;
  let bestRank: [number, number] = [D + 1, 0];
  others.forEach((o, j) => {
    const diff = c.values.filter((v, d) => v !== o.values[d]).length;
    const distance = diff === 1 ? j : j < before ? 2 * (before - 1 - j) : 2 * (j - before) + 1;
    if (diff < bestRank[0] || (diff === bestRank[0] && distance < bestRank[1])) {
      best = o;
      bestRank = [diff, distance];
    }
  });
  return best;
}

/** Record indexes sorted by origin, then run, IOPS and mean latency; ties keep input order. */
function byOrigin(idx: readonly number[], records: readonly ResultRecord[]): number[] {
  return [...idx].sort((i, j) => {
    const a = records[i]!;
    const b = records[j]!;
    if (a.origin !== b.origin) return a.origin < b.origin ? -1 : 1;
    if ((a.run ?? '') !== (b.run ?? '')) return (a.run ?? '') < (b.run ?? '') ? -1 : 1;
    return (
      (a.iops ?? -1) - (b.iops ?? -1) || (a.lat_mean_us ?? -1) - (b.lat_mean_us ?? -1) || i - j
    );
  });
}

/** Why a record is left out of the statistics, or null when it is a repeat that counts. */
function leftOut(r: ResultRecord, spec: ComparisonSpec): keyof SideNotes | null {
  const measured =
    !r.flags.some((f) => NOT_MEASURED_FLAGS.has(f)) &&
    METRICS_OF_A_RECORD.some((m) => r[m] !== null);
  if (!measured) return 'notMeasured';
  if (r.restates !== null) return 'restated';
  if (spec.excludeFlagged && r.flags.length > 0) return 'excludedFlagged';
  return null;
}

function pairedCell(
  c: RefCell,
  dims: Dimension[],
  records: readonly ResultRecord[],
  spec: ComparisonSpec,
): CellComparison {
  const notes: SideNotes[] = [];
  const [baseline, candidate] = c.sides.map((idx) => {
    const all = byOrigin(idx, records).map((i) => records[i]!);
    const why = all.map((r) => leftOut(r, spec));
    const used = all.filter((_, k) => why[k] === null);
    const excluded = all.filter((_, k) => why[k] === 'excludedFlagged');
    notes.push({
      excludedFlagged: excluded.length,
      excludedFlags: [...new Set(excluded.flatMap((r) => r.flags))].sort(),
      restated: why.filter((w) => w === 'restated').length,
      notMeasured: why.filter((w) => w === 'notMeasured').length,
    });
    const metrics: Side['metrics'] = {};
    for (const m of STAT_METRICS) {
      const values: number[] = [];
      for (const r of used) if (r[m] !== null && Number.isFinite(r[m])) values.push(r[m]);
      if (values.length > 0) metrics[m] = aggregateOf(values);
    }
    return { n: used.length, records: all, used, metrics };
  }) as [Side, Side];
  const deltas: CellComparison['deltas'] = {};
  for (const m of DELTA_METRICS) {
    const d = delta(m, baseline.metrics[m], candidate.metrics[m], spec.thresholdPct);
    if (d) deltas[m] = d;
  }
  const primary = DELTA_METRICS.map((m) => deltas[m]).find((d) => d !== undefined) ?? null;
  const allRecords = [...baseline.records, ...candidate.records];
  return {
    key: joinKey(c.values),
    cell: Object.fromEntries(dims.map((d, i) => [d, c.values[i]!])),
    baseline,
    candidate,
    deltas,
    verdict: primary ? primary.verdict : 'inconclusive',
    flags: [...new Set(allRecords.flatMap((r) => r.flags))].sort(),
    excludedFlagged: notes[0]!.excludedFlagged + notes[1]!.excludedFlagged,
    notes: cellNotes(baseline.n, candidate.n, notes[0]!, notes[1]!, primary, spec),
  };
}

/** n, median, mean, min, max, sample sd and cv of the repeats of one metric. */
function aggregateOf(unsorted: number[]): Aggregate {
  const values = [...unsorted].sort((a, b) => a - b);
  const n = values.length;
  const mid = n >> 1;
  const median = n % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const sd =
    n < 2 ? null : Math.sqrt(values.reduce((s, v) => s + (v - mean) * (v - mean), 0) / (n - 1));
  const cv = sd === null || mean === 0 ? null : sd / mean;
  return { n, median, mean, min: values[0]!, max: values[n - 1]!, sd, cv, values };
}

/**
 * The verdict of one metric (see verdict.ts for the rule in words), from exact p-values.
 * No delta when a side has no value or the baseline median is not positive.
 */
function delta(
  metric: MetricField,
  b: Aggregate | undefined,
  c: Aggregate | undefined,
  thresholdPct: number,
): MetricDelta | null {
  if (!b || !c || !(b.median > 0)) return null;
  const pct = (100 * (c.median - b.median)) / b.median;
  const lowerIsBetter = LOWER_IS_BETTER.has(metric);
  const direction: Verdict = (lowerIsBetter ? pct < 0 : pct > 0) ? 'improvement' : 'regression';
  const big = Math.abs(pct) >= thresholdPct;
  const singleRun = b.n < 2 || c.n < 2;
  const w = singleRun ? null : welch(b, c);
  const equivalenceP = w && !big ? tostP(w, (thresholdPct / 100) * b.mean) : null;
  let verdict: Verdict;
  if (singleRun) verdict = big ? direction : 'no-difference';
  else if (big) verdict = w!.p < ALPHA ? direction : 'inconclusive';
  else verdict = equivalenceP! < ALPHA ? 'no-difference' : 'inconclusive';
  const pValue = w ? w.p : null;
  return {
    metric,
    pct: asPercent(pct),
    verdict,
    singleRun,
    pValue,
    lowerIsBetter,
    text: deltaText(metric, pct, verdict, { singleRun, pValue, thresholdPct }),
    baseline: b.median,
    candidate: c.median,
    equivalenceP,
  };
}
