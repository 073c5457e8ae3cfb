/**
 * compare() by groups of records, the path taken when no record restates another: the records
 * are grouped once per list of dimensions (cached with the records' columns), and a comparison
 * walks those groups' members in order, classifies each by its axis code and computes the
 * sides' statistics (pair.sides.ts). Same result shape as the row path (pair.rows.ts).
 */
import type { ResultRecord } from '../model/record.types';
import type { CellComparison, Comparison, ComparisonSpec } from './compare.types';
import { groupMembers, memberCodes, naturalOrder, naturalOrderAll } from './columnar';
import type { CellGroups, GroupMembers } from './columnar.types';
import { DELTA_METRICS, deltaContext } from './verdict';
import type { DeltaContext } from './verdict';
import { LazySide, SLOT_SIZE } from './cell.side';
import type { CellCodes } from './cell';
import type { SideRows } from './cell.side';
import type { CompareInput } from './pair';
import {
  PairBuffers,
  SideSummary,
  cellKey,
  comparisonOf,
  decidePending,
  hasPending,
  makeCell,
  primaryVerdict,
  sideStats,
  sortByOrigin,
  statusUsed,
} from './pair.sides';
import type { PairShared } from './pair.sides';
import { findUnpaired } from './pair.nearest';
import type { CellsAccess, CellsView } from './pair.nearest';

/** compare() by groups of records (no restated records). */
export function compareGroups(input: CompareInput): Comparison {
  const { records, spec, cols, dims, bCode, cCode, hostCode } = input;
  const n = records.length;
  const all = cols.cellGroups(dims);
  // Groups visited in natural order when it is cached (cells and their sides are then laid out
  // in memory in the order pivots and policies read them), else in group order; the members of
  // the groups are stored in that order too.
  const nat = naturalOrderAll(cols, dims, all);
  const mem = groupMembers(cols, all, nat?.order);
  const { start, end, status, metrics } = mem;
  // Axis and layer codes in member order: the walks below read every array front to back.
  const axisOf = memberCodes(cols, mem, spec.axis);
  const layerOf = memberCodes(cols, mem, 'layer');
  const G = all.count;
  const shared = new GroupsShared(
    input,
    { dims, dicts: cols.columns(dims).map((c) => c.dict), codes: all.codes },
    G,
    mem,
    axisOf,
    layerOf,
  );
  const { slotGroup, groupSlot } = shared;
  const rows = new GroupRows(input, all);
  // Per group: its first record in scope, records per side; the cell when both sides have some.
  const firstIdx = new Int32Array(G).fill(-1);
  const nBase = new Int32Array(G);
  const nCand = new Int32Array(G);
  const cellOf = new Array<CellComparison | undefined>(G);
  let S = 0;
  let paired = 0;
  let nPairedGroups = 0;
  const side = new Uint8Array(256); // per axis code: 1 baseline, 2 candidate, 0 out of scope
  if (bCode >= 0) side[bCode] = 1;
  if (cCode >= 0) side[cCode] = 2;
  let bPos = new Int32Array(64);
  let cPos = new Int32Array(64);
  let bUsed = new Int32Array(64);
  let cUsed = new Int32Array(64);
  const { members } = mem;
  const excl = spec.excludeFlagged;
  // What sideStats() reports of each side, read by makeCell() before the next cell.
  const bSum = new SideSummary();
  const cSum = new SideSummary();
  let slots = 0;
  for (let v = 0; v < G; v++) {
    const gg = nat ? nat.order[v]! : v;
    const from = start[gg]!;
    const to = end[gg]!;
    if (bPos.length < to - from) {
      bPos = new Int32Array((to - from) * 2);
      cPos = new Int32Array((to - from) * 2);
      bUsed = new Int32Array((to - from) * 2);
      cUsed = new Int32Array((to - from) * 2);
    }
    let nb = 0;
    let nc = 0;
    for (let m = from; m < to; m++) {
      const a = axisOf[m]!;
      const sd = a < 256 ? side[a]! : a === bCode ? 1 : a === cCode ? 2 : 0;
      if (sd === 0 || layerOf[m] === hostCode) continue;
      if (nb + nc === 0) firstIdx[gg] = mem.members[m]!;
      if (sd === 1) bPos[nb++] = m;
      else cPos[nc++] = m;
    }
    nBase[gg] = nb;
    nCand[gg] = nc;
    S += nb + nc;
    if (nb === 0 || nc === 0) continue;
    paired += nb + nc;
    nPairedGroups++;
    const slot = slots++;
    slotGroup[slot] = gg;
    groupSlot[gg] = slot;
    const nbUsed = sideStats(bPos, nb, status, members, records, excl, bUsed, bSum);
    const base = new LazySide(nbUsed, rows, gg, 1, shared, slot, 0);
    const ncUsed = sideStats(cPos, nc, status, members, records, excl, cUsed, cSum);
    const cand = new LazySide(ncUsed, rows, gg, 2, shared, slot, 1);
    const verdict = primaryVerdict(shared, slot, metrics, bUsed, nbUsed, cUsed, ncUsed);
    const key = cellKey(all, shared.codes, gg);
    const cell = all.cells[gg]!;
    cellOf[gg] = makeCell(key, cell, base, cand, verdict, bSum, cSum, shared, slot, gg);
  }
  // Cells in natural order of their values: from the order of all groups cached with them, or
  // (dictionaries with values that compare equal, huge key spaces) computed for these groups.
  let view: CellsView;
  if (nat) {
    let nPresent = 0;
    for (let gg = 0; gg < G; gg++) if (firstIdx[gg]! >= 0) nPresent++;
    const rowsOf = new Int32Array(nPresent);
    let i = 0;
    for (let j = 0; j < G; j++) {
      const gg = nat.order[j]!;
      if (firstIdx[gg]! >= 0) rowsOf[i++] = gg;
    }
    view = {
      dims,
      dicts: shared.codes.dicts,
      count: nPresent,
      codes: all.codes,
      rows: rowsOf,
      keys: nat.keys,
      hashable: true,
    };
  } else {
    const present: number[] = [];
    const firsts: number[] = [];
    for (let gg = 0; gg < G; gg++) {
      if (firstIdx[gg]! < 0) continue;
      present.push(gg);
      firsts.push(firstIdx[gg]!);
    }
    const order = naturalOrder(cols, dims, all, present, firsts);
    // Local codes (present values in natural order), rows in natural order; global[i] = group.
    view = {
      dims,
      dicts: order.dicts,
      count: present.length,
      codes: order.vec,
      rows: null,
      keys: order.key,
      hashable: order.key !== null,
      groupOf: order.global,
    };
  }
  const cells = new Array<CellComparison>(nPairedGroups);
  let nCells = 0;
  const unpairedGroups: number[] = [];
  for (let i = 0; i < view.count; i++) {
    const c = cellOf[groupOfView(view, i)];
    if (c) cells[nCells++] = c;
    else unpairedGroups.push(i);
  }
  const unpaired = findUnpaired(
    view,
    unpairedGroups,
    new GroupsAccess(view, nBase, nCand, all, shared.codes, rows),
  );
  return comparisonOf(spec, dims, cells, unpaired, n, S, paired);
}

/**
 * The SideRows of compareGroups(): side 1 (baseline) or 2 (candidate) of group `gg` is the
 * group's members with that axis code, in scope.
 */
class GroupRows implements SideRows {
  readonly records: readonly ResultRecord[];
  sides: LazySide[] = [];
  built = 0;
  private readonly status: Uint8Array;
  private idx = new Int32Array(64);
  constructor(
    private readonly input: CompareInput,
    private readonly all: CellGroups,
  ) {
    this.records = input.records;
    this.status = input.cols.facts().status;
  }

  isUsed(i: number): boolean {
    return statusUsed(this.status[i]!, this.input.spec.excludeFlagged);
  }

  /** Record indexes of side `sd` of group `gg`, sorted by origin, in a buffer reused by the next call. */
  sortedIndexes(gg: number, sd: number): Int32Array {
    const { start, end, members } = this.all.members!;
    const { axisCodes, layerCodes, bCode, cCode, hostCode } = this.input;
    const want = sd === 1 ? bCode : cCode;
    if (this.idx.length < end[gg]! - start[gg]!)
      this.idx = new Int32Array((end[gg]! - start[gg]!) * 2);
    let k = 0;
    for (let m = start[gg]!; m < end[gg]!; m++) {
      const i = members[m]!;
      if (axisCodes[i] === want && layerCodes[i] !== hostCode) this.idx[k++] = i;
    }
    sortByOrigin(this.idx, k, this.input.cols.originRankWhenUseful(), this.records);
    this.count = k;
    return this.idx;
  }

  /** Length of the last sortedIndexes() result (its array is a reused buffer). */
  count = 0;

  sideRecords(gg: number, sd: number): ResultRecord[] {
    const idx = this.sortedIndexes(gg, sd);
    const out = new Array<ResultRecord>(this.count);
    for (let j = 0; j < this.count; j++) out[j] = this.records[idx[j]!]!;
    return out;
  }
}

/**
 * The CellShared of compareGroups(): slot → group maps, and ensure() walks the group's members.
 * A class, not an object of closures: the cells call ensure() through it, and closures made
 * per compare() are new call targets every time — optimized code that inlined the last ones
 * was thrown away when they died in a collection (deopt "weak objects", then recompiling).
 */
class GroupsShared implements PairShared {
  readonly spec: ComparisonSpec;
  readonly delta: DeltaContext;
  readonly decisions: Int8Array;
  readonly buffers = new PairBuffers();
  ensured = 0;
  /** slot (moments, decisions) → group, and group → slot (−1: unpaired). */
  readonly slotGroup: Int32Array;
  readonly groupSlot: Int32Array;
  constructor(
    private readonly input: CompareInput,
    readonly codes: CellCodes,
    private readonly G: number,
    private readonly mem: GroupMembers,
    private readonly axisOf: Int32Array,
    private readonly layerOf: Int32Array,
  ) {
    this.spec = input.spec;
    this.delta = deltaContext(new Float64Array(G * SLOT_SIZE), input.spec.thresholdPct);
    this.decisions = new Int8Array(G * DELTA_METRICS.length);
    this.slotGroup = new Int32Array(G);
    this.groupSlot = new Int32Array(G).fill(-1);
  }

  ensureAll(): void {
    // Groups in storage order (their records are contiguous and in order).
    for (let gg = 0; gg < this.G; gg++) {
      const slot = this.groupSlot[gg]!;
      if (slot >= 0 && hasPending(this, slot)) this.ensure(slot);
    }
  }

  ensure(slot: number): void {
    // The used records of both sides of the slot's group, again (facts in member order), then
    // every metric not decided yet.
    const { start, end, status, metrics } = this.mem;
    const { bCode, cCode, hostCode } = this.input;
    const gg = this.slotGroup[slot]!;
    const size = end[gg]! - start[gg]!;
    const buf = this.buffers;
    buf.ensureCapacity(size);
    const { ensureB, ensureC } = buf;
    let nb = 0;
    let nc = 0;
    for (let m = start[gg]!; m < end[gg]!; m++) {
      const a = this.axisOf[m]!;
      if (
        (a !== bCode && a !== cCode) ||
        this.layerOf[m] === hostCode ||
        !statusUsed(status[m]!, this.spec.excludeFlagged)
      )
        continue;
      if (a === bCode) ensureB[nb++] = m;
      else ensureC[nc++] = m;
    }
    decidePending(this, slot, metrics, ensureB, nb, ensureC, nc);
  }
}

/** The group of the i-th cell of a CellsView of compareGroups(). */
function groupOfView(view: CellsView, i: number): number {
  return view.groupOf ? view.groupOf[i]! : view.rows![i]!;
}

/** The CellsAccess of compareGroups() (a class for the reason GroupsShared is one). */
class GroupsAccess implements CellsAccess {
  constructor(
    private readonly view: CellsView,
    private readonly nB: Int32Array,
    private readonly nC: Int32Array,
    private readonly all: CellGroups,
    private readonly codes: CellCodes,
    private readonly rows: GroupRows,
  ) {}
  nBase(i: number): number {
    return this.nB[groupOfView(this.view, i)]!;
  }
  nCand(i: number): number {
    return this.nC[groupOfView(this.view, i)]!;
  }
  keyOf(i: number): string {
    return cellKey(this.all, this.codes, groupOfView(this.view, i));
  }
  sideRecords(i: number, isBase: boolean): ResultRecord[] {
    return this.rows.sideRecords(groupOfView(this.view, i), isBase ? 1 : 2);
  }
}
