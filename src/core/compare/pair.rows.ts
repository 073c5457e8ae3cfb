/**
 * compare() row by row: the general path, taken when some record restates another. A restated
 * record joins the cell of the record it restates (attachRestated), so cells are built from the
 * rows in scope rather than from cached groups. Same result shape as the grouped path.
 */
import type { ResultRecord } from '../model/record.types';
import type { CellComparison, Comparison } from './compare.types';
import { indexCells } from './columnar';
import type { RecordColumns, RecordFacts } from './columnar.types';
import { DELTA_METRICS, deltaContext } from './verdict';
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

/** compare() row by row: the general path (restated records join the cell of their original). */
export function compareRows(input: CompareInput): Comparison {
  const { records, spec, cols, dims, axisCodes, layerCodes, bCode, cCode, hostCode } = input;
  const n = records.length;
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
  attachRestated(records, scope, isCand, g.groupOf);
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
  const run = new Run(records, scope, rows, cols.facts(), cols, spec.excludeFlagged);
  const facts = cols.facts();
  const all = g.groups;
  // Slots are natural group ids; codes (for pivot) are the cached group codes of all records.
  const buffers = new PairBuffers();
  const shared: PairShared = {
    spec,
    buffers,
    codes: { dims, dicts: g.dicts, codes: g.vec },
    delta: deltaContext(new Float64Array(G * SLOT_SIZE), spec.thresholdPct),
    decisions: new Int8Array(G * DELTA_METRICS.length),
    ensured: 0,
    ensureAll: () => {
      for (let grp = 0; grp < G; grp++) if (hasPending(shared, grp)) shared.ensure(grp);
    },
    ensure: (grp) => {
      // The used records of both sides of cell grp, again, then every metric not decided yet.
      const size = start[grp + 1]! - start[grp]!;
      buffers.ensureCapacity(size);
      const { ensureB, ensureC } = buffers;
      const mid = start[grp + 1]! - nCand[grp]!;
      let nb = 0;
      let nc = 0;
      for (let j = start[grp]!; j < start[grp + 1]!; j++) {
        const i = scope[rows[j]!]!;
        if (!statusUsed(facts.status[i]!, spec.excludeFlagged)) continue;
        if (j < mid) ensureB[nb++] = i;
        else ensureC[nc++] = i;
      }
      decidePending(shared, grp, facts.metrics, ensureB, nb, ensureC, nc);
    },
  };
  const fullCodes: CellCodes = {
    dims,
    dicts: cols.columns(dims).map((c) => c.dict),
    codes: all.codes,
  };
  const cells: CellComparison[] = [];
  const unpairedGroups: number[] = [];
  let paired = 0;
  let pos = new Int32Array(64);
  let bUsed = new Int32Array(64);
  let cUsed = new Int32Array(64);
  const excl = spec.excludeFlagged;
  // What sideStats() reports of each side, read by makeCell() before the next cell.
  const bSum = new SideSummary();
  const cSum = new SideSummary();
  for (let grp = 0; grp < G; grp++) {
    const total = start[grp + 1]! - start[grp]!;
    const nc = nCand[grp]!;
    const nb = total - nc;
    if (nb > 0 && nc > 0) {
      paired += total;
      if (pos.length < total) {
        pos = new Int32Array(total * 2);
        bUsed = new Int32Array(total * 2);
        cUsed = new Int32Array(total * 2);
      }
      for (let j = 0; j < nb; j++) pos[j] = scope[rows[start[grp]! + j]!]!;
      const nbUsed = sideStats(pos, nb, facts.status, null, records, excl, bUsed, bSum);
      const base = new LazySide(nbUsed, run, start[grp]!, start[grp]! + nb, shared, grp, 0);
      for (let j = 0; j < nc; j++) pos[j] = scope[rows[start[grp]! + nb + j]!]!;
      const ncUsed = sideStats(pos, nc, facts.status, null, records, excl, cUsed, cSum);
      const cand = new LazySide(ncUsed, run, start[grp]! + nb, start[grp + 1]!, shared, grp, 1);
      const verdict = primaryVerdict(shared, grp, facts.metrics, bUsed, nbUsed, cUsed, ncUsed);
      const key = cellKey(all, fullCodes, g.global[grp]!);
      const cell = all.cells[g.global[grp]!]!;
      cells.push(makeCell(key, cell, base, cand, verdict, bSum, cSum, shared, grp, grp));
    } else if (total > 0) unpairedGroups.push(grp);
  }
  const unpaired = findUnpaired(
    {
      dims,
      dicts: g.dicts,
      count: G,
      codes: g.vec,
      rows: null,
      keys: g.key,
      hashable: g.key !== null,
    },
    unpairedGroups,
    {
      nBase: (grp) => start[grp + 1]! - start[grp]! - nCand[grp]!,
      nCand: (grp) => nCand[grp]!,
      keyOf: (grp) => cellKey(all, fullCodes, g.global[grp]!),
      sideRecords: (grp, isBase) =>
        isBase
          ? sideRecords(run, start[grp]!, start[grp + 1]! - nCand[grp]!)
          : sideRecords(run, start[grp + 1]! - nCand[grp]!, start[grp + 1]!),
    },
  );
  return comparisonOf(spec, dims, cells, unpaired, n, S, paired);
}

/** What the statistics of one compare() call read; also the SideRows of its sides. */
class Run implements SideRows {
  sides: LazySide[] = [];
  built = 0;
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

  /** Record indexes of rows[from..to), sorted by origin (see sortByOrigin). */
  sortedIndexes(from: number, to: number): Int32Array {
    const idx = new Int32Array(to - from);
    for (let j = 0; j < idx.length; j++) idx[j] = this.scope[this.rows[from + j]!]!;
    this.count = idx.length;
    return sortByOrigin(idx, idx.length, this.cols.originRankWhenUseful(), this.records);
  }

  /** Length of the last sortedIndexes() result. */
  count = 0;
}

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
function attachRestated(
  records: readonly ResultRecord[],
  scope: Int32Array,
  isCand: Uint8Array,
  groupOf: Int32Array,
): void {
  let any = false;
  for (let row = 0; row < scope.length && !any; row++)
    if (records[scope[row]!]!.restates !== null) any = true;
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
