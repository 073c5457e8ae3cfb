/**
 * Deterministic synthetic result sets for the benchmarks (fixed seed, own PRNG: the same
 * arguments always give byte-identical output, so runs on different days are comparable).
 *
 * The model is a simplified but plausible storage matrix: per-medium device limits and latency,
 * Little's law between queue depth, IOPS and latency, a native/io_uring gain over threads that
 * depends on the medium and the queue depth, allocation costs of qcow2 preallocation modes on
 * a disk that was not pre-written, "sparse" reads of holes, run-to-run noise, and a small rate
 * of the hazards the ingest layer must flag (unit-suspect, failed-run, incomplete).
 *
 * CLI: `tsx bench/synth.ts [10k|100k|1m|fio|all]` writes into bench/.cache/ (gitignored).
 */
import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  ResultRecord,
  QualityFlag,
  Prealloc,
  RwMode,
  AioMode,
} from '../src/core/model/record.types';
import { CANONICAL_COLUMNS } from '../src/core/model/record.types';
import { ingestBytes } from '../src/core/ingest/ingest';
import {
  asBytes,
  asIops,
  asKibPerSecond,
  asMicroseconds,
  asSeconds,
} from '../src/core/model/units';

export const SEED = 0x5eed_a10d;
/** Bumped whenever the model changes, so cached files in bench/.cache are regenerated. */
export const GENERATOR_VERSION = 2;
export const CACHE_DIR = join(dirname(fileURLToPath(import.meta.url)), '.cache');

/** mulberry32: tiny, fast, good enough for synthetic data; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal deviate (Box–Muller) from a uniform source. */
function gauss(rand: () => number): number {
  const u = 1 - rand();
  const v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

interface Medium {
  /** Device IOPS ceiling for 4 KiB random I/O. */
  maxIops: number;
  /** Service time of one random request, µs. */
  latUs: number;
  /** Service time of one sequential request, µs. */
  seqLatUs: number;
  /** Bandwidth ceiling, MiB/s. */
  mibS: number;
  /** native over threads at deep queues and small blocks (0.15 = +15 %). */
  nativeGain: number;
  /** Run-to-run coefficient of variation. */
  cv: number;
}

const MEDIA: Record<string, Medium> = {
  HDD: { maxIops: 450, latUs: 7500, seqLatUs: 120, mibS: 190, nativeGain: 0.01, cv: 0.07 },
  SSD: { maxIops: 95_000, latUs: 95, seqLatUs: 40, mibS: 520, nativeGain: 0.15, cv: 0.03 },
  NVMe: { maxIops: 620_000, latUs: 22, seqLatUs: 12, mibS: 3300, nativeGain: 0.6, cv: 0.025 },
  'SSD-iSCSI': {
    maxIops: 72_000,
    latUs: 260,
    seqLatUs: 180,
    mibS: 1100,
    nativeGain: 0.075,
    cv: 0.04,
  },
  'FC-SAN': { maxIops: 190_000, latUs: 170, seqLatUs: 110, mibS: 1600, nativeGain: 0.1, cv: 0.04 },
};

interface StorageKind {
  storage: string;
  source: 'file' | 'block';
  fs: string | null;
  media: string[];
  preallocs: Prealloc[];
  /** Extra latency of the path (network filesystem), µs. */
  pathLatUs: number;
  /** Bandwidth ceiling of the path, MiB/s (Infinity = the medium's own). */
  pathMibS: number;
}

const STORAGES: StorageKind[] = [
  {
    storage: 'LocalStorage',
    source: 'file',
    fs: 'xfs',
    media: ['HDD', 'SSD', 'NVMe'],
    preallocs: ['off', 'metadata', 'falloc', 'full'],
    pathLatUs: 0,
    pathMibS: Infinity,
  },
  {
    storage: 'SharedBlock',
    source: 'block',
    fs: null,
    media: ['HDD', 'SSD-iSCSI', 'FC-SAN', 'NVMe'],
    preallocs: ['n/a'],
    pathLatUs: 20,
    pathMibS: Infinity,
  },
  {
    storage: 'NFS',
    source: 'file',
    fs: 'nfs',
    media: ['HDD', 'SSD'],
    preallocs: ['off', 'metadata', 'falloc', 'full'],
    pathLatUs: 140,
    pathMibS: 1100,
  },
];

const SETS = [
  {
    name: 'lab-a-2024h1',
    kernel: '4.18.0-348.el8',
    qemu: '6.2.0',
    libvirt: '8.0.0',
    uringExtra: 0.03,
  },
  {
    name: 'lab-b-2024h2',
    kernel: '5.14.0-427.el9',
    qemu: '8.2.0',
    libvirt: '10.0.0',
    uringExtra: 0.08,
  },
] as const;
const BUSES = ['virtio-blk', 'virtio-scsi'] as const;
const RWS: RwMode[] = ['randread', 'randwrite', 'randrw', 'read', 'write'];
const BSS = [4096, 65536, 1048576] as const;
const IODEPTHS = [1, 16, 128] as const;
const NUMJOBS = [1, 4] as const;
const AIOS: AioMode[] = ['threads', 'native', 'io_uring'];
const BOOLS = [false, true] as const;
const VMS = [1, 4] as const;

/** Everything that defines a cell except the aio mode. */
interface BaseCell {
  set: (typeof SETS)[number];
  st: StorageKind;
  medium: string;
  prealloc: Prealloc;
  bus: string;
  prewritten: boolean;
  rw: RwMode;
  bs: number;
  iodepth: number;
  numjobs: number;
  iothread: boolean;
  vms: number;
}

function baseCells(): BaseCell[] {
  const out: BaseCell[] = [];
  for (const set of SETS)
    for (const st of STORAGES)
      for (const medium of st.media)
        for (const prealloc of st.preallocs)
          for (const bus of BUSES)
            for (const prewritten of BOOLS)
              for (const rw of RWS)
                for (const bs of BSS)
                  for (const iodepth of IODEPTHS)
                    for (const numjobs of NUMJOBS)
                      for (const iothread of BOOLS)
                        for (const vms of VMS)
                          out.push({
                            set,
                            st,
                            medium,
                            prealloc,
                            bus,
                            prewritten,
                            rw,
                            bs,
                            iodepth,
                            numjobs,
                            iothread,
                            vms,
                          });
  return out;
}

const isRead = (rw: RwMode) => rw === 'randread' || rw === 'read';
const isRandom = (rw: RwMode) => rw.startsWith('rand');

/** Reads of holes: not pre-written, and the layout leaves unwritten extents (spec "sparse-read"). */
function readsHoles(c: BaseCell): boolean {
  return (
    isRead(c.rw) &&
    !c.prewritten &&
    c.st.source === 'file' &&
    (c.prealloc === 'off' || c.prealloc === 'metadata' || c.prealloc === 'falloc')
  );
}

interface Expected {
  iops: number;
  lat: number;
  p99Factor: number;
  cv: number;
  sparse: boolean;
}

/** Noise-free expectation of one cell and mode. */
function expected(c: BaseCell, aio: AioMode): Expected {
  const m = MEDIA[c.medium]!;
  const qd = c.iodepth * c.numjobs;
  const sparse = readsHoles(c);
  let iops: number;
  if (sparse) {
    // Holes come back from the page cache / zero-fill path: memory speed, not the medium.
    iops = Math.min((qd * 1e6) / 9, 310_000) * (c.bs === 4096 ? 1 : (4096 / c.bs) * 6);
  } else {
    const svc = (isRandom(c.rw) ? m.latUs : m.seqLatUs) + c.st.pathLatUs + 18; // +18 µs virtualization
    // HDDs do not parallelize: a deep queue only helps elevator sorting a little.
    const parallel = c.medium === 'HDD' ? Math.min(qd, 1 + Math.log2(qd)) : qd;
    const mibS = Math.min(m.mibS, c.st.pathMibS);
    iops = Math.min(
      (parallel * 1e6) / svc,
      isRandom(c.rw) || c.medium !== 'HDD' ? m.maxIops : Infinity,
      (mibS * 1048576) / c.bs,
    );
    if (!isRead(c.rw)) iops *= c.medium === 'HDD' ? 1.1 : 0.82; // HDD write cache vs SSD write amplification
    if (c.rw === 'randrw') iops *= 0.92;
    if (!isRead(c.rw) && !c.prewritten) {
      // First writes allocate: qcow2 cluster allocation and unwritten-extent conversion.
      iops *= { off: 0.55, metadata: 0.7, falloc: 0.86, full: 1, 'n/a': 0.97 }[c.prealloc];
    }
  }
  if (c.bus === 'virtio-scsi') iops *= 0.97;
  if (c.iothread) iops *= 1.04;
  if (c.vms > 1) iops *= c.medium === 'NVMe' ? 0.55 : 0.3; // the device is shared
  // Mode gain: full at deep queues and small blocks, little when bandwidth- or seek-bound.
  const depth = qd >= 16 ? 1 : 0.3;
  const size = c.bs === 4096 ? 1 : c.bs === 65536 ? 0.45 : 0.12;
  const gain = sparse ? 0.02 : m.nativeGain * depth * size;
  if (aio === 'native') iops *= 1 + gain;
  if (aio === 'io_uring') iops *= 1 + gain + c.set.uringExtra * depth;
  // A mode only removes host overhead: it cannot take a cell past the device (or its share of it).
  if (!sparse)
    iops = Math.min(
      iops,
      m.maxIops * (c.vms > 1 ? (c.medium === 'NVMe' ? 0.55 : 0.3) : 1) * (isRandom(c.rw) ? 1 : 4),
    );
  const lat = (qd * 1e6) / iops;
  return {
    iops,
    lat,
    p99Factor: c.medium === 'HDD' ? 3.4 : 2.1,
    cv: m.cv * (c.st.storage === 'NFS' ? 1.6 : 1),
    sparse,
  };
}

const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;

export interface SynthOptions {
  /** Name used for `origin` (FILE:LINE) and the CSV file. */
  fileName?: string;
  seed?: number;
  /**
   * Only the first `cells` base cells of the shuffled matrix (a smaller matrix run night after
   * night: the same records in fewer cells with more repeats). Default: all of them.
   */
  cells?: number;
}

/** Deterministic mapping (set, storage, medium) → test bed: an extra column constant per cell. */
function testbed(c: BaseCell): string {
  const i =
    (SETS.indexOf(c.set) * 7 + STORAGES.indexOf(c.st) * 3 + c.st.media.indexOf(c.medium)) % 12;
  return `node-${String(i + 1).padStart(2, '0')}`;
}

/**
 * `n` canonical records. Base cells are visited in a seeded random order; each gets all three
 * aio modes (2 % of modes skipped: coverage gaps and unpaired records) with 1–5 repeats; after
 * the matrix is exhausted (only for ~1M) a new round of nightly repeats starts.
 */
export function synthRecords(n: number, opts: SynthOptions = {}): ResultRecord[] {
  const rand = mulberry32(opts.seed ?? SEED);
  const fileName = opts.fileName ?? `synth-${n}.csv`;
  const cells = baseCells();
  for (let i = cells.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [cells[i], cells[j]] = [cells[j]!, cells[i]!];
  }
  if (opts.cells !== undefined) cells.length = Math.min(cells.length, Math.max(1, opts.cells));
  const out: ResultRecord[] = [];
  let round = 0;
  while (out.length < n) {
    for (const c of cells) {
      for (const aio of AIOS) {
        if (rand() < 0.02) continue;
        const repeats = 1 + Math.floor(rand() * 5);
        const e = expected(c, aio);
        for (let k = 1; k <= repeats && out.length < n; k++) {
          const noise = Math.exp(gauss(rand) * e.cv);
          let iops: number | null = e.iops * noise;
          let lat: number | null = (e.lat / noise) * Math.exp(gauss(rand) * 0.01);
          let p99: number | null = lat * e.p99Factor * (1 + 0.3 * rand());
          const flags: QualityFlag[] = [];
          if (e.sparse) flags.push('sparse-read');
          const hazard = rand();
          if (hazard < 0.001) {
            lat *= 1000; // a script wrote msec into the µs column
            p99 *= 1000;
            flags.push('unit-suspect');
          } else if (hazard < 0.0015) {
            iops = 0;
            lat = 0;
            p99 = 0;
            flags.push('failed-run');
          } else if (hazard < 0.0025) {
            iops = null;
            lat = null;
            p99 = null;
            flags.push('incomplete');
          }
          const line = out.length + 2; // header is line 1
          const rec: ResultRecord = {
            set: c.set.name,
            run: round === 0 ? `r${k}` : `n${round}-r${k}`,
            storage: c.st.storage,
            source: c.st.source,
            fs: c.st.fs,
            medium: c.medium,
            format: 'qcow2',
            prealloc: c.prealloc,
            cache: 'none',
            aio,
            bus: c.bus,
            iothread: c.iothread,
            prewritten: c.prewritten,
            vms: c.vms,
            layer: 'guest',
            rw: c.rw,
            bs: asBytes(c.bs),
            iodepth: c.iodepth,
            numjobs: c.numjobs,
            ioengine: 'libaio',
            runtime_s: asSeconds(60),
            iops: iops === null ? null : asIops(r1(iops)),
            iops_total: iops === null || c.vms === 1 ? null : asIops(r1(iops * c.vms)),
            lat_mean_us: lat === null ? null : asMicroseconds(r2(lat)),
            lat_p99_us: p99 === null ? null : asMicroseconds(r2(p99)),
            bw_kib_s: iops === null ? null : asKibPerSecond(r1((iops * c.bs) / 1024)),
            host_kernel: c.set.kernel,
            qemu: c.set.qemu,
            libvirt: c.set.libvirt,
            flags,
            origin: `${fileName}:${line}`,
            lat_p999_us: null,
            lat_max_us: null,
            cpu_us_per_io: null,
            restates: null,
            extra: { testbed: testbed(c) },
          };
          out.push(rec);
        }
        if (out.length >= n) return out;
      }
    }
    round++;
  }
  return out;
}

function csvCell(v: string | number | boolean | string[] | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = Array.isArray(v) ? v.join(';') : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Canonical CSV (spec column order, extra columns after, `restates` as an extra). Used until
 * the ingest module's recordsToCsv exists; bench/run.ts prefers recordsToCsv when present.
 */
export function toCanonicalCsv(records: ResultRecord[]): string {
  const extras: string[] = [];
  const seen = new Set<string>();
  for (const r of records)
    for (const k of Object.keys(r.extra))
      if (!seen.has(k)) {
        seen.add(k);
        extras.push(k);
      }
  const hasRestates = records.some((r) => r.restates !== null);
  const header = [...CANONICAL_COLUMNS, ...(hasRestates ? ['restates'] : []), ...extras];
  const lines: string[] = [header.join(',')];
  for (const r of records) {
    const row: string[] = CANONICAL_COLUMNS.map((c) => csvCell(r[c]));
    if (hasRestates) row.push(csvCell(r.restates));
    for (const k of extras) row.push(csvCell(r.extra[k]));
    lines.push(row.join(','));
  }
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------- fio JSON (fio 3.x shape)

const PCTS = [
  '1.000000',
  '5.000000',
  '10.000000',
  '20.000000',
  '30.000000',
  '40.000000',
  '50.000000',
  '60.000000',
  '70.000000',
  '80.000000',
  '90.000000',
  '95.000000',
  '99.000000',
  '99.500000',
  '99.900000',
  '99.950000',
  '99.990000',
];

function ioSide(iops: number, latUs: number, bs: number, runtimeMs: number, rand: () => number) {
  if (iops === 0) {
    return {
      io_bytes: 0,
      io_kbytes: 0,
      bw_bytes: 0,
      bw: 0,
      iops: 0.0,
      runtime: 0,
      total_ios: 0,
      short_ios: 0,
      drop_ios: 0,
      slat_ns: { min: 0, max: 0, mean: 0.0, stddev: 0.0, N: 0 },
      clat_ns: { min: 0, max: 0, mean: 0.0, stddev: 0.0, N: 0 },
      lat_ns: { min: 0, max: 0, mean: 0.0, stddev: 0.0, N: 0 },
      bw_min: 0,
      bw_max: 0,
      bw_agg: 0.0,
      bw_mean: 0.0,
      bw_dev: 0.0,
      bw_samples: 0,
      iops_min: 0,
      iops_max: 0,
      iops_mean: 0.0,
      iops_stddev: 0.0,
      iops_samples: 0,
    };
  }
  const total = Math.round((iops * runtimeMs) / 1000);
  const bwBytes = Math.round(iops * bs);
  const clatNs = latUs * 1000;
  const percentile: Record<string, number> = {};
  for (const p of PCTS) {
    const q = Number(p) / 100;
    // A right-skewed latency distribution, rounded to fio's histogram buckets.
    const v = clatNs * (0.35 + 1.6 * Math.pow(q, 6) + 0.5 * q + 0.05 * rand());
    percentile[p] = Math.round(v / 512) * 512;
  }
  const N = total;
  return {
    io_bytes: total * bs,
    io_kbytes: Math.round((total * bs) / 1024),
    bw_bytes: bwBytes,
    bw: Math.round(bwBytes / 1024),
    iops: Math.round(iops * 1e6) / 1e6,
    runtime: runtimeMs,
    total_ios: total,
    short_ios: 0,
    drop_ios: 0,
    slat_ns: { min: 1200, max: 90_000, mean: 3100.5, stddev: 800.2, N },
    clat_ns: {
      min: Math.round(clatNs * 0.2),
      max: Math.round(clatNs * 12),
      mean: clatNs,
      stddev: clatNs * 0.4,
      N,
      percentile,
    },
    lat_ns: {
      min: Math.round(clatNs * 0.2) + 1200,
      max: Math.round(clatNs * 12) + 90_000,
      mean: clatNs + 3100.5,
      stddev: clatNs * 0.4,
      N,
    },
    bw_min: Math.round((bwBytes / 1024) * 0.8),
    bw_max: Math.round((bwBytes / 1024) * 1.2),
    bw_agg: 100.0,
    bw_mean: bwBytes / 1024,
    bw_dev: (bwBytes / 1024) * 0.05,
    bw_samples: 120,
    iops_min: Math.round(iops * 0.8),
    iops_max: Math.round(iops * 1.2),
    iops_mean: iops,
    iops_stddev: iops * 0.05,
    iops_samples: 120,
  };
}

export interface FioFileSpec {
  storage: string;
  medium: string;
  prealloc: Prealloc;
  bus: string;
  aio: AioMode;
  prewritten: boolean;
  rw: 'randread' | 'randwrite' | 'read' | 'write' | 'randrw';
  bs: number;
  iodepth: number;
  numjobs: number;
}

const bsLabel = (bs: number) => (bs >= 1048576 ? `${bs / 1048576}M` : `${bs / 1024}k`);

/**
 * One fio 3.x `--output-format=json` document for one job, environment facts in the job's
 * `description` as `key:value` pairs (the convention the ingest layer reads).
 */
export function synthFioJson(spec: FioFileSpec, rand: () => number, seq = 0): string {
  const st = STORAGES.find((s) => s.storage === spec.storage) ?? STORAGES[0]!;
  const cell: BaseCell = {
    set: SETS[0],
    st,
    medium: spec.medium,
    prealloc: spec.prealloc,
    bus: spec.bus,
    prewritten: spec.prewritten,
    rw: spec.rw,
    bs: spec.bs,
    iodepth: spec.iodepth,
    numjobs: spec.numjobs,
    iothread: false,
    vms: 1,
  };
  const e = expected(cell, spec.aio);
  const noise = Math.exp(gauss(rand) * e.cv);
  const iops = e.iops * noise;
  const lat = e.lat / noise;
  const runtimeMs = 60_000 + Math.floor(rand() * 20);
  const description = [
    `storage:${spec.storage}`,
    `medium:${spec.medium}`,
    `prealloc:${spec.prealloc}`,
    `bus:${spec.bus}`,
    `aio:${spec.aio}`,
    `prewritten:${spec.prewritten ? 'yes' : 'no'}`,
  ].join(',');
  const readIops = spec.rw === 'randrw' ? iops * 0.5 : isRead(spec.rw) ? iops : 0;
  const writeIops = spec.rw === 'randrw' ? iops * 0.5 : isRead(spec.rw) ? 0 : iops;
  const t = 1_700_000_000 + seq * 67;
  const doc = {
    'fio version': 'fio-3.33',
    timestamp: t,
    timestamp_ms: t * 1000 + 123,
    time: new Date(t * 1000).toUTCString(),
    'global options': {
      direct: '1',
      ioengine: 'libaio',
      runtime: '60',
      time_based: '1',
      group_reporting: '1',
      filename: '/dev/vdb',
    },
    jobs: [
      {
        jobname: `${spec.rw}-${spec.iodepth}-${spec.numjobs}`,
        groupid: 0,
        error: 0,
        eta: 0,
        elapsed: 61,
        'job options': {
          name: `${spec.rw}-${spec.iodepth}-${spec.numjobs}`,
          description,
          rw: spec.rw,
          bs: bsLabel(spec.bs),
          iodepth: String(spec.iodepth),
          numjobs: String(spec.numjobs),
        },
        read: ioSide(readIops, lat, spec.bs, runtimeMs, rand),
        write: ioSide(writeIops, lat, spec.bs, runtimeMs, rand),
        trim: ioSide(0, 0, spec.bs, 0, rand),
        sync: { total_ios: 0, lat_ns: { min: 0, max: 0, mean: 0.0, stddev: 0.0, N: 0 } },
        job_runtime: runtimeMs * spec.numjobs,
        usr_cpu: 3.1 + rand(),
        sys_cpu: 11.7 + rand() * 3,
        ctx: Math.round(iops * 60 * 0.9),
        majf: 0,
        minf: 40 + spec.numjobs,
        iodepth_level: {
          '1': 0.1,
          '2': 0.1,
          '4': 0.1,
          '8': 0.1,
          '16': 0.1,
          '32': 0.1,
          '>=64': 99.4,
        },
        iodepth_submit: {
          '0': 0.0,
          '4': 100.0,
          '8': 0.0,
          '16': 0.0,
          '32': 0.0,
          '64': 0.0,
          '>=64': 0.0,
        },
        iodepth_complete: {
          '0': 0.0,
          '4': 99.9,
          '8': 0.0,
          '16': 0.0,
          '32': 0.0,
          '64': 0.1,
          '>=64': 0.0,
        },
        latency_ns: {
          '2': 0.0,
          '4': 0.0,
          '10': 0.0,
          '20': 0.0,
          '50': 0.0,
          '100': 0.0,
          '250': 0.0,
          '500': 0.0,
          '750': 0.0,
          '1000': 0.0,
        },
        latency_us: {
          '2': 0.0,
          '4': 0.0,
          '10': 0.01,
          '20': 2.5,
          '50': 20.1,
          '100': 40.3,
          '250': 30.2,
          '500': 5.1,
          '750': 1.0,
          '1000': 0.5,
        },
        latency_ms: {
          '2': 0.2,
          '4': 0.1,
          '10': 0.01,
          '20': 0.0,
          '50': 0.0,
          '100': 0.0,
          '250': 0.0,
          '500': 0.0,
          '750': 0.0,
          '1000': 0.0,
          '2000': 0.0,
          '>=2000': 0.0,
        },
        latency_depth: spec.iodepth,
        latency_target: 0,
        latency_percentile: 100.0,
        latency_window: 0,
      },
    ],
    disk_util: [
      {
        name: 'vdb',
        read_ios: 1000,
        write_ios: 1000,
        read_merges: 0,
        write_merges: 0,
        read_ticks: 1,
        write_ticks: 1,
        in_queue: 2,
        util: 99.5,
      },
    ],
  };
  return JSON.stringify(doc, null, 2);
}

/**
 * fio-plot's published layout: per configuration a folder of 98 files named
 * `<rw>-<iodepth>-<numjobs>.json` (randread/randwrite × iodepth 1..64 × numjobs 1..64).
 * Returns the folder paths.
 */
export function writeFioFolders(
  root: string,
  modes: AioMode[] = ['threads', 'native'],
  seed = SEED,
): string[] {
  const rand = mulberry32(seed ^ 0xf10);
  const dirs: string[] = [];
  let seq = 0;
  for (const aio of modes) {
    const dir = join(root, aio);
    mkdirSync(dir, { recursive: true });
    for (const rw of ['randread', 'randwrite'] as const)
      for (const iodepth of [1, 2, 4, 8, 16, 32, 64])
        for (const numjobs of [1, 2, 4, 8, 16, 32, 64]) {
          const text = synthFioJson(
            {
              storage: 'LocalStorage',
              medium: 'NVMe',
              prealloc: 'full',
              bus: 'virtio-blk',
              aio,
              prewritten: true,
              rw,
              bs: 4096,
              iodepth,
              numjobs,
            },
            rand,
            seq++,
          );
          writeFileSync(join(dir, `${rw}-${iodepth}-${numjobs}.json`), text);
        }
    dirs.push(dir);
  }
  return dirs;
}

export const SIZES = { '10k': 10_000, '100k': 100_000, '1m': 1_000_000 } as const;
export type SizeName = keyof typeof SIZES;

export const csvPath = (size: SizeName) => join(CACHE_DIR, `synth-${size}.csv`);

/**
 * Writes bench/.cache/synth-<size>.csv unless present with the same writer (`writerId` names the
 * CSV writer: the ingest module's recordsToCsv once it exists, this file's own before); returns
 * its path.
 */
export function ensureCsv(
  size: SizeName,
  toCsv: (r: ResultRecord[]) => string = toCanonicalCsv,
  writerId = 'synth',
  force = false,
): string {
  const path = csvPath(size);
  const stamp = `${path}.writer`;
  const stampText = `${writerId} v${GENERATOR_VERSION}`;
  if (!force && existsSync(path) && existsSync(stamp) && readFileSync(stamp, 'utf8') === stampText)
    return path;
  mkdirSync(CACHE_DIR, { recursive: true });
  const records = synthRecords(SIZES[size], { fileName: `synth-${size}.csv` });
  writeFileSync(path, toCsv(records));
  writeFileSync(stamp, stampText);
  return path;
}

/** Writes the two fio-plot-style folders under bench/.cache/fio unless present. */
export function ensureFio(): string[] {
  const root = join(CACHE_DIR, 'fio');
  const dirs = ['threads', 'native'].map((m) => join(root, m));
  const stamp = join(root, 'version');
  const v = `v${GENERATOR_VERSION}`;
  if (
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8') === v &&
    dirs.every((d) => existsSync(join(d, 'randwrite-64-64.json')))
  )
    return dirs;
  const out = writeFioFolders(root);
  writeFileSync(stamp, v);
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const what = process.argv[2] ?? 'all';
  const t0 = performance.now();
  if (what === 'fio' || what === 'all') console.log(ensureFio().join('\n'));
  for (const size of Object.keys(SIZES) as SizeName[])
    if (what === size || what === 'all')
      console.log(ensureCsv(size, toCanonicalCsv, 'synth', true));
  console.log(`done in ${Math.round(performance.now() - t0)} ms`);
}

/**
 * `n` records shaped like a fleet's repeats: the seed (data/zstack-2023q1.csv, 96 compared cells,
 * restated rows included) repeated, IOPS varied by record. Few cells with many repeats each,
 * where synthRecords() makes many cells with a few.
 */
export function repeatedSeed(n: number): ResultRecord[] {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const seed = ingestBytes(readFileSync(join(root, 'data/zstack-2023q1.csv')), {
    fileName: 'zstack-2023q1.csv',
    set: 'seed',
  });
  if (!seed.ok) throw new Error(seed.reason);
  const base = seed.value.records;
  return Array.from({ length: n }, (_, i) => {
    const r = base[i % base.length]!;
    return { ...r, iops: r.iops === null ? null : asIops(r.iops * (0.9 + (i % 97) / 480)) };
  });
}
