/**
 * Data-quality flags of the spec ("flags" section). Flagged records stay in the set; the
 * explanation says why in words a reviewer understands (English and Chinese: the texts are the
 * key table of flags.messages.ts).
 */
import type { QualityFlag, ResultRecord } from '../model/record.types';
import { FLAGS } from '../model/record.types';
import { addFlag, hasMetric } from './record.build';
import type { Lang } from '../i18n/lang';
import { translator } from '../i18n/key-table';
import { FLAG_TEXT } from './flags.messages';

/** Synchronous fio engines keep one I/O in flight per job whatever iodepth says. */
const SYNC_ENGINES: ReadonlySet<string> = new Set([
  'sync',
  'psync',
  'vsync',
  'pvsync',
  'pvsync2',
  'mmap',
]);

/** I/Os a closed-loop fio job keeps in flight: iodepth × numjobs (1 × numjobs for sync engines). */
export function expectedInFlight(r: ResultRecord): number | null {
  if (r.iodepth === null || r.numjobs === null || r.iodepth <= 0 || r.numjobs <= 0) return null;
  return (r.ioengine !== null && SYNC_ENGINES.has(r.ioengine) ? 1 : r.iodepth) * r.numjobs;
}

/** Little's law: (iops × mean latency) ÷ expected I/Os in flight; null when a term is missing. */
export function inFlightRatio(r: ResultRecord): number | null {
  const depth = expectedInFlight(r);
  if (r.iops === null || r.lat_mean_us === null || depth === null) return null;
  if (r.iops <= 0 || r.lat_mean_us <= 0) return null;
  return (r.iops * r.lat_mean_us) / 1e6 / depth;
}

function isRead(r: ResultRecord): boolean {
  return r.rw === 'randread' || r.rw === 'read';
}

/**
 * The layout reason a read that was not pre-written returns holes, or null. A file image with
 * prealloc off, metadata or falloc (a sparse or fallocated file: unwritten extents) is flagged
 * unless it is known to be pre-written (prewritten not true: a file nobody says was written);
 * a qcow2 without preallocation on another source only when it is known not to be pre-written.
 */
function sparseLayout(r: ResultRecord): 'file' | 'qcow2' | null {
  if (!isRead(r) || r.prewritten === true) return null;
  if (
    r.source === 'file' &&
    (r.prealloc === 'off' || r.prealloc === 'metadata' || r.prealloc === 'falloc')
  )
    return 'file';
  if (r.prewritten === false && r.format === 'qcow2' && r.prealloc === 'off') return 'qcow2';
  return null;
}

/**
 * Index of read cells, keyed by every environment field except `prewritten`: a tree of Maps, one
 * level per field. Faster than a joined string key (no concatenation, no hashing of long strings;
 * interned strings keep their hash) on sets of 100k records.
 */
type CellTree = Map<unknown, unknown>;
/** A cell's records, as indexes into the list being flagged. */

function child(node: CellTree, key: unknown, create: boolean): CellTree | undefined {
  let next = node.get(key) as CellTree | undefined;
  if (next === undefined && create) {
    next = new Map();
    node.set(key, next);
  }
  return next;
}

function cellLeaf(root: CellTree, r: ResultRecord, create: boolean): number[] | undefined {
  let n: CellTree | undefined = root;
  n = child(n, r.set, create);
  if (n) n = child(n, r.storage, create);
  if (n) n = child(n, r.source, create);
  if (n) n = child(n, r.fs, create);
  if (n) n = child(n, r.medium, create);
  if (n) n = child(n, r.format, create);
  if (n) n = child(n, r.prealloc, create);
  if (n) n = child(n, r.cache, create);
  if (n) n = child(n, r.aio, create);
  if (n) n = child(n, r.bus, create);
  if (n) n = child(n, r.iothread, create);
  if (n) n = child(n, r.vms, create);
  if (n) n = child(n, r.layer, create);
  if (n) n = child(n, r.rw, create);
  if (n) n = child(n, r.bs, create);
  if (n) n = child(n, r.iodepth, create);
  if (n) n = child(n, r.numjobs, create);
  if (n === undefined) return undefined;
  let leaf = n.get(r.ioengine) as number[] | undefined;
  if (leaf === undefined && create) {
    leaf = [];
    n.set(r.ioengine, leaf);
  }
  return leaf;
}

/** Same cell (every field of the cell tree equal): consecutive repeats reuse the previous leaf. */
function sameCell(a: ResultRecord, b: ResultRecord): boolean {
  return (
    a.set === b.set &&
    a.storage === b.storage &&
    a.source === b.source &&
    a.fs === b.fs &&
    a.medium === b.medium &&
    a.format === b.format &&
    a.prealloc === b.prealloc &&
    a.cache === b.cache &&
    a.aio === b.aio &&
    a.bus === b.bus &&
    a.iothread === b.iothread &&
    a.vms === b.vms &&
    a.layer === b.layer &&
    a.rw === b.rw &&
    a.bs === b.bs &&
    a.iodepth === b.iodepth &&
    a.numjobs === b.numjobs &&
    a.ioengine === b.ioengine
  );
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * The reads flagged by comparison, each with the pre-written median it exceeds. Decided per
 * cell, on medians: when the median IOPS of a cell's not-pre-written reads exceeds twice the
 * median of the same cell's pre-written reads, every repeat of it is flagged alike (a per-record
 * test flagged some repeats of a cell and not others). Restating records (see ResultRecord) do not
 * count towards the medians (they are not independent repeats) but share their cell's verdict.
 */
function sparseByComparison(records: readonly ResultRecord[]): Map<ResultRecord, number> {
  const out = new Map<ResultRecord, number>();
  // One cheap pass: a not-pre-written cell can only exceed 2× a counterpart if the largest
  // not-pre-written read exceeds 2× the smallest pre-written read; else no index is built.
  let minPre = Infinity;
  let maxNot = -Infinity;
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const iops = r.iops;
    if (iops === null || (r.rw !== 'randread' && r.rw !== 'read')) continue;
    if (r.prewritten === true) {
      if (iops > 0 && iops < minPre && r.restates === null) minPre = iops;
    } else if (r.prewritten === false && iops > maxNot) maxNot = iops;
  }
  if (minPre === Infinity || maxNot <= 2 * minPre) return out;
  // The pre-written reads' cells first; then each not-pre-written read is grouped under its
  // cell's pre-written leaf (a lookup, no insertion: a read without a counterpart is skipped).
  const pre: CellTree = new Map();
  let last: ResultRecord | null = null;
  let lastLeaf: number[] | undefined;
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    if (r.prewritten !== true || r.iops === null || r.iops <= 0 || r.restates !== null) continue;
    if (!isRead(r)) continue;
    if (last === null || !sameCell(last, r)) lastLeaf = cellLeaf(pre, r, true);
    last = r;
    lastLeaf!.push(i);
  }
  const cells = new Map<number[], number[]>();
  last = null;
  lastLeaf = undefined;
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    if (r.prewritten !== false || r.iops === null || !isRead(r)) continue;
    if (last === null || !sameCell(last, r)) lastLeaf = cellLeaf(pre, r, false);
    last = r;
    if (lastLeaf === undefined) continue;
    let members = cells.get(lastLeaf);
    if (members === undefined) cells.set(lastLeaf, (members = []));
    members.push(i);
  }
  for (const [preLeaf, leaf] of cells) {
    const base = median(preLeaf.map((i) => records[i]!.iops!));
    const own = leaf.filter((i) => records[i]!.restates === null);
    const cell = median((own.length > 0 ? own : leaf).map((i) => records[i]!.iops!));
    if (cell > 2 * base) for (const i of leaf) out.set(records[i]!, base);
  }
  return out;
}
/**
 * Adds the computed flags to every record (keeping flags already present, e.g. `failed-run` from
 * fio or flags read from a canonical CSV). Flags are kept in the spec's order.
 * Set-level: the sparse-read comparison looks at the other records of the same list.
 */
export function applyFlags(records: ResultRecord[]): void {
  const byComparison = sparseByComparison(records);
  for (const r of records) {
    const ratio = inFlightRatio(r);
    // |log2(ratio)| > 1, without the logarithm.
    const unit = ratio !== null && (ratio > 2 || ratio < 0.5);
    const sparse = sparseLayout(r) !== null || byComparison.has(r);
    const metric = hasMetric(r);
    const failed =
      metric &&
      (r.iops ?? 0) === 0 &&
      (r.iops_total ?? 0) === 0 &&
      (r.lat_mean_us ?? 0) === 0 &&
      (r.lat_p99_us ?? 0) === 0 &&
      (r.bw_kib_s ?? 0) === 0 &&
      (r.lat_p999_us ?? 0) === 0 &&
      (r.lat_max_us ?? 0) === 0;
    if (!unit && !sparse && !failed && metric) continue;
    const before = r.flags.length;
    if (unit) addFlag(r, 'unit-suspect');
    if (sparse) addFlag(r, 'sparse-read');
    if (failed) addFlag(r, 'failed-run');
    if (!metric) addFlag(r, 'incomplete');
    if (r.flags.length !== before && r.flags.length > 1)
      r.flags.sort((a, b) => FLAGS.indexOf(a) - FLAGS.indexOf(b));
  }
}

export type { Lang } from '../i18n/lang';

export interface FlagExplanation {
  flag: QualityFlag;
  text: string;
}

const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(n < 10 ? 2 : 1));

/**
 * The reason for each flag of a record, in words a reviewer understands.
 * @param set the record's result set, to name the pre-written counterpart of a sparse read
 */
export function explainFlags(
  r: ResultRecord,
  lang: Lang = 'en',
  set: readonly ResultRecord[] = [],
): FlagExplanation[] {
  const out: FlagExplanation[] = [];
  for (const flag of r.flags) out.push({ flag, text: explainOne(flag, r, lang, set) });
  return out;
}

function explainOne(
  flag: QualityFlag,
  r: ResultRecord,
  lang: Lang,
  set: readonly ResultRecord[],
): string {
  const t = translator(FLAG_TEXT, lang);
  switch (flag) {
    case 'unit-suspect': {
      const ratio = inFlightRatio(r);
      if (ratio === null) return t('unitSuspect.noRatio');
      const sync = r.ioengine !== null && SYNC_ENGINES.has(r.ioengine);
      return t('unitSuspect', {
        iops: fmt(r.iops!),
        latency: fmt(r.lat_mean_us!),
        inFlight: fmt((r.iops! * r.lat_mean_us!) / 1e6),
        depthTerm: sync
          ? t('unitSuspect.depth.sync', { engine: r.ioengine! })
          : t('unitSuspect.depth'),
        depth: expectedInFlight(r)!,
        factor: fmt(ratio >= 1 ? ratio : 1 / ratio),
      });
    }
    case 'sparse-read': {
      const layout = sparseLayout(r);
      const base = sparseByComparison(set).get(r) ?? null;
      const reasons: string[] = [];
      if (layout === 'file') reasons.push(t('sparseRead.file', { prealloc: `${r.prealloc}` }));
      if (layout === 'qcow2') reasons.push(t('sparseRead.qcow2'));
      if (base !== null)
        reasons.push(t('sparseRead.comparison', { iops: fmt(r.iops!), base: fmt(base) }));
      if (reasons.length === 0) reasons.push(t('sparseRead.notPrewritten'));
      return t('sparseRead', { reasons: reasons.join(t('sparseRead.separator')) });
    }
    case 'failed-run':
      return t('failedRun');
    case 'incomplete':
      return t('incomplete');
  }
}
