/**
 * The ONE place the worker imports the pure ingestion core (src/core/ingest/ingest.ts), so the
 * rest of src/worker depends only on the contract in ingest.types.ts.
 */
import type { IngestOptions, IngestOutcome } from '../core/ingest/ingest.types';
import type { Result } from '../core/model/result';
import { ingestBytes, ingestText } from '../core/ingest/ingest';

export interface IngestCore {
  ingestBytes(bytes: Uint8Array, options: IngestOptions): Result<IngestOutcome>;
  ingestText(text: string, options: IngestOptions): Result<IngestOutcome>;
}

export const ingestCore: IngestCore = { ingestBytes, ingestText };

/** The core's default set name (file name without directory and extension). */
export { defaultSetName } from '../core/ingest/ingest';
