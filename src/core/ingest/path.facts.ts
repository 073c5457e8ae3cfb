/**
 * Environment facts written into a result file's path: the file name and every folder of the
 * path relative to the set's folder (`nvme0/native-sparse-randread.json` → medium NVMe, aio
 * native, prealloc off on a file, not pre-written). Facts only fill fields the file itself left
 * empty; `--label` facts override them later. Pure.
 */
import type { ResultRecord } from '../model/record.types';
import { isKnownBus, isKnownMedium, normalizeBus, normalizeMedium } from './vocab.values';

/** One fact: a field, its value, and the path word it was read from. */
export interface PathFact {
  field: keyof ResultRecord;
  value: string | boolean;
  word: string;
}

/** Extensions of result files, dropped from the last segment before reading its words. */
const RESULT_EXTENSION = /\.(json|jsonplus|fiolog|log|txt|out|csv|tsv|md|markdown)$/i;
/** A numbered device (nvme0, nvme0n1p2, ssd1, hdd2): its medium is the word before the digits. */
const NUMBERED_DEVICE = /^(nvme|ssd|hdd)\d+(?:n\d+)?(?:p\d+)?$/;
const FILESYSTEMS: ReadonlySet<string> = new Set(['xfs', 'ext4', 'ext3', 'btrfs', 'zfs', 'f2fs']);

/**
 * The '/'-separated path an origin names: backslashes become '/', './' and empty segments are
 * dropped. An absolute path (a caller that did not make it relative to the set's folder) keeps
 * only its base name, as origins did before paths were relative.
 */
export function originPath(fileName: string): string {
  const p = fileName.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[A-Za-z]:\//.test(p)) {
    const i = p.lastIndexOf('/');
    return p.slice(i + 1);
  }
  return p
    .split('/')
    .filter((s) => s !== '' && s !== '.')
    .join('/');
}

/** The words of every segment of a path, lower case (io_uring kept whole), the file name's first. */
function pathWords(path: string): { words: string[]; text: string } {
  const segments = originPath(path).split('/');
  const last = segments.length - 1;
  if (last >= 0) segments[last] = segments[last]!.replace(RESULT_EXTENSION, '');
  const text = segments.join('/').toLowerCase();
  const words: string[] = [];
  for (let k = last; k >= 0; k--) {
    const seg = segments[k]!;
    const s = seg.toLowerCase().replace(/io[_-]uring/g, 'iouring');
    for (const w of s.split(/[^a-z0-9]+/)) if (w !== '') words.push(w);
  }
  return { words, text };
}

/**
 * The facts of a path: the file name's, then those of its folders from the nearest out (the first
 * fact of a field wins). Callers compute them once per file, not per record.
 */
export function pathFacts(path: string): readonly PathFact[] {
  const { words, text } = pathWords(path);
  const out: PathFact[] = [];
  const add = (field: keyof ResultRecord, value: string | boolean, word: string): void => {
    out.push({ field, value, word });
  };
  for (const bus of ['virtio-blk', 'virtio-scsi']) if (text.includes(bus)) add('bus', bus, bus);
  for (const w of words) {
    if (w === 'native' || w === 'threads' || w === 'iouring')
      add('aio', w === 'iouring' ? 'io_uring' : w, w);
    else if (NUMBERED_DEVICE.test(w)) add('medium', normalizeMedium(w.replace(/\d.*$/, '')), w);
    else if (isKnownMedium(w) && w !== 'ram') add('medium', normalizeMedium(w), w);
    else if (w === 'qcow2' || w === 'raw') add('format', w, w);
    else if (w === 'writeback' || w === 'writethrough' || w === 'directsync' || w === 'unsafe')
      add('cache', w, w);
    else if (FILESYSTEMS.has(w)) add('fs', w, w);
    else if (w === 'metadata') add('prealloc', 'metadata', w);
    else if (w === 'falloc' || w === 'fallocate' || w === 'fallocated') {
      // An fallocated file: a file image whose extents are allocated but unwritten. The state
      // word ("fallocated", like "sparse") says the data was never written; the option names
      // (falloc, fallocate) only name the preallocation.
      add('prealloc', 'falloc', w);
      add('source', 'file', w);
      if (w === 'fallocated') add('prewritten', false, w);
    } else if (w === 'sparse') {
      // A sparse file: a file image without preallocation, its holes never written.
      add('prealloc', 'off', w);
      add('source', 'file', w);
      add('prewritten', false, w);
    } else if (w === 'prewritten' || w === 'prefilled' || w === 'preconditioned' || w === 'warmed')
      add('prewritten', true, w);
    else if (w === 'unwritten' || w === 'fresh') add('prewritten', false, w);
    else if (isKnownBus(w) && w.startsWith('virtio')) add('bus', normalizeBus(w), w);
    else if (w === 'host' || w === 'guest') add('layer', w, w);
  }
  return out;
}

/**
 * Fills the record's empty fields from the path's facts. A word that is the record's own fio
 * engine (io_uring) describes the measured job, not QEMU's aio mode, and is skipped for aio.
 * @param notes receives "FIELD=VALUE taken from the path" once per fact used
 * @returns true when a field was set
 */
export function applyPathFacts(
  r: ResultRecord,
  facts: readonly PathFact[],
  notes: Set<string>,
): boolean {
  let changed = false;
  const engine = r.ioengine === null ? null : r.ioengine.replace(/[_-]/g, '');
  for (const f of facts) {
    if (r[f.field] !== null) continue;
    if (f.field === 'aio' && f.word === engine) continue;
    (r as unknown as Record<string, unknown>)[f.field] = f.value;
    notes.add(`${f.field}=${String(f.value)} taken from the path`);
    changed = true;
  }
  return changed;
}
