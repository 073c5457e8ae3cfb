/**
 * The per-records-array cache of encoded columns (recordColumns): one pass reads each record once
 * into dictionary codes and record facts, kept while the array lives (WeakMap). See RecordColumns
 * (columnar.types.ts) for the immutability contract.
 */
import type {
  Dimension,
  DimensionValue,
  EnvironmentField,
  MetricField,
  ResultRecord,
} from '../model/record.types';
import { ENVIRONMENT_FIELDS } from '../model/record.types';
import { compareValues, extraDimensions } from './dimensions';
import {
  FACT_METRICS,
  FLAG_BIT,
  STATUS_ANY_FLAG,
  STATUS_HAS_METRIC,
  STATUS_RESTATED,
  STATUS_UNKNOWN_FLAG,
} from './columnar.types';
import type { CellGroups, Codes, Column, RecordColumns, RecordFacts } from './columnar.types';
import { SAFE, groupKeys } from './columnar.keys';

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
