/**
 * Planning of `aio-dash bench`: the matrix → runs in execution order, with images, warm-ups,
 * disk space and an estimate. Pure and deterministic.
 *
 * Decisions (they shape what the numbers mean):
 * - Interleaving: repeat 1 of every cell runs before repeat 2 of any; within a repeat the
 *   workloads (prealloc × pre-filled × rw × bs × iodepth) follow in matrix order and, for each,
 *   the modes (aio or ioengine) run back to back, their order rotated by one per repeat. Drift
 *   of the host (other tenants, page cache, thermal) thus hits every mode alike, and no mode is
 *   always first after an image change.
 * - Images: a not-pre-filled image is created fresh for every run (`perRun`: a write changes its
 *   allocation, so a second run would measure another layout); a pre-filled image is created and
 *   written fully once and serves all its runs. fio uses one pre-filled raw file.
 * - Warm-up: one discarded run per image, right before the first measured run on it, with that
 *   run's parameters (on a throwaway fresh image for `perRun` images).
 * - Resume: a run is done when OUT holds a record with the same run key (runKey below: aio,
 *   ioengine, prealloc, prewritten, rw, bs, iodepth and the repeat number `run`; set, image size
 *   and count are not part of it). Failed-run records count as done: delete their lines to retry.
 *   Warm-ups are kept only for images that still have a measured run.
 */
import type { ResultRecord } from '../model/record.types';
import type { BenchMatrix, BenchPlan, BenchRun, CostModel, ImageSpec } from './bench.types';

/** Default assumptions of the estimate: a modest SSD. The real ETA comes from measured runs. */
export const DEFAULT_COST: CostModel = { iops: 20_000, fillMiBs: 300, overheadS: 0.25 };

/** The fields a run key is made of, as they appear in a record. */
export interface RunKeyFields {
  aio: string | null;
  ioengine: string | null;
  prealloc: string | null;
  prewritten: boolean | null;
  rw: string | null;
  bs: number | null;
  iodepth: number | null;
  run: string | null;
}

/** `aio=native;ioengine=;prealloc=off;prewritten=false;rw=read;bs=4096;iodepth=32;run=2` */
export function runKey(f: RunKeyFields): string {
  const v = (x: string | number | boolean | null): string => (x === null ? '' : String(x));
  return (
    `aio=${v(f.aio)};ioengine=${v(f.ioengine)};prealloc=${v(f.prealloc)};prewritten=${v(f.prewritten)};` +
    `rw=${v(f.rw)};bs=${v(f.bs)};iodepth=${v(f.iodepth)};run=${v(f.run)}`
  );
}

/** The run key of a record read back from OUT (null fields stay empty, as in the plan). */
export function recordRunKey(r: ResultRecord): string {
  return runKey({
    aio: r.aio,
    ioengine: r.ioengine,
    prealloc: r.prealloc,
    prewritten: r.prewritten,
    rw: r.rw,
    bs: r.bs,
    iodepth: r.iodepth,
    run: r.run,
  });
}

function imageOf(m: BenchMatrix, prealloc: ImageSpec['prealloc'], prefilled: boolean): ImageSpec {
  if (m.engine === 'fio') return { id: 'fio-file', prealloc: null, prefilled: true, perRun: false };
  return {
    id: `${prefilled ? 'prefilled' : 'fresh'}-${prealloc}`,
    prealloc,
    prefilled,
    perRun: !prefilled,
  };
}

/** Rotates `xs` left by `k` (k ≥ 0). */
export function rotate<T>(xs: readonly T[], k: number): T[] {
  if (xs.length === 0) return [];
  const s = k % xs.length;
  return [...xs.slice(s), ...xs.slice(0, s)];
}

/**
 * Every measured run of the matrix in interleaved execution order (see the module doc), seq
 * numbered 1… . Pure: the same matrix gives the same order.
 */
export function interleavedRuns(m: BenchMatrix): BenchRun[] {
  const modes: { aio: BenchRun['aio']; ioengine: string | null }[] =
    m.engine === 'qemu-img'
      ? m.aio.map((aio) => ({ aio, ioengine: null }))
      : m.ioengine.map((ioengine) => ({ aio: null, ioengine }));
  const preallocs: ImageSpec['prealloc'][] = m.engine === 'qemu-img' ? m.prealloc : [null];
  const prefills = m.engine === 'qemu-img' ? m.prefill : [true];
  const runs: BenchRun[] = [];
  for (let repeat = 1; repeat <= m.repeats; repeat++)
    for (const prealloc of preallocs)
      for (const prefilled of prefills)
        for (const rw of m.rw)
          for (const bs of m.bs)
            for (const iodepth of m.iodepth)
              for (const mode of rotate(modes, repeat - 1)) {
                const image = imageOf(m, prealloc, prefilled);
                const count =
                  m.count ??
                  (m.engine === 'qemu-img' ? Math.max(1, Math.floor(m.sizeBytes / bs)) : null);
                runs.push({
                  key: runKey({
                    aio: mode.aio,
                    ioengine: mode.ioengine,
                    prealloc,
                    prewritten: prefilled,
                    rw,
                    bs,
                    iodepth,
                    run: String(repeat),
                  }),
                  seq: runs.length + 1,
                  warmup: false,
                  repeat,
                  engine: m.engine,
                  aio: mode.aio,
                  ioengine: mode.ioengine,
                  prealloc,
                  prefilled,
                  rw,
                  bs,
                  iodepth,
                  count,
                  runtimeS: m.engine === 'fio' && m.count === null ? m.runtimeS : null,
                  image: image.id,
                });
              }
  return runs;
}

/** Workload of a run: everything but the mode and the repeat (what --fill selects). */
export function workloadKey(r: {
  prealloc: string | null;
  prefilled: boolean;
  rw: string;
  bs: number;
  iodepth: number;
}): string {
  return `prealloc=${r.prealloc ?? ''};prewritten=${r.prefilled};rw=${r.rw};bs=${r.bs};iodepth=${r.iodepth}`;
}

export interface PlanOptions {
  /** Run keys already in OUT (--resume). */
  done?: ReadonlySet<string>;
  cost?: CostModel;
  /** Only these workloads (workloadKey) of the matrix (--fill). */
  workloads?: ReadonlySet<string>;
}

/** Bytes an image of `size` occupies at most in DIR (qcow2: + L2/refcount metadata). */
export function imageBytes(size: number, engine: BenchMatrix['engine']): number {
  return engine === 'fio' ? size : size + Math.ceil(size / 4096) + 1024 * 1024;
}

/**
 * The plan of `m`: interleaved runs minus those in `done` (run keys already in OUT), a warm-up
 * before the first remaining run of each image, peak disk space and an estimate under `cost`.
 */
export function planBench(m: BenchMatrix, opts: PlanOptions = {}): BenchPlan {
  const done = opts.done ?? new Set<string>();
  const cost = opts.cost ?? DEFAULT_COST;
  const only = opts.workloads;
  const all = interleavedRuns(m).filter((r) => !only || only.has(workloadKey(r)));
  const remaining = all.filter((r) => !done.has(r.key));
  const images = new Map<string, ImageSpec>();
  const runs: BenchRun[] = [];
  for (const r of remaining) {
    if (!images.has(r.image)) {
      images.set(r.image, imageOf(m, r.prealloc, r.prefilled));
      runs.push({ ...r, key: `warmup:${r.key}`, warmup: true, repeat: 0 });
    }
    runs.push(r);
  }
  const imageList = [...images.values()];
  const one = imageBytes(m.sizeBytes, m.engine);
  // Pre-filled images live for the whole run; at most one fresh image exists at a time.
  const diskBytes =
    imageList.filter((i) => !i.perRun).length * one + (imageList.some((i) => i.perRun) ? one : 0);
  const fillS = m.sizeBytes / (cost.fillMiBs * 1024 * 1024);
  let estimateS = imageList.filter((i) => i.prefilled).length * (fillS + cost.overheadS);
  for (const r of runs) {
    estimateS += cost.overheadS;
    estimateS += r.runtimeS ?? (r.count ?? 0) / cost.iops;
    // A fresh `full` image is written at creation; `falloc` and the others cost little.
    if (imageOf(m, r.prealloc, r.prefilled).perRun && r.prealloc === 'full') estimateS += fillS;
  }
  const notes: string[] = [];
  if (done.size > 0)
    notes.push(`${all.length - remaining.length} of ${all.length} runs already in OUT: skipped`);
  return {
    matrix: m,
    images: imageList,
    runs,
    measured: remaining.length,
    warmups: runs.length - remaining.length,
    skipped: all.length - remaining.length,
    diskBytes,
    estimateS,
    cost,
    notes,
  };
}

/** Human size: 1.5 GiB, 256 MiB, 4 KiB. */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${Number.isInteger(v) ? v : v.toFixed(1)} ${units[u]}`;
}

/** 75 s → "1 min 15 s"; 3700 s → "1 h 2 min". */
export function formatDuration(s: number): string {
  const t = Math.max(0, Math.round(s));
  if (t < 60) return `${t} s`;
  if (t < 3600) return `${Math.floor(t / 60)} min ${t % 60} s`;
  return `${Math.floor(t / 3600)} h ${Math.floor((t % 3600) / 60)} min`;
}

/** The --dry-run text: matrix, images, runs in order, disk space and the estimate's assumptions. */
export function describePlan(p: BenchPlan): string {
  const m = p.matrix;
  const modes =
    m.engine === 'qemu-img' ? `aio ${m.aio.join(',')}` : `ioengine ${m.ioengine.join(',')}`;
  const lines = [
    `bench plan: engine ${m.engine}; ${modes}` +
      (m.engine === 'qemu-img'
        ? `; prealloc ${m.prealloc.join(',')}; prefill ${m.prefill.map((b) => (b ? 'yes' : 'no')).join(',')}`
        : '') +
      `; rw ${m.rw.join(',')}; bs ${m.bs.join(',')}; iodepth ${m.iodepth.join(',')}; size ${formatBytes(m.sizeBytes)}; ` +
      (m.count !== null
        ? `count ${m.count}`
        : m.engine === 'fio'
          ? `runtime ${m.runtimeS ?? '?'} s`
          : 'count one pass of the image') +
      `; repeats ${m.repeats}; set ${m.set}`,
    `runs: ${p.measured} measured + ${p.warmups} warm-up (discarded)` +
      (p.skipped > 0 ? `; ${p.skipped} already done (skipped)` : ''),
    `images: ${p.images.map((i) => `${i.id}${i.perRun ? ' (fresh per run)' : ''}`).join(', ') || 'none'}`,
    `disk space in DIR: ${formatBytes(p.diskBytes)} at most`,
    `estimated time: ${formatDuration(p.estimateS)} (assuming ${p.cost.iops} IOPS, ${p.cost.fillMiBs} MiB/s to fill, ${p.cost.overheadS} s per run)`,
    ...p.notes,
    'order:',
  ];
  for (const r of p.runs)
    lines.push(
      `  ${String(r.seq).padStart(4)} ${r.warmup ? 'warm-up ' : ''}${r.warmup ? r.key.slice(7) : r.key}`,
    );
  return lines.join('\n') + '\n';
}
