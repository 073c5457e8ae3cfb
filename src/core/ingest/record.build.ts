/** Construction of canonical records with a fixed object shape (fast, and never a missing key). */
import type { QualityFlag, ResultRecord } from '../model/record.types';

/** Adds a flag once; false when the record already has it. */
export function addFlag(r: ResultRecord, f: QualityFlag): boolean {
  if (r.flags.includes(f)) return false;
  r.flags.push(f);
  return true;
}

/** Sets an extra column. */
export function setExtra(r: ResultRecord, key: string, value: string): void {
  r.extra[key] = value;
}

/** A record with every field null (flags empty): the starting point of every importer. */
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
    flags: [],
    origin,
    restates: null,
    extra: {},
  };
}

/** True when the record carries at least one metric (else it is `incomplete`). */
export function hasMetric(r: ResultRecord): boolean {
  return (
    r.iops !== null ||
    r.iops_total !== null ||
    r.lat_mean_us !== null ||
    r.lat_p99_us !== null ||
    r.bw_kib_s !== null
  );
}
