/**
 * Executes a bench plan (src/core/bench/plan.ts) on this host: images under a private work
 * directory in DIR, warm-ups, measured runs, one record appended to OUT per run, progress on
 * stderr, and SIGINT/SIGTERM handling (stop the running child, remove every temporary file,
 * keep the completed runs, exit 130). The fio engine also keeps each measured run's json+ output
 * and log files in OUT's log folder (fioLogDir).
 */
import { mkdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type {
  BenchPlan,
  BenchRun,
  EnvironmentProbe,
  ImageSpec,
  RunMeasurement,
} from '../../core/bench/bench.types';
import type { Result } from '../../core/model/result';
import { fail } from '../../core/model/result';
import {
  fioArgs,
  fioFillArgs,
  fioMeasurement,
  fioRunName,
  parseQemuImgBench,
  qemuImgBenchArgs,
  qemuImgCreateArgs,
  qemuImgFillArgs,
  qemuImgMeasurement,
} from '../../core/bench/engines';
import { environmentFields } from '../../core/bench/environment';
import { formatBytes, formatDuration } from '../../core/bench/plan';
import { benchRecord, failedRecord } from '../../core/bench/record';
import type { ResultRecord } from '../../core/model/record.types';
import { runChild } from './child';
import type { ChildSlot } from './child';
import type { ChildResult } from './child';
import { appendRecord } from './out-file';
import { Progress } from './progress';

export const EXIT_INTERRUPTED = 130;
export const EXIT_NO_SPACE = 2;

export interface RunnerOptions {
  dir: string;
  out: string;
  env: EnvironmentProbe;
  /** Work directory (created by the caller for the io_uring probe, removed here). */
  workDir: string;
  slot: ChildSlot;
  stderr: (text: string) => void;
  isTTY: boolean;
  /** Installs process signal handlers (the CLI); tests may drive `abort` instead. */
  handleSignals?: boolean;
}

export interface RunnerOutcome {
  code: number;
  written: ResultRecord[];
  wallS: number;
}

/** Free bytes for an unprivileged writer in `dir`. */
export function freeBytes(dir: string): number {
  const s = statfsSync(dir);
  return Number(s.bavail) * Number(s.bsize);
}

/** Creates the private work directory under DIR. */
export function makeWorkDir(dir: string): string {
  const work = join(dir, `.aio-dash-bench-${process.pid}`);
  mkdirSync(work, { recursive: true });
  return work;
}

/**
 * Where the fio engine keeps each measured run's json+ output and log files: beside OUT, in
 * `OUT-without-extension.fio/` (`aio-dash ingest` of that folder gives the records with their
 * percentile curves and time series; OUT itself, a CSV, never carries them).
 */
export function fioLogDir(out: string): string {
  return join(dirname(out), `${basename(out).replace(/\.[^.]*$/, '')}.fio`);
}

const lastLine = (r: ChildResult): string => {
  const text = (r.stderr.trim() || r.stdout.trim()).split('\n');
  return text[text.length - 1] ?? '';
};

/** Runs the plan; see the module doc. The free-space check happens before the first run. */
export async function runPlan(plan: BenchPlan, o: RunnerOptions): Promise<RunnerOutcome> {
  const started = Date.now();
  const written: ResultRecord[] = [];
  const m = plan.matrix;
  const env = environmentFields(o.env);
  // An object, not a `let`: the signal handler sets it while the loop awaits (TypeScript's
  // narrowing cannot see that).
  const stop: { signal: NodeJS.Signals | null } = { signal: null };
  const cleanup = () => rmSync(o.workDir, { recursive: true, force: true });
  const onSignal = (sig: NodeJS.Signals) => {
    if (stop.signal) return;
    stop.signal = sig;
    void o.slot.stop();
  };
  const sigint = () => onSignal('SIGINT');
  const sigterm = () => onSignal('SIGTERM');
  if (o.handleSignals !== false) {
    process.on('SIGINT', sigint);
    process.on('SIGTERM', sigterm);
  }
  const done = (code: number): RunnerOutcome => {
    if (o.handleSignals !== false) {
      process.off('SIGINT', sigint);
      process.off('SIGTERM', sigterm);
    }
    cleanup();
    return { code, written, wallS: (Date.now() - started) / 1000 };
  };

  const free = freeBytes(o.dir);
  const need = Math.ceil(plan.diskBytes * 1.05) + 64 * 1024 * 1024;
  if (free < need) {
    o.stderr(
      `aio-dash bench: not enough free space in ${o.dir}: ${formatBytes(free)} free, the plan needs ${formatBytes(need)} (images ${formatBytes(plan.diskBytes)} + 5% + 64 MiB); nothing was run\n`,
    );
    return done(EXIT_NO_SPACE);
  }

  const images = new Map(plan.images.map((i) => [i.id, i]));
  const ready = new Set<string>(); // pre-filled images created and written
  const pathOf = (img: ImageSpec, seq: number) =>
    join(
      o.workDir,
      img.perRun
        ? `${img.id}-${seq}.qcow2`
        : m.engine === 'fio'
          ? `${img.id}.dat`
          : `${img.id}.qcow2`,
    );
  const progress = new Progress(plan, o.stderr, o.isTTY);

  /** Creates (and pre-fills) the image of `run`; a reason on failure. */
  const prepare = async (img: ImageSpec, path: string): Promise<string | null> => {
    if (!img.perRun && ready.has(img.id)) return null;
    if (m.engine === 'qemu-img') {
      const c = await runChild(
        'qemu-img',
        qemuImgCreateArgs(path, img.prealloc ?? 'off', m.sizeBytes),
        o.slot,
      );
      if (c.code !== 0) return `qemu-img create failed: ${lastLine(c)}`;
      if (img.prefilled) {
        progress.note(`pre-filling ${img.id} (${formatBytes(m.sizeBytes)})`);
        const f = await runChild('qemu-img', qemuImgFillArgs(path, m.sizeBytes), o.slot);
        if (f.code !== 0) return `pre-fill failed: ${lastLine(f)}`;
      }
    } else {
      progress.note(`laying out and pre-filling the fio file (${formatBytes(m.sizeBytes)})`);
      const f = await runChild('fio', fioFillArgs(path, m.sizeBytes), o.slot);
      if (f.code !== 0) return `fio pre-fill failed: ${lastLine(f)}`;
    }
    if (!img.perRun) ready.add(img.id);
    return null;
  };

  const measure = async (run: BenchRun, path: string): Promise<Result<RunMeasurement>> => {
    const problem =
      run.aio === 'io_uring' || run.ioengine === 'io_uring' ? o.env.ioUringProblem[m.engine] : null;
    if (problem !== null) return fail(`io_uring not usable on this host: ${problem}`);
    if (m.engine === 'qemu-img') {
      const r = await runChild('qemu-img', qemuImgBenchArgs(run, path), o.slot);
      if (r.code !== 0) return fail(`qemu-img bench exit ${r.code ?? r.signal}: ${lastLine(r)}`);
      const p = parseQemuImgBench(r.stdout);
      return p.ok ? { ok: true, value: qemuImgMeasurement(p.value, r.cpuS) } : p;
    }
    // Measured runs keep fio's json+ and its log files in OUT's log folder (issue 15).
    const prefix = run.warmup ? null : join(fioLogDir(o.out), fioRunName(run));
    if (prefix !== null) mkdirSync(fioLogDir(o.out), { recursive: true });
    const r = await runChild('fio', fioArgs(run, path, m.sizeBytes, prefix), o.slot);
    if (r.code !== 0 && !r.stdout.includes('"fio version"'))
      return fail(`fio exit ${r.code ?? r.signal}: ${lastLine(r)}`);
    if (prefix !== null) writeFileSync(`${prefix}.json`, r.stdout);
    return fioMeasurement(r.stdout, r.cpuS);
  };

  for (const run of plan.runs) {
    if (stop.signal) break;
    const img = images.get(run.image)!;
    const path = pathOf(img, run.seq);
    progress.start(run);
    const prepError = await prepare(img, path);
    const result: Result<RunMeasurement> =
      prepError !== null ? fail(prepError) : await measure(run, path);
    if (img.perRun) rmSync(path, { force: true });
    if (stop.signal) break; // the run was stopped: not a measurement
    if (run.warmup) {
      progress.finish(run, result.ok ? result.value : null, result.ok ? null : result.reason);
      continue;
    }
    const rec = result.ok
      ? benchRecord(run, m.set, env, result.value)
      : failedRecord(run, m.set, env, result.reason);
    appendRecord(o.out, rec);
    written.push(rec);
    progress.finish(run, result.ok ? result.value : null, result.ok ? null : result.reason);
  }
  if (stop.signal) {
    await o.slot.stop();
    progress.end();
    o.stderr(
      `aio-dash bench: ${stop.signal}: stopped; ${written.length} completed run(s) kept in ${o.out}, temporary images removed; --resume continues\n`,
    );
    return done(EXIT_INTERRUPTED);
  }
  progress.end();
  o.stderr(
    `aio-dash bench: ${written.length} run(s) in ${formatDuration((Date.now() - started) / 1000)} → ${o.out}\n`,
  );
  return done(0);
}
