/**
 * Pairing: splits records into comparison cells along an axis and computes per-cell statistics
 * and verdicts. Axis-generic: `aio` threads→native is only the default spec.
 *
 * Rules (issue 4):
 * - A cell = the values of every other environment field (ENVIRONMENT_FIELDS minus the axis,
 *   minus `set` when `poolSets`) plus extra dimension columns (see extraDimensions()).
 * - Out of scope: records whose axis value is neither baseline nor candidate, and host-layer
 *   records (`layer=host`, bare-metal baselines for charts: see hostBaseline()) unless the axis is
 *   `layer` itself.
 * - A cell with records on both sides is paired (all its records count as paired, including
 *   incomplete/flagged/restated ones); a cell with one side only is unpaired, each record listed
 *   with the fields that differ from the nearest cell of the other side.
 * - Repeats used in statistics: not restated (`restates` non-null), not `incomplete` or
 *   `failed-run` (no measurement), at least one metric present, and — when `excludeFlagged` —
 *   not flagged `unit-suspect` / `sparse-read`.
 * - records = paired + unpaired + outOfScope, always.
 *
 * Output is independent of the input order: cells are sorted by their values (natural order),
 * records within a side by origin.
 */
import type { Dimension, MetricField, QualityFlag, ResultRecord } from '../model/record.types';
import { ENVIRONMENT_FIELDS } from '../model/record.types';
import type { Aggregate, CellComparison, Comparison, ComparisonSpec, MetricDelta, Side, UnpairedRecord, Verdict } from './compare.types';
import { DEFAULT_SPEC } from './compare.types';
import { compareRows, dictRanks, encode, groupRows, rowValues } from './columnar';
import type { Encoded, Grouping } from './columnar';
import { compareValues, dimensionValue, extraDimensions, joinKey } from './dimensions';
import { aggregateInPlace } from './stats';
import { DELTA_METRICS, metricDelta } from './verdict';

/** Flags that mean "no measurement": never used in statistics, whatever the spec says. */
const NOT_A_MEASUREMENT: ReadonlySet<QualityFlag> = new Set(['incomplete', 'failed-run']);
const STAT_METRICS: readonly MetricField[] = ['iops', 'iops_total', 'lat_mean_us', 'lat_p99_us', 'bw_kib_s'];

/** Budget of code-vector comparisons for finding the nearest cell of unpaired records. */
const NEAREST_BUDGET = 2_000_000;

/** Dimensions of a comparison cell for `spec` over `records`. */
export function cellDimensions(records: readonly ResultRecord[], spec: ComparisonSpec): Dimension[] {
  const env = ENVIRONMENT_FIELDS.filter((f) => f !== spec.axis && !(spec.poolSets && f === 'set'));
  const extras = (spec.extraDimensions ?? extraDimensions(records)).filter((d) => d !== spec.axis);
  return [...env, ...extras];
}

/** Fills a partial spec with DEFAULT_SPEC. */
export function withDefaults(spec: Partial<ComparisonSpec>): ComparisonSpec {
  return { ...DEFAULT_SPEC, ...spec };
}

/**
 * Pairs `records` along `spec.axis` and decides a verdict per cell. Pure and deterministic.
 * Perf (scripts/compare-perf.ts, CPU-time median, shared 2-core VM at load 8–10): 100k synthetic
 * records → 10.9k cells in 610–740 ms, of which encode ≈ 60, stats/verdicts of the cells ≈ 300
 * (t CDF ≈ 60) and the rest mostly garbage collection of a ~400 MB heap. Done once per spec
 * change (in the worker); layout changes only re-run pivot(). 196 fio records: < 5 ms.
 */
export function compare(records: readonly ResultRecord[], specIn: Partial<ComparisonSpec> = {}): Comparison {
  const spec = withDefaults(specIn);
  const dims = cellDimensions(records, spec);
  const scope: number[] = [];
  const sideOf: boolean[] = []; // true = candidate
  const axisIsLayer = spec.axis === 'layer';
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    if (!axisIsLayer && r.layer === 'host') continue;
    const v = dimensionValue(r, spec.axis);
    if (v === spec.baseline) sideOf.push(false);
    else if (v === spec.candidate) sideOf.push(true);
    else continue;
    scope.push(i);
  }
  const enc = encode(records, dims, scope);
  const allIdx = dims.map((_, i) => i);
  const g = groupRows(enc, allIdx);
  attachRestated(records, scope, sideOf, g);
  const baseRows: number[][] = Array.from({ length: g.count }, () => []);
  const candRows: number[][] = Array.from({ length: g.count }, () => []);
  for (let row = 0; row < scope.length; row++) (sideOf[row] ? candRows : baseRows)[g.groupOf[row]!]!.push(row);

  // Groups in natural order of their values (integer rank comparison): output independent of input order.
  const order = naturalOrder(enc, g);
  const cells: CellComparison[] = [];
  const unpairedGroups: number[] = [];
  let paired = 0;
  for (const grp of order) {
    const b = baseRows[grp]!;
    const c = candRows[grp]!;
    if (b.length > 0 && c.length > 0) {
      paired += b.length + c.length;
      const values = rowValues(enc, allIdx, g.firstRow[grp]!);
      cells.push(buildCell(dims, values, b.map((row) => records[scope[row]!]!), c.map((row) => records[scope[row]!]!), spec));
    } else if (b.length + c.length > 0) unpairedGroups.push(grp);
  }

  const unpaired = findUnpaired(enc, g, order, unpairedGroups, baseRows, candRows, records, scope);
  return {
    spec,
    cells,
    unpaired,
    outOfScope: records.length - scope.length,
    accounting: { records: records.length, paired, unpaired: unpaired.length, outOfScope: records.length - scope.length },
    dims,
  };
}

/**
 * Group ids in natural order of their values: one numeric sort key per group (mixed radix over
 * the per-dimension value ranks) when it fits 2^52, else a rank-vector comparison.
 */
function naturalOrder(enc: Encoded, g: Grouping): number[] {
  const ranks = dictRanks(enc, compareValues);
  const D = enc.dims.length;
  let space = 1;
  for (let d = 0; d < D; d++) space *= Math.max(1, enc.dicts[d]!.length);
  const ids = Array.from({ length: g.count }, (_, i) => i);
  if (space > 2 ** 52) return ids.sort((a, b) => compareRows(enc, ranks, g.firstRow[a]!, g.firstRow[b]!));
  const keys = new Float64Array(g.count);
  for (let grp = 0; grp < g.count; grp++) {
    const row = g.firstRow[grp]!;
    let k = 0;
    for (let d = 0; d < D; d++) k = k * Math.max(1, enc.dicts[d]!.length) + ranks[d]![enc.codes[d]![row]!]!;
    keys[grp] = k;
  }
  return ids.sort((a, b) => keys[a]! - keys[b]!);
}

/**
 * A restated record (e.g. the seed's 1-VM concurrency rows) joins the cell of the record it
 * restates when that record is in scope on the same side, even if the restating table left a
 * field empty (the seed's concurrency table has no prealloc column): it is shown there and never
 * counted. Without its original in scope it stays in its own cell.
 */
function attachRestated(records: readonly ResultRecord[], scope: number[], sideOf: boolean[], g: Grouping): void {
  let any = false;
  for (let row = 0; row < scope.length && !any; row++) if (records[scope[row]!]!.restates !== null) any = true;
  if (!any) return; // the common case: no origin map to build
  const rowOfOrigin = new Map<string, number>();
  for (let row = 0; row < scope.length; row++) {
    const r = records[scope[row]!]!;
    if (r.restates === null && !rowOfOrigin.has(r.origin)) rowOfOrigin.set(r.origin, row);
  }
  for (let row = 0; row < scope.length; row++) {
    const r = records[scope[row]!]!;
    if (r.restates === null) continue;
    const orig = rowOfOrigin.get(r.restates);
    if (orig !== undefined && sideOf[orig] === sideOf[row]) g.groupOf[row] = g.groupOf[orig]!;
  }
}

function byOrigin(a: ResultRecord, b: ResultRecord): number {
  if (a.origin !== b.origin) return a.origin < b.origin ? -1 : 1;
  const ra = a.run ?? '';
  const rb = b.run ?? '';
  if (ra !== rb) return ra < rb ? -1 : 1;
  return (a.iops ?? -1) - (b.iops ?? -1) || (a.lat_mean_us ?? -1) - (b.lat_mean_us ?? -1);
}

interface SideBuild {
  side: Side;
  excludedFlagged: number;
  excludedFlags: Set<QualityFlag>;
  restated: number;
  notMeasured: number;
}

function hasMetric(r: ResultRecord): boolean {
  return r.iops !== null || r.lat_mean_us !== null || r.bw_kib_s !== null || r.lat_p99_us !== null || r.iops_total !== null;
}

function buildSide(recs: ResultRecord[], spec: ComparisonSpec): SideBuild {
  const records = [...recs].sort(byOrigin);
  const used: ResultRecord[] = [];
  let excludedFlagged = 0;
  let restated = 0;
  let notMeasured = 0;
  const excludedFlags = new Set<QualityFlag>();
  for (const r of records) {
    if (r.flags.some((f) => NOT_A_MEASUREMENT.has(f)) || !hasMetric(r)) {
      notMeasured++;
      continue;
    }
    if (r.restates !== null) {
      restated++;
      continue;
    }
    if (spec.excludeFlagged && r.flags.length > 0) {
      excludedFlagged++;
      for (const f of r.flags) excludedFlags.add(f);
      continue;
    }
    used.push(r);
  }
  const metrics: Partial<Record<MetricField, Aggregate>> = {};
  for (const m of STAT_METRICS) {
    const vals: number[] = [];
    for (const r of used) {
      const v = r[m];
      if (v !== null && Number.isFinite(v)) vals.push(v);
    }
    const a = aggregateInPlace(vals);
    if (a) metrics[m] = a;
  }
  return { side: { n: used.length, records, used, metrics }, excludedFlagged, excludedFlags, restated, notMeasured };
}

function buildCell(dims: Dimension[], values: string[], base: ResultRecord[], cand: ResultRecord[], spec: ComparisonSpec): CellComparison {
  const cell: Record<string, string> = {};
  dims.forEach((d, i) => (cell[d] = values[i]!));
  const b = buildSide(base, spec);
  const c = buildSide(cand, spec);
  const deltas: Partial<Record<MetricField, MetricDelta>> = {};
  for (const m of DELTA_METRICS) {
    const d = metricDelta(m, b.side.metrics[m], c.side.metrics[m], spec.thresholdPct);
    if (d) deltas[m] = d;
  }
  const primary = DELTA_METRICS.find((m) => deltas[m]);
  const verdict: Verdict = primary ? deltas[primary]!.verdict : 'inconclusive';
  const flags = new Set<QualityFlag>();
  for (const r of [...b.side.records, ...c.side.records]) for (const f of r.flags) flags.add(f);
  const notes: string[] = [];
  for (const [name, s] of [
    ['baseline', b],
    ['candidate', c],
  ] as const) {
    const label = `${name} (${name === 'baseline' ? spec.baseline : spec.candidate})`;
    if (s.excludedFlagged > 0)
      notes.push(`${label}: ${s.excludedFlagged} flagged record${s.excludedFlagged > 1 ? 's' : ''} excluded (${[...s.excludedFlags].sort().join(', ')})`);
    if (s.restated > 0) notes.push(`${label}: ${s.restated} restated row${s.restated > 1 ? 's' : ''} not counted as repeats`);
    if (s.side.n === 0) {
      const why = s.excludedFlagged > 0 ? 'every measured record is flagged' : s.notMeasured > 0 ? 'no measured run (incomplete or failed)' : 'no usable run';
      notes.push(`${label}: empty after exclusion — ${why}`);
    }
  }
  if (primary) {
    const d = deltas[primary]!;
    if (d.singleRun) notes.push(`single run: decided on the ${spec.thresholdPct}% threshold alone`);
    else if (d.pValue !== null) notes.push(`Welch's t-test on ${b.side.n} vs ${c.side.n} runs, p=${d.pValue < 0.001 ? '<0.001' : d.pValue.toFixed(3)}`);
  } else if (b.side.n > 0 && c.side.n > 0) notes.push('no metric measured on both sides');
  if (!primary) notes.push('verdict inconclusive: nothing to compare');
  return {
    key: joinKey(values),
    cell,
    baseline: b.side,
    candidate: c.side,
    deltas,
    verdict,
    flags: [...flags].sort(),
    excludedFlagged: b.excludedFlagged + c.excludedFlagged,
    notes,
  };
}

/**
 * Unpaired records with the fields that differ from the nearest cell of the other side. Nearest =
 * fewest differing dimensions; one-field neighbours (the common case: a missing run) are found by
 * hashing mixed-radix keys (ties: first in natural order); otherwise a scan outwards from the
 * cell's place in natural order takes the closest cell with the fewest differences, bounded by
 * NEAREST_BUDGET comparisons in total (after that, the best cell found so far is reported).
 */
function findUnpaired(
  enc: Encoded,
  g: Grouping,
  order: number[],
  unpairedGroups: number[],
  baseRows: number[][],
  candRows: number[][],
  records: readonly ResultRecord[],
  scope: number[],
): UnpairedRecord[] {
  if (unpairedGroups.length === 0) return [];
  const D = enc.dims.length;
  const allIdx = enc.dims.map((_, i) => i);
  // Code vectors of all groups, contiguous (group-major) for the scans below.
  const vec = new Int32Array(g.count * D);
  for (let grp = 0; grp < g.count; grp++) {
    const row = g.firstRow[grp]!;
    for (let d = 0; d < D; d++) vec[grp * D + d] = enc.codes[d]![row]!;
  }
  const code = (grp: number, d: number) => vec[grp * D + d]!;
  // Mixed-radix weights; exact while the key space fits in 2^52, else skip the hashing step.
  const weights: number[] = [];
  let space = 1;
  for (let d = D - 1; d >= 0; d--) {
    weights[d] = space;
    space *= Math.max(1, enc.dicts[d]!.length);
  }
  const hashable = space <= 2 ** 52;
  const fullKey = (grp: number) => {
    let k = 0;
    for (let d = 0; d < D; d++) k += code(grp, d) * weights[d]!;
    return k;
  };
  const withBase: number[] = [];
  const withCand: number[] = [];
  for (const grp of order) {
    if (baseRows[grp]!.length) withBase.push(grp);
    if (candRows[grp]!.length) withCand.push(grp);
  }
  // Full key → first group (natural order) per side; a one-field neighbour is found by swapping
  // each dimension's code for every other code of that dimension (Σ cardinalities lookups).
  const keyMap = (groups: number[]) => {
    const m = new Map<number, number>();
    if (hashable) for (const grp of groups) {
      const k = fullKey(grp);
      if (!m.has(k)) m.set(k, grp);
    }
    return m;
  };
  const baseKeys = keyMap(withBase);
  const candKeys = keyMap(withCand);
  const rank = new Int32Array(g.count);
  order.forEach((grp, i) => (rank[grp] = i));

  let budget = NEAREST_BUDGET;
  const out: UnpairedRecord[] = [];
  for (const grp of unpairedGroups) {
    const isBase = baseRows[grp]!.length > 0;
    const others = isBase ? withCand : withBase;
    let best = -1;
    if (hashable) {
      const keys = isBase ? candKeys : baseKeys;
      const k = fullKey(grp);
      for (let d = 0; d < D; d++) {
        const own = code(grp, d);
        const card = enc.dicts[d]!.length;
        for (let c = 0; c < card; c++) {
          if (c === own) continue;
          const hit = keys.get(k + (c - own) * weights[d]!);
          if (hit !== undefined && (best < 0 || rank[hit]! < rank[best]!)) best = hit;
        }
      }
    }
    if (best < 0 && others.length > 0) {
      // Scan outwards from this cell's place in natural order: cells sharing the leading fields
      // (set, storage, medium …) come first, so the scan usually stops early.
      const lowerBound = hashable ? 2 : 1;
      let bestDiff = D + 1;
      const me = grp * D;
      const myRank = rank[grp]!;
      let lo = 0;
      let hi = others.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (rank[others[mid]!]! < myRank) lo = mid + 1;
        else hi = mid;
      }
      let left = lo - 1;
      let right = lo;
      while (left >= 0 || right < others.length) {
        if (budget-- <= 0 && best >= 0) break;
        const takeLeft = right >= others.length || (left >= 0 && lo - 1 - left <= right - lo);
        const o = takeLeft ? others[left--]! : others[right++]!;
        let diff = 0;
        const ov = o * D;
        for (let d = 0; d < D && diff < bestDiff; d++) if (vec[me + d] !== vec[ov + d]) diff++;
        if (diff < bestDiff) {
          bestDiff = diff;
          best = o;
          if (diff <= lowerBound) break;
        }
      }
    }
    const nearestDiff: Record<string, [string, string]> = {};
    let nearestKey: string | null = null;
    if (best >= 0) {
      for (let d = 0; d < D; d++) {
        const a = code(grp, d);
        const b = code(best, d);
        if (a !== b) nearestDiff[enc.dims[d]!] = [enc.dicts[d]![a]!, enc.dicts[d]![b]!];
      }
      nearestKey = joinKey(rowValues(enc, allIdx, g.firstRow[best]!));
    }
    const rows = isBase ? baseRows[grp]! : candRows[grp]!;
    const recs = rows.map((row) => records[scope[row]!]!).sort(byOrigin);
    for (const record of recs) out.push({ record, side: isBase ? 'baseline' : 'candidate', nearestDiff, nearestKey });
  }
  return out;
}
