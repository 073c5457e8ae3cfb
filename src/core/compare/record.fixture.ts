/**
 * Test helper: a ResultRecord with the defaults of the seed's test command (guest, LocalStorage
 * SSD, qcow2, prealloc off, cache none, virtio-blk, randread 4k, iodepth 128, numjobs 1, libaio).
 * Metrics default to null; pass them in `over`.
 */
import type { AioMode, Prealloc, ResultRecord } from '../model/record.types';
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

/**
 * A randwrite cell where native gains ~12% IOPS over threads while its p99.9 triples (3 repeats a
 * side): a tail regression, a stall. `maxFactor` also sets lat_max_us = p99.9 × maxFactor.
 */
export function stallingCell(
  prealloc: Prealloc,
  prewritten: boolean,
  maxFactor: number | null = null,
): ResultRecord[] {
  const runs: [AioMode, number, number][] = [
    ['threads', 10000, 2000],
    ['threads', 10050, 2100],
    ['threads', 9950, 1900],
    ['native', 11200, 6200],
    ['native', 11256, 6600],
    ['native', 11144, 5900],
  ];
  return runs.map(([aio, iops, p999], i) =>
    makeRecord({
      aio,
      prealloc,
      prewritten,
      rw: 'randwrite',
      run: `r${i % 3}`,
      iops: iops as Iops,
      lat_p999_us: p999 as Microseconds,
      ...(maxFactor !== null ? { lat_max_us: (p999 * maxFactor) as Microseconds } : {}),
    }),
  );
}
