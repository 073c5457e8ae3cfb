/**
 * Persistence of user-loaded result sets in IndexedDB (database `aio-dash`), so they come back
 * after a reload.
 *
 *   const store = createSetStore();
 *   await store.save(set);                     // Result<void>; replaces a set of the same name
 *   await store.save(merged, ['a', 'b']);      // …and removes sets a and b in the same transaction
 *   const r = await store.loadAll();           // Result<{ sets, dropped }>, oldest first
 *   await store.remove(name);                  // Result<void>
 *
 * Schema (DB_VERSION 1):
 *   store `sets`  key = set name → { v: 1, name, description, source, loadedAt, reports,
 *                                    recordCount, parts, sha256?, files?, fileSha256?, mapping? }
 *     (the last four were added later, so they are optional in what is read back: a set saved
 *     before them reads as sha256 '' (identity unknown) and the report files as its files)
 *   store `parts` key = [name, i] → the columnar encoding (src/worker/record-codec.ts) of records
 *                                    [i*PART_ROWS, (i+1)*PART_ROWS)
 * Why parts: IndexedDB serializes a value synchronously on put() and deserializes it in one task
 * on get(); one 100k-record value was a 100–150 ms task. Parts of 10k records are read and
 * written by chained requests, one task each, and records are encoded/decoded in 2k chunks.
 * Saving a set is one transaction (its old parts are deleted with it): never half a set.
 *
 * Whatever comes back is validated (another version of the app, a browser bug or a user tool may
 * have written it); an invalid set is listed in `dropped` with the reason and left in place (an
 * older tab must not delete what a newer one wrote). Errors are Results, never throws.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { fail, ok, type Result } from '../core/model/result';
import type { IngestReport, RejectedRow, ResultRecord } from '../core/model/record.types';
import {
  PART_ROWS,
  decodeRecordsChunked,
  encodePartsChunked,
  encodedParts,
  validateColumnar,
  type ColumnarRecords,
} from '../worker/record-codec';
import type { LoadedSet } from '../worker/loaded-set.types';
import type { ColumnChoice, ColumnInference, ColumnMap } from '../core/ingest/column-map';

export const DB_NAME = 'aio-dash';
export const STORE = 'sets';
export const PARTS_STORE = 'parts';
/** IndexedDB schema version (object stores). */
const DB_VERSION = 1;
/** Version of the stored value's shape. */
export const STORED_VERSION = 1;
/** Records per stored part (the worker sends parts of the same size: they are stored as is). */
export { PART_ROWS };

interface StoredSetV1 {
  v: 1;
  name: string;
  description: string;
  source: string;
  loadedAt: string;
  reports: IngestReport[];
  recordCount: number;
  parts: number;
  sha256?: string;
  files?: string[];
  fileSha256?: string[];
  mapping?: ColumnMap;
}

type PartKey = [string, number];

interface AioDashDB extends DBSchema {
  // Values are typed `unknown` on purpose: what is read back must be validated first.
  sets: { key: string; value: unknown };
  parts: { key: PartKey; value: unknown };
}

// ---- the stored envelope, checked by hand ----
// What a zod/mini schema checked before (its 5.9 kB gzip were a third of the persistence chunk,
// and the dashboard is held to 300 kB of JavaScript in total): the same rejections, the first
// problem reported as `path: what was expected`, unknown keys dropped from the result.

type Read<T> = (x: unknown, path: string) => Result<T>;

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const expected = (path: string, what: string) => fail(`${path || 'value'}: expected ${what}`);
const str: Read<string> = (x, path) => (typeof x === 'string' ? ok(x) : expected(path, 'a string'));
const num: Read<number> = (x, path) =>
  typeof x === 'number' && Number.isFinite(x) ? ok(x) : expected(path, 'a finite number');
const count: Read<number> = (x, path) =>
  Number.isSafeInteger(x) && (x as number) >= 0
    ? ok(x as number)
    : expected(path, 'a whole number ≥ 0');

function list<T>(item: Read<T>): Read<T[]> {
  return (x, path) => {
    if (!Array.isArray(x)) return expected(path, 'an array');
    const out: T[] = [];
    for (const [i, v] of x.entries()) {
      const r = item(v, `${path}.${i}`);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return ok(out);
  };
}

/** An object with these fields, checked in order (the first problem reported); other keys are dropped. */
function object<T>(fields: { [K in keyof T]: Read<T[K]> }): Read<T> {
  return (x, path) => {
    if (!isObject(x)) return expected(path, 'an object');
    const out: Partial<T> = {};
    for (const key of Object.keys(fields) as (keyof T & string)[]) {
      const r = fields[key](x[key], path ? `${path}.${key}` : key);
      if (!r.ok) return r;
      // An absent optional field stays absent (not a key holding undefined).
      if (r.value !== undefined) out[key] = r.value;
    }
    return ok(out as T);
  };
}

/** An optional field: absent (undefined) is fine, anything present must read. */
function optional<T>(item: Read<T>): Read<T | undefined> {
  return (x, path) => (x === undefined ? ok(undefined) : item(x, path));
}

const SHA256 = /^[0-9a-f]{64}$/;
const digest: Read<string> = (x, path) =>
  typeof x === 'string' && SHA256.test(x) ? ok(x) : expected(path, 'a SHA-256 in hex');

const columnChoice: Read<ColumnChoice> = (x, path) => {
  if (!isObject(x)) return expected(path, 'an object');
  if (x.kind === 'ignore') return ok({ kind: 'ignore' });
  if (x.kind === 'extra' && typeof x.name === 'string') return ok({ kind: 'extra', name: x.name });
  if (x.kind === 'field' && typeof x.field === 'string' && x.field !== '')
    return ok({ kind: 'field', field: x.field } as ColumnChoice);
  return expected(path, 'a column choice (field, extra or ignore)');
};

const columnMap: Read<ColumnMap> = (x, path) => {
  if (!isObject(x)) return expected(path, 'an object');
  const out: Record<string, ColumnChoice> = {};
  for (const [header, choice] of Object.entries(x)) {
    const r = columnChoice(choice, `${path}.${header}`);
    if (!r.ok) return r;
    out[header] = r.value;
  }
  return ok(out);
};

const HOW: readonly string[] = ['exact', 'synonym', 'values', 'explicit', 'unknown'];
const columnInference: Read<ColumnInference> = object<ColumnInference>({
  column: count,
  header: str,
  choice: columnChoice,
  how: (x, path) =>
    typeof x === 'string' && HOW.includes(x)
      ? ok(x as ColumnInference['how'])
      : expected(path, HOW.join(' | ')),
  values: list(str),
});

const readEnvelope: Read<StoredSetV1> = object<StoredSetV1>({
  v: (x, path) =>
    x === STORED_VERSION ? ok(STORED_VERSION) : expected(path, String(STORED_VERSION)),
  name: (x, path) =>
    typeof x === 'string' && x.length > 0 ? ok(x) : expected(path, 'a non-empty string'),
  description: str,
  source: str,
  loadedAt: str,
  reports: list(
    object<IngestReport>({
      file: str,
      format: str,
      read: count,
      accepted: count,
      rejected: list(object<RejectedRow>({ file: str, line: num, reason: str })),
      flagged: count,
      notes: list(str),
      columns: optional(list(columnInference)),
    }),
  ),
  recordCount: count,
  parts: count,
  sha256: optional(digest),
  files: optional(list(str)),
  fileSha256: optional(list(digest)),
  mapping: optional(columnMap),
});

export interface DroppedEntry {
  key: string;
  reason: string;
}

export interface SetStore {
  /**
   * Saves `set` (replacing a set of the same name) and removes the sets named in `replacing`, in
   * one transaction: a rename or a merge is stored whole or not at all.
   */
  save(set: LoadedSet, replacing?: readonly string[]): Promise<Result<void>>;
  loadAll(): Promise<Result<{ sets: LoadedSet[]; dropped: DroppedEntry[] }>>;
  remove(name: string): Promise<Result<void>>;
  /** Closes the connection (it reopens on next use). */
  close(): void;
}

const message = (e: unknown): string =>
  e instanceof Error ? `${e.name}: ${e.message}` : String(e);

/** Checks one stored set (its metadata and its parts, in order); the set, or why not. */
export async function readStoredSet(
  value: unknown,
  parts: readonly unknown[],
): Promise<Result<LoadedSet>> {
  if (typeof value === 'object' && value !== null && 'v' in value && value.v !== STORED_VERSION)
    return fail(
      `stored with format version ${String(value.v)}, this app reads version ${STORED_VERSION}`,
    );
  const envelope = readEnvelope(value, '');
  if (!envelope.ok) return fail(`not a stored result set (${envelope.reason})`);
  const e = envelope.value;
  if (Number.isNaN(Date.parse(e.loadedAt))) return fail('loadedAt is not a date');
  const badReport = e.reports.find((r) => r.read !== r.accepted + r.rejected.length);
  if (badReport) return fail(`report of ${badReport.file}: read ≠ accepted + rejected`);
  if (parts.length !== e.parts)
    return fail(`${e.parts} record parts expected, ${parts.length} found`);
  const files = e.files ?? e.reports.map((r) => r.file);
  const fileSha256 = e.fileSha256 ?? [];
  if (e.fileSha256 && fileSha256.length !== files.length)
    return fail(`${files.length} file digests expected, ${fileSha256.length} found`);
  const records: ResultRecord[] = [];
  const valid: ColumnarRecords[] = [];
  for (const [i, part] of parts.entries()) {
    const columns = validateColumnar(part);
    if (!columns.ok) return fail(`records (part ${i + 1}): ${columns.reason}`);
    valid.push(columns.value);
    for (const r of await decodeRecordsChunked(columns.value)) records.push(r);
  }
  if (records.length !== e.recordCount)
    return fail(`${e.recordCount} records expected, ${records.length} found`);
  encodedParts.set(records, valid);
  return ok({
    name: e.name,
    description: e.description,
    source: e.source,
    loadedAt: e.loadedAt,
    reports: e.reports,
    records,
    sha256: e.sha256 ?? '',
    files,
    fileSha256,
    ...(e.mapping ? { mapping: e.mapping } : {}),
  });
}

const partRange = (name: string) => IDBKeyRange.bound([name, 0], [name, Number.MAX_SAFE_INTEGER]);

/** Opens (lazily) the `aio-dash` database. `dbName` exists for tests. */
export function createSetStore(options: { dbName?: string } = {}): SetStore {
  const dbName = options.dbName ?? DB_NAME;
  let dbPromise: Promise<IDBPDatabase<AioDashDB>> | null = null;

  const db = (): Promise<IDBPDatabase<AioDashDB>> => {
    if (typeof indexedDB === 'undefined')
      return Promise.reject(new Error('IndexedDB is not available in this browser'));
    dbPromise ??= openDB<AioDashDB>(dbName, DB_VERSION, {
      upgrade(database, oldVersion) {
        // Versioned migrations: each step brings the schema from its version to the next.
        if (oldVersion < 1) {
          database.createObjectStore(STORE);
          database.createObjectStore(PARTS_STORE);
        }
      },
      blocking() {
        // Another tab wants a newer schema: let it upgrade; we reopen on next use.
        void dbPromise?.then((d) => d.close());
        dbPromise = null;
      },
      terminated() {
        dbPromise = null;
      },
    }).catch((e: unknown) => {
      dbPromise = null;
      throw e;
    });
    return dbPromise;
  };

  return {
    async save(set, replacing = []) {
      try {
        if (!set.name) return fail('cannot save a set without a name');
        // Encode first (chunked, yielding): a transaction cannot stay open across yields.
        // A set fresh from the worker already has its parts: no encoding on the main thread.
        const known = encodedParts.get(set.records);
        const parts: readonly ColumnarRecords[] =
          known &&
          known.reduce((n, p) => n + p.length, 0) === set.records.length &&
          known.every((p) => p.length <= PART_ROWS)
            ? known
            : await encodePartsChunked(set.records);
        const meta: StoredSetV1 = {
          v: STORED_VERSION,
          name: set.name,
          description: set.description,
          source: set.source,
          loadedAt: set.loadedAt,
          reports: set.reports,
          recordCount: set.records.length,
          parts: parts.length,
          ...(set.sha256 ? { sha256: set.sha256 } : {}),
          files: set.files,
          ...(set.fileSha256.length === set.files.length ? { fileSha256: set.fileSha256 } : {}),
          ...(set.mapping ? { mapping: set.mapping } : {}),
        };
        const tx = (await db()).transaction([STORE, PARTS_STORE], 'readwrite');
        tx.done.catch(() => undefined); // awaited below; an abort must not be an unhandled rejection
        const partStore = tx.objectStore(PARTS_STORE);
        try {
          // The sets this one replaces (a rename, a merge) go in the same transaction.
          for (const old of replacing)
            if (old !== set.name) {
              await tx.objectStore(STORE).delete(old);
              await partStore.delete(partRange(old));
            }
          await partStore.delete(partRange(set.name));
          // Chained: each put (and its synchronous serialization) runs in its own task.
          for (const [i, part] of parts.entries()) await partStore.put(part, [set.name, i]);
          await tx.objectStore(STORE).put(meta, set.name);
        } catch (e) {
          tx.abort();
          throw e;
        }
        await tx.done;
        return ok(undefined);
      } catch (e) {
        return fail(`could not save set ${set.name}: ${message(e)}`);
      }
    },
    async loadAll() {
      try {
        const database = await db();
        const tx = database.transaction([STORE, PARTS_STORE], 'readonly');
        tx.done.catch(() => undefined);
        const sets = tx.objectStore(STORE);
        const partStore = tx.objectStore(PARTS_STORE);
        const raw: { key: string; value: unknown; parts: unknown[] }[] = [];
        const [keys, values] = await Promise.all([sets.getAllKeys(), sets.getAll()]);
        for (const [i, value] of values.entries()) {
          const key = keys[i]!;
          const count =
            typeof value === 'object' &&
            value !== null &&
            'parts' in value &&
            typeof value.parts === 'number'
              ? value.parts
              : 0;
          // One get per part, chained: each deserialization is its own task.
          const parts: unknown[] = [];
          for (let p = 0; p < count && p < 1e6; p++) {
            const part: unknown = await partStore.get([key, p]);
            if (part === undefined) break;
            parts.push(part);
          }
          raw.push({ key, value, parts });
        }
        await tx.done;
        const loaded: LoadedSet[] = [];
        const dropped: DroppedEntry[] = [];
        for (const { key, value, parts } of raw) {
          const read = await readStoredSet(value, parts);
          if (!read.ok) dropped.push({ key, reason: read.reason });
          else if (read.value.name !== key)
            dropped.push({ key, reason: `stored under "${key}" but named "${read.value.name}"` });
          else loaded.push(read.value);
        }
        loaded.sort((a, b) => a.loadedAt.localeCompare(b.loadedAt));
        return ok({ sets: loaded, dropped });
      } catch (e) {
        return fail(`could not read saved sets: ${message(e)}`);
      }
    },
    async remove(name) {
      try {
        const tx = (await db()).transaction([STORE, PARTS_STORE], 'readwrite');
        await Promise.all([
          tx.objectStore(STORE).delete(name),
          tx.objectStore(PARTS_STORE).delete(partRange(name)),
          tx.done,
        ]);
        return ok(undefined);
      } catch (e) {
        return fail(`could not remove set ${name}: ${message(e)}`);
      }
    },
    close() {
      void dbPromise?.then((d) => d.close()).catch(() => undefined);
      dbPromise = null;
    },
  };
}
