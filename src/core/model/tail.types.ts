/**
 * The tail of a job (issue 15): what fio says about latency beyond one mean and one p99 — its
 * completion-latency percentile curve, its json+ histogram bins, and the time series of its log
 * files. Kept with the record (`ResultRecord.tail`), as typed arrays, never as strings.
 *
 * Contract:
 * - Every array of one object has the same length; ranks and times ascend.
 * - Latencies are µs (fio 3.x nanoseconds and fio 2.x microseconds are converted at ingest).
 * - A missing tail is `undefined` on the record: the CSV never carries it, so a record read back
 *   from CSV has none, and that is not an error.
 * - Tail objects are read-only once built: share them, never mutate them.
 */
import type { Microseconds } from './units';

/** Where a percentile curve came from. */
export type CurveSource =
  /** fio's own `clat_ns.percentile` / `clat.percentile` list (its --percentile_list). */
  | 'fio-percentiles'
  /** Computed from json+ histogram bins (core/tails), finer than fio's default list. */
  | 'fio-bins';

/** The completion-latency percentile curve of one job, one direction (the record's `rw`). */
export interface PercentileCurve {
  /** Percentile ranks in (0, 100], ascending: 1, 5, 10, …, 99.9, 99.95, 99.99. */
  readonly ranks: Float64Array;
  /** Latency at each rank, µs (brand applies to each element). */
  readonly valuesUs: Float64Array;
  readonly source: CurveSource;
}

/**
 * fio json+ `clat_ns.bins` (3.x) / `clat.bins` (2.x): latency → count. `upperUs[i]` is the
 * bin's value as fio prints it (its representative latency), converted to µs; ascending.
 */
export interface LatencyHistogram {
  readonly upperUs: Float64Array;
  readonly counts: Float64Array;
}

/** The kind of a fio log file, from its name: `NAME_lat.N.log`, `_clat`, `_slat`, `_iops`, `_bw`. */
export type SeriesKind = 'lat' | 'clat' | 'slat' | 'iops' | 'bw';

/**
 * One fio log file, parsed: `time (ms), value, direction, block size[, offset]` per line.
 * Values: latency kinds in µs (fio logs ns in 3.x unless log_unix_epoch / older: see the parser),
 * `iops` in I/O per second, `bw` in KiB/s.
 */
export interface TimeSeries {
  readonly kind: SeriesKind;
  /** Milliseconds since the job started. */
  readonly tMs: Float64Array;
  readonly values: Float64Array;
  /** 0 read, 1 write, 2 trim (fio's ddir column). */
  readonly ddir: Uint8Array;
  /** The log's averaging window (`log_avg_msec`), or null when every I/O was logged. */
  readonly avgMs: number | null;
  /** The log file, relative like `origin`. */
  readonly file: string;
}

/**
 * Which fio job a record stands for, as its log files name it (added by tails-ingest, issue 15):
 * fio writes `<prefix>_<kind>.<job number>.log` in the folder of the run, so a log is attached to
 * the record of the same folder whose prefixes hold its prefix (and, when several do, whose job
 * numbers hold its number).
 */
export interface FioJobRef {
  /** fio's `jobname`. */
  readonly name: string;
  /** The job name and the values of write_lat_log / write_iops_log / write_bw_log. */
  readonly logPrefixes: readonly string[];
  /** fio's job numbers of the jobs[] entries the record aggregates (jobs[] index + 1). */
  readonly jobNumbers: readonly number[];
  /** Latency logs are in ns (fio ≥ 3); false: µs (fio 2.x). */
  readonly latencyNs: boolean;
  /** The job's `log_avg_msec` (> 0), or null when every I/O is logged. */
  readonly logAvgMs: number | null;
}

/** Everything beyond the record's scalar metrics that one job left behind. */
export interface RecordTail {
  readonly curve?: PercentileCurve;
  readonly histogram?: LatencyHistogram;
  readonly series: readonly TimeSeries[];
  /** Set on records read from fio JSON: the key its log files are attached by. */
  readonly fioJob?: FioJobRef;
}

/** One point of a curve, for charts and summaries. */
export interface CurvePoint {
  rank: number;
  latencyUs: Microseconds;
}
