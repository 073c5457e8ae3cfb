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
import type { Result } from '../core/model/result';
import { fail } from '../core/model/result';

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

/**
 * The Remote of this page: each call loads the implementation (remote.client.ts, its own chunk)
 * on first use, so a page without a team server never downloads it.
 */
export function createRemote(options: RemoteOptions = {}): Remote {
  let client: Promise<Remote> | null = null;
  const impl = () =>
    (client ??= import('./remote.client').then((m) => m.createRemoteClient(options)));
  // A chunk that fails to load is said like any unreachable server: a call never throws.
  const call = <T>(f: (r: Remote) => Promise<RemoteResult<T>>): Promise<RemoteResult<T>> =>
    impl().then(f, (e: unknown) => {
      client = null;
      return fail({ kind: 'network', message: e instanceof Error ? e.message : String(e) });
    });
  return {
    detectServer: () =>
      impl().then(
        (r) => r.detectServer(),
        () => false,
      ),
    listSets: (opts) => call((r) => r.listSets(opts)),
    getRecordsCsv: (id) => call((r) => r.getRecordsCsv(id)),
    getRecordsJson: (id) => call((r) => r.getRecordsJson(id)),
    getCells: (q) => call((r) => r.getCells(q)),
    postSet: (name, parts, token) => call((r) => r.postSet(name, parts, token)),
  };
}
