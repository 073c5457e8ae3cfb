/**
 * Columnar, dictionary-encoded views of records, and the caches that make repeated work on the
 * same records array cheap (the dashboard recompares, re-pivots and recounts on every change):
 * - encode(): codes of any rows on any dimensions (first-appearance dictionaries);
 * - recordColumns(): per records array (WeakMap, element-identity checked), the encoded columns
 *   (8/16/32-bit codes, one pass reading each record once), record facts (flags, restated,
 *   metrics as typed arrays), origin ranks, facet counts, and per list of dimensions the groups
 *   of all records (CellGroups: codes, natural order, contiguous members, cell keys/records).
 *
 * Perf (scripts/compare-perf.ts, 100k records of bench/synth.ts, shared 2-core VM): the first
 * encoding of 19 fields ~20 ms (was 54–76 ms for 19 keyed-load passes); a compare() on cached
 * columns reads no record object in its hot path.
 *
 * This file: encode(), the natural orders, group members and cell indexes. Beside it:
 * columnar.types.ts (the shapes), columnar.records.ts (the per-array cache, recordColumns()),
 * columnar.keys.ts (exact integer keys and the hash tables over them).
 */
import type { Dimension, DimensionValue, ResultRecord } from '../model/record.types';
import { FACT_METRICS } from './columnar.types';
import type {
  CellGroups,
  CellIndex,
  Encoded,
  GroupMembers,
  NaturalOrder,
  NaturalOrderAll,
  RecordColumns,
} from './columnar.types';
import { SAFE } from './columnar.keys';
import { recordColumns } from './columnar.records';

/**
 * Encodes `records` (or the rows listed in `index`) on `dims`. Codes follow first appearance
 * (among the listed rows). Built from the columns cached per records array (recordColumns), so
 * repeated encodings of one array read the records once; values are stringified as
 * dimensionValue does.
 */
export function encode(
  records: readonly ResultRecord[],
  dims: readonly Dimension[],
  index?: ArrayLike<number>,
): Encoded {
  const cols = recordColumns(records);
  if (!index) {
    // All rows: copies of the cached columns (same codes and dictionaries).
    const columns = cols.columns(dims);
    return {
      dims: [...dims],
      codes: columns.map((c) => Int32Array.from(c.codes)),
      dicts: columns.map((c) => c.dict.slice()),
      rows: records.length,
    };
  }
  return encodeRows(cols, dims, index);
}

/** encode() of the rows `index` from already validated columns. */
export function encodeRows(
  cols: RecordColumns,
  dims: readonly Dimension[],
  index: ArrayLike<number>,
): Encoded {
  const columns = cols.columns(dims);
  // The cached codes renumbered by first appearance among the rows.
  const rows = index.length;
  const codes: Int32Array[] = [];
  const dicts: DimensionValue[][] = [];
  for (const { codes: full, dict: fullDict } of columns) {
    const local = new Int32Array(fullDict.length).fill(-1);
    const dict: DimensionValue[] = [];
    const col = new Int32Array(rows);
    for (let i = 0; i < rows; i++) {
      const fc = full[index[i]!]!;
      let c = local[fc]!;
      if (c < 0) {
        local[fc] = c = dict.length;
        dict.push(fullDict[fc]!);
      }
      col[i] = c;
    }
    codes.push(col);
    dicts.push(dict);
  }
  return { dims: [...dims], codes, dicts, rows };
}

/**
 * The natural order of all groups, computed once per groups and valid for any subset of them —
 * when no dictionary holds two values that compare equal (compareValues = 0, e.g. "SSD" and
 * "ssd"; their order would depend on the subset's first appearances) and the key space of the
 * full dictionaries fits 2^52. Else null: order each subset with naturalOrder().
 */
export function naturalOrderAll(
  cols: RecordColumns,
  dims: readonly Dimension[],
  groups: CellGroups,
): NaturalOrderAll | null {
  if (groups.natural !== undefined) return groups.natural;
  const D = dims.length;
  const columns = cols.columns(dims);
  let space = 1;
  const ranks: Int32Array[] = [];
  let distinct = true;
  for (let d = 0; d < D && distinct; d++) {
    const card = Math.max(1, columns[d]!.dict.length);
    space *= card;
    const cls = cols.orderClass(dims[d]!);
    // Classes are distinct for distinct values iff there are as many classes as values.
    let max = -1;
    for (let c = 0; c < cls.length; c++) if (cls[c]! > max) max = cls[c]!;
    if (max + 1 !== cls.length) distinct = false;
    ranks.push(cls);
  }
  if (!distinct || space > SAFE) return (groups.natural = null);
  const G = groups.count;
  const keys = new Float64Array(G); // over codes: findUnpaired's keys
  const natural = new Float64Array(G); // over ranks: the order
  for (let d = 0; d < D; d++) {
    const card = Math.max(1, columns[d]!.dict.length);
    const rank = ranks[d]!;
    for (let g = 0; g < G; g++) {
      const c = groups.codes[g * D + d]!;
      keys[g] = keys[g]! * card + c;
      natural[g] = natural[g]! * card + rank[c]!;
    }
  }
  const order = new Int32Array(G);
  for (let g = 0; g < G; g++) order[g] = g;
  order.sort((a, b) => (natural[a]! < natural[b]! ? -1 : natural[a]! > natural[b]! ? 1 : 0));
  return (groups.natural = { order, keys });
}

/**
 * The (cached) GroupMembers of `groups`, groups of the records behind `cols`; `order` (a
 * permutation of the groups) lays their runs out in that order, else in group order. Only the
 * first call's order counts.
 */
export function groupMembers(
  cols: RecordColumns,
  groups: CellGroups,
  order?: Int32Array | null,
): GroupMembers {
  if (groups.members) return groups.members;
  const n = groups.groupOf.length;
  const G = groups.count;
  const size = new Int32Array(G);
  for (let i = 0; i < n; i++) size[groups.groupOf[i]!]!++;
  const start = new Int32Array(G);
  const end = new Int32Array(G);
  let at = 0;
  for (let v = 0; v < G; v++) {
    const g = order ? order[v]! : v;
    start[g] = at;
    at += size[g]!;
    end[g] = at;
  }
  const fill = start.slice();
  const members = new Int32Array(n);
  for (let i = 0; i < n; i++) members[fill[groups.groupOf[i]!]!++] = i;
  const facts = cols.facts();
  const M = FACT_METRICS.length;
  const status = new Uint8Array(n);
  const metrics = new Float64Array(n * M);
  for (let m = 0; m < n; m++) {
    const i = members[m]!;
    status[m] = facts.status[i]!;
    for (let k = 0; k < M; k++) metrics[m * M + k] = facts.metrics[i * M + k]!;
  }
  groups.members = { start, end, members, status, metrics, byField: new Map() };
  return groups.members;
}

/** The (cached) codes of column `field` in member order: codes[members[m]] at m. */
export function memberCodes(
  cols: RecordColumns,
  members: GroupMembers,
  field: Dimension,
): Int32Array {
  let out = members.byField.get(field);
  if (!out) {
    const codes = cols.columns([field])[0]!.codes;
    const idx = members.members;
    out = new Int32Array(idx.length);
    for (let m = 0; m < idx.length; m++) out[m] = codes[idx[m]!]!;
    members.byField.set(field, out);
  }
  return out;
}

/**
 * Groups `scope` by all of `dims` from the cached columns. Per row: one mixed-radix key over the
 * dictionary codes and one hash probe; everything else (which values are present, their natural
 * order, the cells' order) works on the cells, ~6× fewer than the rows.
 */
export function indexCells(
  cols: RecordColumns,
  dims: readonly Dimension[],
  scope: Int32Array,
): CellIndex {
  const S = scope.length;
  // Rows → cells in order of first appearance, through the cached groups of all records.
  const all = cols.cellGroups(dims);
  const localOf = new Int32Array(all.count).fill(-1);
  const groupOf0 = new Int32Array(S);
  const firstRows: number[] = [];
  const globalOf: number[] = [];
  for (let s = 0; s < S; s++) {
    const gg = all.groupOf[scope[s]!]!;
    let l = localOf[gg]!;
    if (l < 0) {
      localOf[gg] = l = firstRows.length;
      firstRows.push(s);
      globalOf.push(gg);
    }
    groupOf0[s] = l;
  }
  const order = naturalOrder(cols, dims, all, globalOf, firstRows);
  const G = globalOf.length;
  const pos = new Int32Array(G);
  const firstRow = new Int32Array(G);
  for (let i = 0; i < G; i++) {
    const g = order.ids[i]!;
    pos[g] = i;
    firstRow[i] = firstRows[g]!;
  }
  const groupOf = new Int32Array(S);
  for (let s = 0; s < S; s++) groupOf[s] = pos[groupOf0[s]!]!;
  return {
    dims: [...dims],
    dicts: order.dicts,
    count: G,
    vec: order.vec,
    groupOf,
    firstRow,
    global: order.global,
    groups: all,
    key: order.key,
  };
}

/**
 * The groups `globalOf` (of `all`, with `firsts` = each one's first row in some scan order)
 * sorted in natural order of their values: per dimension, the values present are ranked by
 * compareValues, equal values by first appearance (the smallest `firsts` of the groups that
 * have them) — what a stable sort of first-appearance dictionaries gives.
 */
export function naturalOrder(
  cols: RecordColumns,
  dims: readonly Dimension[],
  all: CellGroups,
  globalOf: ArrayLike<number>,
  firsts: ArrayLike<number>,
): NaturalOrder {
  const D = dims.length;
  const G = globalOf.length;
  const columns = cols.columns(dims);
  // Values present, in natural order.
  const maps: Int32Array[] = [];
  const dicts: DimensionValue[][] = [];
  let space = 1;
  for (let d = 0; d < D; d++) {
    const dict = columns[d]!.dict;
    const firstPos = new Int32Array(dict.length).fill(-1);
    const used: number[] = [];
    for (let g = 0; g < G; g++) {
      const c = all.codes[globalOf[g]! * D + d]!;
      const f = firsts[g]!;
      if (firstPos[c]! < 0) {
        firstPos[c] = f;
        used.push(c);
      } else if (f < firstPos[c]!) firstPos[c] = f;
    }
    const cls = cols.orderClass(dims[d]!);
    used.sort((a, b) => cls[a]! - cls[b]! || firstPos[a]! - firstPos[b]!);
    const map = new Int32Array(dict.length);
    for (let j = 0; j < used.length; j++) map[used[j]!] = j;
    maps.push(map);
    dicts.push(used.map((c) => dict[c]!));
    space *= Math.max(1, used.length);
  }
  // Local codes are natural ranks, so a mixed-radix key over them sorts like the value tuples
  // (exact below 2^52; else compare code vectors).
  const localVec = new Int32Array(G * D);
  for (let g = 0; g < G; g++) {
    const src = globalOf[g]! * D;
    for (let d = 0; d < D; d++) localVec[g * D + d] = maps[d]![all.codes[src + d]!]!;
  }
  const ids = new Int32Array(G);
  for (let g = 0; g < G; g++) ids[g] = g;
  let nk: Float64Array | null = null;
  if (space <= SAFE) {
    nk = new Float64Array(G);
    for (let d = 0; d < D; d++) {
      const card = Math.max(1, dicts[d]!.length);
      for (let g = 0; g < G; g++) nk[g] = nk[g]! * card + localVec[g * D + d]!;
    }
    const k = nk;
    // A small-integer result: a double difference would be boxed on every comparison.
    ids.sort((a, b) => (k[a]! < k[b]! ? -1 : k[a]! > k[b]! ? 1 : 0));
  } else {
    ids.sort((a, b) => {
      for (let d = 0; d < D; d++) {
        const x = localVec[a * D + d]! - localVec[b * D + d]!;
        if (x !== 0) return x;
      }
      return 0;
    });
  }
  const vec = new Int32Array(G * D);
  const global = new Int32Array(G);
  const key = nk ? new Float64Array(G) : null;
  for (let i = 0; i < G; i++) {
    const g = ids[i]!;
    global[i] = globalOf[g]!;
    if (key) key[i] = nk![g]!;
    for (let d = 0; d < D; d++) vec[i * D + d] = localVec[g * D + d]!;
  }
  return { dicts, ids, global, vec, key };
}
