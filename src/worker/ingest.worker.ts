/**
 * Web Worker entry: runs ingestion (decoding, PapaParse, fio JSON, markdown) off the main thread.
 * Bundled by Vite as its own chunk (client.ts creates it with `new URL(..., import.meta.url)`),
 * so the parsers never weigh on the initial bundle. Protocol: ingest.protocol.ts.
 */
import { handleIngestRequest } from './ingest.handler';
import { ingestCore } from './ingest-core';
import type { IngestResponse } from './ingest.protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<unknown>) => {
  try {
    handleIngestRequest(event.data, ingestCore, (message: IngestResponse, transfer) =>
      scope.postMessage(message, transfer),
    );
  } catch (e) {
    // Only a failure to post (e.g. an uncloneable value) can reach here; report it, stay alive.
    const id =
      typeof (event.data as { id?: unknown } | null)?.id === 'number'
        ? (event.data as { id: number }).id
        : -1;
    scope.postMessage({
      id,
      type: 'error',
      reason: `ingest worker: ${e instanceof Error ? e.message : String(e)}`,
    } satisfies IngestResponse);
  }
};
