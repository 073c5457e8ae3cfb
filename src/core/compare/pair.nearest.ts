/**
 * The nearest cell of the other side, for each record of a one-sided (unpaired) cell: the cell
 * with records on the other side that differs in the fewest dimensions. One-field neighbours
 * (the common case: a missing run) are found by hashing mixed-radix keys (ties: first in
 * natural order); otherwise a scan outwards from the cell's place in natural order takes the
 * closest cell with the fewest differences (ties: the earlier one), bounded by NEAREST_BUDGET
 * comparisons in total (after that, the best cell found so far is reported).
 * reference.ts (nearestCell) states the same rule plainly.
 */
import type { Dimension, ResultRecord } from '../model/record.types';
import type { UnpairedRecord } from './compare.types';
import { KeyMap } from './columnar.keys';

/** Budget of code-vector comparisons for finding the nearest cell of unpaired records. */
const NEAREST_BUDGET = 2_000_000;

/** The cells (in natural order) findUnpaired() searches, as codes. */
export interface CellsView {
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

export interface CellsAccess {
  nBase(i: number): number;
  nCand(i: number): number;
  keyOf(i: number): string;
  sideRecords(i: number, isBase: boolean): ResultRecord[];
}

/** Unpaired records with the fields that differ from the nearest cell of the other side. */
export function findUnpaired(
  view: CellsView,
  unpairedGroups: number[],
  g: CellsAccess,
): UnpairedRecord[] {
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
