/**
 * The canonical result record of docs/result-set.md. Field names and vocabularies are
 * a public interface: extend, never rename.
 */
import type { ColumnInference } from '../ingest/column-map';
import type { Bytes, Iops, KibPerSecond, Microseconds, Seconds } from './units';
import type { RecordTail } from './tail.types';

export const SOURCES = ['file', 'block', 'network'] as const;
export type SourceType = (typeof SOURCES)[number];

export const FORMATS = ['qcow2', 'raw'] as const;
export type DiskFormat = (typeof FORMATS)[number];

export const PREALLOCS = ['off', 'metadata', 'falloc', 'full', 'n/a'] as const;
export type Prealloc = (typeof PREALLOCS)[number];

export const CACHE_MODES = ['none', 'directsync', 'writethrough', 'writeback', 'unsafe'] as const;
export type CacheMode = (typeof CACHE_MODES)[number];

export const AIO_MODES = ['threads', 'native', 'io_uring'] as const;
export type AioMode = (typeof AIO_MODES)[number];

export const LAYERS = ['guest', 'host'] as const;
export type Layer = (typeof LAYERS)[number];

export const RW_MODES = ['randread', 'randwrite', 'randrw', 'read', 'write', 'rw'] as const;
export type RwMode = (typeof RW_MODES)[number];

export const FLAGS = ['unit-suspect', 'sparse-read', 'failed-run', 'incomplete'] as const;
export type QualityFlag = (typeof FLAGS)[number];

/**
 * One measured workload in one environment cell. `null` = not measured / not given, never 0.
 * Project-specific additions (beyond the spec) are marked "extension".
 */
export interface ResultRecord {
  set: string;
  run: string | null;
  storage: string | null;
  source: SourceType | null;
  fs: string | null;
  medium: string | null;
  format: DiskFormat | null;
  prealloc: Prealloc | null;
  cache: CacheMode | null;
  aio: AioMode | null;
  bus: string | null;
  iothread: boolean | null;
  prewritten: boolean | null;
  vms: number | null;
  layer: Layer | null;
  rw: RwMode | null;
  bs: Bytes | null;
  iodepth: number | null;
  numjobs: number | null;
  ioengine: string | null;
  runtime_s: Seconds | null;
  iops: Iops | null;
  iops_total: Iops | null;
  lat_mean_us: Microseconds | null;
  lat_p99_us: Microseconds | null;
  bw_kib_s: KibPerSecond | null;
  host_kernel: string | null;
  qemu: string | null;
  libvirt: string | null;
  flags: QualityFlag[];
  origin: string;
  /** Spec v2: 99.9th percentile completion latency. */
  lat_p999_us: Microseconds | null;
  /** Spec v2: largest completion latency seen in the run (a stall shows here first). */
  lat_max_us: Microseconds | null;
  /** Spec v2: host CPU time (user + system) of the measured process per completed I/O. */
  cpu_us_per_io: Microseconds | null;
  /**
   * Extension: the record restates a measurement already present elsewhere in the set (the
   * seed's 1-VM concurrency rows). Kept for display, never counted as an independent repeat.
   * Serialized as the extra column `restates` = origin of the restated record.
   */
  restates: string | null;
  /**
   * Extension (issue 15): percentile curve, histogram bins and log-file series of the job, when
   * the input had them (fio JSON / json+ and its log files). Never in CSV; see tail.types.ts.
   */
  tail?: RecordTail;
  /** Unknown columns, kept verbatim (CSV: after the canonical columns, in first-seen order). */
  extra: Record<string, string>;
}

/** CSV column order of the spec. `extra` columns follow; `restates` is written as an extra. */
export const CANONICAL_COLUMNS = [
  'set',
  'run',
  'storage',
  'source',
  'fs',
  'medium',
  'format',
  'prealloc',
  'cache',
  'aio',
  'bus',
  'iothread',
  'prewritten',
  'vms',
  'layer',
  'rw',
  'bs',
  'iodepth',
  'numjobs',
  'ioengine',
  'runtime_s',
  'iops',
  'iops_total',
  'lat_mean_us',
  'lat_p99_us',
  'bw_kib_s',
  'host_kernel',
  'qemu',
  'libvirt',
  'flags',
  'origin',
  // Second version of the spec: appended after origin, before extra columns.
  'lat_p999_us',
  'lat_max_us',
  'cpu_us_per_io',
] as const;
export type CanonicalColumn = (typeof CANONICAL_COLUMNS)[number];

/** Environment fields: what defines a cell. Metrics, provenance and run ids are not here. */
export const ENVIRONMENT_FIELDS = [
  'set',
  'storage',
  'source',
  'fs',
  'medium',
  'format',
  'prealloc',
  'cache',
  'aio',
  'bus',
  'iothread',
  'prewritten',
  'vms',
  'layer',
  'rw',
  'bs',
  'iodepth',
  'numjobs',
  'ioengine',
] as const;
export type EnvironmentField = (typeof ENVIRONMENT_FIELDS)[number];

export const METRIC_FIELDS = [
  'iops',
  'iops_total',
  'lat_mean_us',
  'lat_p99_us',
  'bw_kib_s',
] as const;
export type MetricField = (typeof METRIC_FIELDS)[number];

/**
 * Numeric fields of the spec's second version. Not (yet) in METRIC_FIELDS: the comparison, its
 * verdicts and the UI's metric choices list their metrics by name and would need labels first.
 */
export const V2_NUMBER_FIELDS = ['lat_p999_us', 'lat_max_us', 'cpu_us_per_io'] as const;
export type V2NumberField = (typeof V2_NUMBER_FIELDS)[number];

/** Every field that holds a number (null when unknown): the record codec and the stores type them. */
export const NUMBER_FIELDS = [
  'vms',
  'bs',
  'iodepth',
  'numjobs',
  'runtime_s',
  ...METRIC_FIELDS,
  ...V2_NUMBER_FIELDS,
] as const;
export type NumberField = (typeof NUMBER_FIELDS)[number];

/** Every field that holds a boolean (null when unknown). */
export const BOOL_FIELDS = ['iothread', 'prewritten'] as const;
export type BoolField = (typeof BOOL_FIELDS)[number];

/** Metrics where a lower value is better. */
export const LOWER_IS_BETTER: ReadonlySet<MetricField> = new Set(['lat_mean_us', 'lat_p99_us']);

/** A dimension is a canonical environment field or an extra column name (prefixed `x:`). */
export type Dimension = EnvironmentField | `x:${string}`;

/** Value of a dimension for display and grouping: always a string, '' for missing. */
export type DimensionValue = string;

/** Ingestion accounting of one input (file or paste): read = accepted + rejected, always. */
export interface RejectedRow {
  file: string;
  line: number;
  reason: string;
}
export interface IngestReport {
  file: string;
  format: string;
  read: number;
  accepted: number;
  rejected: RejectedRow[];
  flagged: number;
  /** Non-fatal notes (e.g. "decoded as GB18030", "3 unknown columns kept"). */
  notes: string[];
  /**
   * How each column of a table input (csv, tsv, markdown, json records) was mapped; absent for
   * fio JSON. Markdown: the columns of its first result table.
   */
  columns?: ColumnInference[];
}
export interface ResultSet {
  name: string;
  description: string;
  source: string;
  records: ResultRecord[];
  reports: IngestReport[];
}
