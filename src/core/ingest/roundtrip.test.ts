/**
 * Property: for records as ingest produces them (derivations and flags applied), the canonical CSV reads back
 * exactly — including rows that repeat the previous row's environment (the copy fast path).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ResultRecord } from '../model/record.types';
import {
  AIO_MODES,
  CACHE_MODES,
  FLAGS,
  FORMATS,
  LAYERS,
  PREALLOCS,
  RW_MODES,
  SOURCES,
} from '../model/record.types';
import { applyFlags, csvToRecords, recordsToCsv } from './ingest';
import { emptyRecord } from './record.build';
import { completeRecord } from './table.import';

const text = fc.oneof(
  fc.constantFrom('LocalStorage', 'SharedBlock', 'NFS', 'a,b', 'say "hi"', ' pad ', '中文'),
  fc.string({ minLength: 1, maxLength: 12 }),
);
const num = fc.oneof(
  fc.integer({ min: 0, max: 10_000_000 }),
  fc.double({ min: 0, max: 1e7, noNaN: true, noDefaultInfinity: true }),
);
const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });

const env = fc.record({
  storage: nullable(text),
  source: nullable(fc.constantFrom(...SOURCES)),
  fs: nullable(fc.constantFrom('xfs', 'ext4')),
  medium: nullable(fc.constantFrom('HDD', 'SSD', 'NVMe', 'FC-SAN', 'Optane')),
  format: nullable(fc.constantFrom(...FORMATS)),
  prealloc: nullable(fc.constantFrom(...PREALLOCS)),
  cache: nullable(fc.constantFrom(...CACHE_MODES)),
  aio: nullable(fc.constantFrom(...AIO_MODES)),
  bus: nullable(fc.constantFrom('virtio-blk', 'virtio-scsi')),
  iothread: nullable(fc.boolean()),
  prewritten: nullable(fc.boolean()),
  vms: nullable(fc.integer({ min: 1, max: 8 })),
  layer: nullable(fc.constantFrom(...LAYERS)),
  rw: nullable(fc.constantFrom(...RW_MODES)),
  bs: nullable(fc.constantFrom(512, 4096, 65536)),
  iodepth: nullable(fc.integer({ min: 1, max: 256 })),
  numjobs: nullable(fc.integer({ min: 1, max: 16 })),
  ioengine: nullable(fc.constantFrom('libaio', 'io_uring', 'psync')),
  runtime_s: nullable(fc.constantFrom(1, 60, 300, 2.5)),
  host_kernel: nullable(fc.constantFrom('4.18.0', '5.15.0-91')),
});

const metrics = fc.record({
  run: nullable(fc.constantFrom('1', '2', 'r3')),
  iops: nullable(num),
  iops_total: nullable(num),
  lat_mean_us: nullable(num),
  lat_p99_us: nullable(num),
  bw_kib_s: nullable(num),
  flags: fc.subarray([...FLAGS]),
  restates: nullable(fc.constant('x.md:3')),
  extra: fc.dictionary(
    fc.constantFrom('host', 'note', '备注'),
    fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() === s),
  ),
});

describe('canonical CSV round trip', () => {
  it('read(write(records)) deep-equals records, over 300 random sets', () => {
    fc.assert(
      fc.property(
        fc.array(env, { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(fc.nat(), metrics), { minLength: 1, maxLength: 30 }),
        (envs, rows) => {
          const records: ResultRecord[] = rows.map(([i, m], k) => {
            const r: ResultRecord = {
              ...emptyRecord('set-a', `f.csv:${k + 2}`),
              ...envs[i % envs.length]!,
              ...m,
            } as ResultRecord;
            // Strings are written trimmed by every importer; the generator's padded storage is kept as data.
            if (r.storage !== null && r.storage.trim() !== r.storage)
              r.storage = r.storage.trim() || null;
            if (r.storage === '') r.storage = null;
            r.flags = FLAGS.filter((f) => r.flags.includes(f));
            completeRecord(r); // derivations every importer applies (source/format from storage, vms)
            return r;
          });
          applyFlags(records);
          const back = csvToRecords(recordsToCsv(records), 'f.csv');
          expect(back.ok).toBe(true);
          if (back.ok) expect(back.value).toEqual(records);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});
