/**
 * Contracts of `aio-dash bench` (pure). The plan (plan.ts) says which runs happen in which order
 * on which image; the Node runner (src/node/bench/) executes it; record.ts turns each run's
 * output into a canonical record.
 */
import type { AioMode, Prealloc, RwMode } from '../model/record.types';

export const BENCH_ENGINES = ['qemu-img', 'fio'] as const;
export type BenchEngine = (typeof BENCH_ENGINES)[number];

/** The measurement matrix (flags or a plan file). */
export interface BenchMatrix {
  engine: BenchEngine;
  /** qemu-img: QEMU aio modes (`-i`). Empty for fio. */
  aio: AioMode[];
  /** fio: ioengines. Empty for qemu-img. */
  ioengine: string[];
  /** qemu-img: image preallocation modes. fio: ignored (one raw file). */
  prealloc: Exclude<Prealloc, 'n/a'>[];
  /** Pre-filled (written fully before the runs) or not; fio supports only `true`. */
  prefill: boolean[];
  rw: RwMode[];
  /** Block sizes in bytes. */
  bs: number[];
  iodepth: number[];
  /** Image (or fio file) size in bytes. */
  sizeBytes: number;
  /** Requests per run (qemu-img `-c`, fio `number_ios`); null: qemu-img one pass, fio by time. */
  count: number | null;
  /** fio run time in seconds (time_based); null with qemu-img. */
  runtimeS: number | null;
  repeats: number;
  /** Name of the result set the records carry. */
  set: string;
}

/** An image (or fio file) a run uses. */
export interface ImageSpec {
  /** Stable id, e.g. `prefilled-falloc`, `fresh-off`, `fio-file`. */
  id: string;
  /** null for fio's raw file. */
  prealloc: Exclude<Prealloc, 'n/a'> | null;
  prefilled: boolean;
  /** A fresh image is created for every run (not-pre-filled images: a write changes allocation). */
  perRun: boolean;
}

/** One run of the plan, in execution order. */
export interface BenchRun {
  /** Run key (see runKey in plan.ts); warm-ups have `warmup:` + the key of the run they precede. */
  key: string;
  /** Position in the full plan, 1-based (stable under --resume). */
  seq: number;
  warmup: boolean;
  /** Repeat number 1..repeats (the record's `run`); 0 for a warm-up. */
  repeat: number;
  engine: BenchEngine;
  aio: AioMode | null;
  ioengine: string | null;
  prealloc: Exclude<Prealloc, 'n/a'> | null;
  prefilled: boolean;
  rw: RwMode;
  bs: number;
  iodepth: number;
  /** Requests (qemu-img -c / fio number_ios), or null for a timed fio run. */
  count: number | null;
  runtimeS: number | null;
  /** ImageSpec id. */
  image: string;
}

/** Assumptions of the estimate (documented so that --dry-run can print them). */
export interface CostModel {
  /** Assumed I/O rate of one run, IOPS (qemu-img runs and count-bound fio runs). */
  iops: number;
  /** Assumed sequential write rate for pre-filling and `full` preallocation, MiB/s. */
  fillMiBs: number;
  /** Fixed cost of one run (process start, image creation), seconds. */
  overheadS: number;
}

export interface BenchPlan {
  matrix: BenchMatrix;
  images: ImageSpec[];
  /** Execution order: warm-ups and measured runs. */
  runs: BenchRun[];
  /** Measured runs in the plan (warm-ups excluded). */
  measured: number;
  warmups: number;
  /** Measured runs skipped because OUT already holds them (--resume). */
  skipped: number;
  /** Peak disk space in DIR, bytes. */
  diskBytes: number;
  /** Estimated duration, seconds (see cost). */
  estimateS: number;
  cost: CostModel;
  notes: string[];
}

/**
 * What the Node probe found on this host (src/node/bench/probe.ts fills it); environment.ts
 * maps it to record fields. Every field null when it could not be read.
 */
export interface EnvironmentProbe {
  /** os.release() */
  kernel: string | null;
  /** First line of `qemu-img --version`. */
  qemuImgVersion: string | null;
  /** First line of `fio --version`. */
  fioVersion: string | null;
  /** Filesystem type of DIR (/proc/self/mountinfo). */
  fsType: string | null;
  /** The block device under DIR. */
  device: BlockDeviceFacts | null;
  /** io_uring usability per engine: null when usable, else the reason. */
  ioUringProblem: { 'qemu-img': string | null; fio: string | null };
}

export interface BlockDeviceFacts {
  /** Kernel name of the whole disk (vda, nvme0n1, sda, dm-0). */
  name: string;
  /** MAJ:MIN of the filesystem's device. */
  majMin: string;
  /** queue/rotational: true = 1. */
  rotational: boolean | null;
  /** Driver of the disk when known (`virtio_blk`, `nvme`, `sd`). */
  driver: string | null;
}

/** What one finished run produced, before it becomes a record. */
export interface RunMeasurement {
  iops: number;
  bwKibS: number;
  runtimeS: number;
  /** I/O requests completed. */
  ios: number;
  /** CPU seconds (user + system) of the measuring process and its children; null if unknown. */
  cpuS: number | null;
  latMeanUs: number | null;
  latP99Us: number | null;
  latP999Us: number | null;
  latMaxUs: number | null;
  /** Extra columns the engine's parser kept (fio version, …). */
  extra: Record<string, string>;
}
