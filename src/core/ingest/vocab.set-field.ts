/**
 * Field setting: one cell into one field of a record, through a switch on the field's NAMED code
 * (CODE, checked against the record model), so large tables stay close to bare parsing speed.
 */
import type { ResultRecord } from '../model/record.types';
import type { Bytes, Iops, KibPerSecond, Microseconds, Seconds } from '../model/units';
import { addFlag, setExtra } from './record.build';
import type { StringPool } from './string.pool';
import { detach, GLOBAL_POOL } from './string.pool';
import { parseBlockSize, parseLatencyUs, parseSeconds, scalePow10 } from './units.parse';
import {
  AIO_EXACT,
  CACHE_EXACT,
  FORMAT_EXACT,
  LAYER_EXACT,
  MAX_VALUE_LENGTH,
  MEDIUM_EXACT,
  PREALLOC_EXACT,
  RW_EXACT,
  SOURCE_EXACT,
  TABLE_FIELDS,
  fastNumber,
} from './vocab';
import type { ColumnUnit, TableField } from './vocab';
import {
  FLAG_EXACT,
  isNullMarker,
  nonNegative,
  normalizeBus,
  normalizeMedium,
  parseAio,
  parseBool,
  parseCache,
  parseFlags,
  parseFormat,
  parseLayer,
  parsePrealloc,
  parseRw,
  parseSource,
  positiveInt,
  stripDefaultMarker,
} from './vocab.values';

/**
 * Sets one field of `rec` from a cell. Returns null on success (empty and "no value" cells set
 * nothing) or the reason the value is unusable. One switch per cell: no closures, no regex
 * compilation, so that large CSVs stay close to the speed of bare parsing.
 */
export function setField(
  rec: ResultRecord,
  field: TableField,
  cell: string,
  unit: ColumnUnit,
  pool: StringPool = GLOBAL_POOL,
): string | null {
  return setFieldByCode(rec, FIELD_CODE[field], field, cell, unit, pool);
}

/**
 * Each field's code by name: its index in TABLE_FIELDS. Written out as literals so the setter's
 * switch compiles to a jump table, and checked against the record model twice: by the type
 * checker (`satisfies FieldCodes`: inserting a column makes every shifted code a type error) and
 * by vocab.codes.test.ts. Never write a bare number for a field.
 */
export const CODE = {
  set: 0,
  run: 1,
  storage: 2,
  source: 3,
  fs: 4,
  medium: 5,
  format: 6,
  prealloc: 7,
  cache: 8,
  aio: 9,
  bus: 10,
  iothread: 11,
  prewritten: 12,
  vms: 13,
  layer: 14,
  rw: 15,
  bs: 16,
  iodepth: 17,
  numjobs: 18,
  ioengine: 19,
  runtime_s: 20,
  iops: 21,
  iops_total: 22,
  lat_mean_us: 23,
  lat_p99_us: 24,
  bw_kib_s: 25,
  host_kernel: 26,
  qemu: 27,
  libvirt: 28,
  flags: 29,
  origin: 30,
  lat_p999_us: 31,
  lat_max_us: 32,
  cpu_us_per_io: 33,
  restates: 34,
} as const satisfies FieldCodes;

/** Index of every name of a tuple of names: { a: 0, b: 1, … }. */
type IndexOf<T extends readonly string[], Seen extends unknown[] = []> = T extends readonly [
  infer Head extends string,
  ...infer Rest extends readonly string[],
]
  ? { readonly [K in Head]: Seen['length'] } & IndexOf<Rest, [...Seen, unknown]>
  : unknown;
/** The code every TABLE_FIELD must have. */
type FieldCodes = IndexOf<typeof TABLE_FIELDS>;

/** Index of each field in TABLE_FIELDS: the hot path switches on a small integer, not a string. */
export const FIELD_CODE = Object.fromEntries(TABLE_FIELDS.map((f, i) => [f, i])) as Record<
  TableField,
  number
>;

/**
 * setField with the field's code precomputed (table plans store it per column). String values
 * are stored as `pool`'s shared flat copies (or, for origin and restates, as flat copies): never
 * as slices that would keep the source text alive (string.pool.ts).
 */
export function setFieldByCode(
  rec: ResultRecord,
  code: number,
  field: TableField,
  cell: string,
  unit: ColumnUnit,
  pool: StringPool = GLOBAL_POOL,
): string | null {
  if (cell === '') return null;
  // No canonical value is this long; refusing early also keeps every pattern below linear.
  if (cell.length > MAX_VALUE_LENGTH)
    return `${field}: value of ${cell.length} characters is too long for this field`;
  let raw = cell;
  const c0 = raw.charCodeAt(0);
  const c1 = raw.charCodeAt(raw.length - 1);
  if (c0 <= 32 || c1 <= 32) {
    raw = raw.trim();
    if (raw === '') return null;
  }
  switch (code) {
    case CODE.set:
      rec.set = pool.get(CODE.set, raw);
      return null;
    case CODE.run:
      rec.run = pool.get(CODE.run, raw);
      return null;
    case CODE.storage:
      rec.storage = pool.get(CODE.storage, stripDefaultMarker(raw));
      return null;
    case CODE.fs:
      rec.fs = pool.get(CODE.fs, stripDefaultMarker(raw).toLowerCase());
      return null;
    case CODE.medium:
      rec.medium = MEDIUM_EXACT.get(raw) ?? pool.get(CODE.medium, normalizeMedium(raw));
      return null;
    case CODE.bus:
      rec.bus = pool.get(
        CODE.bus,
        raw === 'virtio-blk' || raw === 'virtio-scsi' ? raw : normalizeBus(raw),
      );
      return null;
    case CODE.ioengine:
      rec.ioengine = pool.get(CODE.ioengine, stripDefaultMarker(raw).toLowerCase());
      return null;
    case CODE.host_kernel:
      rec.host_kernel = pool.get(CODE.host_kernel, raw);
      return null;
    case CODE.qemu:
      rec.qemu = pool.get(CODE.qemu, raw);
      return null;
    case CODE.libvirt:
      rec.libvirt = pool.get(CODE.libvirt, raw);
      return null;
    case CODE.origin:
      rec.origin = detach(raw);
      return null;
    case CODE.restates:
      rec.restates = detach(raw);
      return null;
    case CODE.flags: {
      const exactFlag = FLAG_EXACT.get(raw);
      if (exactFlag !== undefined) {
        addFlag(rec, exactFlag);
        return null;
      }
      const { flags, unknown } = parseFlags(raw);
      for (const f of flags) addFlag(rec, f);
      if (unknown.length > 0)
        setExtra(rec, 'flags_unknown', pool.extraValue('flags_unknown', unknown.join(';')));
      return null;
    }
    case CODE.source: {
      const v = SOURCE_EXACT.get(raw) ?? parseSource(raw);
      if (v) rec.source = v;
      else if (!isNullMarker(raw)) return `source: '${raw}' is not one of file, block, network`;
      return null;
    }
    case CODE.format: {
      const v = FORMAT_EXACT.get(raw) ?? parseFormat(raw);
      if (v) rec.format = v;
      else if (!isNullMarker(raw)) return `format: '${raw}' is not one of qcow2, raw`;
      return null;
    }
    case CODE.prealloc: {
      const v = PREALLOC_EXACT.get(raw) ?? parsePrealloc(raw);
      if (v) rec.prealloc = v;
      else return `prealloc: '${raw}' is not one of off, metadata, falloc, full, n/a`;
      return null;
    }
    case CODE.cache: {
      const v = CACHE_EXACT.get(raw) ?? parseCache(raw);
      if (v) rec.cache = v;
      else if (!isNullMarker(raw))
        return `cache: '${raw}' is not one of none, directsync, writethrough, writeback, unsafe`;
      return null;
    }
    case CODE.aio: {
      const v = AIO_EXACT.get(raw) ?? parseAio(raw);
      if (v) rec.aio = v;
      else if (!isNullMarker(raw))
        return `aio: '${raw}' is not one of threads, native, io_uring (or √/x)`;
      return null;
    }
    case CODE.layer: {
      const v = LAYER_EXACT.get(raw) ?? parseLayer(raw);
      if (v) rec.layer = v;
      else if (!isNullMarker(raw)) return `layer: '${raw}' is not one of guest, host`;
      return null;
    }
    case CODE.iothread:
    case CODE.prewritten: {
      const v = raw === 'true' ? true : raw === 'false' ? false : parseBool(raw);
      if (v !== null) rec[field as 'iothread'] = v;
      else if (!isNullMarker(raw)) return `${field}: '${raw}' is not yes/no (true/false, √/x)`;
      return null;
    }
    case CODE.rw: {
      const exactRw = RW_EXACT.get(raw);
      if (exactRw !== undefined) {
        rec.rw = exactRw;
        return null;
      }
      const v = parseRw(raw);
      if (v) {
        rec.rw = v.rw;
        if (v.bs !== null && rec.bs === null) rec.bs = v.bs as Bytes;
      } else if (!isNullMarker(raw))
        return `rw: '${raw}' is not a read/write mode (randread, randwrite, randrw, read, write, rw, 4K随机读 …)`;
      return null;
    }
    case CODE.bs: {
      const f = fastNumber(raw);
      const v = f !== null && Number.isInteger(f) && f > 0 ? f : parseBlockSize(raw);
      if (v !== null) rec.bs = v as Bytes;
      else if (!isNullMarker(raw)) return `bs: '${raw}' is not a block size`;
      return null;
    }
    case CODE.vms:
    case CODE.iodepth:
    case CODE.numjobs: {
      const v = positiveInt(raw, field);
      if (typeof v === 'number') rec[field as 'vms'] = v;
      else if (!isNullMarker(raw)) return v;
      return null;
    }
    case CODE.runtime_s: {
      const f = unit.latPow === 0 ? fastNumber(raw) : null;
      if (f !== null && f >= 0) {
        rec.runtime_s = f as Seconds;
        return null;
      }
      const v = unit.latPow !== 0 ? parseLatencyUs(raw, unit.latPow) : null;
      const s = v !== null ? scalePow10(v, -6) : parseSeconds(raw);
      if (s !== null) rec.runtime_s = s as Seconds;
      else if (!isNullMarker(raw)) return `runtime_s: '${raw}' is not a duration`;
      return null;
    }
    case CODE.iops: {
      const f = fastNumber(raw);
      if (f !== null && f >= 0) {
        rec.iops = f as Iops;
        return null;
      }
      const v = nonNegative(raw, field);
      if (typeof v === 'number') rec.iops = v as Iops;
      else if (!isNullMarker(raw)) return v;
      return null;
    }
    case CODE.iops_total: {
      const v = nonNegative(raw, field);
      if (typeof v === 'number') rec.iops_total = v as Iops;
      else if (!isNullMarker(raw)) return v;
      return null;
    }
    case CODE.bw_kib_s: {
      const f = unit.bwMult === 1 ? fastNumber(raw) : null;
      if (f !== null && f >= 0) {
        rec.bw_kib_s = f as KibPerSecond;
        return null;
      }
      const v = nonNegative(raw, field);
      if (typeof v === 'number')
        rec.bw_kib_s = (unit.bwMult === 1 ? v : v * unit.bwMult) as KibPerSecond;
      else if (!isNullMarker(raw)) return v;
      return null;
    }
    case CODE.lat_mean_us: {
      const f = unit.latPow === 0 ? fastNumber(raw) : null;
      if (f !== null && f >= 0) {
        rec.lat_mean_us = f as Microseconds;
        return null;
      }
      const v = parseLatencyUs(raw, unit.latPow);
      if (v !== null && v >= 0) rec.lat_mean_us = v as Microseconds;
      else if (!isNullMarker(raw))
        return `${field}: '${raw}' is not a latency (number with ns, us, usec, ms, msec or s)`;
      return null;
    }
    case CODE.lat_p99_us:
    case CODE.lat_p999_us:
    case CODE.lat_max_us:
    case CODE.cpu_us_per_io: {
      const f = unit.latPow === 0 ? fastNumber(raw) : null;
      const v = f ?? parseLatencyUs(raw, unit.latPow);
      if (v !== null && v >= 0) rec[field as 'lat_p99_us'] = v as Microseconds;
      else if (!isNullMarker(raw))
        return `${field}: '${raw}' is not a ${code === CODE.cpu_us_per_io ? 'CPU time' : 'latency'} (number with ns, us, usec, ms, msec or s)`;
      return null;
    }
  }
  return `unknown field code ${code}`;
}
