/**
 * The two engines' command lines and outputs (pure).
 *
 * qemu-img bench (QEMU ≥ 2.7) prints, e.g.
 *   Sending 65536 write requests, 4096 bytes each, 32 in parallel (starting at offset 0, step size 4096)
 *   Run completed in 1.234 seconds.
 * It times the whole run with millisecond resolution and reports no per-request latency: IOPS =
 * requests ÷ seconds; latency stays empty (null), never derived. The requests go to sequential
 * offsets `offset + i × step` (wrapping at the image's end), through QEMU's block layer with the
 * chosen aio backend (`-i`), `cache=none` (`-t none`), no guest and no virtio.
 *
 * fio's json+ goes through the project's one fio parser (src/core/ingest/fio.parse.ts); fio runs
 * also leave log files (fioArgs), qemu-img bench has no per-request latency at all.
 */
import type { Result } from '../model/result';
import { fail, ok } from '../model/result';
import { parseFio } from '../ingest/fio.parse';
import type { BenchRun, RunMeasurement } from './bench.types';

/** Fill pattern (0xa5): written data is not all zeros, so no layer can skip it as a zero write. */
export const FILL_PATTERN = 165;

/** `qemu-img create` of a qcow2 image with a preallocation mode. */
export function qemuImgCreateArgs(path: string, prealloc: string, sizeBytes: number): string[] {
  return [
    'create',
    '-q',
    '-f',
    'qcow2',
    '-o',
    `preallocation=${prealloc}`,
    path,
    String(sizeBytes),
  ];
}

/** The largest request size of 1 MiB, 64 KiB, 4 KiB or 512 B that divides the image size. */
export function fillBlockSize(sizeBytes: number): number {
  for (const b of [1 << 20, 1 << 16, 1 << 12]) if (sizeBytes % b === 0) return b;
  return 512;
}

/**
 * `qemu-img bench` of a qcow2 image at `path` with `cache=none` (`-t none`): `-i AIO`, `count`
 * requests of `bs` bytes, `depth` in flight; writes (`-w`) carry FILL_PATTERN.
 */
export function qemuImgBenchCommand(
  o: { aio: string; count: number; depth: number; bs: number; write: boolean },
  path: string,
): string[] {
  const args = [
    'bench',
    '-f',
    'qcow2',
    '-t',
    'none',
    '-i',
    o.aio,
    '-c',
    String(o.count),
    '-d',
    String(o.depth),
    '-s',
    String(o.bs),
  ];
  if (o.write) args.push('-w', `--pattern=${FILL_PATTERN}`);
  args.push(path);
  return args;
}

/** Writes the whole image once, sequentially (pre-fill), through qemu-img bench itself. */
export function qemuImgFillArgs(path: string, sizeBytes: number): string[] {
  const bs = fillBlockSize(sizeBytes);
  return qemuImgBenchCommand(
    { aio: 'threads', count: Math.ceil(sizeBytes / bs), depth: 8, bs, write: true },
    path,
  );
}

/** `qemu-img bench` of one run: `-t none -i AIO`, count, depth, request size, write or read. */
export function qemuImgBenchArgs(run: BenchRun, path: string): string[] {
  return qemuImgBenchCommand(
    {
      aio: run.aio ?? 'threads',
      count: run.count ?? 1,
      depth: run.iodepth,
      bs: run.bs,
      write: run.rw === 'write',
    },
    path,
  );
}

/** fio's averaging window of the bench's log files, ms (10 points a second). */
export const FIO_LOG_AVG_MSEC = 100;

/**
 * The file name stem of a fio run's json+ output and log files (issue 15): plan position, engine,
 * mode, size, depth, repeat — `0007-libaio-randwrite-bs4096-qd32-r2`. Stable under --resume.
 */
export function fioRunName(run: BenchRun): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_');
  return safe(
    `${String(run.seq).padStart(4, '0')}-${run.ioengine ?? 'libaio'}-${run.rw}-bs${run.bs}-qd${run.iodepth}-r${run.repeat}`,
  );
}

/**
 * fio of one run on `file` (direct I/O, timed or counted). Output json+ (fio's percentile list
 * and its latency histogram bins). With `logPrefix` (a path without extension), fio also writes
 * its latency, IOPS and bandwidth logs there (`PREFIX_lat.1.log`, `_clat`, `_slat`, `_iops`,
 * `_bw`), averaged over FIO_LOG_AVG_MSEC: aio-dash attaches them to the run's record when the
 * folder is loaded (the stdout json+ is saved beside them as `PREFIX.json`).
 */
export function fioArgs(
  run: BenchRun,
  file: string,
  sizeBytes: number,
  logPrefix: string | null = null,
): string[] {
  const args = [
    '--name=aio-dash-bench',
    `--filename=${file}`,
    `--size=${sizeBytes}`,
    `--rw=${run.rw}`,
    `--bs=${run.bs}`,
    `--iodepth=${run.iodepth}`,
    `--ioengine=${run.ioengine ?? 'libaio'}`,
    '--direct=1',
    '--group_reporting',
    '--output-format=json+',
  ];
  if (logPrefix !== null)
    args.push(
      `--write_lat_log=${logPrefix}`,
      `--write_iops_log=${logPrefix}`,
      `--write_bw_log=${logPrefix}`,
      `--log_avg_msec=${FIO_LOG_AVG_MSEC}`,
    );
  if (run.runtimeS !== null) args.push(`--runtime=${run.runtimeS}`, '--time_based');
  else if (run.count !== null) args.push(`--number_ios=${run.count}`);
  return args;
}

/** fio writes the whole file once, sequentially (pre-fill). */
export function fioFillArgs(file: string, sizeBytes: number): string[] {
  return [
    '--name=aio-dash-fill',
    `--filename=${file}`,
    `--size=${sizeBytes}`,
    '--rw=write',
    `--bs=${fillBlockSize(sizeBytes)}`,
    '--ioengine=psync',
    '--direct=1',
    '--output-format=json',
  ];
}

export interface QemuImgBenchOutput {
  write: boolean;
  count: number;
  bs: number;
  depth: number;
  offset: number;
  step: number;
  seconds: number;
}

/** Parses `qemu-img bench` output (see the module doc). */
export function parseQemuImgBench(text: string): Result<QemuImgBenchOutput> {
  const head =
    /Sending (\d+) (read|write) requests, (\d+) bytes each, (\d+) in parallel(?: \(starting at offset (\d+), step size (\d+)\))?/.exec(
      text,
    );
  if (!head) return fail('not qemu-img bench output: no "Sending N read|write requests" line');
  const done = /Run completed in (\d+(?:\.\d+)?) seconds/.exec(text);
  if (!done) return fail('qemu-img bench did not complete: no "Run completed in S seconds" line');
  const seconds = Number(done[1]);
  const bs = Number(head[3]);
  if (!(seconds > 0))
    return fail(`qemu-img bench run too short to time (${done[1]} s): use a larger --count`);
  return ok({
    write: head[2] === 'write',
    count: Number(head[1]),
    bs,
    depth: Number(head[4]),
    offset: head[5] !== undefined ? Number(head[5]) : 0,
    step: head[6] !== undefined ? Number(head[6]) : bs,
    seconds,
  });
}

/** A qemu-img bench run as a measurement: rate from count and time, no latency. */
export function qemuImgMeasurement(out: QemuImgBenchOutput, cpuS: number | null): RunMeasurement {
  return {
    iops: out.count / out.seconds,
    bwKibS: (out.count * out.bs) / 1024 / out.seconds,
    runtimeS: out.seconds,
    ios: out.count,
    cpuS,
    latMeanUs: null,
    latP99Us: null,
    latP999Us: null,
    latMaxUs: null,
    extra: { step_bytes: String(out.step) },
  };
}

/**
 * A fio run's JSON as a measurement, through the ingest fio parser (one job expected).
 * I/Os = IOPS × run time (fio's total_ios is not carried by the record).
 */
export function fioMeasurement(text: string, cpuS: number | null): Result<RunMeasurement> {
  const parsed = parseFio(text, { file: 'fio.json', factsPath: 'fio.json', set: '' });
  if (!parsed.ok) return parsed;
  const r = parsed.value.records[0];
  if (!r) return fail(parsed.value.rejected[0]?.reason ?? 'fio reported no job');
  if (r.flags.includes('failed-run'))
    return fail(`fio reported error ${r.extra['fio_error'] ?? '?'}`);
  if (r.iops === null || r.iops <= 0) return fail('fio reported no I/O');
  const runtimeS = r.runtime_s ?? null;
  return ok({
    iops: r.iops,
    bwKibS: r.bw_kib_s ?? 0,
    runtimeS: runtimeS ?? 0,
    ios: runtimeS !== null ? Math.round(r.iops * runtimeS) : 0,
    cpuS,
    latMeanUs: r.lat_mean_us,
    latP99Us: r.lat_p99_us,
    latP999Us: r.lat_p999_us,
    latMaxUs: r.lat_max_us,
    extra: {},
  });
}
