/**
 * The ONE place the worker imports the pure core (ingestion, column mapping, content digests),
 * so the rest of src/worker depends only on the contracts in ingest.types.ts, column-map.ts and
 * sets.ts, and tests can inject a core.
 */
import type { IngestOptions, IngestOutcome } from '../core/ingest/ingest.types';
import type { Result } from '../core/model/result';
import { ingestBytes, ingestText } from '../core/ingest/ingest';
import { headerSignature } from '../core/ingest/column-map';
import { contentId, sha256Hex } from '../core/sets/content-id';
import { attachLogs } from '../core/tails/attach';
import type { AttachReport, LogInput } from '../core/tails/attach';
import { isFioLogName } from '../core/tails/fio-log';
import type { ResultRecord } from '../core/model/record.types';

export interface IngestCore {
  ingestBytes(bytes: Uint8Array, options: IngestOptions): Result<IngestOutcome>;
  ingestText(text: string, options: IngestOptions): Result<IngestOutcome>;
  /** SHA-256 of bytes, lower-case hex. */
  sha256Hex(bytes: Uint8Array): string;
  /** Content identity of a set from its files' digests (order and names do not matter). */
  contentId(fileDigests: readonly string[]): string;
  /** The key a column mapping is remembered under: the header row, normalized. */
  headerSignature(headers: readonly string[]): string;
  /** fio log files (issue 15): told by name; attached to their jobs' records after a load. */
  isFioLogName?(path: string): boolean;
  attachLogs?(records: readonly ResultRecord[], logs: readonly LogInput[]): AttachReport;
}

export const ingestCore: IngestCore = {
  ingestBytes,
  ingestText,
  sha256Hex,
  contentId,
  headerSignature,
  isFioLogName,
  attachLogs,
};

/** The core's default set name (file name without directory and extension). */
export { defaultSetName } from '../core/ingest/ingest';
