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
import { encode, groupRows, rowValues } from './columnar';
import { compareTuples, dimensionValue, extraDimensions, joinKey } from './dimensions';
import { aggregate } from './stats';
import { DELTA_METRICS, metricDelta } from './verdict';

/** Flags that mean "no measurement": never used in statistics, whatever the spec says. */
const NOT_A_MEASUREMENT: ReadonlySet<QualityFlag> = new Set(['incomplete', 'failed-run']);
const STAT_METRICS: readonly MetricField[] = ['iops', 'iops_total', 'lat_mean_us', 'lat_p99_us', 'bw_kib_s'];

/** Budget of code-vector comparisons for finding the nearest cell of unpaired records. */
const NEAREST_BUDGET = 4_000_000;

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
 * Perf: 100k records, 19 fields → ≈ 150–250 ms on this machine class (bench/compare.bench.ts);
 * the fio-bench CLI case (196 records) is < 5 ms.
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
  const baseRows: number[][] = Array.from({ length: g.count }, () => []);
  const candRows: number[][] = Array.from({ length: g.count }, () => []);
  for (let row = 0; row < scope.length; row++) (sideOf[row] ? candRows : baseRows)[g.groupOf[row]!]!.push(row);

  const built: Array<{ values: string[]; cell: CellComparison }> = [];
  const unpairedGroups: number[] = [];
  let paired = 0;
  for (let grp = 0; grp < g.count; grp++) {
    const b = baseRows[grp]!;
    const c = candRows[grp]!;
    if (b.length > 0 && c.length > 0) {
      paired += b.length + c.length;
      const values = rowValues(enc, allIdx, g.firstRow[grp]!);
      const cell = buildCell(dims, values, b.map((row) => records[scope[row]!]!), c.map((row) => records[scope[row]!]!), spec);
      built.push({ values, cell });
    } else unpairedGroups.push(grp);
  }
  built.sort((x, y) => compareTuples(x.values, y.values));
  const cells = built.map((b) => b.cell);

  const unpaired = findUnpaired(enc, g, unpairedGroups, baseRows, candRows, records, scope);
  return {
    spec,
    cells,
    unpaired,
    outOfScope: records.length - scope.length,
    accounting: { records: records.length, paired, unpaired: unpaired.length, outOfScope: records.length - scope.length },
    dims,
  };
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
    const a = aggregate(vals);
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

function findUnpaired(
  enc: ReturnType<typeof encode>,
  g: ReturnType<typeof groupRows>,
  groups: number[],
  baseRows: number[][],
  candRows: number[][],
  records: readonly ResultRecord[],
  scope: number[],
): UnpairedRecord[] {
  const D = enc.dims.length;
  const allIdx = enc.dims.map((_, i) => i);
  // Code vector of every group's representative row.
  const vec = (grp: number): Int32Array => {
    const row = g.firstRow[grp]!;
    const v = new Int32Array(D);
    for (let d = 0; d < D; d++) v[d] = enc.codes[d]![row]!;
    return v;
  };
  const withBase: number[] = [];
  const withCand: number[] = [];
  for (let grp = 0; grp < g.count; grp++) {
    if (baseRows[grp]!.length) withBase.push(grp);
    if (candRows[grp]!.length) withCand.push(grp);
  }
  const vecs = new Map<number, Int32Array>();
  const vecOf = (grp: number) => {
    let v = vecs.get(grp);
    if (!v) vecs.set(grp, (v = vec(grp)));
    return v;
  };
  let budget = NEAREST_BUDGET;
  const out: UnpairedRecord[] = [];
  const sortedGroups = groups
    .map((grp) => ({ grp, values: rowValues(enc, allIdx, g.firstRow[grp]!) }))
    .sort((a, b) => compareTuples(a.values, b.values));
  for (const { grp } of sortedGroups) {
    const isBase = baseRows[grp]!.length > 0;
    const others = isBase ? withCand : withBase;
    const me = vecOf(grp);
    let best = -1;
    let bestDiff = D + 1;
    for (const o of others) {
      if (budget-- <= 0 && best >= 0) break;
      const ov = vecOf(o);
      let diff = 0;
      for (let d = 0; d < D && diff < bestDiff; d++) if (me[d] !== ov[d]) diff++;
      if (diff < bestDiff) {
        bestDiff = diff;
        best = o;
        if (diff <= 1) break;
      }
    }
    const nearestDiff: Record<string, [string, string]> = {};
    let nearestKey: string | null = null;
    if (best >= 0) {
      const ov = vecOf(best);
      for (let d = 0; d < D; d++)
        if (me[d] !== ov[d]) nearestDiff[enc.dims[d]!] = [enc.dicts[d]![me[d]!]!, enc.dicts[d]![ov[d]!]!];
      nearestKey = joinKey(rowValues(enc, allIdx, g.firstRow[best]!));
    }
    const rows = isBase ? baseRows[grp]! : candRows[grp]!;
    const recs = rows.map((row) => records[scope[row]!]!).sort(byOrigin);
    for (const record of recs) out.push({ record, side: isBase ? 'baseline' : 'candidate', nearestDiff, nearestKey });
  }
  return out;
}
