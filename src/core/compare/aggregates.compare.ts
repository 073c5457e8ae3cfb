/**
 * A comparison from a store's aggregates (issue 13.6): what the database computed per cell and
 * side (ResultStore.aggregateCells) turned into the cells, their order and their verdicts, by the
 * rules of src/core/compare/reference.ts and with the browser engine's own verdict code
 * (metricDelta, cellNotes). Shared by every store: the SQL side only groups and counts.
 *
 * Done here, not in SQL, because it is small (one row per cell and side, plus the rare restated
 * records): the restated join (reference.ts step 3), the natural order of cells (step 4, with the
 * core collation), pairing (step 5) and the deltas. Unpaired records are counted, not listed: the
 * nearest-cell search needs the records, and `compare --format json` does not print them.
 */
import type { Dimension, DimensionValue, MetricField, QualityFlag } from '../model/record.types';
import type {
  CellComparison,
  Comparison,
  ComparisonSpec,
  MetricDelta,
  Side,
  TailSide,
} from './compare.types';
import { DEFAULT_SPEC } from './compare.types';
import { compareValues, joinKey } from './dimensions';
import { CAND_OFFSET, DELTA_METRICS, deltaContext, deltaOfMoments } from './verdict';
import type { DeltaContext } from './verdict';
import { cellNotes } from './cell.notes';
import { applyFdr } from './fdr.apply';
import type { SideNotes } from './cell.notes';
import type { CellAggregates, CellGroup } from './aggregates.types';

/** One side of a cell while the groups and restated rows are merged. */
interface SideAcc {
  records: number;
  group: CellGroup | null;
  restated: number;
  notMeasured: number;
  flags: Set<QualityFlag>;
}

interface CellAcc {
  values: DimensionValue[];
  sides: [SideAcc, SideAcc];
  /** Per dimension, the rank of its value in the natural order (set before sorting). */
  rank: Int32Array | null;
}

const emptySide = (): SideAcc => ({
  records: 0,
  group: null,
  restated: 0,
  notMeasured: 0,
  flags: new Set(),
});

/** A side without records that count: no tail values. */
const NO_TAIL: TailSide = Object.freeze({ n: 0, lat_p999_us: null, lat_max_us: null });

/**
 * The comparison of `agg` under `spec` (its axis, baseline, candidate, poolSets, excludeFlagged
 * as given to aggregateCells; thresholdPct for the verdicts). Cells carry no records
 * (`Side.records`, `Side.used`, `Aggregate.values` are empty; `Side.tail` has the tail medians)
 * and `unpaired` is empty; the accounting counts every record.
 */
export function comparisonFromAggregates(
  agg: CellAggregates,
  specIn: Partial<ComparisonSpec>,
): Comparison {
  const spec: ComparisonSpec = {
    ...DEFAULT_SPEC,
    ...specIn,
    includeHostLayer: agg.includeHostLayer,
  };
  const D = agg.dims.length;
  const cells = new Map<string, CellAcc>();
  /** Per dimension: each value and the smallest ord of an in-scope record with it. */
  const firstSeen = agg.dims.map(() => new Map<DimensionValue, number>());
  const seen = (values: DimensionValue[], ord: number) => {
    for (let d = 0; d < D; d++) {
      const m = firstSeen[d]!;
      const prev = m.get(values[d]!);
      if (prev === undefined || ord < prev) m.set(values[d]!, ord);
    }
  };
  const cellOf = (values: DimensionValue[]): CellAcc => {
    const key = joinKey(values);
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { values, sides: [emptySide(), emptySide()], rank: null }));
    return c;
  };
  // The two sides of a cell usually share one values array (the stores intern them): its key is
  // then made once per cell, not once per group.
  const byValues = new Map<readonly DimensionValue[], CellAcc>();
  const groupCell = (values: DimensionValue[]): CellAcc => {
    let c = byValues.get(values);
    if (!c) byValues.set(values, (c = cellOf(values)));
    return c;
  };
  let inScope = 0;
  for (const g of agg.groups) {
    inScope += g.records;
    seen(g.values, g.first);
    const s = groupCell(g.values).sides[g.side];
    s.group = g;
    s.records += g.records;
    s.notMeasured += g.notMeasured;
    for (const f of g.flags) s.flags.add(f);
  }
  // Restated records join the cell of the record they restate when it is on the same side.
  const originals = new Map(agg.originals.map((o) => [o.origin, o]));
  for (const r of agg.restated) {
    inScope += r.count;
    seen(r.values, r.ord);
    cellOf(r.values); // its own cell exists (it may end up empty: then it is not listed)
    const o = originals.get(r.restates);
    const s = cellOf(o !== undefined && o.side === r.side ? o.values : r.values).sides[r.side];
    s.records += r.count;
    if (r.measured) s.restated += r.count;
    else s.notMeasured += r.count;
    for (const f of r.flags) s.flags.add(f);
  }
  // Natural order of the values per dimension (ties: first seen), then of cells by those ranks.
  const rank = firstSeen.map((m) => {
    const sorted = [...m.keys()].sort((x, y) => compareValues(x, y) || m.get(x)! - m.get(y)!);
    return new Map(sorted.map((v, i) => [v, i]));
  });
  const present = [...cells.values()].filter((c) => c.sides[0].records + c.sides[1].records > 0);
  for (const c of present) c.rank = Int32Array.from(c.values, (v, d) => rank[d]!.get(v)!);
  present.sort((a, b) => {
    const ra = a.rank!;
    const rb = b.rank!;
    for (let d = 0; d < D; d++) if (ra[d] !== rb[d]) return ra[d]! - rb[d]!;
    return 0;
  });
  const pairs = present.filter((c) => c.sides[0].records > 0 && c.sides[1].records > 0);
  // The delta metrics' moments of every paired cell in one array (verdict.ts layout: per cell,
  // baseline at slot × 2·CAND_OFFSET, candidate CAND_OFFSET further), read by deltaOfMoments()
  // as metricDelta() reads its own small array: the same decisions, without an array per delta.
  const ctx = deltaContext(new Float64Array(pairs.length * 2 * CAND_OFFSET), spec.thresholdPct);
  let paired = 0;
  const out = pairs.map((c, slot) => {
    paired += c.sides[0].records + c.sides[1].records;
    return pairedCell(c, agg.dims, spec, ctx, slot * 2 * CAND_OFFSET);
  });
  const outOfScope = agg.records - inScope;
  // Benjamini–Hochberg over the cells, as compare() does (fdr.apply.ts).
  return applyFdr({
    spec,
    cells: out,
    unpaired: [],
    outOfScope,
    accounting: { records: agg.records, paired, unpaired: inScope - paired, outOfScope },
    dims: agg.dims,
  });
}

/**
 * Nothing, shared: server cells carry no records and no repeats (frozen, so that a consumer that
 * tried to add to one would throw instead of changing every cell).
 */
const NONE: never[] = Object.freeze([]) as unknown as never[];

/** One side of a paired cell; its delta moments go to ctx.moments at `at` (verdict.ts layout). */
function pairedSide(s: SideAcc, ctx: DeltaContext, at: number): Side {
  const g = s.group;
  const metrics: Side['metrics'] = {};
  if (g)
    for (const m in g.metrics) {
      const a = g.metrics[m as MetricField]!;
      const sd = a.variance === null ? null : Math.sqrt(a.variance);
      const cv = sd === null || a.mean === 0 ? null : sd / a.mean;
      metrics[m as MetricField] = {
        n: a.n,
        median: a.median,
        mean: a.mean,
        min: a.min,
        max: a.max,
        sd,
        cv,
        values: NONE,
      };
    }
  for (let dm = 0; dm < DELTA_METRICS.length; dm++) {
    const a = metrics[DELTA_METRICS[dm]!];
    const m = ctx.moments;
    const i = at + dm * 4;
    if (a) {
      m[i] = a.n;
      m[i + 1] = a.median;
      m[i + 2] = a.mean;
      m[i + 3] = a.sd ?? NaN;
    } else m[i] = 0; // n = 0: no value on this side
  }
  return { n: g?.n ?? 0, records: NONE, used: NONE, metrics, tail: g?.tail ?? NO_TAIL };
}

const sideNotes = (s: SideAcc): SideNotes => ({
  excludedFlagged: s.group?.excludedFlagged ?? 0,
  excludedFlags: s.group?.excludedFlags ?? NONE,
  restated: s.restated,
  notMeasured: s.notMeasured,
});

function pairedCell(
  c: CellAcc,
  dims: readonly Dimension[],
  spec: ComparisonSpec,
  ctx: DeltaContext,
  offB: number,
): CellComparison {
  const [b, k] = c.sides;
  const baseline = pairedSide(b, ctx, offB);
  const candidate = pairedSide(k, ctx, offB + CAND_OFFSET);
  const deltas: CellComparison['deltas'] = {};
  let primary: MetricDelta | null = null;
  for (let dm = 0; dm < DELTA_METRICS.length; dm++) {
    const m = DELTA_METRICS[dm]!;
    const d = deltaOfMoments(m, ctx, offB + dm * 4);
    if (d) {
      deltas[m] = d;
      primary ??= d;
    }
  }
  const cell: Record<string, DimensionValue> = {};
  for (let d = 0; d < dims.length; d++) cell[dims[d]!] = c.values[d]!;
  const notesB = sideNotes(b);
  const notesC = sideNotes(k);
  return {
    key: joinKey(c.values),
    cell,
    baseline,
    candidate,
    deltas,
    verdict: primary ? primary.verdict : 'inconclusive',
    flags: b.flags.size + k.flags.size === 0 ? NONE : [...new Set([...b.flags, ...k.flags])].sort(),
    excludedFlagged: notesB.excludedFlagged + notesC.excludedFlagged,
    notes: cellNotes(baseline.n, candidate.n, notesB, notesC, primary, spec),
  };
}
