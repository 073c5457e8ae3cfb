/** Construction of canonical records with a fixed object shape (fast, and never a missing key). */
import type { QualityFlag, ResultRecord } from '../model/record.types';

/**
 * The `flags` of a record without flags and the `extra` of a record without extra columns: one
 * frozen instance shared by every such record (an empty array and object per record cost 88 B, of
 * 1M records 88 MB). Records are immutable once loaded (see src/core/compare/columnar.ts); while a
 * record is built, addFlag and setExtra replace a frozen value by a copy instead of writing to it.
 */
export const NO_FLAGS: QualityFlag[] = Object.freeze([]) as unknown as QualityFlag[];
export const NO_EXTRA: Record<string, string> = Object.freeze({});

/** Adds a flag once; false when the record already has it. */
export function addFlag(r: ResultRecord, f: QualityFlag): boolean {
  const flags = r.flags;
  if (flags.includes(f)) return false;
  if (Object.isFrozen(flags)) r.flags = [...flags, f];
  else flags.push(f);
  return true;
}

/** Sets an extra column. */
export function setExtra(r: ResultRecord, key: string, value: string): void {
  if (Object.isFrozen(r.extra)) r.extra = { ...r.extra };
  r.extra[key] = value;
}

/**
 * A record with every field null (no flags, no extra: the shared frozen NO_FLAGS and NO_EXTRA,
 * see addFlag/setExtra): the starting point of every importer.
 */
export function emptyRecord(set: string, origin: string): ResultRecord {
  return {
    set,
    run: null,
    storage: null,
    source: null,
    fs: null,
    medium: null,
    format: null,
    prealloc: null,
    cache: null,
    aio: null,
    bus: null,
    iothread: null,
    prewritten: null,
    vms: null,
    layer: null,
    rw: null,
    bs: null,
    iodepth: null,
    numjobs: null,
    ioengine: null,
    runtime_s: null,
    iops: null,
    iops_total: null,
    lat_mean_us: null,
    lat_p99_us: null,
    bw_kib_s: null,
    host_kernel: null,
    qemu: null,
    libvirt: null,
    flags: NO_FLAGS,
    origin,
    lat_p999_us: null,
    lat_max_us: null,
    cpu_us_per_io: null,
    restates: null,
    extra: NO_EXTRA,
  };
}

/** True when the record carries at least one metric (else it is `incomplete`). */
export function hasMetric(r: ResultRecord): boolean {
  return (
    r.iops !== null ||
    r.iops_total !== null ||
    r.lat_mean_us !== null ||
    r.lat_p99_us !== null ||
    r.bw_kib_s !== null ||
    r.lat_p999_us !== null ||
    r.lat_max_us !== null ||
    r.cpu_us_per_io !== null
  );
}
