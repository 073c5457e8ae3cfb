/**
 * The worker's request handler, free of worker globals so it is unit-tested in Node.
 * Every input is isolated: a file the core rejects, or a bug that throws inside the core, becomes
 * a per-file failure; the other files of the request still load and the worker keeps running.
 */
import type { IngestOptions } from '../core/ingest/ingest.types';
import type { IngestOutcome } from '../core/ingest/ingest.types';
import type { Result } from '../core/model/result';
import type { ResultRecord } from '../core/model/record.types';
import { encodeParts, transferables } from './columnar';
import type { IngestCore } from './ingest-core';
import { defaultSetName } from './ingest-core';
import {
  PASTE_NAME,
  type FileOutcome,
  type RecordGroup,
  type IngestRequest,
  type IngestRequestOptions,
  type IngestResponse,
} from './ingest.protocol';

export type Post = (message: IngestResponse, transfer: Transferable[]) => void;

export interface HandlerOptions {
  /** Minimum time between two progress messages of one file (ms). */
  progressIntervalMs?: number;
  now?: () => number;
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function parseRequest(data: unknown): IngestRequest | string {
  if (typeof data !== 'object' || data === null) return 'request is not an object';
  const r = data as Record<string, unknown>;
  if (typeof r.id !== 'number') return 'request has no id';
  const options = (
    typeof r.options === 'object' && r.options !== null ? r.options : {}
  ) as IngestRequestOptions;
  if (typeof r.paste === 'string')
    return {
      id: r.id,
      paste: r.paste,
      name: typeof r.name === 'string' ? r.name : PASTE_NAME,
      options,
    };
  if (
    Array.isArray(r.files) &&
    r.files.every(
      (f: unknown) =>
        typeof f === 'object' &&
        f !== null &&
        typeof (f as { name?: unknown }).name === 'string' &&
        (f as { bytes?: unknown }).bytes instanceof ArrayBuffer,
    )
  )
    return { id: r.id, files: r.files as { name: string; bytes: ArrayBuffer }[], options };
  return 'request has neither files (name + ArrayBuffer bytes) nor paste text';
}

/** Handles one request: posts throttled progress, then one 'done' message with every outcome. */
export function handleIngestRequest(
  data: unknown,
  core: IngestCore,
  post: Post,
  opts: HandlerOptions = {},
): void {
  const interval = opts.progressIntervalMs ?? 50;
  const now = opts.now ?? (() => performance.now());
  const request = parseRequest(data);
  if (typeof request === 'string') {
    const id =
      typeof (data as { id?: unknown } | null)?.id === 'number' ? (data as { id: number }).id : -1;
    post({ id, type: 'error', reason: request }, []);
    return;
  }
  const inputs: { name: string; run: (o: IngestOptions) => Result<IngestOutcome> }[] =
    'paste' in request
      ? [{ name: request.name ?? PASTE_NAME, run: (o) => core.ingestText(request.paste, o) }]
      : request.files.map((f) => ({
          name: f.name,
          run: (o) => core.ingestBytes(new Uint8Array(f.bytes), o),
        }));

  const outcomes: FileOutcome[] = [];
  const transfer: Transferable[] = [];
  inputs.forEach((input, fileIndex) => {
    let lastTime = -Infinity;
    let lastFraction = -1;
    const progress = (fraction: number, force = false) => {
      const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
      const t = now();
      if (!force && (t - lastTime < interval || f <= lastFraction)) return;
      lastTime = t;
      lastFraction = f;
      post(
        {
          id: request.id,
          type: 'progress',
          file: input.name,
          fileIndex,
          fileCount: inputs.length,
          fraction: f,
        },
        [],
      );
    };
    progress(0, true);
    const o = request.options;
    const options: IngestOptions = { fileName: input.name, onProgress: (f) => progress(f) };
    if (o.set !== undefined) options.set = o.set;
    if (o.labels !== undefined) options.labels = o.labels;
    if (o.format !== undefined) options.format = o.format;
    const started = now();
    try {
      const result = input.run(options);
      if (!result.ok) {
        outcomes.push({ file: input.name, ok: false, reason: result.reason });
      } else {
        const { records, report } = result.value;
        // Grouped by set here, off the main thread: the client only decodes.
        const bySet = new Map<string, ResultRecord[]>();
        for (const r of records) {
          const list = bySet.get(r.set);
          if (list) list.push(r);
          else bySet.set(r.set, [r]);
        }
        const groups: RecordGroup[] = [...bySet].map(([name, list]) => ({
          set: name,
          parts: encodeParts(list),
        }));
        for (const g of groups) for (const part of g.parts) transfer.push(...transferables(part));
        // Nominal set of the input (records may name their own sets in a `set` column).
        const set = o.set ?? defaultSetName(input.name);
        outcomes.push({ file: input.name, ok: true, set, groups, report, ms: now() - started });
      }
    } catch (e) {
      // A throw is a bug in the core, not the user's fault; say so and carry on with the next file.
      outcomes.push({
        file: input.name,
        ok: false,
        reason: `internal error while reading ${input.name}: ${errorText(e)}`,
      });
    }
    progress(1, true);
  });
  post({ id: request.id, type: 'done', outcomes }, transfer);
}
