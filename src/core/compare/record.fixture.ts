/**
 * Test helper: a ResultRecord with the defaults of the seed's test command (guest, LocalStorage
 * SSD, qcow2, prealloc off, cache none, virtio-blk, randread 4k, iodepth 128, numjobs 1, libaio).
 * Metrics default to null; pass them in `over`.
 */
import type { ResultRecord } from '../model/record.types';
import type { Iops, Microseconds } from '../model/units';
import { emptyRecord } from '../ingest/record.build';

let counter = 0;

/** The production builder's record (every field, same key order) with the test defaults. */
export function makeRecord(over: Partial<ResultRecord> = {}): ResultRecord {
  counter++;
  return {
    ...emptyRecord('test', `fixture:${counter}`),
    storage: 'LocalStorage',
    source: 'file',
    fs: 'xfs',
    medium: 'SSD',
    format: 'qcow2',
    prealloc: 'off',
    cache: 'none',
    aio: 'threads',
    bus: 'virtio-blk',
    iothread: false,
    prewritten: false,
    vms: 1,
    layer: 'guest',
    rw: 'randread',
    bs: 4096 as ResultRecord['bs'],
    iodepth: 128,
    numjobs: 1,
    ioengine: 'libaio',
    ...over,
  };
}

/** A measured run: IOPS and mean latency (µs) on top of `over`. */
export function run(
  iops: number,
  latUs: number | null,
  over: Partial<ResultRecord> = {},
): ResultRecord {
  return makeRecord({
    iops: iops as Iops,
    lat_mean_us: latUs === null ? null : (latUs as Microseconds),
    ...over,
  });
}
