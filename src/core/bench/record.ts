/**
 * One bench run → one canonical record (pure).
 *
 * qemu-img: layer=host, source=file, format=qcow2, cache=none, aio, prealloc, prewritten.
 * fio: layer=host, source=file, ioengine, aio empty, prewritten=true (one pre-filled raw file:
 * format and prealloc empty, cache=none because fio runs with direct=1).
 * Both: rw, bs, iodepth, numjobs=1, runtime_s, iops, bw_kib_s, host_kernel, qemu, fs, medium,
 * cpu_us_per_io, run = the repeat; fio also lat_mean_us, lat_p99_us, lat_p999_us, lat_max_us.
 * Extra columns, present on every record so that OUT's header never changes mid-run:
 * `requests` (I/Os of the run: qemu-img's count, fio's IOPS × run time), `step_bytes` (qemu-img's
 * offset step; empty for fio) and `note` (the reason of a failed run, else empty; `note` is never
 * a comparison dimension).
 * origin = `bench#<run key>`.
 */
import type { ResultRecord } from '../model/record.types';
import { asBytes, asIops, asKibPerSecond, asMicroseconds, asSeconds } from '../model/units';
import { addFlag, emptyRecord, setExtra } from '../ingest/record.build';
import { applyFlags } from '../ingest/flags';
import type { BenchRun, RunMeasurement } from './bench.types';
import type { EnvironmentFields } from './environment';

/** The record of `run` with its environment, before any metric. */
function baseRecord(run: BenchRun, set: string, env: EnvironmentFields): ResultRecord {
  const r = emptyRecord(set, `bench#${run.key}`);
  r.run = String(run.repeat);
  r.layer = 'host';
  r.source = 'file';
  r.cache = 'none';
  r.fs = env.fs;
  r.medium = env.medium;
  r.host_kernel = env.host_kernel;
  r.qemu = env.qemu;
  r.rw = run.rw;
  r.bs = asBytes(run.bs);
  r.iodepth = run.iodepth;
  r.numjobs = 1;
  r.prewritten = run.prefilled;
  if (run.engine === 'qemu-img') {
    r.format = 'qcow2';
    r.aio = run.aio;
    r.prealloc = run.prealloc;
  } else r.ioengine = run.ioengine;
  setExtra(r, 'requests', '');
  setExtra(r, 'step_bytes', '');
  setExtra(r, 'note', '');
  return r;
}

const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** The record of a completed run, with the data-quality flags its layout implies. */
export function benchRecord(
  run: BenchRun,
  set: string,
  env: EnvironmentFields,
  m: RunMeasurement,
): ResultRecord {
  const r = baseRecord(run, set, env);
  r.runtime_s = asSeconds(round(m.runtimeS, 3));
  r.iops = asIops(round(m.iops, 1));
  r.bw_kib_s = asKibPerSecond(round(m.bwKibS, 1));
  if (m.latMeanUs !== null) r.lat_mean_us = asMicroseconds(round(m.latMeanUs, 3));
  if (m.latP99Us !== null) r.lat_p99_us = asMicroseconds(round(m.latP99Us, 3));
  if (m.latP999Us !== null) r.lat_p999_us = asMicroseconds(round(m.latP999Us, 3));
  if (m.latMaxUs !== null) r.lat_max_us = asMicroseconds(round(m.latMaxUs, 3));
  if (m.cpuS !== null && m.ios > 0)
    r.cpu_us_per_io = asMicroseconds(round((m.cpuS * 1e6) / m.ios, 3));
  if (m.ios > 0) setExtra(r, 'requests', String(m.ios));
  if (m.extra['step_bytes'] !== undefined) setExtra(r, 'step_bytes', m.extra['step_bytes']);
  applyFlags([r]);
  return r;
}

/** The record of a run that could not be measured: flagged failed-run, the reason kept. */
export function failedRecord(
  run: BenchRun,
  set: string,
  env: EnvironmentFields,
  reason: string,
): ResultRecord {
  const r = baseRecord(run, set, env);
  setExtra(r, 'note', reason.replace(/\s+/g, ' ').trim().slice(0, 500));
  addFlag(r, 'failed-run');
  return r;
}
