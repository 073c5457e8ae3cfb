/**
 * Persistence of user-loaded result sets in IndexedDB (database `aio-dash`, store `sets`, key =
 * set name), so they come back after a reload.
 *
 *   const store = createSetStore();
 *   await store.save(set);                     // Result<void>; replaces a set of the same name
 *   const r = await store.loadAll();           // Result<{ sets, dropped }>
 *   await store.remove(name);                  // Result<void>
 *
 * Stored value (STORED_VERSION 1): { v, name, description, source, loadedAt, reports, records }
 * where `records` is the columnar encoding of src/worker/columnar.ts: compact, cheap to clone,
 * and encoded/decoded in 5k-record chunks so a 100k set does not block the page.
 * Whatever comes back is validated (another version of the app, a browser bug or a user tool may
 * have written it); an invalid entry is listed in `dropped` with the reason and left in place
 * (an older tab must not delete what a newer one wrote). Errors are Results, never throws.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import * as z from 'zod/mini';
import { fail, ok, type Result } from '../core/model/result';
import type { IngestReport } from '../core/model/record.types';
import { decodeRecordsChunked, encodeRecordsChunked, validateColumnar, type ColumnarRecords } from '../worker/columnar';
import type { LoadedSet } from '../worker/loaded-set.types';

export const DB_NAME = 'aio-dash';
export const STORE = 'sets';
/** IndexedDB schema version (object stores). */
const DB_VERSION = 1;
/** Version of the stored value's shape. */
export const STORED_VERSION = 1;

interface StoredSetV1 {
  v: 1;
  name: string;
  description: string;
  source: string;
  loadedAt: string;
  reports: IngestReport[];
  records: ColumnarRecords;
}

interface AioDashDB extends DBSchema {
  // Values are typed `unknown` on purpose: what is read back must be validated first.
  sets: { key: string; value: unknown };
}

const count = z.number().check(z.int(), z.nonnegative());
const reportSchema = z.object({
  file: z.string(),
  format: z.string(),
  read: count,
  accepted: count,
  rejected: z.array(z.object({ file: z.string(), line: z.number(), reason: z.string() })),
  flagged: count,
  notes: z.array(z.string()),
});
const envelopeSchema = z.object({
  v: z.literal(1),
  name: z.string().check(z.minLength(1)),
  description: z.string(),
  source: z.string(),
  loadedAt: z.string(),
  reports: z.array(reportSchema),
  records: z.unknown(),
});

export interface DroppedEntry {
  key: string;
  reason: string;
}

export interface SetStore {
  save(set: LoadedSet): Promise<Result<void>>;
  loadAll(): Promise<Result<{ sets: LoadedSet[]; dropped: DroppedEntry[] }>>;
  remove(name: string): Promise<Result<void>>;
  /** Closes the connection (it reopens on next use). */
  close(): void;
}

const message = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/** Checks one stored value; the decoded set, or why it cannot be used. */
export async function readStoredSet(value: unknown): Promise<Result<LoadedSet>> {
  if (typeof value === 'object' && value !== null && 'v' in value && value.v !== STORED_VERSION)
    return fail(`stored with format version ${String(value.v)}, this app reads version ${STORED_VERSION}`);
  const envelope = envelopeSchema.safeParse(value);
  if (!envelope.success) {
    const issue = envelope.error.issues[0];
    return fail(`not a stored result set (${issue ? `${issue.path.join('.') || 'value'}: ${issue.message}` : 'invalid'})`);
  }
  const e = envelope.data;
  if (Number.isNaN(Date.parse(e.loadedAt))) return fail('loadedAt is not a date');
  const badReport = e.reports.find((r) => r.read !== r.accepted + r.rejected.length);
  if (badReport) return fail(`report of ${badReport.file}: read ≠ accepted + rejected`);
  const columns = validateColumnar(e.records);
  if (!columns.ok) return fail(`records: ${columns.reason}`);
  const records = await decodeRecordsChunked(columns.value);
  return ok({ name: e.name, description: e.description, source: e.source, loadedAt: e.loadedAt, reports: e.reports, records });
}

/** Opens (lazily) the `aio-dash` database. `dbName` exists for tests. */
export function createSetStore(options: { dbName?: string } = {}): SetStore {
  const dbName = options.dbName ?? DB_NAME;
  let dbPromise: Promise<IDBPDatabase<AioDashDB>> | null = null;

  const db = (): Promise<IDBPDatabase<AioDashDB>> => {
    if (typeof indexedDB === 'undefined') return Promise.reject(new Error('IndexedDB is not available in this browser'));
    dbPromise ??= openDB<AioDashDB>(dbName, DB_VERSION, {
      upgrade(database, oldVersion) {
        // Versioned migrations: each step brings the schema from its version to the next.
        if (oldVersion < 1) database.createObjectStore(STORE);
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
    async save(set) {
      try {
        if (!set.name) return fail('cannot save a set without a name');
        const stored: StoredSetV1 = {
          v: STORED_VERSION,
          name: set.name,
          description: set.description,
          source: set.source,
          loadedAt: set.loadedAt,
          reports: set.reports,
          records: await encodeRecordsChunked(set.records),
        };
        await (await db()).put(STORE, stored, set.name);
        return ok(undefined);
      } catch (e) {
        return fail(`could not save set ${set.name}: ${message(e)}`);
      }
    },
    async loadAll() {
      try {
        const database = await db();
        const tx = database.transaction(STORE, 'readonly');
        const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll(), tx.done]);
        const sets: LoadedSet[] = [];
        const dropped: DroppedEntry[] = [];
        for (const [i, value] of values.entries()) {
          const key = String(keys[i]);
          const read = await readStoredSet(value);
          if (!read.ok) dropped.push({ key, reason: read.reason });
          else if (read.value.name !== key) dropped.push({ key, reason: `stored under "${key}" but named "${read.value.name}"` });
          else sets.push(read.value);
        }
        sets.sort((a, b) => a.loadedAt.localeCompare(b.loadedAt));
        return ok({ sets, dropped });
      } catch (e) {
        return fail(`could not read saved sets: ${message(e)}`);
      }
    },
    async remove(name) {
      try {
        await (await db()).delete(STORE, name);
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
