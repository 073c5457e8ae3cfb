/**
 * Header and value vocabularies (English and Chinese, case-insensitive) and the per-field value
 * setters shared by every tabular importer (CSV, TSV, JSON records, markdown).
 */
import type { ResultRecord } from '../model/record.types';
import { CANONICAL_COLUMNS, FLAGS } from '../model/record.types';
import type { QualityFlag } from '../model/record.types';
import type { Bytes, Iops, KibPerSecond, Microseconds, Seconds } from '../model/units';
import { addFlag, setExtra } from './record.build';
import type { StringPool } from './string.pool';
import { detach, GLOBAL_POOL } from './string.pool';
import {
  parseBlockSize,
  parseCount,
  parseLatencyUs,
  parseSeconds,
  scalePow10,
} from './units.parse';

/** Fields a table column can map to: the canonical columns plus the `restates` extension. */
export const TABLE_FIELDS = [...CANONICAL_COLUMNS, 'restates'] as const;
export type TableField = (typeof TABLE_FIELDS)[number];

export const METRIC_TABLE_FIELDS: ReadonlySet<TableField> = new Set([
  'iops',
  'iops_total',
  'lat_mean_us',
  'lat_p99_us',
  'bw_kib_s',
  'lat_p999_us',
  'lat_max_us',
  'cpu_us_per_io',
]);

/** How a column's bare numbers are scaled: latency power of ten to µs, bandwidth factor to KiB/s. */
export interface ColumnUnit {
  latPow: number;
  bwMult: number;
}
export const DEFAULT_UNIT: ColumnUnit = { latPow: 0, bwMult: 1 };

/**
 * A plain JS number literal ("12", "-3.5", "1e3"), or null. The hot path of canonical CSVs: no
 * regex, no allocation. Hex/octal/binary prefixes that Number() would accept are refused.
 */
export function fastNumber(s: string): number | null {
  // Plain decimals of up to 15 digits: mantissa / 10^k is exactly Number(s) (both operands are
  // exact doubles and the division is correctly rounded), and a char loop beats string-to-number.
  const n = s.length;
  if (n > 0 && n <= 16) {
    let m = 0;
    let k = -1;
    let i = s.charCodeAt(0) === 45 ? 1 : 0;
    let digits = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i) - 48;
      if (c >= 0 && c <= 9) {
        m = m * 10 + c;
        digits++;
        if (k >= 0) k++;
      } else if (c === -2 && k < 0) k = 0;
      else break;
    }
    if (i === n && digits > 0 && digits <= 15) {
      const v = k > 0 ? m / POW10[k]! : m;
      return s.charCodeAt(0) === 45 ? -v : v;
    }
  }
  const c = s.charCodeAt(0);
  if (!((c >= 48 && c <= 57) || c === 45 || c === 46 || c === 43)) return null;
  const v = +s;
  if (v !== v || v === Infinity || v === -Infinity) return null;
  if (s.length > 1 && (c === 48 || c === 45 || c === 43)) {
    const c1 = s.charCodeAt(c === 48 ? 1 : 2) | 32;
    if (c1 === 120 || c1 === 111 || c1 === 98) return null;
  }
  return v;
}
const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
];

const AIO_EXACT = new Map<string, 'threads' | 'native' | 'io_uring'>([
  ['threads', 'threads'],
  ['native', 'native'],
  ['io_uring', 'io_uring'],
]);
/** Map of each canonical value to itself: the lookup both validates and returns a shared string. */
const exact = <T extends string>(...values: T[]): ReadonlyMap<string, T> =>
  new Map(values.map((v) => [v, v]));
const SOURCE_EXACT = exact('file', 'block', 'network');
const FORMAT_EXACT = exact('qcow2', 'raw');
const CACHE_EXACT = exact('none', 'directsync', 'writethrough', 'writeback', 'unsafe');
const LAYER_EXACT = exact('guest', 'host');
const RW_EXACT = exact('randread', 'randwrite', 'randrw', 'read', 'write', 'rw');
const PREALLOC_EXACT = exact('off', 'metadata', 'falloc', 'full', 'n/a');
const MEDIUM_EXACT = exact('HDD', 'SSD', 'NVMe', 'SSD-iSCSI', 'FC-SAN', 'IP-SAN');

/**
 * The shared flat copy of a repeated string outside an ingest (set names, label values). Inside
 * one, setFieldByCode shares through the ingest's own StringPool (string.pool.ts).
 */
export function intern(s: string): string {
  return GLOBAL_POOL.get(0, s);
}

/** Longest value a canonical field accepts (extras are free text and have no limit). */
export const MAX_VALUE_LENGTH = 1000;

/** Normalizes a header or key for lookup: lower case, no spaces, markdown emphasis or punctuation. */
export function normalizeLabel(label: string): string {
  return label
    .toLowerCase()
    .replace(/[*`_\s\-/.:：]+/g, '')
    .replace(/[()（）[\]]/g, '');
}

const HEADER_WORDS: Record<TableField, string[]> = {
  set: ['set', 'resultset', '结果集', '数据集'],
  run: [
    'run',
    'repeat',
    'runid',
    'iteration',
    'iter',
    'try',
    'try#',
    'tryno',
    'trial',
    'attempt',
    'repetition',
    'rep',
    '轮次',
    '第几次',
    '重复',
    '次数',
    '第几轮',
    '测试轮次',
  ],
  storage: [
    'storage',
    'storagetype',
    'primarystorage',
    'primarystoragetype',
    'platformstorage',
    '存储类型',
    '主存储类型',
    '主存储',
    '存储',
  ],
  source: ['source', 'disksource', 'imagesource', '接入方式', '存储接入'],
  fs: ['fs', 'filesystem', 'hostfs', '文件系统', '宿主机文件系统'],
  medium: [
    'medium',
    'media',
    'disk',
    'device',
    'devicetype',
    'disktype',
    '存储介质',
    '介质',
    '磁盘类型',
    '硬盘类型',
  ],
  format: ['format', 'imageformat', 'diskformat', '格式', '镜像格式', '磁盘格式'],
  prealloc: [
    'prealloc',
    'preallocation',
    'preallocationmode',
    'imagepreallocation',
    'preallocmode',
    'alloc',
    'allocation',
    'imagealloc',
    '镜像预分配',
    '预分配模式',
    '预分配',
    '预分配策略',
    '云盘预分配策略',
    '磁盘预分配策略',
  ],
  cache: ['cache', 'cachemode', '缓存', '缓存模式'],
  aio: [
    'aio',
    'aiomode',
    'iomode',
    'io',
    'backend',
    'aiobackend',
    'iobackend',
    'aioengine',
    'qemuiomode',
    'qemuaiomode',
    '后端',
    'aio后端',
    'io后端',
    'qemuaio',
    '已开启内核aio',
    '开启内核aio',
    '内核aio',
    'aio模式',
    'io模式',
    'qemuio模式',
  ],
  bus: ['bus', 'diskbus', 'controller', 'i/o抽象层', 'io抽象层', '抽象层', '总线', '磁盘总线'],
  iothread: ['iothread', 'iothreads', 'iothread开启'],
  prewritten: [
    'prewritten',
    'prewrite',
    'prefilled',
    'prefill',
    'preconditioned',
    'precondition',
    'warm',
    'warmed',
    'warmup',
    'prewarmed',
    '预热',
    '已预写',
    '预写入',
    '是否预写',
    '云盘测试前写覆盖',
    '测试前写覆盖',
    '写覆盖',
    '预写',
    '预填充',
  ],
  vms: [
    'vms',
    'vm',
    'vmcount',
    'numvms',
    'vmnumber',
    '云主机数量',
    '虚拟机数量',
    'vm数量',
    '云主机数',
  ],
  layer: ['layer', 'level', '测试层', '层级'],
  rw: [
    'rw',
    'readwrite',
    'mode',
    'workload',
    'pattern',
    'iopattern',
    'op',
    'operation',
    'iotype',
    'rwmode',
    'accesspattern',
    '读写',
    '读写方式',
    '读写模型',
    '读写模式',
    '读写类型',
    '测试模型',
    '模型',
  ],
  bs: [
    'bs',
    'blocksize',
    'blksize',
    'block',
    'blocksz',
    'iosize',
    'requestsize',
    'reqsize',
    '块大小',
    '数据块大小',
    'io大小',
  ],
  iodepth: ['iodepth', 'qd', 'queuedepth', 'depth', 'qdepth', '队列深度', 'io深度', '深度'],
  numjobs: [
    'numjobs',
    'jobs',
    'nj',
    'jobcount',
    'numthreads',
    '作业数',
    '线程数',
    '进程数',
    '并发数',
  ],
  ioengine: ['ioengine', 'engine', 'fioengine', 'io引擎', '引擎'],
  runtime_s: [
    'runtimes',
    'runtime',
    'duration',
    'time',
    'seconds',
    'secs',
    'elapsed',
    'elapsedtime',
    '运行时间',
    '测试时间',
    '时长',
    '耗时',
    '用时',
    '运行时长',
  ],
  iops: [
    'iops',
    'iopspervm',
    'avgiops',
    'meaniops',
    'opss',
    'opspersec',
    'opspersecond',
    'iopersec',
    'iopersecond',
    '每秒读写次数',
    '每秒操作数',
    '每台vm平均',
    '每台云主机平均',
    '单台iops',
    '平均iops',
  ],
  iops_total: [
    'iopstotal',
    'totaliops',
    'sumiops',
    '三台vm累计',
    '累计',
    '累计iops',
    '总iops',
    'iops总和',
  ],
  lat_mean_us: [
    'latmeanus',
    'latmean',
    'latency',
    'lat',
    'meanlatency',
    'avglatency',
    'averagelatency',
    'avglat',
    'meanlat',
    'avgclat',
    'clat',
    'clatmean',
    'completionlatency',
    '延迟',
    '平均延迟',
    '时延',
    '平均时延',
    '延时',
  ],
  lat_p99_us: [
    'latp99us',
    'latp99',
    'p99',
    'p99latency',
    '99thpercentile',
    '99%',
    'clatp99',
    'p99lat',
    'lat99',
    '99thlatency',
    '99分位',
    '99分位延迟',
    'p99时延',
    'p99延迟',
    '99延迟',
    '99%延迟',
  ],
  bw_kib_s: ['bwkibs', 'bw', 'bandwidth', 'throughput', '带宽', '吞吐', '吞吐量'],
  host_kernel: ['hostkernel', 'kernel', 'kernelversion', '内核', '内核版本', '宿主机内核'],
  qemu: ['qemu', 'qemuversion', 'qemu版本'],
  libvirt: ['libvirt', 'libvirtversion', 'libvirt版本'],
  flags: ['flags', 'flag', 'quality', '标记'],
  origin: ['origin', 'provenance', '来源'],
  lat_p999_us: [
    'latp999us',
    'latp999',
    'p999',
    'p99.9',
    'p999latency',
    '99.9thpercentile',
    '99.9%',
    'clatp999',
    'p999延迟',
    '99.9延迟',
    '99.9%延迟',
  ],
  lat_max_us: [
    'latmaxus',
    'latmax',
    'maxlat',
    'maxlatency',
    'clatmax',
    'maxclat',
    '最大延迟',
    '最大时延',
    '最大延时',
  ],
  cpu_us_per_io: [
    'cpuusperio',
    'cpuperio',
    'cpuio',
    'cputimeperio',
    '每io cpu时间',
    '每io cpu',
    '单io cpu时间',
  ],
  restates: ['restates'],
};

const HEADER_INDEX = new Map<string, TableField>();
for (const f of TABLE_FIELDS)
  for (const w of HEADER_WORDS[f]) HEADER_INDEX.set(normalizeLabel(w), f);

/** A header label's field and the unit it names ("延迟(ms)", "lat_ns", "bw (MiB/s)"). */
export interface HeaderMatch {
  field: TableField | null;
  unit: ColumnUnit;
}

const UNIT_SUFFIX =
  /^(.*?)[\s_]*[(（[]?\s*(ns|nsec|us|µs|μs|usec|ms|msec|s|sec|kib\/s|kb\/s|mib\/s|mb\/s|gib\/s|gb\/s|秒|毫秒|微秒|纳秒)\s*[)）\]]?$/i;
const LAT_POW: Record<string, number> = {
  ns: -3,
  nsec: -3,
  us: 0,
  µs: 0,
  μs: 0,
  usec: 0,
  ms: 3,
  msec: 3,
  s: 6,
  sec: 6,
  秒: 6,
  毫秒: 3,
  微秒: 0,
  纳秒: -3,
};
const BW_MULT: Record<string, number> = {
  'kib/s': 1,
  'kb/s': 1000 / 1024,
  'mib/s': 1024,
  'mb/s': 1e6 / 1024,
  'gib/s': 1024 * 1024,
  'gb/s': 1e9 / 1024,
};

/** Maps a header label to a field (case-insensitive, English or Chinese), reading a unit suffix. */
export function matchHeader(label: string): HeaderMatch {
  if (label.length > 100) return { field: null, unit: DEFAULT_UNIT };
  const exact = HEADER_INDEX.get(normalizeLabel(label));
  if (exact) return { field: exact, unit: DEFAULT_UNIT };
  const m = UNIT_SUFFIX.exec(label.trim());
  if (m) {
    const base = HEADER_INDEX.get(normalizeLabel(m[1] ?? ''));
    const u = (m[2] ?? '').toLowerCase();
    if (
      base === 'lat_mean_us' ||
      base === 'lat_p99_us' ||
      base === 'lat_p999_us' ||
      base === 'lat_max_us' ||
      base === 'cpu_us_per_io' ||
      base === 'runtime_s'
    ) {
      const pow = LAT_POW[u];
      if (pow !== undefined) return { field: base, unit: { latPow: pow, bwMult: 1 } };
    }
    // "Bandwidth (MB/s)", or the unit alone as the header ("MB/s").
    if (base === 'bw_kib_s' || (base === undefined && normalizeLabel(m[1] ?? '') === '')) {
      const mult = BW_MULT[u];
      if (mult !== undefined) return { field: 'bw_kib_s', unit: { latPow: 0, bwMult: mult } };
    }
  }
  return { field: null, unit: DEFAULT_UNIT };
}

/** Strips "default" markers the wiki adds to values: "x 默认", "none（默认）", "virtio-blk (default)". */
export function stripDefaultMarker(v: string): string {
  // Fast path: a marker ends in 认, ')', '）' or 't' (default); most values end otherwise.
  const last = v.charCodeAt(v.length - 1);
  if (last !== 0x8ba4 && last !== 41 && last !== 0xff09 && (last | 32) !== 116 && last > 32)
    return v;
  return v.replace(/\s*[(（]?\s*(?:默认|default)\s*[)）]?\s*$/i, '').trim();
}

const NULL_MARKERS = new Set([
  '/',
  '／',
  '-',
  '—',
  '–',
  'n/a',
  'na',
  'null',
  'nan',
  '无',
  '空',
  '?',
  '？',
]);
/** A cell that explicitly says "no value". */
export function isNullMarker(v: string): boolean {
  return NULL_MARKERS.has(v.trim().toLowerCase());
}

const TRUE_WORDS = new Set([
  '√',
  '✓',
  '✔',
  '☑',
  'y',
  'yes',
  'true',
  '1',
  'on',
  '是',
  '有',
  '开启',
  '已开启',
  'enabled',
]);
const FALSE_WORDS = new Set([
  'x',
  '×',
  '✗',
  '✘',
  'n',
  'no',
  'false',
  '0',
  'off',
  '否',
  '无',
  '未开启',
  '关闭',
  'disabled',
]);

/** Yes/no in the vocabularies of spreadsheets and wikis; null when it is neither. */
export function parseBool(raw: string): boolean | null {
  const v = stripDefaultMarker(raw).toLowerCase();
  if (TRUE_WORDS.has(v)) return true;
  if (FALSE_WORDS.has(v)) return false;
  return null;
}

const AIO_WORDS: Record<string, 'threads' | 'native' | 'io_uring'> = {
  threads: 'threads',
  thread: 'threads',
  'aio=threads': 'threads',
  'io=threads': 'threads',
  默认: 'threads',
  native: 'native',
  'native aio': 'native',
  'aio=native': 'native',
  'io=native': 'native',
  libaio: 'native',
  kaio: 'native',
  io_uring: 'io_uring',
  iouring: 'io_uring',
  'io-uring': 'io_uring',
  uring: 'io_uring',
  'aio=io_uring': 'io_uring',
  'io=io_uring': 'io_uring',
};
/** aio mode; the seed's "已开启内核 aio" column: √ → native, x / 默认 → threads. */
export function parseAio(raw: string): 'threads' | 'native' | 'io_uring' | null {
  const t = raw.trim().toLowerCase();
  if (t === '默认' || t === 'default') return 'threads';
  const v = stripDefaultMarker(raw).toLowerCase();
  const w = AIO_WORDS[v];
  if (w) return w;
  const b = parseBool(v);
  if (b === null) return null;
  return b ? 'native' : 'threads';
}

const PREALLOC_WORDS: Record<string, 'off' | 'metadata' | 'falloc' | 'full' | 'n/a'> = {
  off: 'off',
  none: 'off',
  no: 'off',
  默认: 'off',
  不预分配: 'off',
  无: 'off',
  metadata: 'metadata',
  元数据: 'metadata',
  falloc: 'falloc',
  fallocate: 'falloc',
  full: 'full',
  全部: 'full',
  'n/a': 'n/a',
  na: 'n/a',
  '／': 'n/a',
  '/': 'n/a',
  '-': 'n/a',
  '—': 'n/a',
  不适用: 'n/a',
};
/** Preallocation; aliases none/默认 → off, ／ or - → n/a. */
export function parsePrealloc(raw: string): 'off' | 'metadata' | 'falloc' | 'full' | 'n/a' | null {
  const t = raw.trim().toLowerCase();
  if (t === '默认' || t === 'default') return 'off';
  return PREALLOC_WORDS[stripDefaultMarker(raw).toLowerCase()] ?? null;
}

const CACHE_WORDS = new Set(['none', 'directsync', 'writethrough', 'writeback', 'unsafe']);
export function parseCache(
  raw: string,
): 'none' | 'directsync' | 'writethrough' | 'writeback' | 'unsafe' | null {
  const v = stripDefaultMarker(raw).toLowerCase();
  return CACHE_WORDS.has(v) ? (v as 'none') : null;
}

export function parseSource(raw: string): 'file' | 'block' | 'network' | null {
  const v = stripDefaultMarker(raw).toLowerCase();
  if (v === 'file' || v === '文件') return 'file';
  if (v === 'block' || v === '块' || v === '块设备') return 'block';
  if (v === 'network' || v === '网络') return 'network';
  return null;
}

export function parseFormat(raw: string): 'qcow2' | 'raw' | null {
  const v = stripDefaultMarker(raw).toLowerCase();
  return v === 'qcow2' || v === 'raw' ? v : null;
}

export function parseLayer(raw: string): 'guest' | 'host' | null {
  const v = stripDefaultMarker(raw).toLowerCase();
  if (v === 'guest' || v === 'vm' || v === '云主机' || v === '虚拟机') return 'guest';
  if (v === 'host' || v === 'bare-metal' || v === 'baremetal' || v === '物理机' || v === '宿主机')
    return 'host';
  return null;
}

const MEDIUM_CASE: Record<string, string> = {
  hdd: 'HDD',
  ssd: 'SSD',
  nvme: 'NVMe',
  'ssd-iscsi': 'SSD-iSCSI',
  'fc-san': 'FC-SAN',
  'ip-san': 'IP-SAN',
  iscsi: 'iSCSI',
  san: 'SAN',
  nas: 'NAS',
  ram: 'RAM',
  tmpfs: 'tmpfs',
  机械盘: 'HDD',
  固态盘: 'SSD',
};
/** Medium with case normalized (NVME → NVMe); unknown media kept as written. */
export function normalizeMedium(raw: string): string {
  const v = stripDefaultMarker(raw);
  return MEDIUM_CASE[v.toLowerCase()] ?? v;
}
export function isKnownMedium(raw: string): boolean {
  return MEDIUM_CASE[stripDefaultMarker(raw).toLowerCase()] !== undefined;
}

export function normalizeBus(raw: string): string {
  return stripDefaultMarker(raw).toLowerCase().replace(/_/g, '-');
}
export function isKnownBus(raw: string): boolean {
  return /^(virtio-blk|virtio-scsi|virtio|ide|sata|scsi|nvme|usb)$/.test(normalizeBus(raw));
}

type Rw = 'randread' | 'randwrite' | 'randrw' | 'read' | 'write' | 'rw';
const RW_WORDS: Record<string, Rw> = {
  randread: 'randread',
  randwrite: 'randwrite',
  randrw: 'randrw',
  read: 'read',
  write: 'write',
  rw: 'rw',
  readwrite: 'rw',
  随机读: 'randread',
  随机写: 'randwrite',
  随机读写: 'randrw',
  随机混合读写: 'randrw',
  混合随机读写: 'randrw',
  顺序读: 'read',
  顺序写: 'write',
  顺序读写: 'rw',
  混合读写: 'rw',
  'random read': 'randread',
  'random write': 'randwrite',
  'random read/write': 'randrw',
  'random rw': 'randrw',
  'sequential read': 'read',
  'sequential write': 'write',
  'seq read': 'read',
  'seq write': 'write',
};
const RW_WITH_BS = /^(\d+(?:\.\d+)?\s*[kmg]?(?:i?b)?)\s*[-_ ]?\s*(.+)$/i;
const RW_BS_AFTER = /^(.+?)\s*[-_ ]\s*(\d+(?:\.\d+)?\s*[kmg]?(?:i?b)?)$/i;

/** rw mode, optionally with a block size: "randread", "4K随机读" → {randread, 4096}, "randwrite 4k". */
export function parseRw(raw: string): { rw: Rw; bs: number | null } | null {
  const v = stripDefaultMarker(raw).toLowerCase().replace(/^rw=/, '');
  const direct = RW_WORDS[v];
  if (direct) return { rw: direct, bs: null };
  let m = RW_WITH_BS.exec(v);
  if (m) {
    const rw = RW_WORDS[(m[2] ?? '').trim()];
    const bs = parseBlockSize(m[1] ?? '');
    if (rw && bs !== null) return { rw, bs };
  }
  m = RW_BS_AFTER.exec(v);
  if (m) {
    const rw = RW_WORDS[(m[1] ?? '').trim()];
    const bs = parseBlockSize(m[2] ?? '');
    if (rw && bs !== null) return { rw, bs };
  }
  return null;
}

/** Storage labels of known platforms: how QEMU reaches the disk and the image format they use. */
const STORAGE_DEFAULTS: Record<
  string,
  { source: 'file' | 'block' | 'network'; format: 'qcow2' | 'raw' | null }
> = {
  // ZStack: LocalStorage = qcow2 files on a host filesystem; SharedBlock = qcow2 on LVM LVs.
  localstorage: { source: 'file', format: 'qcow2' },
  sharedblock: { source: 'block', format: 'qcow2' },
  nfs: { source: 'file', format: null },
  sharedmountpoint: { source: 'file', format: null },
  ceph: { source: 'network', format: 'raw' },
  rbd: { source: 'network', format: 'raw' },
};
export function storageDefaults(
  storage: string,
): { source: 'file' | 'block' | 'network'; format: 'qcow2' | 'raw' | null } | null {
  return STORAGE_DEFAULTS[storage.toLowerCase().replace(/[\s_-]/g, '')] ?? null;
}

const FLAG_SET: ReadonlySet<string> = new Set(FLAGS);
const FLAG_EXACT: ReadonlyMap<string, QualityFlag> = new Map(FLAGS.map((f) => [f, f]));
function parseFlags(raw: string): { flags: QualityFlag[]; unknown: string[] } {
  const flags: QualityFlag[] = [];
  const unknown: string[] = [];
  for (const part of raw.split(/[;,|]/)) {
    const p = part.trim();
    if (p === '') continue;
    if (FLAG_SET.has(p)) {
      if (!flags.includes(p as QualityFlag)) flags.push(p as QualityFlag);
    } else unknown.push(p);
  }
  return { flags, unknown };
}

function nonNegative(raw: string, field: string): number | string {
  const n = fastNumber(raw) ?? parseCount(raw);
  if (n === null) return `${field}: '${raw}' is not a number`;
  if (n < 0) return `${field}: '${raw}' is negative`;
  return n;
}
function positiveInt(raw: string, field: string): number | string {
  const n = fastNumber(raw) ?? parseCount(raw);
  if (n === null || !Number.isInteger(n) || n < 0)
    return `${field}: '${raw}' is not a whole number`;
  return n;
}

/**
 * Sets one field of `rec` from a cell. Returns null on success (empty and "no value" cells set
 * nothing) or the reason the value is unusable. One switch per cell: no closures, no regex
 * compilation, so that large CSVs stay close to the speed of bare parsing.
 */
export function setField(
  rec: ResultRecord,
  field: TableField,
  cell: string,
  unit: ColumnUnit,
  pool: StringPool = GLOBAL_POOL,
): string | null {
  return setFieldByCode(rec, FIELD_CODE[field], field, cell, unit, pool);
}

/**
 * Each field's code by name: its index in TABLE_FIELDS. Written out as literals so the setter's
 * switch compiles to a jump table, and checked against the record model twice: by the type
 * checker (`satisfies FieldCodes`: inserting a column makes every shifted code a type error) and
 * by vocab.codes.test.ts. Never write a bare number for a field.
 */
export const CODE = {
  set: 0,
  run: 1,
  storage: 2,
  source: 3,
  fs: 4,
  medium: 5,
  format: 6,
  prealloc: 7,
  cache: 8,
  aio: 9,
  bus: 10,
  iothread: 11,
  prewritten: 12,
  vms: 13,
  layer: 14,
  rw: 15,
  bs: 16,
  iodepth: 17,
  numjobs: 18,
  ioengine: 19,
  runtime_s: 20,
  iops: 21,
  iops_total: 22,
  lat_mean_us: 23,
  lat_p99_us: 24,
  bw_kib_s: 25,
  host_kernel: 26,
  qemu: 27,
  libvirt: 28,
  flags: 29,
  origin: 30,
  lat_p999_us: 31,
  lat_max_us: 32,
  cpu_us_per_io: 33,
  restates: 34,
} as const satisfies FieldCodes;

/** Index of every name of a tuple of names: { a: 0, b: 1, … }. */
type IndexOf<T extends readonly string[], Seen extends unknown[] = []> = T extends readonly [
  infer Head extends string,
  ...infer Rest extends readonly string[],
]
  ? { readonly [K in Head]: Seen['length'] } & IndexOf<Rest, [...Seen, unknown]>
  : unknown;
/** The code every TABLE_FIELD must have. */
type FieldCodes = IndexOf<typeof TABLE_FIELDS>;

/** Index of each field in TABLE_FIELDS: the hot path switches on a small integer, not a string. */
export const FIELD_CODE = Object.fromEntries(TABLE_FIELDS.map((f, i) => [f, i])) as Record<
  TableField,
  number
>;

/**
 * setField with the field's code precomputed (table plans store it per column). String values
 * are stored as `pool`'s shared flat copies (or, for origin and restates, as flat copies): never
 * as slices that would keep the source text alive (string.pool.ts).
 */
export function setFieldByCode(
  rec: ResultRecord,
  code: number,
  field: TableField,
  cell: string,
  unit: ColumnUnit,
  pool: StringPool = GLOBAL_POOL,
): string | null {
  if (cell === '') return null;
  // No canonical value is this long; refusing early also keeps every pattern below linear.
  if (cell.length > MAX_VALUE_LENGTH)
    return `${field}: value of ${cell.length} characters is too long for this field`;
  let raw = cell;
  const c0 = raw.charCodeAt(0);
  const c1 = raw.charCodeAt(raw.length - 1);
  if (c0 <= 32 || c1 <= 32) {
    raw = raw.trim();
    if (raw === '') return null;
  }
  switch (code) {
    case CODE.set:
      rec.set = pool.get(CODE.set, raw);
      return null;
    case CODE.run:
      rec.run = pool.get(CODE.run, raw);
      return null;
    case CODE.storage:
      rec.storage = pool.get(CODE.storage, stripDefaultMarker(raw));
      return null;
    case CODE.fs:
      rec.fs = pool.get(CODE.fs, stripDefaultMarker(raw).toLowerCase());
      return null;
    case CODE.medium:
      rec.medium = MEDIUM_EXACT.get(raw) ?? pool.get(CODE.medium, normalizeMedium(raw));
      return null;
    case CODE.bus:
      rec.bus = pool.get(
        CODE.bus,
        raw === 'virtio-blk' || raw === 'virtio-scsi' ? raw : normalizeBus(raw),
      );
      return null;
    case CODE.ioengine:
      rec.ioengine = pool.get(CODE.ioengine, stripDefaultMarker(raw).toLowerCase());
      return null;
    case CODE.host_kernel:
      rec.host_kernel = pool.get(CODE.host_kernel, raw);
      return null;
    case CODE.qemu:
      rec.qemu = pool.get(CODE.qemu, raw);
      return null;
    case CODE.libvirt:
      rec.libvirt = pool.get(CODE.libvirt, raw);
      return null;
    case CODE.origin:
      rec.origin = detach(raw);
      return null;
    case CODE.restates:
      rec.restates = detach(raw);
      return null;
    case CODE.flags: {
      const exactFlag = FLAG_EXACT.get(raw);
      if (exactFlag !== undefined) {
        addFlag(rec, exactFlag);
        return null;
      }
      const { flags, unknown } = parseFlags(raw);
      for (const f of flags) addFlag(rec, f);
      if (unknown.length > 0)
        setExtra(rec, 'flags_unknown', pool.extraValue('flags_unknown', unknown.join(';')));
      return null;
    }
    case CODE.source: {
      const v = SOURCE_EXACT.get(raw) ?? parseSource(raw);
      if (v) rec.source = v;
      else if (!isNullMarker(raw)) return `source: '${raw}' is not one of file, block, network`;
      return null;
    }
    case CODE.format: {
      const v = FORMAT_EXACT.get(raw) ?? parseFormat(raw);
      if (v) rec.format = v;
      else if (!isNullMarker(raw)) return `format: '${raw}' is not one of qcow2, raw`;
      return null;
    }
    case CODE.prealloc: {
      const v = PREALLOC_EXACT.get(raw) ?? parsePrealloc(raw);
      if (v) rec.prealloc = v;
      else return `prealloc: '${raw}' is not one of off, metadata, falloc, full, n/a`;
      return null;
    }
    case CODE.cache: {
      const v = CACHE_EXACT.get(raw) ?? parseCache(raw);
      if (v) rec.cache = v;
      else if (!isNullMarker(raw))
        return `cache: '${raw}' is not one of none, directsync, writethrough, writeback, unsafe`;
      return null;
    }
    case CODE.aio: {
      const v = AIO_EXACT.get(raw) ?? parseAio(raw);
      if (v) rec.aio = v;
      else if (!isNullMarker(raw))
        return `aio: '${raw}' is not one of threads, native, io_uring (or √/x)`;
      return null;
    }
    case CODE.layer: {
      const v = LAYER_EXACT.get(raw) ?? parseLayer(raw);
      if (v) rec.layer = v;
      else if (!isNullMarker(raw)) return `layer: '${raw}' is not one of guest, host`;
      return null;
    }
    case CODE.iothread:
    case CODE.prewritten: {
      const v = raw === 'true' ? true : raw === 'false' ? false : parseBool(raw);
      if (v !== null) rec[field as 'iothread'] = v;
      else if (!isNullMarker(raw)) return `${field}: '${raw}' is not yes/no (true/false, √/x)`;
      return null;
    }
    case CODE.rw: {
      const exactRw = RW_EXACT.get(raw);
      if (exactRw !== undefined) {
        rec.rw = exactRw;
        return null;
      }
      const v = parseRw(raw);
      if (v) {
        rec.rw = v.rw;
        if (v.bs !== null && rec.bs === null) rec.bs = v.bs as Bytes;
      } else if (!isNullMarker(raw))
        return `rw: '${raw}' is not a read/write mode (randread, randwrite, randrw, read, write, rw, 4K随机读 …)`;
      return null;
    }
    case CODE.bs: {
      const f = fastNumber(raw);
      const v = f !== null && Number.isInteger(f) && f > 0 ? f : parseBlockSize(raw);
      if (v !== null) rec.bs = v as Bytes;
      else if (!isNullMarker(raw)) return `bs: '${raw}' is not a block size`;
      return null;
    }
    case CODE.vms:
    case CODE.iodepth:
    case CODE.numjobs: {
      const v = positiveInt(raw, field);
      if (typeof v === 'number') rec[field as 'vms'] = v;
      else if (!isNullMarker(raw)) return v;
      return null;
    }
    case CODE.runtime_s: {
      const f = unit.latPow === 0 ? fastNumber(raw) : null;
      if (f !== null && f >= 0) {
        rec.runtime_s = f as Seconds;
        return null;
      }
      const v = unit.latPow !== 0 ? parseLatencyUs(raw, unit.latPow) : null;
      const s = v !== null ? scalePow10(v, -6) : parseSeconds(raw);
      if (s !== null) rec.runtime_s = s as Seconds;
      else if (!isNullMarker(raw)) return `runtime_s: '${raw}' is not a duration`;
      return null;
    }
    case CODE.iops: {
      const f = fastNumber(raw);
      if (f !== null && f >= 0) {
        rec.iops = f as Iops;
        return null;
      }
      const v = nonNegative(raw, field);
      if (typeof v === 'number') rec.iops = v as Iops;
      else if (!isNullMarker(raw)) return v;
      return null;
    }
    case CODE.iops_total: {
      const v = nonNegative(raw, field);
      if (typeof v === 'number') rec.iops_total = v as Iops;
      else if (!isNullMarker(raw)) return v;
      return null;
    }
    case CODE.bw_kib_s: {
      const f = unit.bwMult === 1 ? fastNumber(raw) : null;
      if (f !== null && f >= 0) {
        rec.bw_kib_s = f as KibPerSecond;
        return null;
      }
      const v = nonNegative(raw, field);
      if (typeof v === 'number')
        rec.bw_kib_s = (unit.bwMult === 1 ? v : v * unit.bwMult) as KibPerSecond;
      else if (!isNullMarker(raw)) return v;
      return null;
    }
    case CODE.lat_mean_us: {
      const f = unit.latPow === 0 ? fastNumber(raw) : null;
      if (f !== null && f >= 0) {
        rec.lat_mean_us = f as Microseconds;
        return null;
      }
      const v = parseLatencyUs(raw, unit.latPow);
      if (v !== null && v >= 0) rec.lat_mean_us = v as Microseconds;
      else if (!isNullMarker(raw))
        return `${field}: '${raw}' is not a latency (number with ns, us, usec, ms, msec or s)`;
      return null;
    }
    case CODE.lat_p99_us:
    case CODE.lat_p999_us:
    case CODE.lat_max_us:
    case CODE.cpu_us_per_io: {
      const f = unit.latPow === 0 ? fastNumber(raw) : null;
      const v = f ?? parseLatencyUs(raw, unit.latPow);
      if (v !== null && v >= 0) rec[field as 'lat_p99_us'] = v as Microseconds;
      else if (!isNullMarker(raw))
        return `${field}: '${raw}' is not a ${code === CODE.cpu_us_per_io ? 'CPU time' : 'latency'} (number with ns, us, usec, ms, msec or s)`;
      return null;
    }
  }
  return `unknown field code ${code}`;
}

/**
 * Enum fields a column can be recognised by from its values alone (column-map.ts): each value of
 * the column must be a word of the field's vocabulary. Strict vocabularies: no yes/no words, no
 * "默认", no fio engine names (libaio is an ioengine before it is an aio mode).
 */
export const VALUE_FIELDS = [
  'aio',
  'prealloc',
  'rw',
  'cache',
  'format',
  'source',
  'layer',
  'medium',
  'bus',
] as const satisfies readonly TableField[];
export type ValueField = (typeof VALUE_FIELDS)[number];

const STRICT_AIO = new Set([
  'threads',
  'native',
  'io_uring',
  'iouring',
  'io-uring',
  'aio=threads',
  'aio=native',
  'aio=io_uring',
]);
const STRICT_PREALLOC = new Set([
  'off',
  'none',
  'metadata',
  'falloc',
  'fallocate',
  'full',
  '不预分配',
  '元数据',
]);

/** True when `raw` (a non-empty cell) is a word of `field`'s value vocabulary. */
export function inValueVocabulary(field: ValueField, raw: string): boolean {
  const v = stripDefaultMarker(raw).toLowerCase();
  switch (field) {
    case 'aio':
      return STRICT_AIO.has(v);
    case 'prealloc':
      return STRICT_PREALLOC.has(v);
    case 'rw':
      return parseRw(v) !== null;
    case 'cache':
      return CACHE_WORDS.has(v);
    case 'format':
      return v === 'qcow2' || v === 'raw';
    case 'source':
      return parseSource(v) !== null;
    case 'layer':
      return v === 'guest' || v === 'host';
    case 'medium':
      return isKnownMedium(v);
    case 'bus':
      return isKnownBus(v);
  }
}

/**
 * The one value field whose vocabulary holds every value, or null (no field, several fields, a
 * number among the values, or no values). `values` are non-empty cells.
 */
export function valueField(values: readonly string[]): ValueField | null {
  if (values.length === 0) return null;
  for (const v of values) if (fastNumber(v.trim()) !== null) return null;
  let found: ValueField | null = null;
  for (const f of VALUE_FIELDS) {
    if (!values.every((v) => inValueVocabulary(f, v))) continue;
    if (found !== null) return null;
    found = f;
  }
  return found;
}
