/**
 * Contract D (see the helpers' CONTRACTS.md): how one load of files becomes result sets.
 * Pure types; the functions are in sets.ts.
 *
 * Addition to the agreed contract: `LoadInput.loose`. The browser never needs it (a path with a
 * folder part came from a folder; a bare name is loose), but on the command line a file argument
 * such as `data/run.csv` names folders and is still a loose file, not a folder's content.
 */

/**
 * One input of a load; path '/'-separated as the user gave it (CLI: argument path with
 * directories expanded; browser: File.webkitRelativePath, a dropped entry's fullPath without
 * leading '/', or the bare file name for loose files).
 */
export interface LoadInput {
  path: string;
  /**
   * true: given as a file by itself (a CLI file argument) although its path names folders.
   * Default: a path with a folder part was found in that folder; a bare name is loose.
   */
  loose?: boolean;
}

export interface PlannedFile {
  /** The input's path, as given in LoadInput.path. */
  path: string;
  /** The path relative to the set's folder: what `origin` shows (IngestOptions.fileName). */
  originPath: string;
}

export interface PlannedSet {
  /** Final unique name. */
  name: string;
  /** Folder the set is named after, '/'-separated as in the inputs ('' for loose files without one). */
  folder: string;
  files: PlannedFile[];
}

export interface PlanOptions {
  /** --set NAME / typed name: one set with that name (wins over every other rule). */
  set?: string;
  /** --set-per-file: one set per file. */
  perFile?: boolean;
  /** Names already loaded → 'name (2)', 'name (3)'. */
  taken?: readonly string[];
  /**
   * Loose files: 'parent' = common parent folder name (CLI); 'first-file' = 'first-file-name +N'
   * (browser). Default 'parent'.
   */
  looseNaming?: 'parent' | 'first-file';
  /** CLI only: the working directory's base name, for loose files given without a folder. */
  cwdName?: string;
}
