/**
 * What both paths of compare() share: which records of a side count (statusUsed, sideStats),
 * the moments and decisions of the delta metrics (sideMoments, decideMetric, primaryVerdict),
 * the order of a side's records (sortByOrigin), a cell's key, and the Cell object (makeCell).
 *
 * Results are passed explicitly: sideStats() fills a SideSummary the caller owns, and the
 * buffers (PairBuffers) belong to one comparison — nothing here is module-level mutable state,
 * so calls cannot depend on the order of other calls.
 */
import type { Dimension, QualityFlag, ResultRecord } from '../model/record.types';
import type {
  CellComparison,
  Comparison,
  ComparisonSpec,
  Side,
  UnpairedRecord,
  Verdict,
} from './compare.types';
import { VERDICTS } from './compare.types';
import {
  FLAG_BIT,
  SORTED_FLAGS,
  STATUS_ANY_FLAG,
  STATUS_FLAG_MASK,
  STATUS_HAS_METRIC,
  STATUS_RESTATED,
  STATUS_UNKNOWN_FLAG,
} from './columnar.types';
import type { CellGroups } from './columnar.types';
import { joinKey } from './dimensions';
import { momentsOf, sortNumbers } from './stats';
import { DELTA_METRICS, decideOfMoments } from './verdict';
import { Cell, NOT_DECIDED } from './cell';
import { momentsOffset } from './cell.side';
import type { CellCodes, CellShared } from './cell';
import type { SideNotes } from './cell.notes';

/** Order of a side's records: origin, then run, IOPS and mean latency. */
function byOrigin(a: ResultRecord, b: ResultRecord): number {
  if (a.origin !== b.origin) return a.origin < b.origin ? -1 : 1;
  const ra = a.run ?? '';
  const rb = b.run ?? '';
  if (ra !== rb) return ra < rb ? -1 : 1;
  return (a.iops ?? -1) - (b.iops ?? -1) || (a.lat_mean_us ?? -1) - (b.lat_mean_us ?? -1);
}

/**
 * Sorts record indexes (given in scope order) by origin, then run, IOPS and latency (byOrigin),
 * stably — ties keep scope order, as Array#sort did.
 */
export function sortByOrigin(
  idx: Int32Array,
  k: number,
  rank: Int32Array | null,
  records: readonly ResultRecord[],
): Int32Array {
  // Insertion sort (sides hold a handful of records) on origin ranks when there are some: equal
  // ranks are equal origins, which byOrigin then orders by run, IOPS and latency.
  for (let i = 1; i < k; i++) {
    const x = idx[i]!;
    const rx = rank ? rank[x]! : 0;
    let j = i - 1;
    while (j >= 0) {
      const y = idx[j]!;
      const ry = rank ? rank[y]! : 0;
      if (ry < rx || (ry === rx && byOrigin(records[y]!, records[x]!) <= 0)) break;
      idx[j + 1] = y;
      j--;
    }
    idx[j + 1] = x;
  }
  return idx;
}

/**
 * The key of group `gg` (joinKey of its values), built once and cached in `all` with the frozen
 * cell record, which the caller then reads as `all.cells[gg]`.
 */
export function cellKey(all: CellGroups, codes: CellCodes, gg: number): string {
  const cached = all.keys[gg];
  if (cached !== undefined && all.cells[gg] !== undefined) return cached;
  const D = codes.dims.length;
  // joinKey's escaping, once per dictionary value.
  const escaped = (all.escaped ??= codes.dicts.map((dict) => dict.map((v) => joinKey([v]))));
  const c: Record<string, string> = {};
  const parts: string[] = new Array<string>(D);
  for (let d = 0; d < D; d++) {
    const code = codes.codes[gg * D + d]!;
    c[codes.dims[d]!] = codes.dicts[d]![code]!;
    parts[d] = escaped[d]![code]!;
  }
  const key = parts.join('|');
  all.keys[gg] = key;
  all.cells[gg] = Object.freeze(c);
  return key;
}

/** Whether a record with these facts counts in the statistics. */
export function statusUsed(st: number, excludeFlagged: boolean): boolean {
  return (
    !(st & NOT_A_MEASUREMENT_BITS) &&
    (st & STATUS_HAS_METRIC) !== 0 &&
    !(st & STATUS_RESTATED) &&
    !(excludeFlagged && st & STATUS_ANY_FLAG)
  );
}

/**
 * Sorted flags of a mask, with `unknown` (flags outside FLAGS, if any) merged in. Without
 * unknown flags the list is one frozen array per mask, shared by every cell with those flags:
 * compare() makes ~11k cells per 100k records, and an array per cell was garbage to collect.
 */
function flagList(mask: number, unknown: Set<string> | null): QualityFlag[] {
  if (unknown)
    return [...new Set<string>([...flagsOfMask(mask), ...unknown])].sort() as QualityFlag[];
  return FLAG_LISTS[mask]!;
}

function flagsOfMask(mask: number): QualityFlag[] {
  const out: QualityFlag[] = [];
  for (let i = 0; i < SORTED_FLAGS.length; i++) if (mask & (1 << i)) out.push(SORTED_FLAGS[i]!);
  return out;
}

/** flagList() of each mask without unknown flags (frozen; built once, never changed). */
const FLAG_LISTS: readonly QualityFlag[][] = Array.from(
  { length: STATUS_FLAG_MASK + 1 },
  (_, mask) => Object.freeze(flagsOfMask(mask)) as QualityFlag[],
);

function addUnknownFlags(r: ResultRecord, into: Set<string> | null): Set<string> {
  const set = into ?? new Set<string>();
  for (const f of r.flags) if (!FLAG_BIT.has(f)) set.add(f);
  return set;
}

/** Flags that mean "no measurement": never used in statistics, whatever the spec says. */
const NOT_A_MEASUREMENT_BITS = FLAG_BIT.get('incomplete')! | FLAG_BIT.get('failed-run')!;

/**
 * What sideStats() reports of one side besides the positions it uses: its notes (null when it
 * left nothing out) and the flags of all its records. The caller owns one per side and passes
 * both to makeCell(); sideStats() overwrites every field.
 */
export class SideSummary {
  notes: SideNotes | null = null;
  /** Known flags of the side's records (mask over SORTED_FLAGS). */
  flagMask = 0;
  /** Flags outside FLAGS (null: none, the common case). */
  flagUnknown: Set<string> | null = null;
}

/**
 * Buffers of one comparison (both paths, and the lazy completion of its cells after compare()
 * returned): grown when a cell needs more, never shared between comparisons.
 */
export class PairBuffers {
  /** One side's values of one metric (sideMoments). */
  values = new Float64Array(64);
  /** Used positions of both sides of one cell (CellShared.ensure). */
  ensureB = new Int32Array(64);
  ensureC = new Int32Array(64);

  /** Grows ensureB/ensureC to hold the records of a cell of `size` records. */
  ensureCapacity(size: number): void {
    if (this.ensureB.length >= size) return;
    this.ensureB = new Int32Array(size * 2);
    this.ensureC = new Int32Array(size * 2);
  }
}

/** The CellShared of a comparison, with its buffers. */
export interface PairShared extends CellShared {
  readonly buffers: PairBuffers;
}

/**
 * One side's records: the facts at positions pos[0..k) of `status` (record indexes, or member
 * positions when `members` maps them to records). Writes the positions of the records used in
 * the statistics to `used` and returns their count; writes the side's notes and flags to `out`.
 */
export function sideStats(
  pos: Int32Array,
  k: number,
  status: Uint8Array,
  members: Int32Array | null,
  records: readonly ResultRecord[],
  excludeFlagged: boolean,
  used: Int32Array,
  out: SideSummary,
): number {
  let nUsed = 0;
  let excludedFlagged = 0;
  let restated = 0;
  let notMeasured = 0;
  let excludedMask = 0;
  let excludedUnknown: Set<string> | null = null;
  let flagMask = 0;
  let flagUnknown: Set<string> | null = null;
  for (let j = 0; j < k; j++) {
    const p = pos[j]!;
    const st = status[p]!;
    flagMask |= st & STATUS_FLAG_MASK;
    if (st & STATUS_UNKNOWN_FLAG)
      flagUnknown = addUnknownFlags(records[members ? members[p]! : p]!, flagUnknown);
    if (st & NOT_A_MEASUREMENT_BITS || !(st & STATUS_HAS_METRIC)) notMeasured++;
    else if (st & STATUS_RESTATED) restated++;
    else if (excludeFlagged && st & STATUS_ANY_FLAG) {
      excludedFlagged++;
      excludedMask |= st & STATUS_FLAG_MASK;
      if (st & STATUS_UNKNOWN_FLAG)
        excludedUnknown = addUnknownFlags(records[members ? members[p]! : p]!, excludedUnknown);
    } else used[nUsed++] = p;
  }
  out.notes =
    excludedFlagged + restated + notMeasured > 0
      ? {
          excludedFlagged,
          excludedFlags: flagList(excludedMask, excludedUnknown),
          restated,
          notMeasured,
        }
      : null;
  out.flagMask = flagMask;
  out.flagUnknown = flagUnknown;
  return nUsed;
}

/**
 * Moments of delta metric `dm` over the used positions of one side (values in `metrics`,
 * FACT_METRICS per position) at moments[off..]: n = 0 when no value.
 */
function sideMoments(
  used: Int32Array,
  nUsed: number,
  metrics: Float64Array,
  dm: number,
  moments: Float64Array,
  off: number,
  buffers: PairBuffers,
): void {
  const M = DELTA_METRICS.length;
  if (buffers.values.length < nUsed) buffers.values = new Float64Array(nUsed * 2);
  const values = buffers.values;
  let n = 0;
  for (let u = 0; u < nUsed; u++) {
    const v = metrics[used[u]! * M + dm]!;
    if (v === v) values[n++] = v; // NaN: null or not finite
  }
  if (n === 0) moments[off] = 0;
  else {
    sortNumbers(values, n);
    momentsOf(values, n, moments, off);
  }
}

/** Moments of delta metric `dm` on both sides of `slot`, and its decision. */
function decideMetric(
  shared: PairShared,
  slot: number,
  dm: number,
  metrics: Float64Array,
  b: Int32Array,
  nb: number,
  c: Int32Array,
  nc: number,
): number {
  const offB = momentsOffset(slot, 0, dm);
  const moments = shared.delta.moments;
  sideMoments(b, nb, metrics, dm, moments, offB, shared.buffers);
  sideMoments(c, nc, metrics, dm, moments, momentsOffset(slot, 1, dm), shared.buffers);
  const decided = decideOfMoments(DELTA_METRICS[dm]!, shared.delta, offB);
  shared.decisions[slot * DELTA_METRICS.length + dm] = decided;
  return decided;
}

/** Whether `slot` has a NOT_DECIDED delta metric. */
export function hasPending(shared: CellShared, slot: number): boolean {
  const M = DELTA_METRICS.length;
  for (let dm = 0; dm < M; dm++) if (shared.decisions[slot * M + dm] === NOT_DECIDED) return true;
  return false;
}

/** decideMetric() of every NOT_DECIDED delta metric of `slot`. */
export function decidePending(
  shared: PairShared,
  slot: number,
  metrics: Float64Array,
  b: Int32Array,
  nb: number,
  c: Int32Array,
  nc: number,
): void {
  const M = DELTA_METRICS.length;
  for (let dm = 0; dm < M; dm++)
    if (shared.decisions[slot * M + dm] === NOT_DECIDED)
      decideMetric(shared, slot, dm, metrics, b, nb, c, nc);
}

/**
 * The cell's verdict: the decision of the first delta metric measured on both sides. Metrics
 * after it are left to CellShared.ensure() (NOT_DECIDED), computed when a reader needs them.
 */
export function primaryVerdict(
  shared: PairShared,
  slot: number,
  metrics: Float64Array,
  b: Int32Array,
  nb: number,
  c: Int32Array,
  nc: number,
): Verdict {
  const M = DELTA_METRICS.length;
  for (let dm = 0; dm < M; dm++) {
    const decided = decideMetric(shared, slot, dm, metrics, b, nb, c, nc);
    if (decided >= 0) {
      for (let rest = dm + 1; rest < M; rest++) shared.decisions[slot * M + rest] = NOT_DECIDED;
      return VERDICTS[decided & 3]!;
    }
  }
  return 'inconclusive';
}

/** The cell of two sides, from the SideSummary of each (read now: the caller reuses them). */
export function makeCell(
  key: string,
  cell: Record<string, string>,
  base: Side,
  cand: Side,
  verdict: Verdict,
  bSum: SideSummary,
  cSum: SideSummary,
  shared: CellShared,
  slot: number,
  row: number,
): CellComparison {
  const unknown =
    bSum.flagUnknown || cSum.flagUnknown
      ? new Set([...(bSum.flagUnknown ?? []), ...(cSum.flagUnknown ?? [])])
      : null;
  const sideNotes: [SideNotes | null, SideNotes | null] | null =
    bSum.notes || cSum.notes ? [bSum.notes, cSum.notes] : null;
  return new Cell(
    key,
    cell,
    base,
    cand,
    verdict,
    flagList(bSum.flagMask | cSum.flagMask, unknown),
    sideNotes,
    shared,
    slot,
    row,
  );
}

/**
 * The comparison both paths return, with its accounting: of `n` records, `inScope` are in scope
 * and `paired` of those in cells with both sides, so records = paired + unpaired + outOfScope.
 */
export function comparisonOf(
  spec: ComparisonSpec,
  dims: Dimension[],
  cells: CellComparison[],
  unpaired: UnpairedRecord[],
  n: number,
  inScope: number,
  paired: number,
): Comparison {
  return {
    spec,
    cells,
    unpaired,
    outOfScope: n - inScope,
    accounting: { records: n, paired, unpaired: unpaired.length, outOfScope: n - inScope },
    dims,
  };
}
