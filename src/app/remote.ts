/**
 * The browser's one door to the team server's API (docs/result-set.md, "The team server's HTTP
 * API"): list sets, read a set's records, send a set. Every call answers with a Result whose
 * error says what happened (token refused, too large, not a result set, gone, timed out,
 * unreachable) and never throws, so the UI can say it in words. Nothing else in the app calls
 * /api/.
 *
 * The page may be served without a store (vite dev answers /api/ with index.html; static hosting
 * answers 404): `detectServer` then says "no server" and the app shows nothing of the team
 * features, without an error.
 */
import type { CellAggregates } from '../core/compare/aggregates.types';
import { parseCellsWire } from '../core/compare/aggregates.wire';
import type { Result } from '../core/model/result';
import { fail, ok } from '../core/model/result';
import { SERVER_SET_ID } from '../core/url-state/url-state.types';

/** A set as `GET /api/sets` lists it. */
export interface ServerSet {
  id: string;
  name: string;
  records: number;
  flagged: number;
  /** ISO 8601. */
  created: string;
  sha256: string;
  files: string[];
  /** ISO 8601 when moved to the trash (listed with trash=1 only). */
  deleted?: string;
}

/** The answer to a stored upload (201). */
export interface PostedSet {
  id: string;
  name: string;
  records: number;
  accepted: number;
  rejected: number;
  flagged: number;
  /** Absent from servers older than this field. */
  sha256?: string;
}

/** Why a call failed, as the UI tells the user. */
export type RemoteError =
  | { kind: 'token'; message: string } // 401: missing or wrong write token
  | { kind: 'forbidden'; message: string } // 403: e.g. a write from another origin
  | { kind: 'too-large'; message: string } // 413: over the server's upload limit
  | { kind: 'rejected'; message: string } // 400: not a result set, bad name, …
  | { kind: 'not-found'; message: string } // 404
  | { kind: 'timeout'; seconds: number }
  | { kind: 'network'; message: string } // no answer at all
  | { kind: 'bad-answer'; message: string } // an answer that is not the API's (no store here)
  | { kind: 'server'; status: number; message: string };

export type RemoteResult<T> = Result<T, RemoteError>;

/** The detail of a failure, as the UI puts it after its own words ("30 s", "401: wrong token"). */
export const remoteErrorText = (e: RemoteError): string =>
  e.kind === 'timeout' ? `${e.seconds} s` : 'status' in e ? `${e.status}: ${e.message}` : e.message;

/** One file of an upload. */
export interface UploadPart {
  name: string;
  body: Blob | string;
}

export interface Remote {
  /** Whether this page's server has a store: `GET /api/sets` answers with a JSON list. */
  detectServer(): Promise<boolean>;
  listSets(opts?: { trash?: boolean }): Promise<RemoteResult<ServerSet[]>>;
  /** A set's canonical records as CSV bytes (read by the ingest worker like any file). */
  getRecordsCsv(id: string): Promise<RemoteResult<ArrayBuffer>>;
  /** A set's canonical records as JSON values (unchecked: the caller validates them). */
  getRecordsJson(id: string): Promise<RemoteResult<unknown[]>>;
  /**
   * The aggregates of a comparison of server sets (`GET /api/cells`), checked field by field:
   * what the dashboard compares a set kept on the server from. May take minutes on tens of
   * millions of records: its own, longer timeout (CELLS_TIMEOUT_MS).
   */
  getCells(query: CellsQuery): Promise<RemoteResult<CellAggregates>>;
  /**
   * Sends a set: one part as the body, several as multipart/form-data. `token`, when given, is
   * sent as `Authorization: Bearer`.
   */
  postSet(
    name: string,
    parts: readonly UploadPart[],
    token?: string,
  ): Promise<RemoteResult<PostedSet>>;
}

/** What `GET /api/cells` is asked (the API's parameters). */
export interface CellsQuery {
  sets: readonly string[];
  axis: string;
  baseline: string;
  candidate: string;
  poolSets: boolean;
  excludeFlagged: boolean;
}

/** 10M records of 68k cells took 65 s in DuckDB on a 2-core machine (docs/server.md). */
export const CELLS_TIMEOUT_MS = 10 * 60_000;

export interface RemoteOptions {
  /** The app's base URL (default Vite's BASE_URL, "/"). */
  base?: string;
  fetch?: typeof fetch;
  /** Reads time out after this (default 30 s); uploads after 10× this. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A listed set, checked field by field (a server of another version may add fields). */
export function parseServerSet(v: unknown): ServerSet | null {
  if (!isRecord(v)) return null;
  const { id, name, records, flagged, created, sha256, files, deleted } = v;
  if (typeof id !== 'string' || !SERVER_SET_ID.test(id)) return null;
  if (typeof name !== 'string' || name === '') return null;
  if (typeof records !== 'number' || !Number.isSafeInteger(records) || records < 0) return null;
  return {
    id,
    name,
    records,
    flagged: typeof flagged === 'number' ? flagged : 0,
    created: typeof created === 'string' ? created : '',
    sha256: typeof sha256 === 'string' ? sha256.toLowerCase() : '',
    files: Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string') : [],
    ...(typeof deleted === 'string' ? { deleted } : {}),
  };
}

/** The error a non-2xx answer stands for; its JSON `error` text when it has one. */
async function errorOf(res: Response): Promise<RemoteError> {
  let message = `HTTP ${res.status}`;
  try {
    const text = await res.text();
    const body: unknown = JSON.parse(text);
    if (isRecord(body) && typeof body.error === 'string') message = body.error;
  } catch {
    // Not the API's JSON: the status says enough.
  }
  switch (res.status) {
    case 400:
      return { kind: 'rejected', message };
    case 401:
      return { kind: 'token', message };
    case 403:
      return { kind: 'forbidden', message };
    case 404:
      return { kind: 'not-found', message };
    case 413:
      return { kind: 'too-large', message };
    default:
      return { kind: 'server', status: res.status, message };
  }
}

export function createRemote(options: RemoteOptions = {}): Remote {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const rawBase = options.base ?? import.meta.env?.BASE_URL ?? '/';
  const base = rawBase.endsWith('/') ? rawBase : `${rawBase}/`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  /** One call with a timeout; every failure becomes a RemoteError. */
  async function call<T>(
    path: string,
    init: RequestInit,
    limitMs: number,
    read: (res: Response) => Promise<RemoteResult<T>>,
  ): Promise<RemoteResult<T>> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, limitMs);
    try {
      const res = await doFetch(`${base}${path}`, { ...init, signal: controller.signal });
      if (!res.ok) return fail(await errorOf(res));
      return await read(res);
    } catch (e) {
      if (timedOut) return fail({ kind: 'timeout', seconds: Math.round(limitMs / 1000) });
      return fail({ kind: 'network', message: e instanceof Error ? e.message : String(e) });
    } finally {
      clearTimeout(timer);
    }
  }

  const json = async (res: Response): Promise<RemoteResult<unknown>> => {
    if (!(res.headers.get('content-type') ?? '').includes('application/json'))
      return fail({ kind: 'bad-answer', message: 'not a JSON answer' });
    try {
      return ok((await res.json()) as unknown);
    } catch {
      return fail({ kind: 'bad-answer', message: 'malformed JSON' });
    }
  };

  const listSets: Remote['listSets'] = (opts = {}) =>
    call(`api/sets${opts.trash ? '?trash=1' : ''}`, {}, timeoutMs, async (res) => {
      const body = await json(res);
      if (!body.ok) return body;
      if (!Array.isArray(body.value)) return fail({ kind: 'bad-answer', message: 'not a list' });
      const sets: ServerSet[] = [];
      for (const v of body.value) {
        const s = parseServerSet(v);
        if (s) sets.push(s);
      }
      return ok(sets);
    });

  const checkId = (id: string): RemoteError | null =>
    SERVER_SET_ID.test(id) ? null : { kind: 'not-found', message: 'not a set id' };

  return {
    async detectServer() {
      return (await listSets()).ok;
    },
    listSets,
    getRecordsCsv(id) {
      const bad = checkId(id);
      if (bad) return Promise.resolve(fail(bad));
      return call(`api/sets/${id}/records?format=csv`, {}, timeoutMs * 4, async (res) =>
        ok(await res.arrayBuffer()),
      );
    },
    getRecordsJson(id) {
      const bad = checkId(id);
      if (bad) return Promise.resolve(fail(bad));
      return call(`api/sets/${id}/records?format=json`, {}, timeoutMs * 4, async (res) => {
        const body = await json(res);
        if (!body.ok) return body;
        return Array.isArray(body.value)
          ? ok(body.value as unknown[])
          : fail({ kind: 'bad-answer', message: 'not a list' });
      });
    },
    getCells(q) {
      const bad = q.sets.map(checkId).find((e) => e !== null);
      if (bad) return Promise.resolve(fail(bad));
      const params = new URLSearchParams();
      for (const id of q.sets) params.append('set', id);
      params.set('axis', q.axis);
      params.set('base', q.baseline);
      params.set('cand', q.candidate);
      if (q.poolSets) params.set('pool', '1');
      if (!q.excludeFlagged) params.set('include-flagged', '1');
      return call(`api/cells?${params.toString()}`, {}, CELLS_TIMEOUT_MS, async (res) => {
        const body = await json(res);
        if (!body.ok) return body;
        const agg = parseCellsWire(body.value);
        return agg.ok ? agg : fail({ kind: 'bad-answer', message: agg.reason });
      });
    },
    postSet(name, parts, token) {
      if (parts.length === 0)
        return Promise.resolve(fail({ kind: 'rejected', message: 'no file to send' }));
      const query = new URLSearchParams({ name });
      let body: Blob | string | FormData;
      if (parts.length === 1) {
        query.set('file', parts[0]!.name);
        body = parts[0]!.body;
      } else {
        const form = new FormData();
        for (const p of parts)
          form.append('file', typeof p.body === 'string' ? new Blob([p.body]) : p.body, p.name);
        body = form;
      }
      const headers: Record<string, string> = {};
      if (token) headers.Authorization = `Bearer ${token}`;
      if (parts.length === 1) headers['Content-Type'] = 'application/octet-stream';
      return call(
        `api/sets?${query.toString()}`,
        { method: 'POST', headers, body },
        timeoutMs * 10,
        async (res) => {
          const answer = await json(res);
          if (!answer.ok) return answer;
          const v = answer.value;
          if (!isRecord(v) || typeof v.id !== 'string' || !SERVER_SET_ID.test(v.id))
            return fail({ kind: 'bad-answer', message: 'no set id in the answer' });
          const num = (x: unknown) => (typeof x === 'number' ? x : 0);
          return ok({
            id: v.id,
            name: typeof v.name === 'string' ? v.name : name,
            records: num(v.records),
            accepted: num(v.accepted),
            rejected: num(v.rejected),
            flagged: num(v.flagged),
            ...(typeof v.sha256 === 'string' ? { sha256: v.sha256.toLowerCase() } : {}),
          });
        },
      );
    },
  };
}
