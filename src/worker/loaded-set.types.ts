/**
 * What the browser ingestion produces and the app keeps: result sets loaded from files, pastes or
 * the bundled data/, with their per-file accounting. Shared by the worker client, the ingest
 * panel and persistence (src/app/persistence.ts).
 */
import type { ResultSet } from '../core/model/record.types';

/** A result set loaded in the browser. `reports` has one entry per file (or paste) of the set. */
export interface LoadedSet extends ResultSet {
  /** ISO 8601 time the set was loaded. */
  loadedAt: string;
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
}

/** Progress of a request: `fraction` 0..1 of the current file, `overall` 0..1 of all files. */
export interface IngestProgress {
  file: string;
  fileIndex: number;
  fileCount: number;
  fraction: number;
  overall: number;
}
