/** What each format parser hands back to ingest.ts (before labels, flags and accounting checks). */
import type { RejectedRow, ResultRecord } from '../model/record.types';
import type { Result } from '../model/result';
import type { ColumnInference, ColumnMap } from './column-map';
import type { StringPool } from './string.pool';

export interface ParsedInput {
  records: ResultRecord[];
  rejected: RejectedRow[];
  /** Rows (or jobs) read: always records.length + rejected.length. */
  read: number;
  notes: string[];
  /** How each column was mapped (table inputs). */
  columns?: ColumnInference[];
}

export interface ParseContext {
  /** File path as shown in reports and origins (relative to the set's folder). */
  file: string;
  /** The path whose segments give environment facts: the set's folder, then `file`. */
  factsPath: string;
  set: string;
  onProgress?: (fraction: number) => void;
  /** Length of the whole text when known (progress of delimited input is cursor / total). */
  total?: number;
  /** The ingest's shared strings (string.pool.ts); the global pool when absent. */
  pool?: StringPool;
  /** Explicit column mapping (IngestOptions.map). */
  map?: ColumnMap;
  /** IngestOptions.previewRows. */
  previewRows?: { rows: string[][]; max: number };
}

export type Parser = (text: string, ctx: ParseContext) => Result<ParsedInput>;
