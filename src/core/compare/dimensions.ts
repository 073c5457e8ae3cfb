/**
 * Dimensions: the environment fields and extra columns that define a comparison cell.
 * Every grouping in the comparison engine (pairing, pivot, facets, coverage) reads values
 * through `dimensionValue`, so one record has one string per dimension everywhere.
 */
import type {
  Dimension,
  DimensionValue,
  EnvironmentField,
  ResultRecord,
} from '../model/record.types';
import { ENVIRONMENT_FIELDS } from '../model/record.types';

const ENV_SET: ReadonlySet<string> = new Set(ENVIRONMENT_FIELDS);

/**
 * Extra columns that are never dimensions: provenance and free text. A differing remark must not
 * split two runs of one cell into two cells.
 */
export const NON_DIMENSION_EXTRAS: ReadonlySet<string> = new Set([
  'restates',
  'note',
  'notes',
  'comment',
  'comments',
  'remark',
  'remarks',
  'description',
  'desc',
  '备注',
  '说明',
  '结论',
]);

/** A value that reads as a number (optionally with a trailing %): such extras are metrics. */
const NUMERIC = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*%?$/;

/** True when `dim` names a canonical environment field or an `x:` extra column. */
export function isDimension(dim: string): dim is Dimension {
  return ENV_SET.has(dim) || (dim.startsWith('x:') && dim.length > 2);
}

/**
 * Value of one dimension of a record, as a string: '' when missing (null), 'true'/'false' for
 * booleans, decimal for numbers (bs in bytes: 4096). Extra columns are addressed as `x:name`.
 */
export function dimensionValue(record: ResultRecord, dim: Dimension): DimensionValue {
  if (dim.startsWith('x:')) return record.extra[dim.slice(2)] ?? '';
  const v = record[dim as EnvironmentField];
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v : String(v);
}

/**
 * Extra columns that act as dimensions (returned as `x:name`, sorted by name).
 *
 * Rule: an extra column is a dimension when at least one of its non-empty values is not a number
 * (numeric extras such as `util%` or `clat_p50` are metrics, not environment), and its name is not
 * a provenance / free-text column (`restates`, notes, comments, remarks, 备注 …). Caveat: a
 * label whose values all look numeric (e.g. `kernel` = `5.10`, `6.1`) is taken as a metric; pass
 * `ComparisonSpec.extraDimensions` to override the detection.
 */
export function extraDimensions(records: readonly ResultRecord[]): Dimension[] {
  const numericOnly = new Map<string, boolean>();
  // Ingest shares one frozen extra object between records with equal extras (and one empty one):
  // reading an object again cannot change the answer, so runs of the same object are read once
  // (a for-in per record cost ≈ 65 ms per million records in the browser).
  let last: ResultRecord['extra'] | null = null;
  for (const r of records) {
    if (r.extra === last) continue;
    last = r.extra;
    for (const name in r.extra) {
      const prev = numericOnly.get(name);
      if (prev === false) continue; // already known to be a dimension: the common, cheap case
      if (NON_DIMENSION_EXTRAS.has(name.toLowerCase())) continue;
      const v = (r.extra[name] ?? '').trim();
      if (v === '') {
        if (prev === undefined) numericOnly.set(name, true);
        continue;
      }
      numericOnly.set(name, NUMERIC.test(v));
    }
  }
  const out: Dimension[] = [];
  for (const [name, numeric] of numericOnly) if (!numeric) out.push(`x:${name}`);
  return out.sort();
}

/**
 * Natural order of dimension values: '' last, numbers numerically (4096 < 65536) before any
 * other text, booleans false < true, otherwise case-insensitive text with embedded numbers
 * compared as numbers. A total order (transitive): numbers compared with text by collation
 * made cycles (' 1' > '0' as numbers, but ':' < '0' and ':' > ' 1' as text), and the order of
 * cells then depended on the sorting algorithm.
 */
export function compareValues(a: DimensionValue, b: DimensionValue): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const na = Number(a);
  const nb = Number(b);
  const aNum = Number.isFinite(na);
  const bNum = Number.isFinite(nb);
  if (aNum && bNum) return na - nb;
  if (aNum !== bNum) return aNum ? -1 : 1;
  return COLLATOR.compare(a, b);
}
const COLLATOR = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Order of value tuples: element by element with `compareValues`. */
export function compareTuples(a: readonly DimensionValue[], b: readonly DimensionValue[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareValues(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** Joins values into a stable key: '|' separated, with '\' and '|' escaped. Usable in URLs (encode it). */
export function joinKey(values: readonly DimensionValue[]): string {
  // Array#join builds one flat string; `s +=` leaves a rope of 2 nodes per value (~1 kB per
  // cell key, kept as long as the comparison).
  let plain = true;
  for (let i = 0; i < values.length && plain; i++)
    if (values[i]!.includes('|') || values[i]!.includes('\\')) plain = false;
  if (plain) return values.join('|');
  let s = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) s += '|';
    const v = values[i]!;
    s += v.includes('|') || v.includes('\\') ? v.replace(/[\\|]/g, (c) => '\\' + c) : v;
  }
  return s;
}

/** Short human label of a dimension value: bs in k/M, booleans as yes/no. */
export function displayValue(dim: Dimension, value: DimensionValue): string {
  if (value === '') return '—';
  if (dim === 'bs') return formatBlockSize(Number(value));
  if (dim === 'iothread' || dim === 'prewritten')
    return value === 'true' ? 'yes' : value === 'false' ? 'no' : value;
  return value;
}

/** 4096 → "4k", 1048576 → "1m" (fio's own spelling). */
export function formatBlockSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return String(bytes);
  if (bytes % 1048576 === 0) return `${bytes / 1048576}m`;
  if (bytes % 1024 === 0) return `${bytes / 1024}k`;
  return String(bytes);
}
