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
 */
import type {
  Dimension,
  DimensionValue,
  EnvironmentField,
  MetricField,
  QualityFlag,
  ResultRecord,
} from '../model/record.types';
import { ENVIRONMENT_FIELDS, FLAGS } from '../model/record.types';
import { compareValues, extraDimensions } from './dimensions';
import { DELTA_METRICS } from './verdict';

export interface Encoded {
  dims: Dimension[];
  /** codes[d][row] = index into dicts[d]. */
  codes: Int32Array[];
  dicts: DimensionValue[][];
  rows: number;
}

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

/** Mixed-radix keys stay exact integers below this bound. */
const SAFE = 2 ** 52;

// ------------------------------------------------------------------------------------------------
// Per-records-array cache of encoded columns
// ------------------------------------------------------------------------------------------------

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

interface CacheEntry {
  /** A copy of the array's elements; null for a frozen array. */
  snapshot: ResultRecord[] | null;
  value: RecordColumnsImpl;
}

const CACHE = new WeakMap<readonly ResultRecord[], CacheEntry>();

function sameElements(a: readonly ResultRecord[], b: readonly ResultRecord[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The (cached) encoded columns of `records`. See RecordColumns for the immutability contract. */
export function recordColumns(records: readonly ResultRecord[]): RecordColumns {
  const hit = CACHE.get(records);
  if (hit && (hit.snapshot === null || sameElements(hit.snapshot, records))) return hit.value;
  const value = new RecordColumnsImpl(records);
  CACHE.set(records, { snapshot: Object.isFrozen(records) ? null : records.slice(), value });
  return value;
}

const ENV_INDEX: ReadonlyMap<string, number> = new Map(ENVIRONMENT_FIELDS.map((f, i) => [f, i]));

/**
 * The environment fields of `r` by named property loads (one inline cache per field) into `out`,
 * in ENVIRONMENT_FIELDS order. A keyed load `r[field]` over varying fields is megamorphic and
 * ~2.5× slower for the whole encoding.
 */
function readEnvironment(r: ResultRecord, out: RawValue[]): void {
  out[0] = r.set;
  out[1] = r.storage;
  out[2] = r.source;
  out[3] = r.fs;
  out[4] = r.medium;
  out[5] = r.format;
  out[6] = r.prealloc;
  out[7] = r.cache;
  out[8] = r.aio;
  out[9] = r.bus;
  out[10] = r.iothread;
  out[11] = r.prewritten;
  out[12] = r.vms;
  out[13] = r.layer;
  out[14] = r.rw;
  out[15] = r.bs;
  out[16] = r.iodepth;
  out[17] = r.numjobs;
  out[18] = r.ioengine;
}

/** A field value as read from a record. */
type RawValue = string | number | boolean | null | undefined;

/**
 * Dictionary encoder of one column. Codes start as 8-bit and widen to 16 and 32 bits as the
 * dictionary grows: the encoding pass writes every column for every record, and narrow columns
 * keep that working set in cache (Int32 columns made the pass ~1.6× slower).
 */
class ColumnBuilder {
  codes: Codes;
  readonly dict: DimensionValue[] = [];
  private readonly lookup = new Map<unknown, number>();
  /** The last value and its code: runs of equal values skip the Map. */
  lastRaw: unknown = this.lookup; // a sentinel no value equals
  lastCode = -1;

  constructor(rows: number) {
    this.codes = new Uint8Array(rows);
  }

  /** Same value → code mapping as encode(): null/undefined and '' are one entry, others String(). */
  code(raw: RawValue): number {
    let c = this.lookup.get(raw);
    if (c === undefined) {
      const v = raw === null || raw === undefined ? '' : String(raw);
      c = this.lookup.get(v);
      if (c === undefined) {
        c = this.dict.length;
        this.dict.push(v);
        this.lookup.set(v, c);
        if (c === 256 || c === 65536) {
          const wider =
            c === 256 ? new Uint16Array(this.codes.length) : new Int32Array(this.codes.length);
          wider.set(this.codes);
          this.codes = wider;
        }
      }
      this.lookup.set(raw, c);
    }
    this.lastRaw = raw;
    this.lastCode = c;
    return c;
  }

  column(): Column {
    return { codes: this.codes, dict: this.dict };
  }
}

class RecordColumnsImpl implements RecordColumns {
  readonly rows: number;
  private readonly cols = new Map<Dimension, Column>();
  private readonly classes = new Map<Dimension, Int32Array>();
  private readonly countCache = new Map<Dimension, Int32Array>();
  private extras: Dimension[] | null = null;
  private factCache: RecordFacts | null = null;
  private ranks: Int32Array | null = null;
  private readonly groupCache: { sig: string; groups: CellGroups }[] = [];

  constructor(private readonly records: readonly ResultRecord[]) {
    this.rows = records.length;
  }

  private restatedCache: boolean | null = null;

  get anyRestated(): boolean {
    if (this.restatedCache === null) {
      const status = this.facts().status;
      let any = false;
      for (let i = 0; i < status.length && !any; i++) if (status[i]! & STATUS_RESTATED) any = true;
      this.restatedCache = any;
    }
    return this.restatedCache;
  }

  columns(dims: readonly Dimension[]): Column[] {
    const missing = dims.filter((d, i) => !this.cols.has(d) && dims.indexOf(d) === i);
    if (missing.length > 0) this.encodeMissing(missing);
    return dims.map((d) => this.cols.get(d)!);
  }

  private encodeMissing(dims: readonly Dimension[]): void {
    const n = this.rows;
    const records = this.records;
    // Environment fields: one pass reading each record once.
    const env: { slot: number; b: ColumnBuilder; dim: Dimension }[] = [];
    const other: { dim: Dimension; b: ColumnBuilder }[] = [];
    for (const dim of dims) {
      const slot = ENV_INDEX.get(dim);
      if (slot !== undefined) env.push({ slot, b: new ColumnBuilder(n), dim });
      else other.push({ dim, b: new ColumnBuilder(n) });
    }
    if (env.length > 0) {
      const vals: RawValue[] = new Array<RawValue>(ENVIRONMENT_FIELDS.length).fill(null);
      const E = env.length;
      const slots = Int32Array.from(env, (x) => x.slot);
      const builders = env.map((x) => x.b);
      for (let i = 0; i < n; i++) {
        readEnvironment(records[i]!, vals);
        for (let e = 0; e < E; e++) {
          const raw = vals[slots[e]!];
          const b = builders[e]!;
          if (raw === b.lastRaw) b.codes[i] = b.lastCode;
          else {
            const c = b.code(raw);
            b.codes[i] = c; // after code(): it may have widened the array
          }
        }
      }
      for (const x of env) this.cols.set(x.dim, x.b.column());
    }
    for (const { dim, b } of other) {
      if (dim.startsWith('x:')) {
        const name = dim.slice(2);
        for (let i = 0; i < n; i++) {
          const raw = records[i]!.extra[name];
          if (raw === b.lastRaw) b.codes[i] = b.lastCode;
          else {
            const c = b.code(raw);
            b.codes[i] = c;
          }
        }
      } else {
        // Not a dimension (e.g. a metric used as an axis by mistake): read it like dimensionValue.
        const field = dim as EnvironmentField;
        for (let i = 0; i < n; i++) {
          const raw = records[i]![field];
          if (raw === b.lastRaw) b.codes[i] = b.lastCode;
          else {
            const c = b.code(raw);
            b.codes[i] = c;
          }
        }
      }
      this.cols.set(dim, b.column());
    }
  }

  orderClass(dim: Dimension): Int32Array {
    let cls = this.classes.get(dim);
    if (!cls) {
      const dict = this.columns([dim])[0]!.dict;
      const order = dict.map((_, i) => i).sort((a, b) => compareValues(dict[a]!, dict[b]!));
      cls = new Int32Array(dict.length);
      let k = -1;
      for (let j = 0; j < order.length; j++) {
        if (j === 0 || compareValues(dict[order[j - 1]!]!, dict[order[j]!]!) !== 0) k++;
        cls[order[j]!] = k;
      }
      this.classes.set(dim, cls);
    }
    return cls;
  }

  counts(dim: Dimension): Int32Array {
    let counts = this.countCache.get(dim);
    if (!counts) {
      const { codes, dict } = this.columns([dim])[0]!;
      counts = new Int32Array(dict.length);
      for (let i = 0; i < codes.length; i++) counts[codes[i]!]!++;
      this.countCache.set(dim, counts);
    }
    return counts;
  }

  extraDimensions(): Dimension[] {
    this.extras ??= extraDimensions(this.records);
    return this.extras;
  }

  facts(): RecordFacts {
    if (this.factCache) return this.factCache;
    const n = this.rows;
    const status = new Uint8Array(n);
    const M = FACT_METRICS.length;
    const metrics = new Float64Array(n * M);
    const get = FACT_METRICS.map((m) => METRIC_READERS[m]);
    for (let i = 0; i < n; i++) {
      const r = this.records[i]!;
      let st = 0;
      const flags = r.flags;
      if (flags.length > 0) {
        st |= STATUS_ANY_FLAG;
        for (let f = 0; f < flags.length; f++) st |= FLAG_BIT.get(flags[f]!) ?? STATUS_UNKNOWN_FLAG;
      }
      if (r.restates !== null) st |= STATUS_RESTATED;
      if (
        r.iops !== null ||
        r.lat_mean_us !== null ||
        r.bw_kib_s !== null ||
        r.lat_p99_us !== null ||
        r.iops_total !== null
      )
        st |= STATUS_HAS_METRIC;
      status[i] = st;
      for (let m = 0; m < M; m++) metrics[i * M + m] = finiteOrNaN(get[m]!(r));
    }
    this.factCache = { status, metrics };
    return this.factCache;
  }

  private rankRequests = 0;

  originRankWhenUseful(): Int32Array | null {
    if (this.ranks) return this.ranks;
    // Ranking costs about as much as ~2k comparator sorts of a side: rank after that many.
    return ++this.rankRequests > 2048 ? this.originRank() : null;
  }

  originRank(): Int32Array {
    if (this.ranks) return this.ranks;
    const n = this.rows;
    // The built-in string sort (no comparator) is ~3× faster than sorting indexes by comparator.
    const origins = new Array<string>(n);
    for (let i = 0; i < n; i++) origins[i] = this.records[i]!.origin;
    const sorted = origins.slice().sort();
    const rankOf = new Map<string, number>();
    for (let i = 0; i < n; i++)
      if (i === 0 || sorted[i] !== sorted[i - 1]) rankOf.set(sorted[i]!, i);
    const ranks = new Int32Array(n);
    for (let i = 0; i < n; i++) ranks[i] = rankOf.get(origins[i]!)!;
    this.ranks = ranks;
    return ranks;
  }

  cellGroups(dims: readonly Dimension[]): CellGroups {
    const sig = dims.join('\u0000');
    const hit = this.groupCache.find((k) => k.sig === sig);
    if (hit) return hit.groups;
    const columns = this.columns(dims);
    const n = this.rows;
    const D = dims.length;
    const keys = new Float64Array(n);
    let range = 1;
    for (const c of columns) {
      const card = Math.max(1, c.dict.length);
      if (range * card > SAFE) {
        // Densify so the arithmetic stays exact (only with huge dictionaries).
        const dense = groupKeys(keys);
        for (let i = 0; i < n; i++) keys[i] = dense.groupOf[i]!;
        range = dense.count;
      }
      const col = c.codes;
      for (let i = 0; i < n; i++) keys[i] = keys[i]! * card + col[i]!;
      range *= card;
    }
    const g = groupKeys(keys);
    const codes = new Int32Array(g.count * D);
    for (let d = 0; d < D; d++) {
      const col = columns[d]!.codes;
      for (let k = 0; k < g.count; k++) codes[k * D + d] = col[g.firstRow[k]!]!;
    }
    const groups: CellGroups = {
      groupOf: g.groupOf,
      count: g.count,
      codes,
      keys: new Array<string | undefined>(g.count),
      cells: new Array<Record<string, DimensionValue> | undefined>(g.count),
    };
    this.groupCache.unshift({ sig, groups });
    if (this.groupCache.length > 4) this.groupCache.pop();
    return groups;
  }
}

/** Named loads of each metric (one inline cache each). */
const METRIC_READERS: Record<MetricField, (r: ResultRecord) => number | null> = {
  iops: (r) => r.iops,
  iops_total: (r) => r.iops_total,
  lat_mean_us: (r) => r.lat_mean_us,
  lat_p99_us: (r) => r.lat_p99_us,
  bw_kib_s: (r) => r.bw_kib_s,
};

function finiteOrNaN(v: number | null): number {
  return v !== null && Number.isFinite(v) ? v : NaN;
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

/**
 * Groups of equal float keys (exact integers < 2^53) by open addressing: dense group ids in
 * order of first appearance, the first row and the key of every group. A Map<number, …> boxes
 * every key above 2^31 as a heap number; this table does not allocate per row.
 */
export function groupKeys(keys: Float64Array): {
  groupOf: Int32Array;
  count: number;
  firstRow: Int32Array;
  keyOf: Float64Array;
} {
  const n = keys.length;
  let size = 16;
  while (size < n * 2) size *= 2;
  const mask = size - 1;
  const slotKey = new Float64Array(size);
  const slotId = new Int32Array(size).fill(-1);
  const groupOf = new Int32Array(n);
  const first: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    let h = hashKey(k) & mask;
    for (;;) {
      const id = slotId[h]!;
      if (id < 0) {
        slotId[h] = first.length;
        slotKey[h] = k;
        groupOf[i] = first.length;
        first.push(i);
        break;
      }
      if (slotKey[h] === k) {
        groupOf[i] = id;
        break;
      }
      h = (h + 1) & mask;
    }
  }
  const firstRow = Int32Array.from(first);
  const keyOf = new Float64Array(first.length);
  for (let g = 0; g < first.length; g++) keyOf[g] = keys[first[g]!]!;
  return { groupOf, count: first.length, firstRow, keyOf };
}

/** Hash of an exact integer below 2^53 (for open-addressing tables). */
export function hashKey(k: number): number {
  const lo = k >>> 0; // k mod 2^32 (ToUint32), without a floating-point modulo
  const hi = (k / 4294967296) | 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x27d4eb2d), 0x9e3779b1);
  h ^= h >>> 15;
  return Math.imul(h, 0x85ebca6b) ^ (h >>> 13);
}

/** A set of numeric (or, beyond 2^52, string) keys. */
export class KeySet {
  private readonly table = new KeyMap();
  add(k: number | string): void {
    if (this.table.get(k) === undefined) this.table.set(k, 1);
  }
  has(k: number | string): boolean {
    return this.table.get(k) !== undefined;
  }
}

/**
 * Map from keys to small integers: numbers (exact integers < 2^53) in an open-addressing table
 * (a Map<number> boxes every key above 2^31), strings in a Map.
 */
export class KeyMap {
  private keys: Float64Array;
  private values: Int32Array;
  private size = 0;
  private strings: Map<string, number> | null = null;

  /** `expected`: number of keys expected (sizes the table once). */
  constructor(expected = 0) {
    let size = 64;
    while (size < expected * 2) size *= 2;
    this.keys = new Float64Array(size);
    this.values = new Int32Array(size).fill(-1);
  }

  get(k: number | string): number | undefined {
    if (typeof k === 'string') return this.strings?.get(k);
    const mask = this.keys.length - 1;
    for (let h = hashKey(k) & mask; ; h = (h + 1) & mask) {
      const v = this.values[h]!;
      if (v < 0) return undefined;
      if (this.keys[h] === k) return v;
    }
  }

  set(k: number | string, value: number): void {
    if (typeof k === 'string') {
      (this.strings ??= new Map()).set(k, value);
      return;
    }
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    for (let h = hashKey(k) & mask; ; h = (h + 1) & mask) {
      if (this.values[h]! < 0) {
        this.keys[h] = k;
        this.values[h] = value;
        this.size++;
        return;
      }
      if (this.keys[h] === k) {
        this.values[h] = value;
        return;
      }
    }
  }

  private grow(): void {
    const keys = this.keys;
    const values = this.values;
    this.keys = new Float64Array(keys.length * 2);
    this.values = new Int32Array(keys.length * 2).fill(-1);
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (values[i]! >= 0) this.set(keys[i]!, values[i]!);
  }
}
