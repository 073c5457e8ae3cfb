/**
 * Messages between the main thread (client.ts) and the ingest worker (ingest.worker.ts).
 * Records travel as columns (columnar.ts) with their typed-array buffers transferred.
 */
import type { ColumnMap } from '../core/ingest/column-map';
import type { InputFormat } from '../core/ingest/ingest.types';
import type { IngestReport } from '../core/model/record.types';
import type { ColumnarRecords } from './record-codec';

/** Options of a request (IngestOptions without the per-file and callback fields). */
export interface IngestRequestOptions {
  /** Result-set name for every input of the request; default: each file's name without extension. */
  set?: string;
  /** `key=value` facts applied to every record. */
  labels?: Record<string, string>;
  /** Force a format instead of detecting it. */
  format?: InputFormat;
  /** Column mapping for every table input without its own `map` (a paste: its mapping). */
  map?: ColumnMap;
  /**
   * Column mappings remembered per header row (key: headerSignature of the header row). A table
   * input without its own `map` whose header row has an entry here is read again with that map
   * (the outcome says so: `mapping.remembered`).
   */
  remembered?: Readonly<Record<string, ColumnMap>>;
}

export interface FileInput {
  /** File name, or a '/'-separated path relative to the set's folder: used in origins. */
  name: string;
  /** Raw bytes (transferred: the sender's buffer is detached). The core detects the encoding. */
  bytes: ArrayBuffer;
  /** Set of this file (wins over `options.set`). */
  set?: string;
  /** The folder its set is named after, as loaded: environment facts, not origins. */
  folder?: string;
  /** Column mapping for this table file (wins over a remembered one). */
  map?: ColumnMap;
}

export type IngestRequest =
  | { id: number; files: FileInput[]; options: IngestRequestOptions }
  | { id: number; paste: string; name?: string; options: IngestRequestOptions };

/** How the columns of a table input were mapped (csv/tsv/markdown/json records). */
export interface TableColumns {
  /** headerSignature of the header row: the key the mapping step remembers a choice under. */
  signature: string;
  /** The mapping applied (given, or remembered for this header row); absent: inference only. */
  map?: ColumnMap;
  /** The map was not given with the file but remembered for its header row. */
  remembered: boolean;
}

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
  | {
      file: string;
      ok: true;
      set: string;
      groups: RecordGroup[];
      report: IngestReport;
      ms: number;
      /** SHA-256 (hex) of the input's bytes (a paste: of its text as UTF-8). */
      sha256: string;
      /** Set for table inputs whose report lists its columns. */
      table?: TableColumns;
    }
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
  | {
      id: number;
      type: 'done';
      outcomes: FileOutcome[];
      /** Content identity per nominal set of the request: contentId of its inputs' sha256. */
      setSha256: Record<string, string>;
    }
  /** The request itself was malformed (never sent by our client). */
  | { id: number; type: 'error'; reason: string };

/** Default name of pasted text: used in origins ("clipboard:3") and reports. */
export const PASTE_NAME = 'clipboard';
