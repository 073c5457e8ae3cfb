/**
 * fio log files (write_lat_log, write_iops_log, write_bw_log): `NAME_lat.N.log`, `_clat`,
 * `_slat`, `_iops`, `_bw` (fio 3.x and 2.x; `NAME_lat.log` without N when per_job_logs=0).
 * Each line is `time (ms), value, data direction, block size[, offset][, priority]` (fio HOWTO,
 * "Log File Formats"): only the first three columns are kept. Latency values are ns in fio 3.x
 * and µs in fio 2.x — the file does not say which, so the caller (attach.ts) passes the unit of
 * the job it belongs to; every latency is stored in µs. Bandwidth is KiB/s, IOPS I/O per second.
 * Never throws: a line that is not a log line fails the file (a log is all or nothing).
 * Lines out of time order are sorted (stable).
 */
import type { Result } from '../model/result';
import { fail, ok } from '../model/result';
import type { SeriesKind, TimeSeries } from '../model/tail.types';

/** What a log file name says: `dir/prefix_kind.N.log`. */
export interface LogName {
  /** The folder part ('' at the top), '/'-separated. */
  folder: string;
  prefix: string;
  kind: SeriesKind;
  /** fio's job number, or null (per_job_logs=0). */
  jobNumber: number | null;
}

const LOG_NAME = /^(.*)_(lat|clat|slat|iops|bw)(?:\.(\d+))?\.log$/;

/** The parts of a fio log file path, or null when the name is not one. */
export function parseLogName(path: string): LogName | null {
  const slash = path.lastIndexOf('/');
  const base = path.slice(slash + 1);
  const m = LOG_NAME.exec(base);
  if (!m || m[1] === '') return null;
  return {
    folder: slash >= 0 ? path.slice(0, slash) : '',
    prefix: m[1]!,
    kind: m[2] as SeriesKind,
    jobNumber: m[3] !== undefined ? Number(m[3]) : null,
  };
}

/** True when a path names a fio log file (cheap: by name). */
export const isFioLogName = (path: string): boolean => parseLogName(path) !== null;

export interface LogParseOptions {
  kind: SeriesKind;
  /** The log file's path, kept in the series (relative like a record's origin). */
  file: string;
  /** Latency values are ns (fio ≥ 3) rather than µs; ignored for iops/bw. */
  latencyNs: boolean;
  /** log_avg_msec of the job, or null. */
  avgMs: number | null;
}

const isLatency = (k: SeriesKind): boolean => k === 'lat' || k === 'clat' || k === 'slat';

/** Reads one number from `text` at [start, end) (trimmed); NaN when it is not one. */
function numberAt(text: string, start: number, end: number): number {
  const s = text.slice(start, end).trim();
  return s === '' ? NaN : Number(s);
}

/**
 * The first three fields of the line text[start, end) when each is 1–15 digits between spaces
 * (what fio writes), into `out`; false for anything else (readLine then reads the line). Reads
 * the digits in place: no substring, the same numbers as trim() and Number().
 */
function fastLine(text: string, start: number, end: number, out: Float64Array): boolean {
  let p = start;
  for (let f = 0; f < 3; f++) {
    let c = text.charCodeAt(p);
    while (c === 32) c = text.charCodeAt(++p);
    const from = p;
    let n = 0;
    while (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      c = text.charCodeAt(++p);
    }
    if (p === from || p - from > 15) return false;
    while (c === 32 && p < end) c = text.charCodeAt(++p);
    if (f < 2) {
      if (c !== 44 || p >= end) return false; // ,
      p++;
    } else if (p !== end && c !== 44) return false;
    out[f] = n;
  }
  return true;
}

/**
 * The first three fields of the line text[start, end) read with trim() and Number() (NaN when
 * empty), into `out`; false when the line has fewer than three fields.
 */
function readLine(text: string, start: number, end: number, out: Float64Array): boolean {
  const c1 = text.indexOf(',', start);
  const c2 = c1 >= 0 && c1 < end ? text.indexOf(',', c1 + 1) : -1;
  if (c1 < 0 || c1 >= end || c2 < 0 || c2 >= end) return false;
  const c3 = text.indexOf(',', c2 + 1);
  out[0] = numberAt(text, start, c1);
  out[1] = numberAt(text, c1 + 1, c2);
  out[2] = numberAt(text, c2 + 1, c3 >= 0 && c3 < end ? c3 : end);
  return true;
}

/** A series' three arrays as views of one ArrayBuffer: one allocation, one buffer per log. */
function seriesArrays(n: number): { tMs: Float64Array; values: Float64Array; ddir: Uint8Array } {
  const buffer = new ArrayBuffer(17 * n);
  return {
    tMs: new Float64Array(buffer, 0, n),
    values: new Float64Array(buffer, 8 * n, n),
    ddir: new Uint8Array(buffer, 16 * n, n),
  };
}

/**
 * Parses the text of one fio log file into a time series. Hot (a per-I/O log has a line per
 * I/O): lines counted first, then read into one buffer; fio's all-digit fields are read in place
 * (fastLine), any other line the plain way (readLine). Same answer as parseFioLogReference
 * (fio-log.reference.ts; differential test in fio-log.test.ts).
 */
export function parseFioLog(text: string, o: LogParseOptions): Result<TimeSeries> {
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  if (text.length > 0 && text.charCodeAt(text.length - 1) !== 10) lines++;
  const scale = isLatency(o.kind) && o.latencyNs ? 1e-3 : 1;
  const line = new Float64Array(3);
  let { tMs, values, ddir } = seriesArrays(lines);
  let n = 0;
  let lineNo = 0;
  let ascending = true;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNo++;
    const lineEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if (lineEnd > start) {
      if (!fastLine(text, start, lineEnd, line) && !readLine(text, start, lineEnd, line))
        return fail(
          `${o.file}:${lineNo}: not a fio log line (expected time, value, direction, block size)`,
        );
      const t = line[0]!;
      const v = line[1]!;
      const d = line[2]!;
      if (!Number.isFinite(t) || !Number.isFinite(v) || !(d === 0 || d === 1 || d === 2))
        return fail(
          `${o.file}:${lineNo}: not a fio log line (time, value or direction unreadable)`,
        );
      if (n > 0 && t < tMs[n - 1]!) ascending = false;
      tMs[n] = t;
      values[n] = v * scale;
      ddir[n] = d;
      n++;
    }
    start = end + 1;
  }
  if (n === 0) return fail(`${o.file}: empty fio log`);
  if (n < lines) {
    // Empty lines: the arrays cut to the lines read (one buffer again).
    const cut = seriesArrays(n);
    cut.tMs.set(tMs.subarray(0, n));
    cut.values.set(values.subarray(0, n));
    cut.ddir.set(ddir.subarray(0, n));
    ({ tMs, values, ddir } = cut);
  }
  const series: TimeSeries = { kind: o.kind, tMs, values, ddir, avgMs: o.avgMs, file: o.file };
  return ok(ascending ? series : sortedByTime(series));
}

/**
 * The series ordered by time (stable): fio writes each direction's window when it closes, so
 * a mixed job's lines can step back a few ms; the contract wants times ascending.
 */
function sortedByTime(s: TimeSeries): TimeSeries {
  const order = Array.from(s.tMs, (_, i) => i).sort((a, b) => s.tMs[a]! - s.tMs[b]! || a - b);
  const out = seriesArrays(order.length);
  order.forEach((from, i) => {
    out.tMs[i] = s.tMs[from]!;
    out.values[i] = s.values[from]!;
    out.ddir[i] = s.ddir[from]!;
  });
  return { ...s, ...out };
}
