/**
 * What the browser ingestion produces and the app keeps: result sets loaded from files, pastes or
 * the bundled data/, with their per-file accounting. Shared by the worker client, the ingest
 * panel and persistence (src/app/persistence.ts).
 */
import type { ColumnInference, ColumnMap } from '../core/ingest/column-map';
import type { ResultSet } from '../core/model/record.types';

/** A result set loaded in the browser. `reports` has one entry per file (or paste) of the set. */
export interface LoadedSet extends ResultSet {
  /** ISO 8601 time the set was loaded. */
  loadedAt: string;
  /**
   * Content identity: contentId (src/core/sets/sets.ts) of the set's input files' SHA-256 (a
   * paste: of its text). Two loads of the same bytes have the same id, whatever the file names.
   * '' when unknown (a set saved by an older version of the app).
   */
  sha256: string;
  /** The set's input files as origin paths (relative to the set's folder), in load order. */
  files: string[];
  /** SHA-256 (hex) of each of `files`, same order (what `sha256` is computed from). */
  fileSha256: string[];
  /** The column mapping applied to the set's table files (provenance); absent: inference only. */
  mapping?: ColumnMap;
  /**
   * A set kept on the team server: its records are not downloaded (`records` is empty) and the
   * dashboard compares it there (`GET /api/cells`). Never saved in this browser: a link's
   * `set=ID` opens it again.
   */
  server?: ServerKept;
}

/** What the browser knows of a set kept on the team server. */
export interface ServerKept {
  id: string;
  /** Records and flagged records stored (the server's count). */
  records: number;
  flagged: number;
}

/** A table file of a load and how its columns were mapped: what the mapping step shows. */
export interface LoadedTable {
  set: string;
  /** Origin path of the file. */
  file: string;
  /** headerSignature of its header row. */
  signature: string;
  /** Every column: header, choice, how it was found, sample values (IngestReport.columns). */
  columns: ColumnInference[];
  /** The mapping applied, if any. */
  map?: ColumnMap;
  /** The map was applied because it was remembered for this header row. */
  remembered: boolean;
}

/** A file that could not be read at all (not a result set, unreadable bytes, worker failure). */
export interface IngestFailure {
  file: string;
  reason: string;
}

/** Outcome of one ingest request: sets that loaded, and files that did not. */
export interface IngestBatch {
  sets: LoadedSet[];
  failures: IngestFailure[];
  /** The table files of the load (for the column mapping step); absent when there were none. */
  tables?: LoadedTable[];
}

/** Progress of a request: `fraction` 0..1 of the current file, `overall` 0..1 of all files. */
export interface IngestProgress {
  file: string;
  fileIndex: number;
  fileCount: number;
  fraction: number;
  overall: number;
}
