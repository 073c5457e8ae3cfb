/**
 * ResultStore in an embedded DuckDB database (@duckdb/node-api): every SQL statement of the
 * DuckDB dialect lives in this file and in duckdb-cells.ts (the comparison's aggregates). Values are always bound as parameters or appended through
 * the appender, never spliced into SQL text, so a set name like `x'; DROP TABLE sets; --` is
 * just a name.
 *
 * Columns have explicit types (DuckDB's CSV sniffer would read "3.33" as a number); numbers of a
 * record are DOUBLE because a record's numbers are JS numbers (doubles): DOUBLE round-trips every
 * one of them exactly, where an INTEGER column would round a fractional iodepth silently. Counts
 * are BIGINT, which the bindings return as BigInt: converted with Number() on the way out.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type {
  DuckDBAppender,
  DuckDBConnection,
  DuckDBInstance,
  DuckDBResultReader,
} from '@duckdb/node-api';
import type { ResultRecord } from '../../core/model/record.types';
import { BOOL_FIELDS, CANONICAL_COLUMNS, NUMBER_FIELDS } from '../../core/model/record.types';
import { uniqueSetName } from '../../core/sets/sets';
import type {
  AuditEntry,
  CellAggregates,
  CellQuery,
  NewSet,
  RestoredIdentity,
  ResultStore,
  StoredSet,
} from './result-store';
import { aggregateCellsDuckDb } from './duckdb-cells';

type ColumnKind = 'text' | 'number' | 'bool' | 'flags';

/** The record columns in table order: the canonical columns (v1 + v2), restates, extra (JSON). */
const NUMBER_COLUMNS: ReadonlySet<string> = new Set(NUMBER_FIELDS);
const BOOL_COLUMNS: ReadonlySet<string> = new Set(BOOL_FIELDS);

function kindOf(name: string): ColumnKind {
  if (name === 'flags') return 'flags';
  if (NUMBER_COLUMNS.has(name)) return 'number';
  return BOOL_COLUMNS.has(name) ? 'bool' : 'text';
}

const RECORD_COLUMNS: { name: string; kind: ColumnKind }[] = [
  ...CANONICAL_COLUMNS.map((name) => ({
    name,
    kind: kindOf(name),
  })),
  { name: 'restates', kind: 'text' },
];

const SQL_TYPE: Record<ColumnKind, string> = {
  text: 'VARCHAR',
  number: 'DOUBLE',
  bool: 'BOOLEAN',
  flags: 'VARCHAR', // ';'-joined, as in the canonical CSV
};

/** Quoted identifier of a record column (names come from CANONICAL_COLUMNS, never a request). */
const ident = (name: string): string => `"${name}"`;

/**
 * Versioned schema: MIGRATIONS[k] takes the database from version k to k+1. A migration is
 * never edited once shipped; a change is a new entry.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE sets (
     id VARCHAR PRIMARY KEY,
     name VARCHAR NOT NULL,
     records BIGINT NOT NULL,
     accepted BIGINT NOT NULL,
     rejected BIGINT NOT NULL,
     flagged BIGINT NOT NULL,
     created VARCHAR NOT NULL,
     sha256 VARCHAR NOT NULL,
     files VARCHAR NOT NULL,
     notes VARCHAR NOT NULL,
     deleted VARCHAR
   );
   CREATE TABLE records (
     set_id VARCHAR NOT NULL,
     seq BIGINT NOT NULL,
     ${RECORD_COLUMNS.map((c) => `${ident(c.name)} ${SQL_TYPE[c.kind]}`).join(',\n     ')},
     extra VARCHAR NOT NULL
   );
   CREATE TABLE audit (
     happened VARCHAR NOT NULL,
     who VARCHAR NOT NULL,
     action VARCHAR NOT NULL,
     set_id VARCHAR NOT NULL,
     detail VARCHAR NOT NULL
   );`,
];

/** The schema version this code writes and reads. */
export const SCHEMA_VERSION = MIGRATIONS.length;

const SET_COLUMNS =
  'id, name, records, accepted, rejected, flagged, created, sha256, files, notes, deleted';

/** A database value as text: VARCHAR columns arrive as strings; anything else is a bug shown plainly. */
function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return `${v}`;
  return JSON.stringify(v) ?? '';
}

/** BIGINT → number (the bindings give BigInt); other values unchanged. */
const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : Number(v));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : text(v));

function rowToSet(row: Record<string, unknown>): StoredSet {
  return {
    id: text(row.id),
    name: text(row.name),
    records: num(row.records),
    accepted: num(row.accepted),
    rejected: num(row.rejected),
    flagged: num(row.flagged),
    created: text(row.created),
    sha256: text(row.sha256),
    files: JSON.parse(text(row.files)) as string[],
    notes: JSON.parse(text(row.notes)) as string[],
    deleted: str(row.deleted),
  };
}

/**
 * Records from the columns of a result (getColumnsJS): reading columns is ~2× faster than
 * getRowObjectsJS on 100k records, whose cost is building one JS object per row and cell.
 */
function columnsToRecords(cols: readonly (readonly unknown[])[]): ResultRecord[] {
  const extra = cols[RECORD_COLUMNS.length] ?? [];
  const out: ResultRecord[] = [];
  for (let i = 0; i < extra.length; i++) {
    const r: Record<string, unknown> = {};
    for (let k = 0; k < RECORD_COLUMNS.length; k++) {
      const c = RECORD_COLUMNS[k]!;
      const v = cols[k]![i];
      if (c.kind === 'flags') r[c.name] = v === null || v === '' ? [] : text(v).split(';');
      else if (v === null || v === undefined) r[c.name] = null;
      else if (c.kind === 'number') r[c.name] = num(v);
      else if (c.kind === 'bool') r[c.name] = Boolean(v);
      else r[c.name] = text(v);
    }
    r.extra = JSON.parse(text(extra[i])) as Record<string, string>;
    out.push(r as unknown as ResultRecord);
  }
  return out;
}

/** Appends one record; its `set` is stored as the set's name (one upload = one set). */
function appendRecord(
  app: DuckDBAppender,
  setId: string,
  setName: string,
  seq: number,
  rec: ResultRecord,
): void {
  app.appendVarchar(setId);
  app.appendBigInt(BigInt(seq));
  const fields = rec as unknown as Record<string, unknown>;
  for (const c of RECORD_COLUMNS) {
    const v = c.name === 'set' ? setName : fields[c.name];
    if (c.kind === 'flags') {
      app.appendVarchar(Array.isArray(v) ? v.join(';') : '');
    } else if (v === null || v === undefined) app.appendNull();
    else if (c.kind === 'number') {
      if (typeof v === 'number' && Number.isFinite(v)) app.appendDouble(v);
      else app.appendNull(); // NaN/Infinity are not measurements: missing, like the CSV writer
    } else if (c.kind === 'bool') app.appendBoolean(v === true);
    else app.appendVarchar(text(v));
  }
  app.appendVarchar(JSON.stringify(rec.extra));
  app.endRow();
}

/** A new set id: 12 URL-safe characters from 9 random bytes. */
const newId = (): string => randomBytes(9).toString('base64url');

/**
 * Opens (creating when missing) the store in `dir`/aio-dash.duckdb and brings its schema to
 * SCHEMA_VERSION. A database newer than this code is refused rather than misread.
 */
export async function openDuckDbStore(dir: string): Promise<ResultStore> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Loaded here, not at the top: the CLI bundle keeps the native module external and only
  // `aio-dash serve` with the API in use pays for loading it.
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance: DuckDBInstance = await DuckDBInstance.create(join(dir, 'aio-dash.duckdb'));
  const db: DuckDBConnection = await instance.connect();
  await migrate(db);
  return new DuckDbStore(instance, db);
}

async function migrate(db: DuckDBConnection): Promise<void> {
  await db.run(
    'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied VARCHAR NOT NULL)',
  );
  const got = await db.runAndReadAll('SELECT max(version) AS v FROM schema_version');
  const current = num(got.getRowObjectsJS()[0]?.v ?? 0);
  if (current > SCHEMA_VERSION)
    throw new Error(
      `the database has schema version ${current}; this aio-dash knows up to ${SCHEMA_VERSION}`,
    );
  for (let v = current; v < SCHEMA_VERSION; v++) {
    await db.run('BEGIN TRANSACTION');
    try {
      await db.run(MIGRATIONS[v]!);
      await db.run('INSERT INTO schema_version VALUES ($1, $2)', [v + 1, new Date().toISOString()]);
      await db.run('COMMIT');
    } catch (e) {
      await db.run('ROLLBACK');
      throw e;
    }
  }
}

class DuckDbStore implements ResultStore {
  /** Writes run one at a time: a transaction on the shared connection must not interleave. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly db: DuckDBConnection,
  ) {}

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Runs `work` in one transaction: committed whole, or rolled back whole when it throws. */
  private transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.serial(async () => {
      await this.db.run('BEGIN TRANSACTION');
      try {
        const out = await work();
        await this.db.run('COMMIT');
        return out;
      } catch (e) {
        await this.db.run('ROLLBACK');
        throw e;
      }
    });
  }

  /**
   * Runs one read on a connection of its own: it sees committed data only (DuckDB's MVCC), so it
   * neither waits for a long upload nor sees one half-way.
   */
  private async read<T>(
    sql: string,
    params: (string | number | null)[],
    take: (reader: DuckDBResultReader) => T,
  ): Promise<T> {
    const c = await this.instance.connect();
    try {
      return take(await c.runAndReadAll(sql, params));
    } finally {
      c.closeSync();
    }
  }

  private rows(sql: string, params: (string | number | null)[] = []) {
    return this.read(sql, params, (r) => r.getRowObjectsJS());
  }

  async listSets(opts: { trash?: boolean } = {}): Promise<StoredSet[]> {
    const where = opts.trash ? 'deleted IS NOT NULL' : 'deleted IS NULL';
    const rows = await this.rows(
      `SELECT ${SET_COLUMNS} FROM sets WHERE ${where} ORDER BY created, id`,
    );
    return rows.map(rowToSet);
  }

  async getSet(id: string): Promise<StoredSet | null> {
    const rows = await this.rows(`SELECT ${SET_COLUMNS} FROM sets WHERE id = $1`, [id]);
    return rows[0] ? rowToSet(rows[0]) : null;
  }

  putSet(
    set: NewSet,
    records: readonly ResultRecord[],
    who: string,
    restore?: RestoredIdentity,
  ): Promise<StoredSet> {
    return this.transaction(async () => {
      const taken = (
        await this.db.runAndReadAll('SELECT name FROM sets WHERE deleted IS NULL')
      ).getRowObjectsJS();
      const stored: StoredSet = {
        ...set,
        id: restore?.id ?? newId(),
        name: uniqueSetName(
          set.name,
          taken.map((r) => text(r.name)),
        ),
        created: restore?.created ?? new Date().toISOString(),
        deleted: null,
      };
      const app = await this.db.createAppender('records');
      try {
        for (let i = 0; i < records.length; i++)
          appendRecord(app, stored.id, stored.name, i, records[i]!);
        app.flushSync();
      } finally {
        app.closeSync();
      }
      await this.db.run(
        `INSERT INTO sets (${SET_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL)`,
        [
          stored.id,
          stored.name,
          stored.records,
          stored.accepted,
          stored.rejected,
          stored.flagged,
          stored.created,
          stored.sha256,
          JSON.stringify(stored.files),
          JSON.stringify(stored.notes),
        ],
      );
      await this.insertAudit({
        at: new Date().toISOString(),
        who,
        action: 'put',
        setId: stored.id,
        detail: `${stored.name}: ${stored.records} records${restore ? ' (imported)' : ''}`,
      });
      return stored;
    });
  }

  private async insertAudit(e: AuditEntry): Promise<void> {
    await this.db.run('INSERT INTO audit VALUES ($1, $2, $3, $4, $5)', [
      e.at,
      e.who,
      e.action,
      e.setId,
      e.detail,
    ]);
  }

  async getRecords(id: string): Promise<ResultRecord[] | null> {
    const set = await this.getSet(id);
    if (!set || set.deleted !== null) return null;
    const sql = `SELECT ${RECORD_COLUMNS.map((c) => ident(c.name)).join(', ')}, extra FROM records WHERE set_id = $1 ORDER BY seq`;
    const cols = await this.read(sql, [id], (r) => r.getColumnsJS());
    return columnsToRecords(cols);
  }

  private mark(id: string, who: string, action: 'delete' | 'restore'): Promise<boolean> {
    return this.transaction(async () => {
      const now = new Date().toISOString();
      const sql =
        action === 'delete'
          ? 'UPDATE sets SET deleted = $2 WHERE id = $1 AND deleted IS NULL RETURNING name'
          : 'UPDATE sets SET deleted = NULL WHERE id = $1 AND deleted IS NOT NULL AND $2 IS NOT NULL RETURNING name';
      const changed = (await this.db.runAndReadAll(sql, [id, now])).getRowObjectsJS();
      if (changed.length === 0) return false;
      let name = text(changed[0]!.name);
      if (action === 'restore') {
        // A live set took the name meanwhile: the restored one gets its own, never a merge.
        const taken = (
          await this.db.runAndReadAll('SELECT name FROM sets WHERE deleted IS NULL AND id <> $1', [
            id,
          ])
        ).getRowObjectsJS();
        const unique = uniqueSetName(
          name,
          taken.map((r) => text(r.name)),
        );
        if (unique !== name) {
          await this.db.run('UPDATE sets SET name = $2 WHERE id = $1', [id, unique]);
          await this.db.run('UPDATE records SET "set" = $2 WHERE set_id = $1', [id, unique]);
          name = unique;
        }
      }
      await this.insertAudit({ at: now, who, action, setId: id, detail: name });
      return true;
    });
  }

  trashSet(id: string, who: string): Promise<boolean> {
    return this.mark(id, who, 'delete');
  }

  restoreSet(id: string, who: string): Promise<boolean> {
    return this.mark(id, who, 'restore');
  }

  async audit(): Promise<AuditEntry[]> {
    const rows = await this.rows(
      'SELECT happened, who, action, set_id, detail FROM audit ORDER BY happened',
    );
    return rows.map((r) => ({
      at: text(r.happened),
      who: text(r.who),
      action: text(r.action) as AuditEntry['action'],
      setId: text(r.set_id),
      detail: text(r.detail),
    }));
  }

  /** The comparison's aggregates in SQL (duckdb-cells.ts), on a read connection of its own. */
  async aggregateCells(query: CellQuery): Promise<CellAggregates | null> {
    const c = await this.instance.connect();
    try {
      return await aggregateCellsDuckDb(c, query);
    } finally {
      c.closeSync();
    }
  }

  async close(): Promise<void> {
    await this.serial(() => {
      this.db.closeSync();
      this.instance.closeSync();
      return Promise.resolve();
    });
  }
}
