/**
 * Main-thread client of the ingest worker (the loader of the bundled data/ sets is bundled-sets.ts).
 *
 * API (all parsing happens in the worker; the main thread only reads file bytes asynchronously
 * and materializes records from transferred columns in chunks of 2k records, yielding in between):
 *
 *   const client = createIngestClient();
 *   const { sets, failures } = await client.ingestFiles(files, { labels: { storage: 'NFS' } },
 *     (p) => setProgress(p.overall));
 *   const pasted = await client.ingestPaste(text, {}, onProgress);
 *   client.dispose();   // terminates the worker; pending promises reject
 *
 *   // First start (bundled-sets.ts): every set in /data/manifest.json, through a worker.
 *   const bundled = await loadBundledSets();            // or loadBundledSets({ client })
 *
 * Result: an IngestBatch (loaded-set.types.ts). Invariant: every record of a LoadedSet has
 * `record.set === set.name`. Files with the same set name (e.g. several files loaded with `set`)
 * become ONE LoadedSet with one report per file; without `set`, a file's records are named by the
 * file's own `set` column, else after the file; a file naming several sets yields several
 * LoadedSets, each listing that file's report. A file with no accepted row still yields its
 * (empty) set, so its rejected rows are shown. A file that is not a result set at all is a `failures` entry
 * (with the core's reason), never a rejected promise: the promise rejects only if the worker
 * itself fails or the client was disposed.
 *
 * Treat a LoadedSet's records as immutable: the worker's encoding of them is kept (columnar.ts
 * `encodedParts`) and is what src/app/persistence.ts stores, without encoding again.
 */
import type { ColumnMap } from '../core/ingest/column-map';
import type { IngestReport, ResultRecord } from '../core/model/record.types';
import { decodeRecordsChunked, encodedParts, type ColumnarRecords } from './record-codec';
import type {
  FileInput,
  FileOutcome,
  IngestRequestOptions,
  IngestResponse,
} from './ingest.protocol';
import { PASTE_NAME } from './ingest.protocol';
import type {
  IngestBatch,
  IngestFailure,
  IngestProgress,
  LoadedSet,
  LoadedTable,
} from './loaded-set.types';

export type {
  IngestBatch,
  IngestFailure,
  IngestProgress,
  LoadedSet,
  LoadedTable,
} from './loaded-set.types';
export type { IngestRequestOptions } from './ingest.protocol';

export type ProgressListener = (progress: IngestProgress) => void;

export interface PasteOptions extends IngestRequestOptions {
  /** Name used in origins and the report (default "clipboard"). */
  name?: string;
}

/**
 * A file of a load with where it goes: `name` is its origin path (relative to its set's folder),
 * `set` its set, `map` the column mapping to read it with. A bare File is loaded under its own
 * name, in the set of `options.set` (else the file's own set name).
 */
export interface SourceFile {
  file: File;
  name: string;
  set?: string;
  /** The folder the set is named after, as loaded (IngestOptions.folder). */
  folder?: string;
  map?: ColumnMap;
}

export interface IngestClient {
  /** Reads and ingests files (drop, picker, pasted files). */
  ingestFiles(
    files: readonly (File | SourceFile)[],
    options?: IngestRequestOptions,
    onProgress?: ProgressListener,
  ): Promise<IngestBatch>;
  /** Ingests pasted text (a wiki/markdown table, a spreadsheet selection, CSV, JSON). */
  ingestPaste(
    text: string,
    options?: PasteOptions,
    onProgress?: ProgressListener,
  ): Promise<IngestBatch>;
  /** Ingests bytes already in memory (fetched files). `meta` overrides source/description. */
  ingestBuffers(
    files: FileInput[],
    options?: IngestRequestOptions,
    onProgress?: ProgressListener,
    meta?: { source?: string; description?: string },
  ): Promise<IngestBatch>;
  /** Terminates the worker; pending requests reject. Idempotent. */
  dispose(): void;
}

/** The part of Worker the client uses (injectable for tests). */
export interface WorkerLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (event: Event) => void): void;
  terminate(): void;
}

export interface IngestClientDeps {
  createWorker?: () => WorkerLike;
  /** Clock for `loadedAt` (tests). */
  now?: () => Date;
}

const defaultWorker = (): WorkerLike =>
  new Worker(new URL('./ingest.worker.ts', import.meta.url), {
    type: 'module',
    name: 'aio-dash-ingest',
  });

type Done = Extract<IngestResponse, { type: 'done' }>;

interface Pending {
  resolve: (done: Done) => void;
  reject: (error: Error) => void;
  onProgress: ProgressListener | undefined;
}

/** Creates a client with its own worker (started on first use). */
export function createIngestClient(deps: IngestClientDeps = {}): IngestClient {
  const createWorker = deps.createWorker ?? defaultWorker;
  const clock = deps.now ?? (() => new Date());
  let worker: WorkerLike | null = null;
  let disposed = false;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  const ensureWorker = (): WorkerLike => {
    if (worker) return worker;
    const w = createWorker();
    w.addEventListener('message', (event) => {
      const msg = event.data as IngestResponse;
      const p = pending.get(msg.id);
      if (!p) return;
      if (msg.type === 'progress') {
        p.onProgress?.({
          file: msg.file,
          fileIndex: msg.fileIndex,
          fileCount: msg.fileCount,
          fraction: msg.fraction,
          overall: (msg.fileIndex + msg.fraction) / Math.max(1, msg.fileCount),
        });
      } else if (msg.type === 'done') {
        pending.delete(msg.id);
        p.resolve(msg);
      } else {
        pending.delete(msg.id);
        p.reject(new Error(msg.reason));
      }
    });
    const broken = (what: string) => (event: Event) => {
      const text = (event as Partial<ErrorEvent>).message;
      const detail = typeof text === 'string' && text !== '' ? `: ${text}` : '';
      // The worker may be unusable (e.g. failed to load); start a fresh one on the next request.
      worker?.terminate();
      worker = null;
      failAll(new Error(`ingest worker ${what}${detail}`));
    };
    w.addEventListener('error', broken('failed'));
    w.addEventListener('messageerror', broken('sent an unreadable message'));
    worker = w;
    return w;
  };

  const send = (
    message: Record<string, unknown>,
    transfer: Transferable[],
    onProgress?: ProgressListener,
  ): Promise<Done> => {
    if (disposed) return Promise.reject(new Error('ingest client disposed'));
    const id = nextId++;
    return new Promise<Done>((resolve, reject) => {
      pending.set(id, { resolve, reject, onProgress });
      try {
        ensureWorker().postMessage({ ...message, id }, transfer);
      } catch (e) {
        pending.delete(id);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  };

  const toBatch = async (
    outcomes: FileOutcome[],
    setSha256: Readonly<Record<string, string>>,
    meta: { source?: string; description?: string } = {},
  ): Promise<IngestBatch> => {
    const loadedAt = clock().toISOString();
    const failures: IngestFailure[] = [];
    const tables: LoadedTable[] = [];
    interface Group {
      records: ResultRecord[];
      reports: IngestReport[];
      files: string[];
      digests: string[];
      nominal: string;
      mapping: Record<string, ColumnMap[string]>;
      mapped: boolean;
    }
    const bySet = new Map<string, Group>();
    // Candidate encodings to reuse when saving: a set made of exactly one input's records.
    const whole = new Map<string, readonly ColumnarRecords[]>();
    for (const o of outcomes) {
      if (!o.ok) {
        failures.push({ file: o.file, reason: o.reason });
        continue;
      }
      const groupOf = (name: string) => {
        let group = bySet.get(name);
        if (!group) {
          group = {
            records: [],
            reports: [],
            files: [],
            digests: [],
            nominal: o.set,
            mapping: {},
            mapped: false,
          };
          bySet.set(name, group);
        }
        if (!group.files.includes(o.file)) {
          group.reports.push(o.report);
          group.files.push(o.file);
          group.digests.push(o.sha256);
          if (o.table?.map) {
            Object.assign(group.mapping, o.table.map);
            group.mapped = true;
          }
        }
        return group;
      };
      if (o.table && o.report.columns)
        tables.push({
          set: o.set,
          file: o.file,
          signature: o.table.signature,
          columns: o.report.columns,
          remembered: o.table.remembered,
          ...(o.table.map ? { map: o.table.map } : {}),
        });
      // Every record of a LoadedSet has that set's name: a file whose rows name several sets
      // (a `set` column) yields one LoadedSet per set, each listing the file's report; a file
      // without accepted rows still yields its (empty) nominal set.
      if (o.groups.length === 0) groupOf(o.set);
      for (const g of o.groups) {
        const target = groupOf(g.set);
        const fresh = target.records.length === 0;
        // Chunked: 100k records are materialized in 2k-record tasks, never one long task.
        for (const part of g.parts)
          for (const r of await decodeRecordsChunked(part)) target.records.push(r);
        if (fresh) whole.set(g.set, g.parts);
        else whole.delete(g.set);
      }
    }
    // A set made of exactly one input's group keeps the worker's encoding, for saving.
    for (const [name, g] of bySet) {
      const parts = whole.get(name);
      if (parts && g.files.length === 1) encodedParts.set(g.records, parts);
    }
    const sets: LoadedSet[] = [...bySet].map(([name, g]) => ({
      name,
      description: meta.description ?? '',
      source: meta.source ?? g.files.join(', '),
      records: g.records,
      reports: g.reports,
      loadedAt,
      // A set named by the rows' own `set` column shares the identity of its files' nominal set.
      sha256: setSha256[name] ?? setSha256[g.nominal] ?? '',
      files: g.files,
      fileSha256: g.digests,
      ...(g.mapped ? { mapping: g.mapping } : {}),
    }));
    return tables.length > 0 ? { sets, failures, tables } : { sets, failures };
  };

  const ingestBuffers: IngestClient['ingestBuffers'] = async (
    files,
    options = {},
    onProgress,
    meta,
  ) => {
    const done = await send(
      { files, options },
      files.map((f) => f.bytes),
      onProgress,
    );
    return toBatch(done.outcomes, done.setSha256, meta);
  };

  return {
    async ingestFiles(files, options = {}, onProgress) {
      const inputs: FileInput[] = [];
      const unreadable: IngestFailure[] = [];
      // Blob.arrayBuffer() reads asynchronously: no parsing or decoding on the main thread.
      await Promise.all(
        files.map(async (f, i) => {
          const source: SourceFile = f instanceof Blob ? { file: f, name: f.name } : f;
          try {
            const input: FileInput = { name: source.name, bytes: await source.file.arrayBuffer() };
            if (source.set !== undefined) input.set = source.set;
            if (source.folder !== undefined) input.folder = source.folder;
            if (source.map !== undefined) input.map = source.map;
            inputs[i] = input;
          } catch (e) {
            unreadable.push({
              file: source.name,
              reason: `cannot read ${source.name}: ${e instanceof Error ? e.message : String(e)}`,
            });
          }
        }),
      );
      const readable = inputs.filter((x): x is FileInput => x !== undefined);
      const batch =
        readable.length > 0
          ? await ingestBuffers(readable, options, onProgress)
          : { sets: [], failures: [] };
      return { ...batch, failures: [...unreadable, ...batch.failures] };
    },
    async ingestPaste(text, options = {}, onProgress) {
      const { name = PASTE_NAME, ...rest } = options;
      const done = await send({ paste: text, name, options: rest }, [], onProgress);
      return toBatch(done.outcomes, done.setSha256, { source: name });
    },
    ingestBuffers,
    dispose() {
      if (disposed) return;
      disposed = true;
      worker?.terminate();
      worker = null;
      failAll(new Error('ingest client disposed'));
    },
  };
}
