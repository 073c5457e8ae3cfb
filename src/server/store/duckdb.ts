/**
 * ResultStore in an embedded DuckDB database (@duckdb/node-api): every SQL statement of the
 * DuckDB dialect lives in this file, in duckdb.schema.ts (tables, migrations) and in
 * duckdb-cells.ts (the comparison's aggregates). Values are always bound as parameters or
 * appended through the appender (duckdb.values.ts), never spliced into SQL text, so a set name
 * like `x'; DROP TABLE sets; --` is just a name.
 *
 * Columns have explicit types (DuckDB's CSV sniffer would read "3.33" as a number); numbers of a
 * record are DOUBLE because a record's numbers are JS numbers (doubles): DOUBLE round-trips every
 * one of them exactly, where an INTEGER column would round a fractional iodepth silently. Counts
 * are BIGINT, which the bindings return as BigInt: converted with Number() on the way out.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBInstance, DuckDBResultReader } from '@duckdb/node-api';
import type { ResultRecord } from '../../core/model/record.types';
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
import { storedSetOf } from './result-store';
import { aggregateCellsDuckDb } from './duckdb-cells';
import { recordsCsvDuckDb } from './duckdb-records-csv';
import { migrate, SET_COLUMNS } from './duckdb.schema';
import {
  appendRecord,
  appendRecords,
  columnChunks,
  RECORD_SELECT,
  rowToSet,
  text,
} from './duckdb.values';

export { SCHEMA_VERSION } from './duckdb.schema';

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
      const stored = storedSetOf(
        set,
        taken.map((r) => text(r.name)),
        restore,
      );
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
    const sql = `SELECT ${RECORD_SELECT}, extra FROM records WHERE set_id = $1 ORDER BY seq`;
    const c = await this.instance.connect();
    try {
      const out: ResultRecord[] = [];
      const strings = new Map<string, string>();
      for await (const cols of columnChunks(c, sql, [id])) appendRecords(cols, out, strings);
      return out;
    } finally {
      c.closeSync();
    }
  }

  async recordsCsv(id: string): Promise<AsyncIterable<string> | null> {
    const set = await this.getSet(id);
    if (!set || set.deleted !== null) return null;
    const instance = this.instance;
    return (async function* () {
      const c = await instance.connect();
      try {
        yield* recordsCsvDuckDb(c, id);
      } finally {
        c.closeSync();
      }
    })();
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
