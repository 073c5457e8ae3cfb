/**
 * The tail of one fio job from its JSON / json+ report: the completion-latency percentile list
 * (`clat_ns.percentile`, fio 3.x ns; `clat.percentile`, fio 2.x µs) and the json+ histogram
 * (`clat_ns.bins`: latency in ns → count, fio 3.x; `clat.bins`: bin index → count plus
 * FIO_IO_U_PLAT_BITS/VAL/NR, fio 2.x, values from fio's plat_idx_to_val in µs), and what the log
 * files of the job will be called (so attach.ts can find them).
 *
 * A record built from several job entries (numjobs without group_reporting) or both directions
 * (randrw) gets the SUM of their bins and a curve computed from it (source 'fio-bins'): bins merge
 * exactly, percentiles do not. Without bins such a record has no curve (the honest answer).
 */
import type { FioJobRef, LatencyHistogram, PercentileCurve, RecordTail } from '../model/tail.types';
import { curveFromBins, mergeHistograms, shareRanks } from './percentiles';
import type { RawBins, ScannedBins } from './bins-text';
import { isObj, num, type Json } from '../ingest/json-values';

/** The completion-latency object of one direction and its unit: ns (3.x) or µs (2.x). */
function clatOf(side: unknown): { o: Json; toUs: number } | null {
  if (!isObj(side)) return null;
  if (isObj(side['clat_ns'])) return { o: side['clat_ns'], toUs: 1e-3 };
  if (isObj(side['clat'])) return { o: side['clat'], toUs: 1 };
  return null;
}

/** fio's percentile list of one direction (ranks ascending; fio's "0.00" padding keys skipped). */
export function readFioCurve(side: unknown): PercentileCurve | null {
  const c = clatOf(side);
  const pct = c ? c.o['percentile'] : null;
  if (!c || !isObj(pct)) return null;
  const pairs: [number, number][] = [];
  for (const [k, v] of Object.entries(pct)) {
    const rank = Number(k);
    const value = num(v);
    if (!Number.isFinite(rank) || rank <= 0 || rank > 100 || value === null) continue;
    pairs.push([rank, value * c.toUs]);
  }
  if (pairs.length === 0) return null;
  pairs.sort((a, b) => a[0] - b[0]);
  return {
    ranks: shareRanks(Float64Array.from(pairs, (p) => p[0])),
    valuesUs: Float64Array.from(pairs, (p) => p[1]),
    source: 'fio-percentiles',
  };
}

/** fio's plat_idx_to_val: the representative value of histogram bin `idx` (fio 2.x json+ keys). */
export function platIdxToVal(idx: number, bits: number): number {
  const val = 1 << bits;
  if (idx < val << 1) return idx;
  const errorBits = (idx >> bits) - 1;
  const base = 2 ** (errorBits + bits);
  const k = idx % val;
  return Math.floor(base + (k + 0.5) * 2 ** errorBits);
}

/**
 * The json+ histogram of one direction, µs; null without bins or without any count. With the
 * bins read from the report's text (`scanned`, bins-text.ts) it is built from them directly
 * (histogramFromRaw); else from the parsed `bins` object (the plain reference: the differential
 * tests in bins-text.test.ts hold both equal).
 */
export function readFioBins(side: unknown, scanned?: ScannedBins): LatencyHistogram | null {
  const c = clatOf(side);
  const bins = c ? c.o['bins'] : null;
  if (!c || !isObj(bins)) return null;
  const raw = scanned?.get(bins);
  if (raw) return histogramFromRaw(raw, c.toUs);
  const bits = num(bins['FIO_IO_U_PLAT_BITS']);
  const values: number[] = [];
  const counts: number[] = [];
  for (const k in bins) {
    const key = Number(k);
    const count = bins[k];
    if (typeof count !== 'number' || !(count > 0)) continue;
    if (!(key >= 0) || !Number.isFinite(key)) continue; // FIO_* entries, junk
    // fio 2.x: the key is a bin index; fio 3.x: the key is the bin's latency (ns).
    values.push((bits !== null ? platIdxToVal(key, bits) : key) * c.toUs);
    counts.push(count);
  }
  if (values.length === 0) return null;
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  return {
    upperUs: Float64Array.from(order, (i) => values[i]!),
    counts: Float64Array.from(order, (i) => counts[i]!),
  };
}

/**
 * The histogram of bins read from the text (keys strictly ascending, as scanBlockAt ensures):
 * one pass, both arrays views of one ArrayBuffer (one allocation, and less memory per record
 * than two buffers). Same answer as reading the parsed object (readFioBins without `scanned`;
 * differential tests in bins-text.test.ts, with zero counts and fio 2.x bin indexes).
 */
function histogramFromRaw(raw: RawBins, toUs: number): LatencyHistogram | null {
  const { keys, counts, bits } = raw;
  // Room for every bin (fio 3.x writes only bins with a count): one pass, cut only when not.
  const room = keys.length;
  const buffer = new ArrayBuffer(16 * room);
  let upperUs = new Float64Array(buffer, 0, room);
  let out = new Float64Array(buffer, 8 * room, room);
  let n = 0;
  let ascending = true;
  for (let i = 0; i < room; i++) {
    const key = keys[i]!;
    const count = counts[i]!;
    if (!(count > 0) || !(key >= 0) || !Number.isFinite(key)) continue;
    const value = (bits !== null ? platIdxToVal(key, bits) : key) * toUs;
    if (n > 0 && value < upperUs[n - 1]!) ascending = false;
    upperUs[n] = value;
    out[n++] = count;
  }
  if (n === 0) return null;
  if (n < room) {
    const exact = new ArrayBuffer(16 * n);
    const u = new Float64Array(exact, 0, n);
    const c = new Float64Array(exact, 8 * n, n);
    u.set(upperUs.subarray(0, n));
    c.set(out.subarray(0, n));
    upperUs = u;
    out = c;
  }
  if (ascending) return { upperUs, counts: out };
  // Not reached for scanned bins (keys ascend, plat_idx_to_val is monotonic): kept for safety.
  const order = Array.from(upperUs, (_, i) => i).sort((a, b) => upperUs[a]! - upperUs[b]!);
  return {
    upperUs: Float64Array.from(order, (i) => upperUs[i]!),
    counts: Float64Array.from(order, (i) => out[i]!),
  };
}

/** One job entry of the report, as fio.parse.ts hands it over. */
export interface FioTailEntry {
  /** 0-based index in `jobs[]`. */
  index: number;
  job: Json;
}

const LOG_OPTIONS = ['write_lat_log', 'write_iops_log', 'write_bw_log'] as const;

/**
 * What the log files of a job are called: the prefixes given to write_lat_log / write_iops_log /
 * write_bw_log (fio names a log `<prefix>_<kind>.<job number>.log`), the job name (fio's default
 * prefix when the option is given without a value), and fio's job numbers of the entries
 * (jobs[] index + 1, as fio counts its threads).
 */
export function fioJobRef(
  name: string,
  options: Json,
  entries: readonly FioTailEntry[],
  version: string | null,
): FioJobRef {
  const prefixes = new Set<string>([name]);
  for (const k of LOG_OPTIONS) {
    const v = options[k];
    if (typeof v !== 'string' || v.trim() === '') continue;
    // A path (`--write_lat_log=/runs/a`): fio writes /runs/a_lat.1.log, named by its last part.
    const value = v.trim();
    prefixes.add(value.slice(value.lastIndexOf('/') + 1) || value);
  }
  const major = version ? Number(/(\d+)\./.exec(version)?.[1] ?? NaN) : NaN;
  const avg = num(options['log_avg_msec']);
  return {
    name,
    logPrefixes: [...prefixes],
    jobNumbers: entries.map((e) => e.index + 1),
    // fio 3.x logs latency in ns, fio 2.x in µs; unknown version: the JSON's own unit tells.
    latencyNs: Number.isFinite(major)
      ? major >= 3
      : entries.some((e) => isObj(e.job['read']) && isObj(e.job['read']['clat_ns'])),
    logAvgMs: avg !== null && avg > 0 ? avg : null,
  };
}

/**
 * The tail of one record: its curve and histogram over the directions it stands for
 * (`directions`: 'read', 'write' or both for randrw) and the entries it aggregates, plus the
 * log file key. Always returns a tail: the job key is what logs are attached by.
 */
export function fioTail(
  entries: readonly FioTailEntry[],
  directions: readonly ('read' | 'write')[],
  job: FioJobRef,
  scanned?: ScannedBins,
): RecordTail {
  const sides: unknown[] = [];
  for (const e of entries) for (const d of directions) sides.push(e.job[d]);
  const hists: LatencyHistogram[] = [];
  let withBins = 0;
  for (const s of sides) {
    const c = clatOf(s);
    if (c && isObj(c.o['bins'])) withBins++;
    const h = readFioBins(s, scanned);
    if (h) hists.push(h); // a direction without I/O has empty bins: nothing to add
  }
  const histogram = withBins === sides.length ? mergeHistograms(hists) : null;
  let curve: PercentileCurve | null = null;
  if (sides.length === 1) curve = readFioCurve(sides[0]);
  // Several jobs or directions: only bins merge; the curve at fio's ranks of the first side.
  if (!curve && histogram) curve = curveFromBins(histogram, readFioCurve(sides[0])?.ranks);
  return {
    ...(curve ? { curve } : {}),
    ...(histogram ? { histogram } : {}),
    series: [],
    fioJob: job,
  };
}
