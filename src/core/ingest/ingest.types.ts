/**
 * Contracts of the ingestion layer (pure). Entry points (ingest.ts):
 *   ingestBytes(bytes, options): Result<IngestOutcome>  — detects encoding and format
 *   ingestText(text, options):   Result<IngestOutcome>  — detects format
 *   ingestStream(open, options, size?): Promise<Result<IngestOutcome>> — ingestBytes of a byte
 *     stream (a file read in pieces; CSV/TSV never held whole), `open` called again when a file
 *     proves to be GB18030 mid-stream
 *   createTextIngester / createByteIngester(options): push(piece)… then end() — the same, fed by
 *     the caller; end() equals ingestText / ingestBytes of the concatenated pieces
 * A `{ ok: false }` result means the input is not a result set at all (one clear error naming
 * what was expected); row-level problems are `report.rejected` entries and never fail the file.
 */
import type { IngestReport, ResultRecord } from '../model/record.types';
import type { ColumnMap } from './column-map';

export const INPUT_FORMATS = ['csv', 'tsv', 'json', 'fio-json', 'markdown'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

export interface IngestOptions {
  /** File name (or "clipboard"); used in origins, reports and for facts in the name. */
  fileName: string;
  /** Result-set name; default: the file name without extension. */
  set?: string;
  /**
   * The folder the set is named after, as loaded (`results/sparse`), when `fileName` is relative
   * to it. Not part of origins, but its segments give environment facts as the file's own path
   * does (runs whose environment is only in folder names).
   */
  folder?: string;
  /** `--label key=value` facts applied to every record (override facts found in the file). */
  labels?: Record<string, string>;
  /** Force a format instead of detecting it. */
  format?: InputFormat;
  /** Called with 0..1 while parsing large inputs. */
  onProgress?: (fraction: number) => void;
  /**
   * Explicit column mapping of table inputs (csv, tsv, markdown, json records): overrides the
   * header vocabulary and the values (column-map.ts).
   */
  map?: ColumnMap;
  /**
   * Receives the header row and the first `max` data rows of a table input as read (for
   * column-map.ts previewColumns; markdown: its first result table).
   */
  previewRows?: { rows: string[][]; max: number };
}

export interface IngestOutcome {
  records: ResultRecord[];
  report: IngestReport;
}
