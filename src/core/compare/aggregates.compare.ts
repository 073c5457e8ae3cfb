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
import { METRIC_FIELDS } from '../model/record.types';
import type {
  Dimension,
  DimensionValue,
  MetricField,
  QualityFlag,
  ResultRecord,
} from '../model/record.types';
import type {
  CellComparison,
  Comparison,
  ComparisonSpec,
  MetricDelta,
  Side,
  TailSide,
  Verdict,
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
  /** Null until a flag is seen (most sides have none: no Set for each of 137k sides). */
  flags: Set<QualityFlag> | null;
}

interface CellAcc {
  values: DimensionValue[];
  sides: [SideAcc, SideAcc];
  /** Per dimension, the rank of its value in the natural order (set before sorting). */
  rank: Int32Array | null;
}

const addFlags = (s: SideAcc, flags: readonly QualityFlag[]) => {
  s.flags ??= new Set();
  for (const f of flags) s.flags.add(f);
};

const emptySide = (): SideAcc => ({
  records: 0,
  group: null,
  restated: 0,
  notMeasured: 0,
  flags: null,
});

/** A side without records that count: no tail values. */
const NO_TAIL: TailSide = Object.freeze({ n: 0, lat_p999_us: null, lat_max_us: null });

/** A paired cell's parts that the threshold does not change. */
interface PreparedCell {
  key: string;
  cell: Record<string, DimensionValue>;
  baseline: Side;
  candidate: Side;
  flags: QualityFlag[];
  notes: [SideNotes, SideNotes];
}

/**
 * A comparison from aggregates before its verdicts: the cells in order, paired, their sides and
 * the delta moments (verdict.ts layout) — everything the practical threshold does not change.
 * decideAggregates() turns it into the Comparison for a threshold: the dashboard prepares once
 * per answer and decides again on each threshold change (68k cells: the whole comparison took
 * ~2 s, of which deciding is the smaller part).
 */
export interface PreparedComparison {
  spec: ComparisonSpec;
  cells: PreparedCell[];
  moments: Float64Array;
  accounting: Comparison['accounting'];
  dims: Dimension[];
}

/**
 * The comparison of `agg` under `spec` (its axis, baseline, candidate, poolSets, excludeFlagged
 * as given to aggregateCells; thresholdPct for the verdicts). Cells carry no records
 * (`Side.records`, `Side.used`, `Aggregate.values` are empty; `Side.tail` has the tail medians)
 * and `unpaired` is empty; the accounting counts every record.
 */
export function comparisonFromAggregates(
  agg: CellAggregates,
  spec: Partial<ComparisonSpec>,
): Comparison {
  const prepared = prepareAggregates(agg, spec);
  return decideAggregates(prepared, prepared.spec.thresholdPct);
}

/** comparisonFromAggregates() up to the verdicts (PreparedComparison). */
export function prepareAggregates(
  agg: CellAggregates,
  specIn: Partial<ComparisonSpec>,
): PreparedComparison {
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
    if (g.flags.length > 0) addFlags(s, g.flags);
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
    if (r.flags.length > 0) addFlags(s, r.flags);
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
  const moments = new Float64Array(pairs.length * 2 * CAND_OFFSET);
  let paired = 0;
  const out = pairs.map((c, slot) => {
    paired += c.sides[0].records + c.sides[1].records;
    return preparedCell(c, agg.dims, moments, slot * 2 * CAND_OFFSET);
  });
  const outOfScope = agg.records - inScope;
  return {
    spec,
    cells: out,
    moments,
    accounting: { records: agg.records, paired, unpaired: inScope - paired, outOfScope },
    dims: agg.dims,
  };
}

/** The Comparison of `prepared` with verdicts at `thresholdPct` (and Benjamini–Hochberg). */
export function decideAggregates(prepared: PreparedComparison, thresholdPct: number): Comparison {
  const spec = { ...prepared.spec, thresholdPct };
  const ctx = deltaContext(prepared.moments, thresholdPct);
  const cells = prepared.cells.map((c, slot) => decidedCell(c, spec, ctx, slot * 2 * CAND_OFFSET));
  // Benjamini–Hochberg over the cells, as compare() does (fdr.apply.ts).
  return applyFdr({
    spec,
    cells,
    unpaired: [],
    outOfScope: prepared.accounting.outOfScope,
    accounting: prepared.accounting,
    dims: prepared.dims,
  });
}

/**
 * Nothing, shared: server cells carry no records and no repeats (frozen, so that a consumer that
 * tried to add to one would throw instead of changing every cell).
 */
const NONE: never[] = Object.freeze([]) as unknown as never[];

/** A group's metric aggregates as a side's (sd and cv from the variance). */
function metricsOf(g: CellGroup | null): Side['metrics'] {
  const metrics: Side['metrics'] = {};
  if (g)
    for (const m of METRIC_FIELDS) {
      const a = g.metrics[m];
      if (a === undefined) continue;
      const sd = a.variance === null ? null : Math.sqrt(a.variance);
      const cv = sd === null || a.mean === 0 ? null : sd / a.mean;
      metrics[m] = {
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
  return metrics;
}

/**
 * A side of a server cell. Its `metrics` are made on first read, as compare()'s sides make
 * theirs (compare.types.ts, TRAP): the pivot, the summary and the verdicts read only the deltas
 * and `n`, and building every Aggregate of 68k cells up front cost ~2 s of allocation and GC.
 */
class AggregatedSide implements Side {
  readonly records: ResultRecord[] = NONE;
  readonly used: ResultRecord[] = NONE;
  private built: Side['metrics'] | null = null;

  constructor(
    readonly n: number,
    private readonly group: CellGroup | null,
    readonly tail: TailSide,
  ) {}

  get metrics(): Side['metrics'] {
    return (this.built ??= metricsOf(this.group));
  }

  /** A metric's median without making the metrics (sideMedian: the JSON rows of 68k cells). */
  median(metric: MetricField): number | undefined {
    return this.group?.metrics[metric]?.median;
  }

  toJSON(): Side {
    return { n: this.n, records: NONE, used: NONE, metrics: this.metrics, tail: this.tail };
  }
}

/** One side of a paired cell; its delta moments go to `m` at `at` (verdict.ts layout). */
function pairedSide(s: SideAcc, m: Float64Array, at: number): Side {
  const g = s.group;
  for (let dm = 0; dm < DELTA_METRICS.length; dm++) {
    const a = g?.metrics[DELTA_METRICS[dm]!];
    const i = at + dm * 4;
    if (a) {
      m[i] = a.n;
      m[i + 1] = a.median;
      m[i + 2] = a.mean;
      m[i + 3] = a.variance === null ? NaN : Math.sqrt(a.variance);
    } else m[i] = 0; // n = 0: no value on this side
  }
  return new AggregatedSide(g?.n ?? 0, g, g?.tail ?? NO_TAIL);
}

const sideNotes = (s: SideAcc): SideNotes => ({
  excludedFlagged: s.group?.excludedFlagged ?? 0,
  excludedFlags: s.group?.excludedFlags ?? NONE,
  restated: s.restated,
  notMeasured: s.notMeasured,
});

function preparedCell(
  c: CellAcc,
  dims: readonly Dimension[],
  moments: Float64Array,
  offB: number,
): PreparedCell {
  const [b, k] = c.sides;
  const cell: Record<string, DimensionValue> = {};
  for (let d = 0; d < dims.length; d++) cell[dims[d]!] = c.values[d]!;
  return {
    key: joinKey(c.values),
    cell,
    baseline: pairedSide(b, moments, offB),
    candidate: pairedSide(k, moments, offB + CAND_OFFSET),
    flags:
      b.flags === null && k.flags === null
        ? NONE
        : [...new Set([...(b.flags ?? []), ...(k.flags ?? [])])].sort(),
    notes: [sideNotes(b), sideNotes(k)],
  };
}

/**
 * A server cell at one threshold. Its `notes` (sentences, with the p-value) are made on first
 * read, as compare()'s cells make theirs (compare.types.ts, TRAP): the pivot never reads them.
 */
class AggregatedCell implements CellComparison {
  readonly key: string;
  readonly cell: Record<string, DimensionValue>;
  readonly baseline: Side;
  readonly candidate: Side;
  readonly flags: QualityFlag[];
  readonly excludedFlagged: number;
  private readonly sideNotes: readonly [SideNotes, SideNotes];
  private built: string[] | null = null;

  constructor(
    prepared: PreparedCell,
    readonly deltas: CellComparison['deltas'],
    /** Set again when Benjamini–Hochberg demotes the cell (fdr.apply.ts). */
    public verdict: Verdict,
    private readonly primary: MetricDelta | null,
    private readonly spec: ComparisonSpec,
  ) {
    this.key = prepared.key;
    this.cell = prepared.cell;
    this.baseline = prepared.baseline;
    this.candidate = prepared.candidate;
    this.flags = prepared.flags;
    this.excludedFlagged = prepared.notes[0].excludedFlagged + prepared.notes[1].excludedFlagged;
    this.sideNotes = prepared.notes;
  }

  get notes(): string[] {
    const [b, c] = this.sideNotes;
    return (this.built ??= cellNotes(
      this.baseline.n,
      this.candidate.n,
      b,
      c,
      this.primary,
      this.spec,
    ));
  }

  /** Benjamini–Hochberg adds its note to a demoted cell (fdr.apply.ts). */
  set notes(notes: string[]) {
    this.built = notes;
  }

  toJSON(): CellComparison {
    const { key, cell, baseline, candidate, deltas, verdict, flags, excludedFlagged, notes } = this;
    return { key, cell, baseline, candidate, deltas, verdict, flags, excludedFlagged, notes };
  }
}

function decidedCell(
  c: PreparedCell,
  spec: ComparisonSpec,
  ctx: DeltaContext,
  offB: number,
): CellComparison {
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
  return new AggregatedCell(c, deltas, primary ? primary.verdict : 'inconclusive', primary, spec);
}
