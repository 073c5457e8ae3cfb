/**
 * The vocabulary shared by every tabular importer (CSV, TSV, JSON records, markdown): the fields
 * a column can map to, column units, fast number parsing and label normalization. Beside it:
 * vocab.headers.ts (header words → field and unit), vocab.values.ts (value words per field),
 * vocab.set-field.ts (one cell into one field, by the field's named code).
 */
import { CANONICAL_COLUMNS } from '../model/record.types';
import { GLOBAL_POOL } from './string.pool';
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

export const AIO_EXACT = new Map<string, 'threads' | 'native' | 'io_uring'>([
  ['threads', 'threads'],
  ['native', 'native'],
  ['io_uring', 'io_uring'],
]);
/** Map of each canonical value to itself: the lookup both validates and returns a shared string. */
export const exact = <T extends string>(...values: T[]): ReadonlyMap<string, T> =>
  new Map(values.map((v) => [v, v]));
export const SOURCE_EXACT = exact('file', 'block', 'network');
export const FORMAT_EXACT = exact('qcow2', 'raw');
export const CACHE_EXACT = exact('none', 'directsync', 'writethrough', 'writeback', 'unsafe');
export const LAYER_EXACT = exact('guest', 'host');
export const RW_EXACT = exact('randread', 'randwrite', 'randrw', 'read', 'write', 'rw');
export const PREALLOC_EXACT = exact('off', 'metadata', 'falloc', 'full', 'n/a');
export const MEDIUM_EXACT = exact('HDD', 'SSD', 'NVMe', 'SSD-iSCSI', 'FC-SAN', 'IP-SAN');

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
