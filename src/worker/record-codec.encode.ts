/**
 * Encoding records into columns (see record-codec.ts for the encoding): the dictionary builder,
 * the incremental RecordEncoder, encodeRecords, and the transfer list of the typed arrays.
 */
import {
  NUMBER_FIELDS,
  BOOL_FIELDS,
  type BoolField,
  type NumberField,
  type ResultRecord,
} from '../core/model/record.types';
import {
  KNOWN_KEYS,
  STRING_FIELDS,
  type ColumnarRecords,
  type StringColumn,
  type StringField,
} from './record-codec.types';

const ORIGIN_LINE = /^([\s\S]*):([1-9]\d{0,9})$/;

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
export class RecordEncoder {
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
