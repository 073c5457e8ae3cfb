/**
 * fio `--output-format=json` / `json+` of fio 2.x and 3.x.
 *
 * Decisions (documented here because they shape every record):
 * - Text before/after the JSON (normal+json output, error lines) is skipped; every JSON object
 *   that starts with "fio version" is read.
 * - Several objects (`--status-interval`): interim reports are cumulative snapshots, so only the
 *   LAST report of each job (jobname + groupid) is kept; the interim ones are noted, not counted.
 * - Several `jobs[]` entries of one job (numjobs > 1 without group_reporting) are aggregated into
 *   one record: IOPS and bandwidth summed, mean latency weighted by I/O count, p99 = the largest
 *   job p99 (percentiles cannot be merged exactly), numjobs = number of entries. Jobs with
 *   different names stay separate records.
 * - One record per job, whatever its rw: a mixed job (randrw/rw) gives one record with
 *   rw=randrw, total IOPS/bandwidth of both directions, I/O-weighted mean latency and the larger
 *   p99; per-direction numbers are kept as extras (read_iops, write_iops, read_lat_mean_us, …).
 *   Little's law then holds for the record (in flight = iodepth × numjobs for the whole job).
 * - Latency is fio's completion latency (clat): `clat_ns` (fio ≥ 3) or `clat` in µs (fio < 3);
 *   p99 from the "99.000000" percentile key, p99.9 from "99.900000" (duplicate "0.00" keys are
 *   irrelevant), the largest latency from `max`. Aggregated jobs and directions take the largest
 *   p99.9 and max (the record's max is the largest completion seen by any of them).
 * - cpu_us_per_io: fio's own CPU time (usr_cpu + sys_cpu, percentages of `job_runtime`) per
 *   completed I/O — the measured process's CPU. Not set for a job known to run in a guest (its
 *   CPU is the guest's, not the host's), nor when fio gives no job runtime (fio 2.x with
 *   numjobs > 1: its percentages are of the summed runtime, which the JSON does not give).
 * - The tail (core/tails/fio-tail.ts): fio's percentile list as the record's curve, json+ bins
 *   as its histogram (summed over aggregated jobs and directions, whose curve is then computed
 *   from the summed bins), and the job's log-file key; logs are attached later (tails/attach.ts).
 * - `error` ≠ 0 → flag failed-run (the record stays). `client_stats` (client/server mode): one
 *   record per client (extra `client` = hostname); the "All clients" sum is skipped.
 * - Environment facts: `description` and job name `key:value` pairs, then the words of the path
 *   (path.facts.ts: e.g. nvme0/native-ssd-randread.json → aio native, medium SSD), which only
 *   fill what is missing.
 */
import type { QualityFlag, RejectedRow, ResultRecord } from '../model/record.types';
import type { Result } from '../model/result';
import { ok } from '../model/result';
import { asBytes, asIops, asKibPerSecond, asMicroseconds, asSeconds } from '../model/units';
import type { ParseContext, ParsedInput } from './parsed.types';
import { addFlag, emptyRecord, setExtra } from './record.build';
import { completeRecord } from './table.import';
import { parseBlockSize, parseCount, parseSeconds, scalePow10 } from './units.parse';
import { applyPathFacts, pathFacts } from './path.facts';
import { DEFAULT_UNIT } from './vocab';
import { matchHeader } from './vocab.headers';
import { parseRw } from './vocab.values';
import { setField } from './vocab.set-field';
import { fioJobRef, fioTail } from '../tails/fio-tail';
import { findObjects } from './fio.objects';
import { isObj, num, type Json } from './json-values';

const str = (v: unknown): string | null =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;

interface Side {
  ios: number;
  iops: number;
  bw: number;
  latMean: number | null;
  p99: number | null;
  p999: number | null;
  max: number | null;
  /** fio's `runtime` of this direction, ms (fio 2.x has no job_runtime). */
  runtimeMs: number | null;
}

/** One direction (read/write) of a job; latency in µs. */
function readSide(v: unknown): Side | null {
  if (!isObj(v)) return null;
  const iops = num(v['iops']) ?? 0;
  const bw = num(v['bw']) ?? 0;
  let ios = num(v['total_ios']);
  const runtimeMs = num(v['runtime']);
  if (ios === null) ios = runtimeMs !== null ? Math.round((iops * runtimeMs) / 1000) : 0;
  let latMean: number | null = null;
  let p99: number | null = null;
  let p999: number | null = null;
  let max: number | null = null;
  const ns = v['clat_ns'];
  const us = v['clat'];
  const pick = isObj(ns)
    ? { o: ns, pow: -3 }
    : isObj(us)
      ? { o: us, pow: 0 }
      : isObj(v['lat_ns'])
        ? { o: v['lat_ns'], pow: -3 }
        : null;
  if (pick) {
    const mean = num(pick.o['mean']);
    // A direction without I/O reports mean 0: that is "no sample", not a 0 µs latency.
    if (mean !== null && ios > 0) latMean = scalePow10(mean, pick.pow);
    const hi = num(pick.o['max']);
    if (hi !== null && ios > 0) max = scalePow10(hi, pick.pow);
    const pct = pick.o['percentile'];
    if (isObj(pct)) {
      const p = num(pct['99.000000']) ?? num(pct['99.00']) ?? num(pct['99']);
      if (p !== null && ios > 0) p99 = scalePow10(p, pick.pow);
      const p9 = num(pct['99.900000']) ?? num(pct['99.90']) ?? num(pct['99.9']);
      if (p9 !== null && ios > 0) p999 = scalePow10(p9, pick.pow);
    }
  }
  return { ios, iops, bw, latMean, p99, p999, max, runtimeMs };
}

/** The larger of two optional values (null when both are). */
const larger = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.max(a, b);

/** Combines sides (jobs of one group, or directions of a mixed job): sums and I/O-weighted latency. */
function combine(sides: readonly Side[]): Side {
  let ios = 0;
  let iops = 0;
  let bw = 0;
  let latWeighted = 0;
  let latIos = 0;
  let p99: number | null = null;
  let p999: number | null = null;
  let max: number | null = null;
  let runtimeMs: number | null = null;
  for (const s of sides) {
    ios += s.ios;
    iops += s.iops;
    bw += s.bw;
    if (s.latMean !== null && s.ios > 0) {
      latWeighted += s.latMean * s.ios;
      latIos += s.ios;
    }
    if (s.ios > 0) {
      p99 = larger(p99, s.p99);
      p999 = larger(p999, s.p999);
      max = larger(max, s.max);
    }
    runtimeMs = larger(runtimeMs, s.runtimeMs);
  }
  let latMean: number | null = latIos > 0 ? latWeighted / latIos : null;
  if (latMean === null && sides.length === 1) latMean = sides[0]!.latMean;
  if (latMean !== null && sides.length > 1) latMean = Math.round(latMean * 1000) / 1000;
  return { ios, iops, bw, latMean, p99, p999, max, runtimeMs };
}

/**
 * fio's CPU time per completed I/O of one job entry, µs: usr_cpu and sys_cpu are percentages of
 * the job's runtime (`job_runtime`, ms; fio 2.x: the longer direction's `runtime`). null when a
 * term is missing or no I/O completed.
 */
function cpuTimeUs(job: Json, rd: Side | null, wr: Side | null): number | null {
  const usr = num(job['usr_cpu']);
  const sys = num(job['sys_cpu']);
  const runtimeMs = num(job['job_runtime']) ?? larger(rd?.runtimeMs ?? null, wr?.runtimeMs ?? null);
  if (usr === null || sys === null || runtimeMs === null || runtimeMs <= 0) return null;
  return ((usr + sys) / 100) * runtimeMs * 1000;
}

/** `key:value` (or key=value) pairs in a description or job name. */
function keyValues(s: string): [string, string][] {
  const out: [string, string][] = [];
  if (s.length > 2000) return out;
  const re = /([A-Za-z_][\w.-]*|[\u4e00-\u9fff]+)\s*[:=]\s*([^,;\s]+)/g;
  for (let m = re.exec(s); m; m = re.exec(s)) out.push([m[1]!, m[2]!]);
  return out;
}

interface JobEntry {
  index: number;
  job: Json;
  options: Json;
  line: number;
}

function lineAt(text: string, offset: number, cache: { pos: number; line: number }): number {
  // Offsets arrive in increasing order: count incrementally.
  for (; cache.pos < offset && cache.pos < text.length; cache.pos++)
    if (text.charCodeAt(cache.pos) === 10) cache.line++;
  return cache.line;
}

/** Parses fio JSON output; see the module comment for the decisions. */
export function parseFio(text: string, ctx: ParseContext): Result<ParsedInput> {
  const notes: string[] = [];
  const found = findObjects(text, notes);
  if (!found.ok) return found;
  const objects = found.value;
  const records: ResultRecord[] = [];
  const rejected: RejectedRow[] = [];
  const fileNotes = new Set<string>();
  const facts = pathFacts(ctx.factsPath);
  let read = 0;

  // Last report wins per job (status-interval snapshots are cumulative).
  const groups = new Map<
    string,
    { entries: JobEntry[]; objectIndex: number; client: string | null }
  >();
  const cursor = { pos: 0, line: 1 };
  let superseded = 0;
  objects.forEach((obj, oi) => {
    const global = isObj(obj.value['global options']) ? obj.value['global options'] : {};
    const clients = Array.isArray(obj.value['client_stats']) ? obj.value['client_stats'] : null;
    const jobs = clients ?? (Array.isArray(obj.value['jobs']) ? obj.value['jobs'] : null);
    const key = clients ? 'client_stats' : 'jobs';
    if (!jobs) {
      notes.push(`fio report ${oi + 1} has no jobs[]`);
      return;
    }
    // Locate each job's "jobname" to give rejected jobs a line number.
    const jobnameRe = /"jobname"\s*:/g;
    jobnameRe.lastIndex = obj.offset;
    const seenHere = new Set<string>();
    jobs.forEach((job: unknown, i: number) => {
      const m = jobnameRe.exec(text);
      const line = m ? lineAt(text, m.index, cursor) : lineAt(text, obj.offset, cursor);
      if (!isObj(job)) {
        if (oi === objects.length - 1) {
          read++;
          rejected.push({ file: ctx.file, line, reason: `${key}[${i}] is not a job object` });
        }
        return;
      }
      const name = str(job['jobname']) ?? `job${i}`;
      if (clients && name === 'All clients') return;
      const client = clients ? (str(job['hostname']) ?? `client${i}`) : null;
      const gkey = `${client ?? ''}\u0001${name}\u0001${str(job['groupid']) ?? '0'}`;
      const options: Json = { ...global, ...(isObj(job['job options']) ? job['job options'] : {}) };
      const entry: JobEntry = { index: i, job, options, line };
      const g = groups.get(gkey);
      if (!g || g.objectIndex !== oi) {
        if (g) superseded += g.entries.length;
        groups.set(gkey, { entries: [entry], objectIndex: oi, client });
      } else g.entries.push(entry);
      seenHere.add(gkey);
    });
  });
  if (superseded > 0)
    notes.push(
      `${superseded} interim job report(s) from --status-interval superseded by the final report`,
    );
  if (objects.length > 1)
    notes.push(`${objects.length} fio reports in one file: the last report of each job is used`);

  for (const [, g] of groups) {
    read++;
    const first = g.entries[0]!;
    const o = first.options;
    const originIdx =
      g.entries.length === 1
        ? `${first.index}`
        : `${first.index}-${g.entries[g.entries.length - 1]!.index}`;
    const key = g.client !== null ? 'client_stats' : 'jobs';
    const prefix = objects.length > 1 ? `report${g.objectIndex + 1}.` : '';
    const r = emptyRecord(ctx.set, `${ctx.file}#${prefix}${key}[${originIdx}]`);
    const rwText = str(o['rw']) ?? str(o['readwrite']);
    // fio allows a sequence modifier ("randread:8"): the mode is before the colon.
    const rw = rwText ? parseRw(rwText.split(':')[0] ?? '') : null;
    if (rwText && !rw) {
      rejected.push({
        file: ctx.file,
        line: first.line,
        reason: `${key}[${first.index}]: rw '${rwText}' is not a read/write mode this tool compares`,
      });
      continue;
    }
    const reads: Side[] = [];
    const writes: Side[] = [];
    let error = 0;
    let cpuUs: number | null = 0;
    for (const e of g.entries) {
      const rd = readSide(e.job['read']);
      const wr = readSide(e.job['write']);
      if (rd) reads.push(rd);
      if (wr) writes.push(wr);
      error = error || (num(e.job['error']) ?? 0);
      const cpu = cpuTimeUs(e.job, rd, wr);
      // fio 2.x, group_reporting over several jobs: the percentages are of a runtime it omits.
      const summed =
        num(e.job['job_runtime']) === null && (parseCount(str(o['numjobs']) ?? '1') ?? 1) > 1;
      cpuUs = cpu === null || cpuUs === null || summed ? null : cpuUs + cpu;
    }
    if (reads.length === 0 && writes.length === 0) {
      rejected.push({
        file: ctx.file,
        line: first.line,
        reason: `${key}[${first.index}] has no read or write statistics`,
      });
      continue;
    }
    const rdAll = combine(reads);
    const wrAll = combine(writes);
    const mixed = rw ? rw.rw === 'randrw' || rw.rw === 'rw' : rdAll.ios > 0 && wrAll.ios > 0;
    const isWrite = rw
      ? rw.rw === 'randwrite' || rw.rw === 'write'
      : wrAll.ios > 0 && rdAll.ios === 0;
    const total = mixed ? combine([rdAll, wrAll]) : isWrite ? wrAll : rdAll;
    r.rw = rw ? rw.rw : mixed ? 'randrw' : isWrite ? 'randwrite' : 'randread';
    if (!rw)
      notes.push(
        `${key}[${first.index}]: no rw option; rw=${r.rw} inferred from which directions did I/O`,
      );
    r.iops = asIops(total.iops);
    r.bw_kib_s = asKibPerSecond(total.bw);
    if (total.latMean !== null) r.lat_mean_us = asMicroseconds(total.latMean);
    if (total.p99 !== null) r.lat_p99_us = asMicroseconds(total.p99);
    if (total.p999 !== null) r.lat_p999_us = asMicroseconds(total.p999);
    if (total.max !== null) r.lat_max_us = asMicroseconds(total.max);
    if (mixed) {
      setExtra(r, 'read_iops', String(rdAll.iops));
      setExtra(r, 'write_iops', String(wrAll.iops));
      if (rdAll.latMean !== null) setExtra(r, 'read_lat_mean_us', String(rdAll.latMean));
      if (wrAll.latMean !== null) setExtra(r, 'write_lat_mean_us', String(wrAll.latMean));
      if (rdAll.p99 !== null) setExtra(r, 'read_lat_p99_us', String(rdAll.p99));
      if (wrAll.p99 !== null) setExtra(r, 'write_lat_p99_us', String(wrAll.p99));
    }
    const bsText = str(o['bs']) ?? str(o['blocksize']);
    const bs = bsText ? parseBlockSize(bsText.split(/[,-]/)[0] ?? '') : null;
    r.bs = bs !== null ? asBytes(bs) : rw?.bs != null ? asBytes(rw.bs) : null;
    r.iodepth = parseCount(str(o['iodepth']) ?? '1');
    const nj = parseCount(str(o['numjobs']) ?? '1');
    r.numjobs = g.entries.length > 1 ? g.entries.length : nj;
    if (g.entries.length > 1)
      notes.push(
        `${key}[${originIdx}]: ${g.entries.length} job reports of '${str(first.job['jobname'])}' aggregated (no group_reporting): IOPS and bandwidth summed, latency weighted by I/O count`,
      );
    const engine = str(o['ioengine']);
    r.ioengine = engine ? engine.toLowerCase() : null;
    const runtime = str(o['runtime']) ?? str(o['timeout']);
    const rs = runtime ? parseSeconds(runtime) : null;
    if (rs !== null) r.runtime_s = asSeconds(rs);
    else {
      const ms = num(
        isObj(first.job[isWrite ? 'write' : 'read'])
          ? (first.job[isWrite ? 'write' : 'read'] as Json)['runtime']
          : null,
      );
      if (ms !== null && ms > 0) r.runtime_s = asSeconds(scalePow10(ms, -3));
    }
    const direct = str(o['direct']);
    if (direct !== null) setExtra(r, 'direct', direct);
    if (g.client !== null) setExtra(r, 'client', g.client);
    const version = str(objects[g.objectIndex]!.value['fio version']);
    if (version) setExtra(r, 'fio_version', version);
    // Facts written by the tester: description, then job name key:value pairs.
    const described = [
      str(o['description']) ?? str(first.job['desc']) ?? '',
      str(first.job['jobname']) ?? '',
    ];
    for (const s of described)
      for (const [k, v] of keyValues(s)) {
        const field = matchHeader(k).field;
        if (field === null || field === 'flags' || field === 'origin') setExtra(r, k, v);
        else if (setField(r, field, v, DEFAULT_UNIT) !== null) setExtra(r, k, v);
      }
    applyPathFacts(r, facts, fileNotes);
    const allIos = rdAll.ios + wrAll.ios;
    if (cpuUs !== null && cpuUs > 0 && allIos > 0 && r.layer !== 'guest')
      r.cpu_us_per_io = asMicroseconds(Math.round((cpuUs / allIos) * 1000) / 1000);
    completeRecord(r);
    // The tail (issue 15): percentile curve, json+ bins and the key its log files attach by.
    const directions: ('read' | 'write')[] = mixed
      ? ['read', 'write']
      : isWrite
        ? ['write']
        : ['read'];
    const entries = g.entries.map((e) => ({ index: e.index, job: e.job }));
    const jobName = str(first.job['jobname']) ?? `job${first.index}`;
    r.tail = fioTail(
      entries,
      directions,
      fioJobRef(jobName, o, entries, version),
      objects[g.objectIndex]!.bins,
    );
    const flags: QualityFlag[] = [];
    if (error !== 0) {
      flags.push('failed-run');
      setExtra(r, 'fio_error', String(error));
    }
    for (const f of flags) addFlag(r, f);
    records.push(r);
  }
  for (const n of fileNotes) notes.push(n);
  return ok({ records, rejected, read, notes });
}
