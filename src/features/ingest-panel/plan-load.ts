/**
 * One drop or picker action = one load (spec "Result sets"): which set each file goes to and
 * under which origin path, planned with the core's planSets, and the folder walk of a drop.
 * fio log files travel with the run they belong to (issue 15; the worker attaches them).
 */
import type { ColumnMap } from '../../core/ingest/column-map';
import { isHiddenName, planSets } from '../../core/sets/sets';
import type { PlannedSet } from '../../core/sets/sets';
import { keepLogsWithTheirRun } from '../../core/tails/plan-logs';
import type { SourceFile } from '../../worker/client';

/** A file of one load with the path it was found under ('/'-separated, no leading '/'). */
export interface PickedFile {
  file: File;
  path: string;
}

export interface LoadPlan {
  files: SourceFile[];
  sets: PlannedSet[];
}

/**
 * Plans a load: every folder that directly holds files is one set named after it (same-named
 * folders told apart by their parents), loose files one set named `first-file +N`; with
 * `perFile` one set per file. Names are unique against `taken`. Each file is sent under its
 * origin path (relative to its set's folder), with its set, and with a column map if given.
 */
export function planLoad(
  picked: readonly PickedFile[],
  opts: { perFile?: boolean; taken?: readonly string[]; map?: ColumnMap } = {},
): LoadPlan {
  const byPath = new Map<string, File>();
  for (const p of picked) if (!byPath.has(p.path)) byPath.set(p.path, p.file);
  const sets = planSets(
    [...byPath.keys()].map((path) => ({ path })),
    {
      perFile: opts.perFile === true,
      taken: opts.taken ?? [],
      looseNaming: 'first-file',
    },
  );
  if (opts.perFile === true) keepLogsWithTheirRun(sets);
  const files: SourceFile[] = [];
  for (const set of sets)
    for (const f of set.files) {
      const file = byPath.get(f.path);
      if (!file) continue;
      files.push({
        file,
        name: f.originPath,
        set: set.name,
        ...(set.folder !== '' ? { folder: set.folder } : {}),
        ...(opts.map ? { map: opts.map } : {}),
      });
    }
  return { sets, files };
}

/** The path a picked File was chosen under: its folder-relative path, else its bare name. */
export function pickedPath(file: File): string {
  return file.webkitRelativePath !== '' ? file.webkitRelativePath : file.name;
}

/** Files of a picker (files or folder): hidden files (.DS_Store…) of a folder are left out. */
export function pickedFiles(files: readonly File[]): PickedFile[] {
  return files
    .map((file) => ({ file, path: pickedPath(file) }))
    .filter((p) => !p.path.includes('/') || !p.path.split('/').some(isHiddenName));
}

// ---- folder drop (FileSystemEntry API: the only way a drop tells folders apart) ----

const readBatch = (reader: FileSystemDirectoryReader) =>
  new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));

const fileOf = (entry: FileSystemFileEntry) =>
  new Promise<File>((resolve, reject) => entry.file(resolve, reject));

/** Every file under `entry` (recursively), with its path from the dropped item on. */
async function walk(entry: FileSystemEntry, out: PickedFile[]): Promise<void> {
  if (isHiddenName(entry.name)) return;
  if (entry.isFile) {
    const file = await fileOf(entry as FileSystemFileEntry);
    out.push({ file, path: entry.fullPath.replace(/^\/+/, '') || file.name });
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries returns at most ~100 entries per call: read until it returns none.
  for (;;) {
    const batch = await readBatch(reader);
    if (batch.length === 0) break;
    for (const child of batch) await walk(child, out);
  }
}

/**
 * The files of a drop, folders read recursively. Must be called during the drop event (the
 * items are gone afterwards); the walk itself is asynchronous. A browser without entries (or a
 * synthetic drop) gives the plain file list, each file loose.
 */
export function droppedFiles(data: DataTransfer): Promise<PickedFile[]> {
  const entries: FileSystemEntry[] = [];
  for (const item of Array.from(data.items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.();
    if (entry) entries.push(entry);
  }
  const plain = Array.from(data.files).map((file) => ({ file, path: file.name }));
  if (entries.length === 0) return Promise.resolve(plain);
  return (async () => {
    const out: PickedFile[] = [];
    try {
      for (const e of entries) await walk(e, out);
    } catch {
      return plain; // a folder that cannot be read: fall back to what the drop listed
    }
    return out;
  })();
}
