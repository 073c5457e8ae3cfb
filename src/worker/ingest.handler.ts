/**
 * The worker's request handler, free of worker globals so it is unit-tested in Node.
 * fio log files of a request are attached to their jobs' records after every result file is read.
 * Every input is isolated: a file the core rejects, or a bug that throws inside the core, becomes
 * a per-file failure; the other files of the request still load and the worker keeps running.
 */
import type { ColumnMap } from '../core/ingest/column-map';
import type { IngestOptions } from '../core/ingest/ingest.types';
import type { IngestOutcome } from '../core/ingest/ingest.types';
import type { Result } from '../core/model/result';
import type { ResultRecord } from '../core/model/record.types';
import { encodeParts, transferables } from './record-codec';
import type { IngestCore } from './ingest-core';
import { defaultSetName } from './ingest-core';
import {
  PASTE_NAME,
  type FileInput,
  type FileOutcome,
  type TableColumns,
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

/** A column map as the client sends it (an object of choices); anything else is ignored. */
function isColumnMap(x: unknown): x is ColumnMap {
  return (
    typeof x === 'object' &&
    x !== null &&
    !Array.isArray(x) &&
    Object.values(x).every(
      (c: unknown) =>
        typeof c === 'object' &&
        c !== null &&
        ['field', 'extra', 'ignore'].includes((c as { kind?: unknown }).kind as string),
    )
  );
}

/** Remembered maps of the request options: only well-formed entries are used. */
function rememberedMaps(o: IngestRequestOptions): Record<string, ColumnMap> {
  const out: Record<string, ColumnMap> = {};
  const r: unknown = o.remembered;
  if (typeof r !== 'object' || r === null) return out;
  for (const [k, v] of Object.entries(r)) if (isColumnMap(v)) out[k] = v;
  return out;
}

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
    return {
      id: r.id,
      files: (r.files as FileInput[]).map((f) => ({
        name: f.name,
        bytes: f.bytes,
        ...(typeof f.set === 'string' && f.set !== '' ? { set: f.set } : {}),
        ...(typeof f.folder === 'string' && f.folder !== '' ? { folder: f.folder } : {}),
        ...(isColumnMap(f.map) ? { map: f.map } : {}),
      })),
      options,
    };
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
  interface Input {
    name: string;
    set: string | undefined;
    folder?: string | undefined;
    map: ColumnMap | undefined;
    digest: () => string;
    run: (o: IngestOptions) => Result<IngestOutcome>;
  }
  const inputs: Input[] =
    'paste' in request
      ? [
          {
            name: request.name ?? PASTE_NAME,
            set: request.options.set,
            map: isColumnMap(request.options.map) ? request.options.map : undefined,
            digest: () => core.sha256Hex(new TextEncoder().encode(request.paste)),
            run: (o) => core.ingestText(request.paste, o),
          },
        ]
      : request.files.map((f) => ({
          name: f.name,
          set: f.set ?? request.options.set,
          folder: f.folder,
          map: f.map ?? (isColumnMap(request.options.map) ? request.options.map : undefined),
          digest: () => core.sha256Hex(new Uint8Array(f.bytes)),
          run: (o) => core.ingestBytes(new Uint8Array(f.bytes), o),
        }));
  const remembered = rememberedMaps(request.options);
  const digestsBySet = new Map<string, string[]>();
  const addDigest = (set: string, sha256: string) => {
    const digests = digestsBySet.get(set);
    if (digests) digests.push(sha256);
    else digestsBySet.set(set, [sha256]);
  };

  // fio log files (issue 15) are no result files: attached to their jobs' records once every
  // result file of the request is read, per nominal set (= folder of the load).
  const logFiles =
    'files' in request && core.isFioLogName && core.attachLogs
      ? request.files.filter((f) => core.isFioLogName!(f.name))
      : [];
  const isLog = new Set(logFiles.map((f) => f.name));
  const outcomes: FileOutcome[] = [];
  /** Records of each accepted input, encoded after the logs are attached. */
  const pending: { outcome: FileOutcome & { ok: true }; records: ResultRecord[] }[] = [];
  const transfer: Transferable[] = [];
  inputs.forEach((input, fileIndex) => {
    if (isLog.has(input.name)) return;
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
    if (input.set !== undefined) options.set = input.set;
    if (input.folder !== undefined) options.folder = input.folder;
    if (o.labels !== undefined) options.labels = o.labels;
    if (o.format !== undefined) options.format = o.format;
    if (input.map !== undefined) options.map = input.map;
    const started = now();
    try {
      let result = input.run(options);
      let table: TableColumns | undefined;
      if (result.ok && result.value.report.columns) {
        const signature = core.headerSignature(result.value.report.columns.map((c) => c.header));
        const again = input.map === undefined ? remembered[signature] : undefined;
        // The user chose a mapping for this header row before: read the file with it.
        if (again) result = input.run({ ...options, map: again });
        const map = input.map ?? again;
        table = { signature, remembered: again !== undefined, ...(map ? { map } : {}) };
      }
      if (!result.ok) {
        outcomes.push({ file: input.name, ok: false, reason: result.reason });
      } else {
        const { records, report } = result.value;
        const sha256 = input.digest();
        // Nominal set of the input (records may name their own sets in a `set` column).
        const set = input.set ?? defaultSetName(input.name);
        addDigest(set, sha256);
        const outcome: FileOutcome & { ok: true } = {
          file: input.name,
          ok: true,
          set,
          groups: [],
          report,
          ms: now() - started,
          sha256,
          ...(table ? { table } : {}),
        };
        outcomes.push(outcome);
        pending.push({ outcome, records });
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
  if (logFiles.length > 0) outcomes.push(...attachLogFiles(logFiles, pending, core, addDigest));
  for (const { outcome, records } of pending) {
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
    outcome.groups = groups;
  }
  const setSha256: Record<string, string> = {};
  for (const [set, digests] of digestsBySet) setSha256[set] = core.contentId(digests);
  post({ id: request.id, type: 'done', outcomes, setSha256 }, transfer);
}

/**
 * Attaches the request's fio log files to the records of their sets (core/tails/attach.ts) and
 * gives each log its own outcome: no records, no rows (read 0), a note saying which record it
 * joined or why it joined none — a log is never dropped silently, never a rejected row.
 */
function attachLogFiles(
  logs: readonly FileInput[],
  pending: readonly { outcome: FileOutcome & { ok: true }; records: ResultRecord[] }[],
  core: IngestCore,
  addDigest: (set: string, sha256: string) => void,
): FileOutcome[] {
  const setOf = (f: FileInput) => f.set ?? defaultSetName(f.name);
  const notes = new Map<string, string>();
  const bySet = new Map<string, FileInput[]>();
  for (const f of logs) {
    const list = bySet.get(setOf(f));
    if (list) list.push(f);
    else bySet.set(setOf(f), [f]);
  }
  for (const [set, files] of bySet) {
    const records: ResultRecord[] = [];
    for (const p of pending) if (p.outcome.set === set) for (const r of p.records) records.push(r);
    const decoder = new TextDecoder();
    const rep = core.attachLogs!(
      records,
      files.map((f) => ({ path: f.name, text: decoder.decode(f.bytes) })),
    );
    for (const a of rep.attached)
      notes.set(a.path, `fio log, ${a.points} points, attached to ${a.origin}`);
    for (const u of rep.unmatched) notes.set(u.path, `fio log not attached: ${u.reason}`);
  }
  return logs.map((f) => {
    const sha256 = core.sha256Hex(new Uint8Array(f.bytes));
    addDigest(setOf(f), sha256);
    return {
      file: f.name,
      ok: true,
      set: setOf(f),
      groups: [],
      report: {
        file: f.name,
        format: 'fio-log',
        read: 0,
        accepted: 0,
        rejected: [],
        flagged: 0,
        notes: [notes.get(f.name) ?? 'fio log not attached'],
      },
      ms: 0,
      sha256,
    };
  });
}
