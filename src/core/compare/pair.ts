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
import type {
  CellComparison,
  Comparison,
  ComparisonSpec,
  Side,
  UnpairedRecord,
  Verdict,
} from './compare.types';
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
  groupMembers,
  memberCodes,
  indexCells,
  naturalOrder,
  naturalOrderAll,
  recordColumns,
} from './columnar';
import type { CellGroups, Codes, GroupMembers, RecordColumns, RecordFacts } from './columnar';
import { joinKey } from './dimensions';
import { momentsOf, sortNumbers } from './stats';
import { DELTA_METRICS, decideOfMoments } from './verdict';
import type { DeltaContext } from './verdict';
import { Cell, LazySide, NOT_DECIDED, SLOT_SIZE, momentsOffset } from './cell';
import type { CellCodes, CellShared, SideNotes, SideRows } from './cell';

/** Budget of code-vector comparisons for finding the nearest cell of unpaired records. */
const NEAREST_BUDGET = 2_000_000;

/** Dimensions of a comparison cell for `spec` over `records`. */
export function cellDimensions(
  records: readonly ResultRecord[],
  spec: ComparisonSpec,
  cols?: RecordColumns,
): Dimension[] {
  return dimensionsOf(
    spec,
    spec.extraDimensions ?? (cols ?? recordColumns(records)).extraDimensions(),
  );
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
 * All integer work on columns cached per records array (recordColumns): the records are
 * grouped once per list of dimensions, and a comparison walks those groups' records in order
 * (GroupMembers: sequential reads), classifies each by its axis code, and computes the sides'
 * moments and the verdicts; cells come out in natural order of their values (naturalOrder).
 * Restated records can move to another group (attachRestated), so records with restatements
 * take the row-by-row path (compareRows), which gives the same result shape.
 */
export function compare(
  records: readonly ResultRecord[],
  specIn: Partial<ComparisonSpec> = {},
): Comparison {
  const spec = withDefaults(specIn);
  const cols = recordColumns(records);
  const dims = dimensionsOf(spec, spec.extraDimensions ?? cols.extraDimensions());
  // Scope: axis value is the baseline or the candidate; host-layer records only when the axis is `layer`.
  const [axisCol, layerCol] = cols.columns([spec.axis, 'layer']);
  const bCode = axisCol!.dict.indexOf(spec.baseline);
  const cCode =
    bCode >= 0 && spec.candidate === spec.baseline ? -1 : axisCol!.dict.indexOf(spec.candidate);
  const hostCode =
    spec.axis === 'layer' || spec.includeHostLayer ? -1 : layerCol!.dict.indexOf('host');
  const ctx: CompareInput = {
    records,
    spec,
    cols,
    dims,
    axisCodes: axisCol!.codes,
    layerCodes: layerCol!.codes,
    bCode,
    cCode,
    hostCode,
  };
  return cols.anyRestated ? compareRows(ctx) : compareGroups(ctx);
}

interface CompareInput {
  records: readonly ResultRecord[];
  spec: ComparisonSpec;
  cols: RecordColumns;
  dims: Dimension[];
  axisCodes: Codes;
  layerCodes: Codes;
  /** Axis codes of the baseline and candidate values (−1: absent), layer code of `host` (−1: no such scope rule). */
  bCode: number;
  cCode: number;
  hostCode: number;
}

/** compare() by groups of records (no restated records). */
function compareGroups(input: CompareInput): Comparison {
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
    const nbUsed = sideStats(bPos, nb, status, mem.members, records, spec.excludeFlagged, bUsed);
    const bNotes = outNotes;
    const bMask = outFlagMask;
    const bUnknown = outFlagUnknown;
    const base = new LazySide(nbUsed, rows, gg, 1, shared, slot, 0);
    const ncUsed = sideStats(cPos, nc, status, mem.members, records, spec.excludeFlagged, cUsed);
    const cand = new LazySide(ncUsed, rows, gg, 2, shared, slot, 1);
    const verdict = primaryVerdict(shared, slot, metrics, bUsed, nbUsed, cUsed, ncUsed);
    const { key, cell } = groupCell(all, shared.codes, gg);
    cellOf[gg] = makeCell(
      key,
      cell,
      base,
      cand,
      verdict,
      bNotes,
      bMask,
      bUnknown,
      shared,
      slot,
      gg,
    );
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
  return {
    spec,
    cells,
    unpaired,
    outOfScope: n - S,
    accounting: { records: n, paired, unpaired: unpaired.length, outOfScope: n - S },
    dims,
  };
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
class GroupsShared implements CellShared {
  readonly spec: ComparisonSpec;
  readonly delta: DeltaContext;
  readonly decisions: Int8Array;
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
    this.delta = {
      moments: new Float64Array(G * SLOT_SIZE),
      thresholdPct: input.spec.thresholdPct,
    };
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
    ensureCapacity(size);
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
    return groupCell(this.all, this.codes, groupOfView(this.view, i)).key;
  }
  sideRecords(i: number, isBase: boolean): ResultRecord[] {
    return this.rows.sideRecords(groupOfView(this.view, i), isBase ? 1 : 2);
  }
}

/**
 * Sorts record indexes (given in scope order) by origin, then run, IOPS and latency (byOrigin),
 * stably — ties keep scope order, as Array#sort did.
 */
function sortByOrigin(
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

/** The (cached) key and frozen cell record of group `gg`. */
function groupCell(
  all: CellGroups,
  codes: CellCodes,
  gg: number,
): { key: string; cell: Record<string, string> } {
  let key = all.keys[gg];
  let cell = all.cells[gg];
  if (key === undefined || cell === undefined) {
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
    key = parts.join('|');
    cell = Object.freeze(c);
    all.keys[gg] = key;
    all.cells[gg] = cell;
  }
  GROUP_CELL.key = key;
  GROUP_CELL.cell = cell;
  return GROUP_CELL;
}
const GROUP_CELL: { key: string; cell: Record<string, string> } = { key: '', cell: {} };

/** compare() row by row: the general path (restated records join the cell of their original). */
function compareRows(input: CompareInput): Comparison {
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
  const shared: CellShared = {
    spec,
    codes: { dims, dicts: g.dicts, codes: g.vec },
    delta: { moments: new Float64Array(G * SLOT_SIZE), thresholdPct: spec.thresholdPct },
    decisions: new Int8Array(G * DELTA_METRICS.length),
    ensured: 0,
    ensureAll: () => {
      for (let grp = 0; grp < G; grp++) if (hasPending(shared, grp)) shared.ensure(grp);
    },
    ensure: (grp) => {
      // The used records of both sides of cell grp, again, then every metric not decided yet.
      const size = start[grp + 1]! - start[grp]!;
      ensureCapacity(size);
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
      const nbUsed = sideStats(pos, nb, facts.status, null, records, spec.excludeFlagged, bUsed);
      const bNotes = outNotes;
      const bMask = outFlagMask;
      const bUnknown = outFlagUnknown;
      const base = new LazySide(nbUsed, run, start[grp]!, start[grp]! + nb, shared, grp, 0);
      for (let j = 0; j < nc; j++) pos[j] = scope[rows[start[grp]! + nb + j]!]!;
      const ncUsed = sideStats(pos, nc, facts.status, null, records, spec.excludeFlagged, cUsed);
      const cand = new LazySide(ncUsed, run, start[grp]! + nb, start[grp + 1]!, shared, grp, 1);
      const verdict = primaryVerdict(shared, grp, facts.metrics, bUsed, nbUsed, cUsed, ncUsed);
      const { key, cell } = groupCell(all, fullCodes, g.global[grp]!);
      cells.push(
        makeCell(key, cell, base, cand, verdict, bNotes, bMask, bUnknown, shared, grp, grp),
      );
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
      keyOf: (grp) => groupCell(all, fullCodes, g.global[grp]!).key,
      sideRecords: (grp, isBase) =>
        isBase
          ? sideRecords(run, start[grp]!, start[grp + 1]! - nCand[grp]!)
          : sideRecords(run, start[grp + 1]! - nCand[grp]!, start[grp + 1]!),
    },
  );
  return {
    spec,
    cells,
    unpaired,
    outOfScope: n - S,
    accounting: { records: n, paired, unpaired: unpaired.length, outOfScope: n - S },
    dims,
  };
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

/** Whether a record with these facts counts in the statistics. */
function statusUsed(st: number, excludeFlagged: boolean): boolean {
  return (
    !(st & NOT_A_MEASUREMENT_BITS) &&
    (st & STATUS_HAS_METRIC) !== 0 &&
    !(st & STATUS_RESTATED) &&
    !(excludeFlagged && st & STATUS_ANY_FLAG)
  );
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

/**
 * Sorted flags of a mask, with `unknown` (flags outside FLAGS, if any) merged in. Without
 * unknown flags the list is one frozen array per mask, shared by every cell with those flags:
 * compare() makes ~11k cells per 100k records, and an array per cell was garbage to collect.
 */
function flagList(mask: number, unknown: Set<string> | null): QualityFlag[] {
  if (unknown)
    return [...new Set<string>([...flagsOfMask(mask), ...unknown])].sort() as QualityFlag[];
  return (FLAG_LISTS[mask] ??= Object.freeze(flagsOfMask(mask)) as QualityFlag[]);
}

function flagsOfMask(mask: number): QualityFlag[] {
  const out: QualityFlag[] = [];
  for (let i = 0; i < SORTED_FLAGS.length; i++) if (mask & (1 << i)) out.push(SORTED_FLAGS[i]!);
  return out;
}

/** flagList() of each mask without unknown flags (frozen). */
const FLAG_LISTS: (QualityFlag[] | undefined)[] = new Array<QualityFlag[] | undefined>(
  STATUS_FLAG_MASK + 1,
);

function addUnknownFlags(r: ResultRecord, into: Set<string> | null): Set<string> {
  const set = into ?? new Set<string>();
  for (const f of r.flags) if (!FLAG_BIT.has(f)) set.add(f);
  return set;
}

/** Flags that mean "no measurement": never used in statistics, whatever the spec says. */
const NOT_A_MEASUREMENT_BITS = FLAG_BIT.get('incomplete')! | FLAG_BIT.get('failed-run')!;

/**
 * One side's records: the facts at positions pos[0..k) of `status` (record indexes, or member
 * positions when `members` maps them to records). Writes the positions of the records used in
 * the statistics to `used` and returns their count; reports the side's notes and flags in
 * outNotes/outFlagMask/outFlagUnknown.
 */
function sideStats(
  pos: Int32Array,
  k: number,
  status: Uint8Array,
  members: Int32Array | null,
  records: readonly ResultRecord[],
  excludeFlagged: boolean,
  used: Int32Array,
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
  outNotes =
    excludedFlagged + restated + notMeasured > 0
      ? {
          excludedFlagged,
          excludedFlags: flagList(excludedMask, excludedUnknown),
          restated,
          notMeasured,
        }
      : null;
  outFlagMask = flagMask;
  outFlagUnknown = flagUnknown;
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
): void {
  const M = DELTA_METRICS.length;
  if (scratch.length < nUsed) scratch = new Float64Array(nUsed * 2);
  let n = 0;
  for (let u = 0; u < nUsed; u++) {
    const v = metrics[used[u]! * M + dm]!;
    if (v === v) scratch[n++] = v; // NaN: null or not finite
  }
  if (n === 0) moments[off] = 0;
  else {
    sortNumbers(scratch, n);
    momentsOf(scratch, n, moments, off);
  }
}

/** Moments of delta metric `dm` on both sides of `slot`, and its decision. */
function decideMetric(
  shared: CellShared,
  slot: number,
  dm: number,
  metrics: Float64Array,
  b: Int32Array,
  nb: number,
  c: Int32Array,
  nc: number,
): number {
  const offB = momentsOffset(slot, 0, dm);
  sideMoments(b, nb, metrics, dm, shared.delta.moments, offB);
  sideMoments(c, nc, metrics, dm, shared.delta.moments, momentsOffset(slot, 1, dm));
  const decided = decideOfMoments(DELTA_METRICS[dm]!, shared.delta, offB);
  shared.decisions[slot * DELTA_METRICS.length + dm] = decided;
  return decided;
}

/** Reused buffers of CellShared.ensure() (synchronous). */
let ensureB = new Int32Array(64);
let ensureC = new Int32Array(64);

/** Grows ensureB/ensureC to hold the records of a cell of `size` records. */
function ensureCapacity(size: number): void {
  if (ensureB.length >= size) return;
  ensureB = new Int32Array(size * 2);
  ensureC = new Int32Array(size * 2);
}

/** Whether `slot` has a NOT_DECIDED delta metric. */
function hasPending(shared: CellShared, slot: number): boolean {
  const M = DELTA_METRICS.length;
  for (let dm = 0; dm < M; dm++) if (shared.decisions[slot * M + dm] === NOT_DECIDED) return true;
  return false;
}

/** decideMetric() of every NOT_DECIDED delta metric of `slot`. */
function decidePending(
  shared: CellShared,
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
function primaryVerdict(
  shared: CellShared,
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

/** The cell of two sides (the candidate's sideStats() outputs still in out*). */
function makeCell(
  key: string,
  cell: Record<string, string>,
  base: Side,
  cand: Side,
  verdict: Verdict,
  bNotes: SideNotes | null,
  bMask: number,
  bUnknown: Set<string> | null,
  shared: CellShared,
  slot: number,
  row: number,
): CellComparison {
  const unknown =
    bUnknown || outFlagUnknown ? new Set([...(bUnknown ?? []), ...(outFlagUnknown ?? [])]) : null;
  const sideNotes: [SideNotes | null, SideNotes | null] | null =
    bNotes || outNotes ? [bNotes, outNotes] : null;
  return new Cell(
    key,
    cell,
    base,
    cand,
    verdict,
    flagList(bMask | outFlagMask, unknown),
    sideNotes,
    shared,
    slot,
    row,
  );
}

/**
 * Unpaired records with the fields that differ from the nearest cell of the other side. Nearest =
 * fewest differing dimensions; one-field neighbours (the common case: a missing run) are found by
 * hashing mixed-radix keys (ties: first in natural order); otherwise a scan outwards from the
 * cell's place in natural order takes the closest cell with the fewest differences, bounded by
 * NEAREST_BUDGET comparisons in total (after that, the best cell found so far is reported).
 */
/** The cells (in natural order) findUnpaired() searches, as codes. */
interface CellsView {
  dims: readonly Dimension[];
  /** Values of every dimension; `codes` index them. */
  dicts: readonly (readonly string[])[];
  count: number;
  /** Codes by row: codes[row × dims + d]. */
  codes: Int32Array;
  /** Row of the i-th cell (null: row = i). */
  rows: Int32Array | null;
  /** Per row: Σ codes × Π cardinalities of `dicts` of the later dims; null when not hashable. */
  keys: Float64Array | null;
  /** Whether one-field neighbours are looked up by key (the key space of the present values fits 2^52). */
  hashable: boolean;
  /** Group of the i-th cell (naturalOrder path), for the caller's accessors. */
  groupOf?: Int32Array;
}

/** What findUnpaired() needs of the i-th cell besides its codes. */
interface CellsAccess {
  nBase(i: number): number;
  nCand(i: number): number;
  keyOf(i: number): string;
  sideRecords(i: number, isBase: boolean): ResultRecord[];
}

function findUnpaired(view: CellsView, unpairedGroups: number[], g: CellsAccess): UnpairedRecord[] {
  if (unpairedGroups.length === 0) return [];
  const D = view.dims.length;
  const enc = { dicts: view.dicts };
  const codes = view.codes;
  const rowsOf = view.rows;
  const row = (i: number) => (rowsOf ? rowsOf[i]! : i);
  const code = (i: number, d: number) => codes[row(i) * D + d]!;
  // Mixed-radix weights over the dictionaries of `codes` (exact: keys exist only below 2^52).
  const weights: number[] = [];
  let space = 1;
  for (let d = D - 1; d >= 0; d--) {
    weights[d] = space;
    space *= Math.max(1, enc.dicts[d]!.length);
  }
  const hashable = view.hashable && view.keys !== null;
  const cellKeys = view.keys;
  const fullKey = (i: number) => cellKeys![row(i)]!;
  const count = view.count;
  // Group ids are positions in natural order.
  const withBase: number[] = [];
  const withCand: number[] = [];
  for (let grp = 0; grp < count; grp++) {
    if (g.nBase(grp) > 0) withBase.push(grp);
    if (g.nCand(grp) > 0) withCand.push(grp);
  }
  // Full key → group (keys are distinct); a one-field neighbour is found by swapping each
  // dimension's code for every other code of that dimension (Σ cardinalities lookups) and
  // keeping hits that have the other side.
  const keyMap = new KeyMap(hashable ? count : 0);
  if (hashable) for (let grp = 0; grp < count; grp++) keyMap.set(fullKey(grp), grp);

  let budget = NEAREST_BUDGET;
  const out: UnpairedRecord[] = [];
  for (const grp of unpairedGroups) {
    const isBase = g.nBase(grp) > 0;
    const others = isBase ? withCand : withBase;
    let best = -1;
    if (hashable) {
      const k = fullKey(grp);
      for (let d = 0; d < D; d++) {
        const own = code(grp, d);
        const card = enc.dicts[d]!.length;
        for (let c = 0; c < card; c++) {
          if (c === own) continue;
          const hit = keyMap.get(k + (c - own) * weights[d]!);
          if (
            hit !== undefined &&
            (isBase ? g.nCand(hit) : g.nBase(hit)) > 0 &&
            (best < 0 || hit < best)
          )
            best = hit;
        }
      }
    }
    if (best < 0 && others.length > 0) {
      // Scan outwards from this cell's place in natural order: cells sharing the leading fields
      // (set, storage, medium …) come first, so the scan usually stops early.
      const lowerBound = hashable ? 2 : 1;
      let bestDiff = D + 1;
      const me = row(grp) * D;
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
        const ov = row(o) * D;
        for (let d = 0; d < D && diff < bestDiff; d++) if (codes[me + d] !== codes[ov + d]) diff++;
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
        if (a !== b) nearestDiff[view.dims[d]!] = [enc.dicts[d]![a]!, enc.dicts[d]![b]!];
      }
      nearestKey = g.keyOf(best);
    }
    const recs = g.sideRecords(grp, isBase);
    for (const record of recs)
      out.push({ record, side: isBase ? 'baseline' : 'candidate', nearestDiff, nearestKey });
  }
  return out;
}
