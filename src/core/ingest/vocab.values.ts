/**
 * Value vocabularies: the words each field's cells may say (yes/no, aio modes, preallocation,
 * cache, rw, media, buses, “no value” markers), and which enum field a column is by its values.
 */
import { FLAGS } from '../model/record.types';
import type { QualityFlag } from '../model/record.types';
import { parseBlockSize, parseCount } from './units.parse';
import { fastNumber } from './vocab';
import type { TableField } from './vocab';

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
export const FLAG_EXACT: ReadonlyMap<string, QualityFlag> = new Map(FLAGS.map((f) => [f, f]));
export function parseFlags(raw: string): { flags: QualityFlag[]; unknown: string[] } {
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

export function nonNegative(raw: string, field: string): number | string {
  const n = fastNumber(raw) ?? parseCount(raw);
  if (n === null) return `${field}: '${raw}' is not a number`;
  if (n < 0) return `${field}: '${raw}' is negative`;
  return n;
}
export function positiveInt(raw: string, field: string): number | string {
  const n = fastNumber(raw) ?? parseCount(raw);
  if (n === null || !Number.isInteger(n) || n < 0)
    return `${field}: '${raw}' is not a whole number`;
  return n;
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
