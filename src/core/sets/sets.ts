/**
 * Result sets follow loads (spec "Result sets", contract D): which files of one load form which
 * set, under which name, and how two loads of the same content are recognised. Pure: the same
 * code plans a CLI invocation, a browser drop and a Vitest case.
 * The content identity (SHA-256) is in content-id.ts: the page's first paint needs the names,
 * not a hash implementation.
 */
import type { LoadInput, PlannedFile, PlannedSet, PlanOptions } from './sets.types';

export type { LoadInput, PlannedFile, PlannedSet, PlanOptions } from './sets.types';

/**
 * `base` when no taken name equals it, else the first free `base (2)`, `base (3)`, ….
 * Never a silent merge: a second load under a taken name is a second set.
 */
export function uniqueSetName(base: string, taken: Iterable<string>): string {
  const used = taken instanceof Set ? (taken as Set<string>) : new Set(taken);
  if (!used.has(base)) return base;
  for (let k = 2; ; k++) {
    const name = `${base} (${k})`;
    if (!used.has(name)) return name;
  }
}

/**
 * A file a directory walk (CLI directory argument, browser folder drop or picker) leaves out:
 * its name starts with '.' (.DS_Store, .git, editor swap files). A file the user names itself is
 * always loaded. Other files that are not result sets are loaded and reported, never skipped here.
 */
export function isHiddenName(name: string): boolean {
  return name.startsWith('.') && name !== '.' && name !== '..';
}

/** A path split into segments ('' and '.' dropped); `absolute` remembers a leading '/'. */
interface SplitPath {
  input: string;
  loose: boolean;
  absolute: boolean;
  segments: string[];
}

function splitPath(input: LoadInput): SplitPath {
  const segments = input.path.split('/').filter((s) => s !== '' && s !== '.');
  return {
    input: input.path,
    loose: input.loose === true || segments.length < 2,
    absolute: input.path.startsWith('/'),
    segments,
  };
}

/** The file name without its extension (`randread-16-4.json` → `randread-16-4`). */
function stem(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

const dirKey = (p: SplitPath): string =>
  (p.absolute ? '/' : '') + p.segments.slice(0, -1).join('/');

/** The folder part of a split path as a path string ('' for none). */
function folderString(absolute: boolean, segments: readonly string[]): string {
  if (segments.length === 0) return absolute ? '/' : '';
  return (absolute ? '/' : '') + segments.join('/');
}

/** The longest folder every path lies in (segments), and whether it is absolute. */
function commonFolder(paths: readonly SplitPath[]): { absolute: boolean; segments: string[] } {
  const first = paths[0];
  if (!first) return { absolute: false, segments: [] };
  let common = first.segments.slice(0, -1);
  for (const p of paths) {
    if (p.absolute !== first.absolute) return { absolute: false, segments: [] };
    let n = 0;
    while (n < common.length && n < p.segments.length - 1 && common[n] === p.segments[n]) n++;
    common = common.slice(0, n);
  }
  return { absolute: first.absolute, segments: common };
}

/**
 * Names for items whose natural name (the last segment of `segments`) may collide: each item of
 * a colliding group gets the shortest suffix of its segments that no other item of the group
 * shares (`IBM_M1015/SAMSUNG_PM883` vs `LSI/SAMSUNG_PM883`); an item whose every suffix is shared
 * (its whole path is a suffix of another's) gets its whole path, which the others then differ from.
 */
function distinguishingNames(items: readonly (readonly string[])[]): string[] {
  const suffix = (segs: readonly string[], k: number): string | null =>
    k > segs.length ? null : segs.slice(segs.length - k).join('/');
  const byLast = new Map<string, number[]>();
  items.forEach((segs, i) => {
    const last = segs[segs.length - 1] ?? '';
    const group = byLast.get(last);
    if (group) group.push(i);
    else byLast.set(last, [i]);
  });
  const names = items.map((segs) => segs[segs.length - 1] ?? '');
  for (const group of byLast.values()) {
    if (group.length < 2) continue;
    for (const i of group) {
      const segs = items[i]!;
      let chosen = segs.join('/');
      for (let k = 2; k <= segs.length; k++) {
        const mine = suffix(segs, k);
        if (group.every((j) => j === i || suffix(items[j]!, k) !== mine)) {
          chosen = mine!;
          break;
        }
      }
      names[i] = chosen;
    }
  }
  return names;
}

/** originPath of `p` relative to a folder of `depth` segments that contains it. */
const relativeTo = (p: SplitPath, depth: number): string => p.segments.slice(depth).join('/');

/** The name of a set of loose files (see PlanOptions.looseNaming). */
function looseName(files: readonly SplitPath[], opts: PlanOptions): string {
  const firstName = stem(files[0]!.segments[files[0]!.segments.length - 1] ?? files[0]!.input);
  if (files.length === 1) return firstName; // a single file is named after itself
  const byFirst = `${firstName} +${files.length - 1}`;
  if (opts.looseNaming === 'first-file') return byFirst;
  const common = commonFolder(files);
  const last = common.segments[common.segments.length - 1];
  if (last !== undefined && last !== '..') return last;
  if (!common.absolute && common.segments.length === 0 && opts.cwdName) return opts.cwdName;
  return byFirst;
}

/**
 * Plans the result sets of one load (spec "Result sets"):
 * - `opts.set` wins: every file in one set of that name;
 * - `opts.perFile`: one set per file, named after the file (without extension), colliding names
 *   told apart by their folders (`devA/randread-1-1`);
 * - otherwise every folder that directly holds files of the load is one set named after that
 *   folder (files directly in a folder and files in its subfolders give separate sets), colliding
 *   folder names get the shortest distinguishing path suffix, and the loose files (see
 *   LoadInput.loose) form one more set named after their common parent folder — or, with
 *   looseNaming 'first-file', `first-file +N`; a single loose file is named after itself.
 * Every name is made unique against `opts.taken` and the sets planned before it (`name (2)`).
 * A path given twice is planned once. Sets come in the order of their first input, files in
 * input order. `originPath` is the path relative to the set's folder (for a loose set: their
 * common parent; for --set: the common parent of all the files).
 */
export function planSets(inputs: readonly LoadInput[], opts: PlanOptions = {}): PlannedSet[] {
  const seen = new Set<string>();
  const paths: SplitPath[] = [];
  for (const input of inputs) {
    const p = splitPath(input);
    const key = (p.absolute ? '/' : '') + p.segments.join('/');
    if (p.segments.length === 0 || seen.has(key)) continue;
    seen.add(key);
    paths.push(p);
  }
  if (paths.length === 0) return [];
  const taken = new Set(opts.taken ?? []);
  const named = (base: string): string => {
    const name = uniqueSetName(base, taken);
    taken.add(name);
    return name;
  };
  const fixedName = opts.set?.trim();
  if (fixedName) {
    const common = commonFolder(paths);
    const depth = common.segments.length;
    return [
      {
        name: named(fixedName),
        folder: folderString(common.absolute, common.segments),
        files: paths.map((p) => ({ path: p.input, originPath: relativeTo(p, depth) })),
      },
    ];
  }
  if (opts.perFile) {
    const names = distinguishingNames(
      paths.map((p) => [...p.segments.slice(0, -1), stem(p.segments[p.segments.length - 1]!)]),
    );
    return paths.map((p, i) => ({
      name: named(names[i]!),
      folder: folderString(p.absolute, p.segments.slice(0, -1)),
      files: [{ path: p.input, originPath: p.segments[p.segments.length - 1]! }],
    }));
  }

  // Groups in order of their first input: one per folder of folder inputs, one for loose files.
  const LOOSE = '\u0000loose';
  const groups = new Map<string, SplitPath[]>();
  for (const p of paths) {
    const key = p.loose ? LOOSE : dirKey(p);
    const g = groups.get(key);
    if (g) g.push(p);
    else groups.set(key, [p]);
  }
  const folderKeys = [...groups.keys()].filter((k) => k !== LOOSE);
  const folderNames = distinguishingNames(
    folderKeys.map((k) => groups.get(k)![0]!.segments.slice(0, -1)),
  );
  const nameOfFolder = new Map(folderKeys.map((k, i) => [k, folderNames[i]!]));
  const out: PlannedSet[] = [];
  for (const [key, files] of groups) {
    if (key === LOOSE) {
      const common = commonFolder(files);
      out.push({
        name: named(looseName(files, opts)),
        folder: folderString(common.absolute, common.segments),
        files: files.map((p) => ({
          path: p.input,
          originPath: relativeTo(p, common.segments.length),
        })),
      });
      continue;
    }
    const first = files[0]!;
    const dir = first.segments.slice(0, -1);
    out.push({
      name: named(nameOfFolder.get(key)!),
      folder: folderString(first.absolute, dir),
      files: files.map((p): PlannedFile => ({
        path: p.input,
        originPath: relativeTo(p, dir.length),
      })),
    });
  }
  return out;
}
