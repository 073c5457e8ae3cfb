/**
 * The team server's HTTP API (../shared/spec/result-set.md, "The team server's HTTP API") on
 * node:http: five routes do not need a framework, and every header and limit stays visible here.
 *
 *   GET    /api/sets[?trash=1]             the live sets (or the trash)
 *   POST   /api/sets?name=NAME[&file=F]    one result file in any input format, or several as
 *                                           multipart/form-data (upload.ts) → 201
 *   GET    /api/sets/ID                    one set's description
 *   GET    /api/sets/ID/records?format=csv|json
 *   DELETE /api/sets/ID                    to the trash
 *   POST   /api/sets/ID/restore            back from the trash
 *
 * Uploads go through the same core ingest as the CLI and the browser; a body that is not a result
 * set stores nothing (400). Writes need the token whenever the server has one (401), and a write
 * from a page of another origin is refused (403): no CORS headers are ever sent. Ids are checked
 * against SET_ID and only ever reach the store as bound parameters; nothing of a request is used
 * as a path.
 */
import { appendFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { recordsToCsv } from '../core/ingest/ingest';
import { matchToken } from './auth';
import type { WriteToken } from './auth';
import type { AuditEntry, ResultStore, StoredSet } from './store/result-store';
import { SET_ID } from './store/result-store';
import { compareRoutes } from './compare.route';
import { jsonArrayPieces, streamAnswer } from './gzip';
import type { UploadFile } from './upload';
import { ingestUpload, isFormData, readFormDataFiles } from './upload';

/** Default upload limit: a nightly matrix file is a few MB; 1M canonical records are ~200 MB. */
export const DEFAULT_MAX_UPLOAD = 256 * 1024 * 1024;

export interface ApiOptions {
  /** The store, opened on first use (a server that only shows the dashboard never opens it). */
  store: () => Promise<ResultStore>;
  /**
   * null: writes are open (loopback without a token). A bare string is one token labelled
   * `token`; labelled tokens name the writer in the audit log.
   */
  token: string | readonly WriteToken[] | null;
  /** Largest accepted upload body in bytes (413 above). */
  maxUpload?: number;
  /** JSON-lines audit log file of writes (appended, never rewritten); none when absent. */
  auditFile?: string;
  /** Error log (default: stderr). */
  log?: (line: string) => void;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
} as const;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
  });
  res.end(JSON.stringify(body));
}

/** The public form of a set (GET /api/sets). */
const publicSet = (s: StoredSet) => ({
  id: s.id,
  name: s.name,
  records: s.records,
  accepted: s.accepted,
  rejected: s.rejected,
  flagged: s.flagged,
  created: s.created,
  sha256: s.sha256,
  files: s.files,
  notes: s.notes,
  ...(s.deleted !== null ? { deleted: s.deleted } : {}),
});

/** Bytes beyond the limit read and thrown away so that the client can read the 413. */
const DISCARD_BYTES = 64 * 1024 * 1024;

/**
 * Reads the body up to `max` bytes. Over the limit: the rest is read and discarded (so the client
 * sees the 413 rather than a reset connection) up to DISCARD_BYTES more, then the connection is
 * cut.
 */
function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  return new Promise((done, failed) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = Number.isFinite(declared) && declared > max;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) over = true;
      if (over) {
        chunks.length = 0;
        if (size > max + DISCARD_BYTES) req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () =>
      over
        ? failed(new HttpError(413, `upload larger than ${max} bytes`))
        : done(Buffer.concat(chunks)),
    );
    req.on('error', failed);
  });
}

/** A set name from the query: trimmed, 1–200 characters, no control characters. */
function setNameOf(raw: string | null): string {
  const name = (raw ?? 'upload').trim();
  // eslint-disable-next-line no-control-regex
  if (name.length === 0 || name.length > 200 || /[\u0000-\u001f\u007f]/.test(name))
    throw new HttpError(400, 'name: 1 to 200 characters, no control characters');
  return name;
}

/**
 * The uploaded file's name (for origins, format detection and the facts a result file's name
 * carries, as in the CLI): its last path segment only. It never touches the filesystem.
 */
function fileNameOf(raw: string | null, setName: string): string {
  const base = (raw ?? '').split(/[\\/]/).pop()?.trim() ?? '';
  // eslint-disable-next-line no-control-regex
  if (base === '' || base === '.' || base === '..' || /[\u0000-\u001f\u007f]/.test(base))
    return setName;
  return base.slice(0, 200);
}

/**
 * The API's request handler. Returns false for a path outside /api/ (the caller serves it).
 */
export function createApiHandler(
  opts: ApiOptions,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const max = opts.maxUpload ?? DEFAULT_MAX_UPLOAD;
  const log = opts.log ?? ((line: string) => void process.stderr.write(line + '\n'));

  const tokens: readonly WriteToken[] | null =
    typeof opts.token === 'string' ? [{ label: 'token', token: opts.token }] : opts.token;
  const peer = (req: IncomingMessage): string => req.socket.remoteAddress ?? '?';
  /** Who wrote: the matching token's label (authorize has already refused any other). */
  const who = (req: IncomingMessage): string =>
    `${tokens === null ? 'open' : (matchToken(req.headers.authorization, tokens)?.label ?? '?')}@${peer(req)}`;

  const audit = (entry: AuditEntry): void => {
    if (opts.auditFile)
      appendFileSync(opts.auditFile, JSON.stringify(entry) + '\n', { mode: 0o600 });
  };

  /** Writes: same origin only (when a browser says where it comes from), and the token. */
  const authorize = (req: IncomingMessage): void => {
    const origin = req.headers.origin;
    if (origin !== undefined) {
      let host: string | null = null;
      try {
        host = new URL(origin).host;
      } catch {
        host = null;
      }
      if (host !== req.headers.host) throw new HttpError(403, 'writes from another origin');
    }
    if (tokens !== null && matchToken(req.headers.authorization, tokens) === null)
      throw new HttpError(401, 'missing or wrong token');
  };

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const parts = url.pathname.split('/').slice(3); // '', 'api', 'sets', …
    if (url.pathname.split('/')[2] !== 'sets') throw new HttpError(404, 'not found');
    const method = req.method ?? 'GET';
    if (parts.length === 0 || (parts.length === 1 && parts[0] === '')) {
      if (method === 'GET') {
        const store = await opts.store();
        const sets = await store.listSets({ trash: url.searchParams.get('trash') === '1' });
        return sendJson(res, 200, sets.map(publicSet));
      }
      if (method === 'POST') return upload(req, res, url);
      throw new HttpError(405, 'GET or POST');
    }
    const id = parts[0] ?? '';
    if (!SET_ID.test(id) || parts.length > 2) throw new HttpError(404, 'no such set');
    const store = await opts.store();
    if (parts.length === 1) {
      if (method === 'GET') {
        const set = await store.getSet(id);
        if (!set) throw new HttpError(404, 'no such set');
        return sendJson(res, 200, publicSet(set));
      }
      if (method === 'DELETE') {
        authorize(req);
        if (!(await store.trashSet(id, who(req))))
          throw new HttpError(404, 'no such set (or in the trash already)');
        audit({
          at: new Date().toISOString(),
          who: who(req),
          action: 'delete',
          setId: id,
          detail: '',
        });
        return sendJson(res, 200, { id, trashed: true });
      }
      throw new HttpError(405, 'GET or DELETE');
    }
    if (parts[1] === 'restore') {
      if (method !== 'POST') throw new HttpError(405, 'POST');
      authorize(req);
      if (!(await store.restoreSet(id, who(req))))
        throw new HttpError(404, 'no such set in the trash');
      audit({
        at: new Date().toISOString(),
        who: who(req),
        action: 'restore',
        setId: id,
        detail: '',
      });
      return sendJson(res, 200, { id, restored: true });
    }
    if (parts[1] === 'records') {
      if (method !== 'GET') throw new HttpError(405, 'GET');
      const format = url.searchParams.get('format') ?? 'json';
      if (format !== 'json' && format !== 'csv') throw new HttpError(400, 'format: csv or json');
      const type = format === 'json' ? 'application/json' : 'text/csv';
      const headers = { ...SECURITY_HEADERS, 'Content-Type': `${type}; charset=utf-8` };
      // 1M records are ~200 MB of CSV: written as read, and zipped for a browser that takes it.
      const pieces = format === 'csv' && store.recordsCsv ? await store.recordsCsv(id) : undefined;
      if (pieces === null) throw new HttpError(404, 'no such set');
      if (pieces) return streamAnswer(req, res, headers, pieces);
      const records = await store.getRecords(id);
      if (!records) throw new HttpError(404, 'no such set');
      return streamAnswer(
        req,
        res,
        headers,
        format === 'json'
          ? jsonArrayPieces(records.length, 10_000, (from, to) => records.slice(from, to))
          : [recordsToCsv(records)],
      );
    }
    throw new HttpError(404, 'not found');
  }

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    authorize(req);
    const name = setNameOf(url.searchParams.get('name'));
    const contentType = req.headers['content-type'] ?? '';
    const formData = isFormData(contentType);
    if (!formData && contentType.startsWith('multipart/'))
      throw new HttpError(415, 'multipart/form-data only');
    const body = await readBody(req, max);
    let files: UploadFile[] = [
      { name: fileNameOf(url.searchParams.get('file'), name), bytes: body },
    ];
    if (formData) {
      const parts = await readFormDataFiles(body, contentType);
      if (!parts.ok) throw new HttpError(400, parts.reason);
      files = parts.value.map((f) => ({ name: fileNameOf(f.name, name), bytes: f.bytes }));
    }
    const ingested = ingestUpload(files, name);
    if (!ingested.ok) throw new HttpError(400, ingested.reason);
    const { records, ...report } = ingested.value;
    const store = await opts.store();
    const set = await store.putSet(
      {
        name,
        records: records.length,
        accepted: report.accepted,
        rejected: report.rejected.length,
        flagged: report.flagged,
        sha256: report.sha256,
        files: report.files,
        notes: report.notes,
      },
      records,
      who(req),
    );
    audit({
      at: set.created,
      who: who(req),
      action: 'put',
      setId: set.id,
      detail: `${set.name}: ${set.records} records`,
    });
    sendJson(res, 201, {
      id: set.id,
      name: set.name,
      records: set.records,
      accepted: set.accepted,
      rejected: set.rejected,
      flagged: set.flagged,
      notes: set.notes,
      sha256: set.sha256,
      rejections: report.rejected.slice(0, 100),
    });
  }

  const handleCompare = compareRoutes(opts.store, log);
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://server.invalid');
    if (url.pathname !== '/api' && !url.pathname.startsWith('/api/')) return false;
    if (handleCompare(req, res, url)) return true; // compare.route.ts
    route(req, res, url).catch((e: unknown) => {
      if (e instanceof HttpError) {
        if (e.status === 413) res.setHeader('Connection', 'close');
        sendJson(res, e.status, { error: e.message });
        return;
      }
      log(
        `aio-dash serve: ${req.method} ${url.pathname}: ${e instanceof Error ? e.stack : String(e)}`,
      );
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error (see the server log)' });
      else res.destroy();
    });
    return true;
  };
}
