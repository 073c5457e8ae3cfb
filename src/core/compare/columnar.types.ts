/**
 * Shapes of the columnar views of records (columnar.ts): encoded columns, cell groups, group
 * members, cell indexes, natural orders, and the bit layout of a record's status byte.
 */
import type { Dimension, DimensionValue, QualityFlag } from '../model/record.types';
import { FLAGS } from '../model/record.types';
import { DELTA_METRICS } from './verdict';

export interface Encoded {
  dims: Dimension[];
  /** codes[d][row] = index into dicts[d]. */
  codes: Int32Array[];
  dicts: DimensionValue[][];
  rows: number;
}
/** Codes of one column: the narrowest integer array that holds its dictionary (1M rows ≈ 1 MB). */
export type Codes = Uint8Array | Uint16Array | Int32Array;

/** One dictionary-encoded column over all records, codes in order of first appearance. */
export interface Column {
  codes: Codes;
  dict: DimensionValue[];
}

/**
 * Encoded columns of one records array, built on demand and kept while the array is alive
 * (WeakMap): the dashboard recompares, re-pivots and recounts facets of the same records on every
 * UI change, and reading the row objects is the dominant cost of encoding.
 *
 * Contract: records are immutable once loaded (the app's and the CLI's rule). Replacing, adding
 * or removing elements of the array is detected (the array is checked element by element against
 * a snapshot, ~2 ms per 100k), unless the array is frozen (Object.freeze: it cannot change, so
 * neither the snapshot nor the check is needed — the dashboard freezes the arrays it builds);
 * mutating a record object in place is not.
 */
export interface RecordColumns {
  readonly rows: number;
  /** The columns of `dims` (same order); dimensions not cached yet are encoded in one pass. */
  columns(dims: readonly Dimension[]): Column[];
  /**
   * Natural order of the dictionary of `dim` (compareValues): class[code] is the position of the
   * code's value among the distinct values, equal (compareValues = 0) values sharing a class.
   */
  orderClass(dim: Dimension): Int32Array;
  /** How many records carry each code of `dim` (computed once per dimension). */
  counts(dim: Dimension): Int32Array;
  /** extraDimensions(records), computed once. */
  extraDimensions(): Dimension[];
  /** Some record restates another (the restated-row logic can be skipped otherwise). */
  readonly anyRestated: boolean;
  /** What the statistics read of every record, as columns (see RecordFacts). */
  facts(): RecordFacts;
  /**
   * Rank of every record's `origin` in code-unit order (equal origins share a rank): sorting a
   * cell's records by origin is then integer comparison, without reading the record objects.
   */
  originRank(): Int32Array;
  /**
   * originRank() once it pays: null for the first few thousand calls (sorting a side of a few
   * records by comparing origins is cheaper than ranking every record of a new array), then
   * the ranks, computed once.
   */
  originRankWhenUseful(): Int32Array | null;
  /**
   * All records grouped by their values on `dims` (the last few lists of dims are kept): the
   * group of every record and every group's dictionary codes. compare() maps its scope onto
   * these groups instead of hashing its rows again.
   */
  cellGroups(dims: readonly Dimension[]): CellGroups;
}

export interface CellGroups {
  /** Group (0..count-1, in order of first appearance) of every record. */
  groupOf: Int32Array;
  count: number;
  /** Dictionary codes (RecordColumns.columns order) of every group: codes[g × dims + d]. */
  codes: Int32Array;
  /**
   * Per group, filled by compare() on first use: the cell key (joinKey of the values) and the
   * frozen `cell` record, shared by every comparison of these records.
   */
  keys: (string | undefined)[];
  cells: (Record<string, DimensionValue> | undefined)[];
  /** Dictionary values of every dimension escaped as in joinKey (filled with the first key). */
  escaped?: string[][];
  /** The records of every group and their facts, group by group (built on first use). */
  members?: GroupMembers;
  /** naturalOrderAll() (built on first use; null when it does not apply). */
  natural?: NaturalOrderAll | null;
}

/** All groups in natural order of their values; keys = mixed radix over the dictionary codes. */
export interface NaturalOrderAll {
  /** Groups in natural order. */
  order: Int32Array;
  /** Σ codes × Π cardinalities of the later dims (full dictionaries), per group. */
  keys: Float64Array;
}

/**
 * The records of every group, contiguous: records members[start[g] .. end[g]) (ascending record
 * index), with their RecordFacts in the same order — compare() then reads a cell's records
 * sequentially instead of jumping through the records array. The groups' runs are laid out in
 * the order given when the members were first built (compare(): natural order, the order it
 * visits them), so a walk over the groups in that order reads every array front to back.
 */
export interface GroupMembers {
  start: Int32Array;
  end: Int32Array;
  members: Int32Array;
  status: Uint8Array;
  /** metrics[m × FACT_METRICS.length + k] of member m. */
  metrics: Float64Array;
  /** Codes of a column in member order (see memberCodes). */
  byField: Map<Dimension, Int32Array>;
}

/** Known flags in sorted (code unit) order; bit i of a flag mask stands for SORTED_FLAGS[i]. */
export const SORTED_FLAGS: readonly QualityFlag[] = [...FLAGS].sort();
export const FLAG_BIT: ReadonlyMap<string, number> = new Map(
  SORTED_FLAGS.map((f, i) => [f, 1 << i]),
);
/** status bits beyond the flag mask (bits 0–3). */
export const STATUS_UNKNOWN_FLAG = 1 << 4;
export const STATUS_ANY_FLAG = 1 << 5;
export const STATUS_RESTATED = 1 << 6;
export const STATUS_HAS_METRIC = 1 << 7;
export const STATUS_FLAG_MASK = 0b1111;

/** Metrics read by the statistics of compare(): the delta metrics, in their order. */
export const FACT_METRICS = DELTA_METRICS;

/**
 * Per record: `status` — known flags (mask over SORTED_FLAGS), an unknown flag, any flag,
 * `restates` set, any metric present; `metrics[record × FACT_METRICS.length + m]` — the value of
 * FACT_METRICS[m] when non-null and finite, else NaN (record-major: one cache line per record).
 */
export interface RecordFacts {
  status: Uint8Array;
  metrics: Float64Array;
}

/**
 * The cells of the rows `scope` (indexes into the records) over `dims`, numbered in natural order
 * of their values (compareValues per dimension, left to right; equal values in order of first
 * appearance within the scope, as a stable sort of first-appearance dictionaries gives).
 */
export interface CellIndex {
  dims: Dimension[];
  /** Values present in the scope per dimension, in natural order: local code = position. */
  dicts: DimensionValue[][];
  /** Number of cells. */
  count: number;
  /** Local codes of every cell, cell-major: vec[cell × dims.length + d]. */
  vec: Int32Array;
  /** Cell of every scope row. */
  groupOf: Int32Array;
  /** First scope row of every cell. */
  firstRow: Int32Array;
  /** The group (in `groups`) of every cell. */
  global: Int32Array;
  /** The cached groups of all records over `dims`. */
  groups: CellGroups;
  /**
   * Mixed-radix key of every cell over its codes (Σ code × Π cardinalities of the later dims,
   * ascending = natural order); null when the key space exceeds 2^52.
   */
  key: Float64Array | null;
}

/** Cells (groups of `all`) in natural order: see naturalOrder(). */
export interface NaturalOrder {
  /** Values present per dimension, in natural order: local code = position. */
  dicts: DimensionValue[][];
  /** Position in the input lists of the i-th cell in natural order. */
  ids: Int32Array;
  /** Group (in `all`) of the i-th cell. */
  global: Int32Array;
  /** Local codes of the i-th cell: vec[i × dims + d]. */
  vec: Int32Array;
  /** Mixed-radix key over the local codes (ascending), null beyond 2^52. */
  key: Float64Array | null;
}
