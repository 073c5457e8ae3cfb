/**
 * Messages between the main thread (client.ts) and the ingest worker (ingest.worker.ts).
 * Records travel as columns (columnar.ts) with their typed-array buffers transferred.
 */
import type { InputFormat } from '../core/ingest/ingest.types';
import type { IngestReport } from '../core/model/record.types';
import type { ColumnarRecords } from './columnar';

/** Options of a request (IngestOptions without the per-file and callback fields). */
export interface IngestRequestOptions {
  /** Result-set name for every input of the request; default: each file's name without extension. */
  set?: string;
  /** `key=value` facts applied to every record. */
  labels?: Record<string, string>;
  /** Force a format instead of detecting it. */
  format?: InputFormat;
}

export interface FileInput {
  name: string;
  /** Raw bytes (transferred: the sender's buffer is detached). The core detects the encoding. */
  bytes: ArrayBuffer;
}

export type IngestRequest =
  | { id: number; files: FileInput[]; options: IngestRequestOptions }
  | { id: number; paste: string; name?: string; options: IngestRequestOptions };

export interface RecordGroup {
  set: string;
  parts: ColumnarRecords[];
}

/** Outcome of one input: its records as columns and its report, or why it is not a result set. */
export type FileOutcome =
  /**
   * `set`: the nominal set (option or file name). `groups`: the records grouped by their own
   * `set` (first-seen order; a `set` column may name several), each in parts of at most
   * PART_ROWS records (columnar.ts).
   */
  | { file: string; ok: true; set: string; groups: RecordGroup[]; report: IngestReport; ms: number }
  | { file: string; ok: false; reason: string };

export type IngestResponse =
  | {
      id: number;
      type: 'progress';
      file: string;
      fileIndex: number;
      fileCount: number;
      fraction: number;
    }
  | { id: number; type: 'done'; outcomes: FileOutcome[] }
  /** The request itself was malformed (never sent by our client). */
  | { id: number; type: 'error'; reason: string };

/** Default name of pasted text: used in origins ("clipboard:3") and reports. */
export const PASTE_NAME = 'clipboard';
