/** fast-check generator of ResultRecords, for tests (not imported by app code). */
import fc from 'fast-check';
import {
  AIO_MODES,
  CACHE_MODES,
  FLAGS,
  FORMATS,
  LAYERS,
  PREALLOCS,
  RW_MODES,
  SOURCES,
  type ResultRecord,
} from '../core/model/record.types';

const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const text = fc.string({ maxLength: 12 });
const metric = nullable(fc.double({ noNaN: true }));
const int = nullable(fc.integer({ min: 0, max: 1 << 20 }));

/** Any record the core may produce, including odd strings and empty/duplicate-looking extras. */
export const recordArb: fc.Arbitrary<ResultRecord> = fc.record({
  set: text,
  run: nullable(text),
  storage: nullable(fc.constantFrom('LocalStorage', 'SharedBlock', 'NFS', '本地存储')),
  source: nullable(fc.constantFrom(...SOURCES)),
  fs: nullable(text),
  medium: nullable(fc.constantFrom('HDD', 'SSD', 'NVMe')),
  format: nullable(fc.constantFrom(...FORMATS)),
  prealloc: nullable(fc.constantFrom(...PREALLOCS)),
  cache: nullable(fc.constantFrom(...CACHE_MODES)),
  aio: nullable(fc.constantFrom(...AIO_MODES)),
  bus: nullable(text),
  iothread: nullable(fc.boolean()),
  prewritten: nullable(fc.boolean()),
  vms: int,
  layer: nullable(fc.constantFrom(...LAYERS)),
  rw: nullable(fc.constantFrom(...RW_MODES)),
  bs: int,
  iodepth: int,
  numjobs: int,
  ioengine: nullable(text),
  runtime_s: metric,
  iops: metric,
  iops_total: metric,
  lat_mean_us: metric,
  lat_p99_us: metric,
  bw_kib_s: metric,
  host_kernel: nullable(text),
  qemu: nullable(text),
  libvirt: nullable(text),
  flags: fc.subarray([...FLAGS]),
  origin: fc.oneof(
    text,
    fc
      .tuple(fc.constantFrom('a.csv', 'dir/表.md', '', 'x:y'), fc.integer({ min: 0, max: 2 ** 33 }))
      .map(([f, l]) => `${f}:${l}`),
    fc.constantFrom('run.json#jobs[0]', 'x.csv:007', 'x.csv:', ':1', 'a:b:12'),
  ),
  lat_p999_us: metric,
  lat_max_us: metric,
  cpu_us_per_io: metric,
  restates: nullable(text),
  extra: fc.dictionary(fc.constantFrom('host', '备注', 'note', '', 'x y'), text, { maxKeys: 4 }),
}) as fc.Arbitrary<ResultRecord>;
