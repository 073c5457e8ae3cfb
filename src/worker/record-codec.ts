/**
 * The record codec: ResultRecord[] ⇄ columns (pure TypeScript, no DOM). Not to be confused with
 * core/compare/columnar.ts, which indexes records for pairing.
 *
 * Why: posting 100k plain records from the worker makes the main thread deserialize ~100k
 * objects in ONE task (structured clone is synchronous on receipt), and storing them in
 * IndexedDB clones them again. Columns are typed arrays (transferred, zero-copy) plus small
 * string dictionaries, so the main thread only materializes records in short chunks
 * (see `decodeRecords(columns, start, end)`), and IndexedDB stores a compact value.
 *
 * Encoding: strings → dictionary index (0 = null, k = dict[k-1]); numbers → Float64Array
 * (NaN = null: the core never produces NaN, a missing value is null); booleans → Int8Array
 * (-1 null, 0 false, 1 true); flags → dictionary of ';'-joined lists; extra → per-key dictionary
 * columns plus a per-record key-order "shape" (key order is the CSV column order, so it is kept).
 */
import {
  AIO_MODES,
  CACHE_MODES,
  CANONICAL_COLUMNS,
  FLAGS,
  FORMATS,
  LAYERS,
  PREALLOCS,
  RW_MODES,
  SOURCES,
  V2_NUMBER_FIELDS,
  NUMBER_FIELDS,
  BOOL_FIELDS,
  type BoolField,
  type NumberField,
  type CanonicalColumn,
  type QualityFlag,
  type ResultRecord,
} from '../core/model/record.types';
import { fail, ok, type Result } from '../core/model/result';
import { NO_EXTRA, NO_FLAGS } from '../core/ingest/record.build';
import { checkTail } from '../core/tails/tail-shape';

/**
 * Number columns that values stored before the spec's second version lack: validateColumnar
 * reads such a value with the column all null (the records were read before the fields existed).
 */
const LATER_NUMBER_FIELDS: ReadonlySet<string> = new Set(V2_NUMBER_FIELDS);
/** Every other canonical column holds a string (free text or an enum's value), as does `restates`. */
type StringField =
  Exclude<CanonicalColumn, NumberField | BoolField | 'flags' | 'origin'> | 'restates';
const NOT_STRINGS: ReadonlySet<string> = new Set([
  ...NUMBER_FIELDS,
  ...BOOL_FIELDS,
  'flags',
  'origin',
]);
const STRING_FIELDS: readonly StringField[] = [
  ...CANONICAL_COLUMNS.filter((f): f is Exclude<StringField, 'restates'> => !NOT_STRINGS.has(f)),
  'restates',
];
// `tail` (typed arrays, issue 15) is deliberately not a column: it travels in `rest`, and
// structured clone (postMessage, IndexedDB) keeps its typed arrays as they are.
type Covered = StringField | NumberField | BoolField | 'origin' | 'flags' | 'extra' | 'tail';
// Compile-time guard: a field added to ResultRecord must be added here too, or typecheck fails.
// (At run time, unknown own properties still travel, in `rest`, so nothing is lost meanwhile.)
const _allFieldsCovered: [Exclude<keyof ResultRecord, Covered>] extends [never] ? true : never =
  true;
const KNOWN_KEYS: ReadonlySet<string> = new Set<string>([
  ...STRING_FIELDS,
  ...NUMBER_FIELDS,
  ...BOOL_FIELDS,
  'origin',
  'flags',
  'extra',
]);

/** Vocabulary of the enum fields: a stored or received value outside it is invalid. */
const ENUM_VOCABULARY: Partial<Record<StringField, readonly string[]>> = {
  source: SOURCES,
  format: FORMATS,
  prealloc: PREALLOCS,
  cache: CACHE_MODES,
  aio: AIO_MODES,
  layer: LAYERS,
  rw: RW_MODES,
};
const NON_NULL_STRINGS: ReadonlySet<StringField> = new Set(['set']);

const ORIGIN_LINE = /^([\s\S]*):([1-9]\d{0,9})$/;

/** Dictionary-encoded string column: idx[i] = 0 means null, k means dict[k - 1]. */
export interface StringColumn {
  dict: string[];
  idx: Uint32Array;
}

export interface ColumnarRecords {
  /** Encoding version, checked when reading back from storage. */
  v: 1;
  length: number;
  strings: Record<StringField, StringColumn>;
  numbers: Record<NumberField, Float64Array>;
  bools: Record<BoolField, Int8Array>;
  /**
   * `origin` split as "PREFIX:LINE" (line 1..2^32-1 without leading zeros; 0 = the prefix is the
   * whole origin, e.g. "file.json#jobs[0]"): 100k unique origins become one prefix and a
   * Uint32Array instead of 100k strings to clone.
   */
  originPrefix: StringColumn;
  originLine: Uint32Array;
  /** ';'-joined flag lists; idx 0 = no flags. */
  flags: StringColumn;
  extraKeys: string[];
  /** Distinct key orders of `extra`, as indexes into extraKeys; shape 0 is always []. */
  extraShapes: number[][];
  extraShape: Uint32Array;
  /** One column per extra key (same order as extraKeys); idx 0 = key absent. */
  extraValues: StringColumn[];
  /** Own properties outside the known record fields, per record (null when none at all). */
  rest: (Record<string, unknown> | null)[] | null;
}

class DictBuilder {
  readonly dict: string[] = [];
  private readonly index = new Map<string, number>();
  readonly idx: Uint32Array;
  // Neighbouring records mostly share a value (same set, storage, medium…): skip the Map then.
  private lastValue: string | null = null;
  private lastIndex = 0;
  constructor(length: number) {
    this.idx = new Uint32Array(length);
  }
  set(i: number, value: string | null | undefined): void {
    if (value === null || value === undefined) return;
    if (value === this.lastValue) {
      this.idx[i] = this.lastIndex;
      return;
    }
    let k = this.index.get(value);
    if (k === undefined) {
      this.dict.push(value);
      k = this.dict.length;
      this.index.set(value, k);
    }
    this.idx[i] = k;
    this.lastValue = value;
    this.lastIndex = k;
  }
  column(): StringColumn {
    return { dict: this.dict, idx: this.idx };
  }
}

/**
 * Incremental encoder: `add` rows in any number of calls, then `finish`. Lets a caller encode a
 * large set in chunks between which it yields to the event loop (see encodeRecordsChunked).
 */
class RecordEncoder {
  private readonly strings = {} as Record<StringField, DictBuilder>;
  private readonly numbers = {} as Record<NumberField, Float64Array>;
  private readonly bools = {} as Record<BoolField, Int8Array>;
  private readonly flags: DictBuilder;
  private readonly originPrefix: DictBuilder;
  private readonly originLine: Uint32Array;
  private readonly extraKeys: string[] = [];
  private readonly extraKeyIndex = new Map<string, number>();
  private readonly extraValues: DictBuilder[] = [];
  private readonly extraShapes: number[][] = [[]];
  private readonly shapeIndex = new Map<string, number>([['', 0]]);
  private readonly extraShape: Uint32Array;
  private rest: (Record<string, unknown> | null)[] | null = null;

  constructor(private readonly records: readonly ResultRecord[]) {
    const n = records.length;
    for (const f of STRING_FIELDS) this.strings[f] = new DictBuilder(n);
    for (const f of NUMBER_FIELDS) this.numbers[f] = new Float64Array(n);
    for (const f of BOOL_FIELDS) this.bools[f] = new Int8Array(n);
    this.flags = new DictBuilder(n);
    this.originPrefix = new DictBuilder(n);
    this.originLine = new Uint32Array(n);
    this.extraShape = new Uint32Array(n);
  }

  add(start: number, end: number): void {
    const records = this.records;
    const n = records.length;
    const to = Math.min(end, n);
    // Row by row: each record is visited once (column by column was 3x slower: cache misses).
    for (let i = start; i < to; i++) {
      const r = records[i]!;
      for (const f of STRING_FIELDS) this.strings[f].set(i, r[f]);
      for (const f of NUMBER_FIELDS) {
        const v = r[f];
        this.numbers[f][i] = typeof v === 'number' ? v : NaN;
      }
      for (const f of BOOL_FIELDS) {
        const v = r[f];
        this.bools[f][i] = v === true ? 1 : v === false ? 0 : -1;
      }
      const origin = r.origin;
      const m = ORIGIN_LINE.exec(origin);
      if (m && Number(m[2]) <= 0xffffffff) {
        this.originPrefix.set(i, m[1]);
        this.originLine[i] = Number(m[2]);
      } else this.originPrefix.set(i, origin);
      if (r.flags.length > 0) this.flags.set(i, r.flags.join(';'));
      const keys = Object.keys(r.extra);
      if (keys.length > 0) {
        const shape: number[] = [];
        for (const key of keys) {
          let k = this.extraKeyIndex.get(key);
          if (k === undefined) {
            k = this.extraKeys.length;
            this.extraKeys.push(key);
            this.extraKeyIndex.set(key, k);
            this.extraValues.push(new DictBuilder(n));
          }
          shape.push(k);
          this.extraValues[k]!.set(i, r.extra[key] ?? '');
        }
        const sig = shape.join(',');
        let s = this.shapeIndex.get(sig);
        if (s === undefined) {
          s = this.extraShapes.length;
          this.extraShapes.push(shape);
          this.shapeIndex.set(sig, s);
        }
        this.extraShape[i] = s;
      }
      for (const key of Object.keys(r)) {
        if (KNOWN_KEYS.has(key)) continue;
        this.rest ??= new Array<Record<string, unknown> | null>(n).fill(null);
        (this.rest[i] ??= {})[key] = (r as unknown as Record<string, unknown>)[key];
      }
    }
  }

  finish(): ColumnarRecords {
    const strings = {} as Record<StringField, StringColumn>;
    for (const f of STRING_FIELDS) strings[f] = this.strings[f].column();
    return {
      v: 1,
      length: this.records.length,
      strings,
      numbers: this.numbers,
      bools: this.bools,
      originPrefix: this.originPrefix.column(),
      originLine: this.originLine,
      flags: this.flags.column(),
      extraKeys: this.extraKeys,
      extraShapes: this.extraShapes,
      extraShape: this.extraShape,
      extraValues: this.extraValues.map((b) => b.column()),
      rest: this.rest,
    };
  }
}

/** Encodes records into columns. Pure; O(records × fields). */
export function encodeRecords(records: readonly ResultRecord[]): ColumnarRecords {
  const encoder = new RecordEncoder(records);
  encoder.add(0, records.length);
  return encoder.finish();
}

/** Records per main-thread task when encoding/decoding in chunks (≈2–5 ms each). */
export const CHUNK = 2000;

/**
 * Yields to the event loop so that input, rendering and other tasks run between chunks. A
 * MessageChannel message is an ordinary task (setTimeout(0) is clamped to 4 ms when nested, which
 * would add ~200 ms to a 100k decode; scheduler.yield() would be prioritized ahead of timers and
 * starve them for the whole decode).
 */
export function yieldToMain(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** encodeRecords in chunks of `chunk` records, yielding in between (main-thread use). */
export async function encodeRecordsChunked(
  records: readonly ResultRecord[],
  chunk = CHUNK,
): Promise<ColumnarRecords> {
  const encoder = new RecordEncoder(records);
  for (let start = 0; start < records.length; start += chunk) {
    if (start > 0) await yieldToMain();
    encoder.add(start, start + chunk);
  }
  return encoder.finish();
}

/** Records per part: large sets travel and are stored as parts of at most this many records. */
export const PART_ROWS = 10_000;

/** Encodes records as parts of at most PART_ROWS records (no part for no records). */
export function encodeParts(records: readonly ResultRecord[]): ColumnarRecords[] {
  const parts: ColumnarRecords[] = [];
  for (let start = 0; start < records.length; start += PART_ROWS)
    parts.push(encodeRecords(records.slice(start, start + PART_ROWS)));
  return parts;
}

/** encodeParts in chunks, yielding in between (main-thread use). */
export async function encodePartsChunked(
  records: readonly ResultRecord[],
): Promise<ColumnarRecords[]> {
  const parts: ColumnarRecords[] = [];
  for (let start = 0; start < records.length; start += PART_ROWS)
    parts.push(await encodeRecordsChunked(records.slice(start, start + PART_ROWS)));
  return parts;
}

/** All records of parts, in order (synchronous; tests and small inputs). */
export function decodeParts(parts: readonly ColumnarRecords[]): ResultRecord[] {
  return parts.flatMap((p) => decodeRecords(p));
}

/**
 * Encoded parts already known for a records array (the worker's output, or what was read from
 * IndexedDB), so saving a freshly loaded set does not encode it again on the main thread.
 * Keyed by the array itself; loaded records are treated as immutable data.
 */
export const encodedParts = new WeakMap<readonly ResultRecord[], readonly ColumnarRecords[]>();

/** The ArrayBuffers of the typed-array columns, for a postMessage transfer list. */
export function transferables(c: ColumnarRecords): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const add = (a: { buffer: ArrayBufferLike }) => {
    if (a.buffer instanceof ArrayBuffer && !out.includes(a.buffer)) out.push(a.buffer);
  };
  for (const f of STRING_FIELDS) add(c.strings[f].idx);
  for (const f of NUMBER_FIELDS) add(c.numbers[f]);
  for (const f of BOOL_FIELDS) add(c.bools[f]);
  add(c.flags.idx);
  add(c.originPrefix.idx);
  add(c.originLine);
  add(c.extraShape);
  for (const col of c.extraValues) add(col.idx);
  return out;
}

const str = (col: StringColumn, i: number): string | null => {
  const k = col.idx[i]!;
  return k === 0 ? null : col.dict[k - 1]!;
};
const num = (a: Float64Array, i: number): number | null => {
  const v = a[i]!;
  return Number.isNaN(v) ? null : v;
};
const bool = (a: Int8Array, i: number): boolean | null => {
  const v = a[i]!;
  return v === 1 ? true : v === 0 ? false : null;
};

/**
 * Materializes records [start, end) (clamped to the column length). Call it in chunks on the
 * main thread, yielding between chunks. Enum values are trusted here: use `validateColumnar`
 * first on anything that did not come straight from `encodeRecords`.
 */
export function decodeRecords(c: ColumnarRecords, start = 0, end = c.length): ResultRecord[] {
  const from = Math.max(0, start);
  const to = Math.min(end, c.length);
  const s = c.strings;
  const nb = c.numbers;
  // Records are immutable once loaded: like ingest, records share one frozen flag list per
  // distinct list, and a frozen extra object with the previous record when theirs are equal
  // (runs are common: a file's records share its extra columns). A million records then hold
  // no million small arrays and objects (≈ 88 MB), and readers of extras can skip repeats.
  const flagLists = c.flags.dict.map(
    (d) => Object.freeze(d.split(';')) as unknown as QualityFlag[],
  );
  const out: ResultRecord[] = [];
  let prevExtra: Record<string, string> = NO_EXTRA;
  let prevShape = 0;
  let prevRow = -1;
  for (let i = from; i < to; i++) {
    const flagIdx = c.flags.idx[i]!;
    const shapeIdx = c.extraShape[i]!;
    let extra = NO_EXTRA;
    if (shapeIdx !== 0) {
      const shape = c.extraShapes[shapeIdx]!;
      let same = shapeIdx === prevShape && prevRow >= 0;
      for (let j = 0; same && j < shape.length; j++) {
        const idx = c.extraValues[shape[j]!]!.idx;
        same = idx[i] === idx[prevRow];
      }
      if (same) extra = prevExtra;
      else {
        const built: Record<string, string> = {};
        for (const k of shape) built[c.extraKeys[k]!] = str(c.extraValues[k]!, i) ?? '';
        extra = Object.freeze(built);
      }
      prevExtra = extra;
      prevShape = shapeIdx;
      prevRow = i;
    }
    // Enum casts: the codec only ever holds what encodeRecords or validateColumnar admitted.
    const record: ResultRecord = {
      set: str(s.set, i) ?? '',
      run: str(s.run, i),
      storage: str(s.storage, i),
      source: str(s.source, i) as ResultRecord['source'],
      fs: str(s.fs, i),
      medium: str(s.medium, i),
      format: str(s.format, i) as ResultRecord['format'],
      prealloc: str(s.prealloc, i) as ResultRecord['prealloc'],
      cache: str(s.cache, i) as ResultRecord['cache'],
      aio: str(s.aio, i) as ResultRecord['aio'],
      bus: str(s.bus, i),
      iothread: bool(c.bools.iothread, i),
      prewritten: bool(c.bools.prewritten, i),
      vms: num(nb.vms, i),
      layer: str(s.layer, i) as ResultRecord['layer'],
      rw: str(s.rw, i) as ResultRecord['rw'],
      bs: num(nb.bs, i) as ResultRecord['bs'],
      iodepth: num(nb.iodepth, i),
      numjobs: num(nb.numjobs, i),
      ioengine: str(s.ioengine, i),
      runtime_s: num(nb.runtime_s, i) as ResultRecord['runtime_s'],
      iops: num(nb.iops, i) as ResultRecord['iops'],
      iops_total: num(nb.iops_total, i) as ResultRecord['iops_total'],
      lat_mean_us: num(nb.lat_mean_us, i) as ResultRecord['lat_mean_us'],
      lat_p99_us: num(nb.lat_p99_us, i) as ResultRecord['lat_p99_us'],
      bw_kib_s: num(nb.bw_kib_s, i) as ResultRecord['bw_kib_s'],
      host_kernel: str(s.host_kernel, i),
      qemu: str(s.qemu, i),
      libvirt: str(s.libvirt, i),
      flags: flagIdx === 0 ? NO_FLAGS : flagLists[flagIdx - 1]!,
      origin:
        c.originLine[i] === 0
          ? (str(c.originPrefix, i) ?? '')
          : `${str(c.originPrefix, i) ?? ''}:${c.originLine[i]}`,
      lat_p999_us: num(nb.lat_p999_us, i) as ResultRecord['lat_p999_us'],
      lat_max_us: num(nb.lat_max_us, i) as ResultRecord['lat_max_us'],
      cpu_us_per_io: num(nb.cpu_us_per_io, i) as ResultRecord['cpu_us_per_io'],
      restates: str(s.restates, i),
      extra,
    };
    const more = c.rest?.[i];
    if (more) {
      Object.assign(record, more);
      // A tail that broke its contract on the way is dropped (it is optional); ranks re-shared.
      if (more['tail'] !== undefined) {
        const tail = checkTail(more['tail']);
        if (tail) record.tail = tail;
        else delete record.tail;
      }
    }
    out.push(record);
  }
  return out;
}

/**
 * Decodes all records in chunks of `chunk`, yielding to the event loop between chunks, so the
 * main thread is never blocked for the whole set (CHUNK records per task by default).
 */
export async function decodeRecordsChunked(
  c: ColumnarRecords,
  chunk = CHUNK,
): Promise<ResultRecord[]> {
  if (c.length <= chunk) return decodeRecords(c);
  const out: ResultRecord[] = [];
  for (let start = 0; start < c.length; start += chunk) {
    if (start > 0) await yieldToMain();
    for (const r of decodeRecords(c, start, start + chunk)) out.push(r);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Validation of columns that come from outside (IndexedDB): never trust stored shapes blindly.

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const isStringArray = (x: unknown): x is string[] =>
  Array.isArray(x) && x.every((s) => typeof s === 'string');

function checkStringColumn(
  x: unknown,
  n: number,
  name: string,
  nonNull: boolean,
  vocab?: readonly string[],
): string | null {
  if (!isRecord(x)) return `${name}: not a column`;
  const { dict, idx } = x;
  if (!isStringArray(dict)) return `${name}: dictionary is not a list of strings`;
  if (!(idx instanceof Uint32Array) || idx.length !== n)
    return `${name}: index is not a Uint32Array of length ${n}`;
  if (vocab) {
    const bad = dict.find((d) => !vocab.includes(d));
    if (bad !== undefined) return `${name}: "${bad}" is not one of ${vocab.join(', ')}`;
  }
  const max = dict.length;
  for (let i = 0; i < n; i++) {
    const k = idx[i]!;
    if (k > max) return `${name}: index out of range at row ${i}`;
    if (nonNull && k === 0) return `${name}: missing at row ${i}`;
  }
  return null;
}

/** Checks a value read back from storage; returns it typed, or the first problem found. */
export function validateColumnar(x: unknown): Result<ColumnarRecords> {
  if (!isRecord(x)) return fail('records: not an object');
  if (x.v !== 1) return fail(`records: unknown encoding version ${String(x.v)}`);
  const n = x.length;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) return fail('records: bad length');
  const { strings, numbers, bools, flags, extraKeys, extraShapes, extraShape, extraValues, rest } =
    x;
  if (!isRecord(strings) || !isRecord(numbers) || !isRecord(bools))
    return fail('records: missing column groups');
  for (const f of STRING_FIELDS) {
    const problem = checkStringColumn(
      strings[f],
      n,
      f,
      NON_NULL_STRINGS.has(f),
      ENUM_VOCABULARY[f],
    );
    if (problem) return fail(problem);
  }
  let filled: Record<string, Float64Array> | null = null;
  for (const f of NUMBER_FIELDS) {
    const col = numbers[f];
    if (col === undefined && LATER_NUMBER_FIELDS.has(f)) {
      (filled ??= {})[f] = new Float64Array(n).fill(NaN);
      continue;
    }
    if (!(col instanceof Float64Array) || col.length !== n)
      return fail(`${f}: not a Float64Array of length ${n}`);
  }
  for (const f of BOOL_FIELDS) {
    const col = bools[f];
    if (!(col instanceof Int8Array) || col.length !== n)
      return fail(`${f}: not an Int8Array of length ${n}`);
    if (col.some((v) => v < -1 || v > 1)) return fail(`${f}: value out of range`);
  }
  const originProblem = checkStringColumn(x.originPrefix, n, 'origin', true);
  if (originProblem) return fail(originProblem);
  if (!(x.originLine instanceof Uint32Array) || x.originLine.length !== n)
    return fail(`origin: line is not a Uint32Array of length ${n}`);
  const flagProblem = checkStringColumn(flags, n, 'flags', false);
  if (flagProblem) return fail(flagProblem);
  const flagDict = (flags as StringColumn).dict;
  const allowedFlags: readonly string[] = FLAGS;
  const badFlag = flagDict.flatMap((d) => d.split(';')).find((f) => !allowedFlags.includes(f));
  if (badFlag !== undefined) return fail(`flags: unknown flag "${badFlag}"`);
  if (!isStringArray(extraKeys) || new Set(extraKeys).size !== extraKeys.length)
    return fail('extra: bad key list');
  if (!Array.isArray(extraValues) || extraValues.length !== extraKeys.length)
    return fail('extra: value columns do not match keys');
  for (let k = 0; k < extraKeys.length; k++) {
    const problem = checkStringColumn(extraValues[k], n, `extra "${extraKeys[k]}"`, false);
    if (problem) return fail(problem);
  }
  if (
    !Array.isArray(extraShapes) ||
    extraShapes.length === 0 ||
    !extraShapes.every(
      (s) =>
        Array.isArray(s) &&
        s.every(
          (k) => Number.isInteger(k) && (k as number) >= 0 && (k as number) < extraKeys.length,
        ) &&
        new Set(s).size === s.length,
    ) ||
    (extraShapes[0] as unknown[]).length !== 0
  )
    return fail('extra: bad key orders');
  if (!(extraShape instanceof Uint32Array) || extraShape.length !== n)
    return fail('extra: bad shape index');
  const shapes = extraShapes as number[][];
  const values = extraValues as StringColumn[];
  for (let i = 0; i < n; i++) {
    const shape = shapes[extraShape[i]!];
    if (!shape) return fail(`extra: shape out of range at row ${i}`);
    // A value present for a key must be in the record's key order and vice versa.
    let present = 0;
    for (const col of values) if (col.idx[i] !== 0) present++;
    if (present !== shape.length || shape.some((k) => values[k]!.idx[i] === 0))
      return fail(`extra: inconsistent at row ${i}`);
  }
  if (rest !== null && rest !== undefined) {
    if (!Array.isArray(rest) || rest.length !== n || !rest.every((r) => r === null || isRecord(r)))
      return fail('records: bad extension fields');
    const clash = (rest as (Record<string, unknown> | null)[]).find(
      (r) => r && Object.keys(r).some((k) => KNOWN_KEYS.has(k) || k === '__proto__'),
    );
    if (clash) return fail('records: extension fields overwrite known fields');
  }
  return ok({
    ...(x as unknown as ColumnarRecords),
    ...(filled ? { numbers: { ...(numbers as ColumnarRecords['numbers']), ...filled } } : {}),
    rest: (rest as ColumnarRecords['rest']) ?? null,
  });
}
