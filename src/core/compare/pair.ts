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
import type { Dimension, QualityFlag, ResultRecord } from '../model/record.types';
import { ENVIRONMENT_FIELDS } from '../model/record.types';
import type { CellComparison, Comparison, ComparisonSpec, Side, UnpairedRecord, Verdict } from './compare.types';
import { VERDICTS } from './compare.types';
import { DEFAULT_SPEC } from './compare.types';
import {
  FLAG_BIT,
  KeyMap,
  SORTED_FLAGS,
  STATUS_ANY_FLAG,
  STATUS_FLAG_MASK,
  STATUS_HAS_METRIC,
  STATUS_RESTATED,
  STATUS_UNKNOWN_FLAG,
  indexCells,
  recordColumns,
} from './columnar';
import type { CellIndex, RecordColumns, RecordFacts } from './columnar';
import { joinKey } from './dimensions';
import { momentsOf, sortNumbers } from './stats';
import { DELTA_METRICS, decideOfMoments } from './verdict';
import { Cell, LazySide, MOMENTS, SLOT_SIZE, momentsOffset } from './cell';
import type { CellShared, SideNotes, SideRows } from './cell';


/** Budget of code-vector comparisons for finding the nearest cell of unpaired records. */
const NEAREST_BUDGET = 2_000_000;

/** Dimensions of a comparison cell for `spec` over `records`. */
export function cellDimensions(records: readonly ResultRecord[], spec: ComparisonSpec, cols?: RecordColumns): Dimension[] {
  return dimensionsOf(spec, spec.extraDimensions ?? (cols ?? recordColumns(records)).extraDimensions());
}

function dimensionsOf(spec: ComparisonSpec, extraDims: readonly Dimension[]): Dimension[] {
  const env = ENVIRONMENT_FIELDS.filter((f) => f !== spec.axis && !(spec.poolSets && f === 'set'));
  return [...env, ...extraDims.filter((d) => d !== spec.axis)];
}

/** Fills a partial spec with DEFAULT_SPEC. */
export function withDefaults(spec: Partial<ComparisonSpec>): ComparisonSpec {
  return { ...DEFAULT_SPEC, ...spec };
}

/**
 * Pairs `records` along `spec.axis` and decides a verdict per cell. Pure and deterministic.
 *
 * Pipeline (all integer work on cached columns, see recordColumns()): scope rows from the axis
 * and layer codes → per-dimension codes renumbered in natural value order over the scope → one
 * mixed-radix key per row (its cell) → open-addressing grouping → cells in key order (= natural
 * order) → rows bucketed per cell and side (counting sort) → statistics per cell.
 * Perf: see scripts/compare-perf.ts and docs/performance.md for the measured figures.
 */
export function compare(records: readonly ResultRecord[], specIn: Partial<ComparisonSpec> = {}): Comparison {
  const spec = withDefaults(specIn);
  const cols = recordColumns(records);
  const dims = dimensionsOf(spec, spec.extraDimensions ?? cols.extraDimensions());
  const n = records.length;

  // Scope: axis value is the baseline or the candidate; host-layer records only when the axis is `layer`.
  const [axisCol, layerCol] = cols.columns([spec.axis, 'layer']);
  const bCode = axisCol!.dict.indexOf(spec.baseline);
  const cCode = bCode >= 0 && spec.candidate === spec.baseline ? -1 : axisCol!.dict.indexOf(spec.candidate);
  const hostCode = spec.axis === 'layer' ? -1 : layerCol!.dict.indexOf('host');
  const axisCodes = axisCol!.codes;
  const layerCodes = layerCol!.codes;
  const scopeAll = new Int32Array(n);
  const candAll = new Uint8Array(n);
  let S = 0;
  for (let i = 0; i < n; i++) {
    const a = axisCodes[i]!;
    if (a !== bCode && a !== cCode) continue;
    if (layerCodes[i] === hostCode) continue;
    candAll[S] = a === cCode ? 1 : 0;
    scopeAll[S++] = i;
  }
  const scope = scopeAll.subarray(0, S);
  const isCand = candAll.subarray(0, S);

  const g = indexCells(cols, dims, scope);
  if (cols.anyRestated) attachRestated(records, scope, isCand, g.groupOf);
  const G = g.count;

  // Rows of every group, baseline rows then candidate rows, each in scope order (counting sort).
  const start = new Int32Array(G + 1);
  const nCand = new Int32Array(G);
  for (let row = 0; row < S; row++) {
    const grp = g.groupOf[row]!;
    start[grp + 1]!++;
    if (isCand[row]) nCand[grp]!++;
  }
  for (let grp = 0; grp < G; grp++) start[grp + 1]! += start[grp]!;
  const fillB = start.slice(0, G);
  const fillC = new Int32Array(G);
  for (let grp = 0; grp < G; grp++) fillC[grp] = start[grp + 1]! - nCand[grp]!;
  const rows = new Int32Array(S);
  for (let row = 0; row < S; row++) {
    const grp = g.groupOf[row]!;
    rows[isCand[row] ? fillC[grp]!++ : fillB[grp]!++] = row;
  }
  const buckets: Buckets = { start, nCand, rows };
  const run = new Run(records, scope, rows, cols.facts(), cols, spec.excludeFlagged);

  // Key parts escaped once per dictionary value (joinKey's escaping), joined per cell.
  const escaped = g.dicts.map((dict) => dict.map((v) => joinKey([v])));
  const D = dims.length;
  const parts: string[] = new Array<string>(D); // reused: join() keeps no reference
  const template: Record<string, string> = {};
  for (const d of dims) template[d] = '';
  let nPaired = 0;
  for (let grp = 0; grp < G; grp++) if (nCand[grp]! > 0 && nCand[grp]! < start[grp + 1]! - start[grp]!) nPaired++;
  const cells = new Array<CellComparison>(nPaired); // exact size: no growth copies
  let nCells = 0;
  // Cells keep their group id as slot: codes of slot g are g.vec[g × D ..], moments at momentsOffset(g, ·, ·).
  const shared: CellShared = {
    spec,
    codes: { dims, dicts: g.dicts, codes: g.vec },
    delta: { moments: new Float64Array(G * SLOT_SIZE), thresholdPct: spec.thresholdPct },
    decisions: new Int8Array(G * DELTA_METRICS.length),
  };
  const unpairedGroups: number[] = [];
  let paired = 0;
  for (let grp = 0; grp < G; grp++) {
    const total = start[grp + 1]! - start[grp]!;
    const nc = nCand[grp]!;
    const nb = total - nc;
    if (nb > 0 && nc > 0) {
      paired += total;
      // Key and cell record are built once per group of the records array (cached with the
      // columns) and shared by every comparison of those records: the record is frozen.
      const gg = g.global[grp]!;
      let key = g.groups.keys[gg];
      let tmpl = g.groups.cells[gg];
      if (key === undefined || tmpl === undefined) {
        // A copy of a template with every dimension keeps one fast object shape for all cells.
        tmpl = { ...template };
        for (let d = 0; d < D; d++) {
          const code = g.vec[grp * D + d]!;
          tmpl[dims[d]!] = g.dicts[d]![code]!;
          parts[d] = escaped[d]![code]!;
        }
        key = parts.join('|');
        g.groups.keys[gg] = key;
        g.groups.cells[gg] = Object.freeze(tmpl);
      }
      cells[nCells++] = buildCell(run, key, tmpl, start[grp]!, start[grp]! + nb, start[grp + 1]!, shared, grp);
    } else if (total > 0) unpairedGroups.push(grp);
  }

  const unpaired = findUnpaired(g, escaped, unpairedGroups, buckets, run);
  return {
    spec,
    cells,
    unpaired,
    outOfScope: n - S,
    accounting: { records: n, paired, unpaired: unpaired.length, outOfScope: n - S },
    dims,
  };
}

/** Rows of each group: rows[start[g] .. start[g+1]) with the nCand[g] candidate rows last. */
interface Buckets {
  start: Int32Array;
  nCand: Int32Array;
  rows: Int32Array;
}

/** What the statistics of one compare() call read; also the SideRows of its sides. */
class Run implements SideRows {
  constructor(
    readonly records: readonly ResultRecord[],
    readonly scope: Int32Array,
    /** Scope rows bucketed per cell (Buckets.rows). */
    readonly rows: Int32Array,
    readonly facts: RecordFacts,
    private readonly cols: RecordColumns,
    readonly excludeFlagged: boolean,
  ) {}

  isUsed(i: number): boolean {
    return statusUsed(this.facts.status[i]!, this.excludeFlagged);
  }

  /**
   * Record indexes of rows[from..to) sorted by origin (then run, IOPS, latency: see byOrigin),
   * stable — ties keep scope order, as Array#sort did.
   */
  sortedIndexes(from: number, to: number): Int32Array {
    const k = to - from;
    const idx = new Int32Array(k);
    const rank = this.cols.originRank();
    const records = this.records;
    for (let j = 0; j < k; j++) idx[j] = this.scope[this.rows[from + j]!]!;
    // Insertion sort on origin ranks: sides hold a handful of records.
    for (let i = 1; i < k; i++) {
      const x = idx[i]!;
      const rx = rank[x]!;
      let j = i - 1;
      while (j >= 0) {
        const y = idx[j]!;
        const ry = rank[y]!;
        if (ry < rx || (ry === rx && byOrigin(records[y]!, records[x]!) <= 0)) break;
        idx[j + 1] = y;
        j--;
      }
      idx[j + 1] = x;
    }
    return idx;
  }
}

/** Whether a record with these facts counts in the statistics. */
function statusUsed(st: number, excludeFlagged: boolean): boolean {
  return !(st & NOT_A_MEASUREMENT_BITS) && (st & STATUS_HAS_METRIC) !== 0 && !(st & STATUS_RESTATED) && !(excludeFlagged && st & STATUS_ANY_FLAG);
}

/** Reused buffer for one side's values of one metric (compare() is synchronous). */
let scratch = new Float64Array(64);

/** Records of rows[from..to) sorted by origin. */
function sideRecords(run: Run, from: number, to: number): ResultRecord[] {
  const idx = run.sortedIndexes(from, to);
  const out = new Array<ResultRecord>(idx.length);
  for (let j = 0; j < idx.length; j++) out[j] = run.records[idx[j]!]!;
  return out;
}

/**
 * A restated record (e.g. the seed's 1-VM concurrency rows) joins the cell of the record it
 * restates when that record is in scope on the same side, even if the restating table left a
 * field empty (the seed's concurrency table has no prealloc column): it is shown there and never
 * counted. Without its original in scope it stays in its own cell.
 */
function attachRestated(records: readonly ResultRecord[], scope: Int32Array, isCand: Uint8Array, groupOf: Int32Array): void {
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
    if (orig !== undefined && isCand[orig] === isCand[row]) groupOf[row] = groupOf[orig]!;
  }
}

function byOrigin(a: ResultRecord, b: ResultRecord): number {
  if (a.origin !== b.origin) return a.origin < b.origin ? -1 : 1;
  const ra = a.run ?? '';
  const rb = b.run ?? '';
  if (ra !== rb) return ra < rb ? -1 : 1;
  return (a.iops ?? -1) - (b.iops ?? -1) || (a.lat_mean_us ?? -1) - (b.lat_mean_us ?? -1);
}

/**
 * What buildSide() reports besides the Side (module state instead of a result object per side:
 * compare() is synchronous and builds 20k sides).
 */
let outNotes: SideNotes | null = null;
let outFlagMask = 0;
let outFlagUnknown: Set<string> | null = null;

/** Sorted flags of a mask, with `unknown` (flags outside FLAGS, if any) merged in. */
function flagList(mask: number, unknown: Set<string> | null): QualityFlag[] {
  const out: QualityFlag[] = [];
  for (let i = 0; i < SORTED_FLAGS.length; i++) if (mask & (1 << i)) out.push(SORTED_FLAGS[i]!);
  if (unknown) return [...new Set<string>([...out, ...unknown])].sort() as QualityFlag[];
  return out;
}

function addUnknownFlags(r: ResultRecord, into: Set<string> | null): Set<string> {
  const set = into ?? new Set<string>();
  for (const f of r.flags) if (!FLAG_BIT.has(f)) set.add(f);
  return set;
}

/** Flags that mean "no measurement": never used in statistics, whatever the spec says. */
const NOT_A_MEASUREMENT_BITS = FLAG_BIT.get('incomplete')! | FLAG_BIT.get('failed-run')!;

/**
 * One side of a cell from the rows rows[from..to): records sorted by origin, the records used
 * in the statistics (not unmeasured, not restated, not flagged when excludeFlagged), and the
 * moments of the delta metrics written at moments[offset..] (momentsOffset layout). Reads the
 * cached record facts only, not the record objects.
 */
function buildSide(run: Run, from: number, to: number, moments: Float64Array, offset: number): Side {
  const { records, scope, rows } = run;
  const { status, metrics } = run.facts;
  let nUsed = 0;
  let excludedFlagged = 0;
  let restated = 0;
  let notMeasured = 0;
  let excludedMask = 0;
  let excludedUnknown: Set<string> | null = null;
  let flagMask = 0;
  let flagUnknown: Set<string> | null = null;
  const M = DELTA_METRICS.length;
  if (scratch.length < (to - from) * M) scratch = new Float64Array((to - from) * M * 2);
  // Values of the used records, metric-major in scratch: scratch[dm × k + u]. The order of the
  // records does not matter (the moments sort them).
  const k = to - from;
  for (let j = from; j < to; j++) {
    const i = scope[rows[j]!]!;
    const st = status[i]!;
    flagMask |= st & STATUS_FLAG_MASK;
    if (st & STATUS_UNKNOWN_FLAG) flagUnknown = addUnknownFlags(records[i]!, flagUnknown);
    if (st & NOT_A_MEASUREMENT_BITS || !(st & STATUS_HAS_METRIC)) notMeasured++;
    else if (st & STATUS_RESTATED) restated++;
    else if (run.excludeFlagged && st & STATUS_ANY_FLAG) {
      excludedFlagged++;
      excludedMask |= st & STATUS_FLAG_MASK;
      if (st & STATUS_UNKNOWN_FLAG) excludedUnknown = addUnknownFlags(records[i]!, excludedUnknown);
    } else {
      for (let dm = 0; dm < M; dm++) scratch[dm * k + nUsed] = metrics[i * M + dm]!;
      nUsed++;
    }
  }
  for (let dm = 0; dm < M; dm++) {
    // Drop the missing values (NaN: null or not finite), then sort and summarize.
    let n = 0;
    const base = dm * k;
    for (let u = 0; u < nUsed; u++) {
      const v = scratch[base + u]!;
      if (v === v) scratch[base + n++] = v;
    }
    const off = offset + dm * MOMENTS;
    if (n === 0) moments[off] = 0;
    else {
      sortNumbers(scratch, n, base);
      momentsOf(scratch, n, moments, off, base);
    }
  }
  outNotes =
    excludedFlagged + restated + notMeasured > 0
      ? { excludedFlagged, excludedFlags: flagList(excludedMask, excludedUnknown), restated, notMeasured }
      : null;
  outFlagMask = flagMask;
  outFlagUnknown = flagUnknown;
  return new LazySide(nUsed, run, from, to, moments, offset);
}

function buildCell(run: Run, key: string, cell: Record<string, string>, from: number, mid: number, to: number, shared: CellShared, slot: number): CellComparison {
  const offB = momentsOffset(slot, 0, 0);
  const base = buildSide(run, from, mid, shared.delta.moments, offB);
  const bNotes = outNotes;
  const bMask = outFlagMask;
  const bUnknown = outFlagUnknown;
  const cand = buildSide(run, mid, to, shared.delta.moments, momentsOffset(slot, 1, 0));
  // Verdicts decided now, MetricDelta objects built when read (Cell.deltas).
  let verdict: Verdict = 'inconclusive';
  let primary = false;
  const M = DELTA_METRICS.length;
  for (let dm = 0; dm < M; dm++) {
    const decided = decideOfMoments(DELTA_METRICS[dm]!, shared.delta, offB + dm * MOMENTS);
    shared.decisions[slot * M + dm] = decided;
    if (decided >= 0 && !primary) {
      primary = true;
      verdict = VERDICTS[decided & 3]!;
    }
  }
  const unknown = bUnknown || outFlagUnknown ? new Set([...(bUnknown ?? []), ...(outFlagUnknown ?? [])]) : null;
  const sideNotes: [SideNotes | null, SideNotes | null] | null = bNotes || outNotes ? [bNotes, outNotes] : null;
  return new Cell(key, cell, base, cand, verdict, flagList(bMask | outFlagMask, unknown), sideNotes, shared, slot);
}

/**
 * Unpaired records with the fields that differ from the nearest cell of the other side. Nearest =
 * fewest differing dimensions; one-field neighbours (the common case: a missing run) are found by
 * hashing mixed-radix keys (ties: first in natural order); otherwise a scan outwards from the
 * cell's place in natural order takes the closest cell with the fewest differences, bounded by
 * NEAREST_BUDGET comparisons in total (after that, the best cell found so far is reported).
 */
function findUnpaired(
  g: CellIndex,
  escaped: string[][],
  unpairedGroups: number[],
  buckets: Buckets,
  run: Run,
): UnpairedRecord[] {
  if (unpairedGroups.length === 0) return [];
  const D = g.dims.length;
  const enc = { dicts: g.dicts };
  const vec = g.vec;
  const code = (grp: number, d: number) => vec[grp * D + d]!;
  // Mixed-radix weights; exact while the key space fits in 2^52, else skip the hashing step.
  const weights: number[] = [];
  let space = 1;
  for (let d = D - 1; d >= 0; d--) {
    weights[d] = space;
    space *= Math.max(1, enc.dicts[d]!.length);
  }
  const hashable = space <= 2 ** 52;
  // indexCells' key of each cell is exactly this sum (same weights), computed once.
  const cellKey = g.key;
  const fullKey = (grp: number) => {
    if (cellKey) return cellKey[grp]!;
    let k = 0;
    for (let d = 0; d < D; d++) k += code(grp, d) * weights[d]!;
    return k;
  };
  // Group ids are positions in natural order (indexCells).
  const { start, nCand } = buckets;
  const nBaseOf = (grp: number) => start[grp + 1]! - start[grp]! - nCand[grp]!;
  const withBase: number[] = [];
  const withCand: number[] = [];
  for (let grp = 0; grp < g.count; grp++) {
    if (nBaseOf(grp) > 0) withBase.push(grp);
    if (nCand[grp]! > 0) withCand.push(grp);
  }
  // Full key → first group (natural order) per side; a one-field neighbour is found by swapping
  // each dimension's code for every other code of that dimension (Σ cardinalities lookups).
  const keyMap = (groups: number[]) => {
    const m = new KeyMap();
    if (hashable) for (const grp of groups) {
      const k = fullKey(grp);
      if (m.get(k) === undefined) m.set(k, grp);
    }
    return m;
  };
  const baseKeys = keyMap(withBase);
  const candKeys = keyMap(withCand);

  let budget = NEAREST_BUDGET;
  const out: UnpairedRecord[] = [];
  for (const grp of unpairedGroups) {
    const isBase = nBaseOf(grp) > 0;
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
          if (hit !== undefined && (best < 0 || hit < best)) best = hit;
        }
      }
    }
    if (best < 0 && others.length > 0) {
      // Scan outwards from this cell's place in natural order: cells sharing the leading fields
      // (set, storage, medium …) come first, so the scan usually stops early.
      const lowerBound = hashable ? 2 : 1;
      let bestDiff = D + 1;
      const me = grp * D;
      const myRank = grp;
      let lo = 0;
      let hi = others.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (others[mid]! < myRank) lo = mid + 1;
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
        if (a !== b) nearestDiff[g.dims[d]!] = [enc.dicts[d]![a]!, enc.dicts[d]![b]!];
      }
      const parts: string[] = new Array<string>(D);
      for (let d = 0; d < D; d++) parts[d] = escaped[d]![code(best, d)]!;
      nearestKey = parts.join('|');
    }
    const from = isBase ? start[grp]! : start[grp + 1]! - nCand[grp]!;
    const recs = sideRecords(run, from, isBase ? from + nBaseOf(grp) : start[grp + 1]!);
    for (const record of recs) out.push({ record, side: isBase ? 'baseline' : 'candidate', nearestDiff, nearestKey });
  }
  return out;
}
