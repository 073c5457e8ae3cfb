/**
 * The implementation of remote.ts's Remote: fetch, timeouts, every answer checked. Its own chunk,
 * loaded on the first call (remote.ts), so the first paint does not carry it.
 */
import type { Result } from '../core/model/result';
import { fail, ok } from '../core/model/result';
import { SERVER_SET_ID } from '../core/url-state/url-state.types';
import type { Remote, RemoteError, RemoteOptions, ServerSet } from './remote';
import { CELLS_TIMEOUT_MS } from './remote';

type RemoteResult<T> = Result<T, RemoteError>;
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

export function createRemoteClient(options: RemoteOptions = {}): Remote {
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
        const { parseCellsWire } = await import('./server-engine');
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
