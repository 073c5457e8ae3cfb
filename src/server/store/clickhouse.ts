/**
 * ResultStore in ClickHouse (`aio-dash serve --db clickhouse://HOST:PORT/DB`, issue 13.7), one
 * node or records sharded over a cluster through a Distributed table. All SQL text is in
 * clickhouse.sql.ts; data (records, events) travels as JSONEachRow, never spliced into SQL.
 *
 * ClickHouse has no transactions, so "a set is stored whole or not at all" is built from the one
 * thing it does promise, an atomic single-block insert: a put inserts the records first (tagged
 * with the new set id) and then ONE `put` row into `events`; readers know a set only by that row.
 * A put that fails or a server that dies before it leaves records nobody can see; they are deleted
 * right away (failure) or when a store next opens (crash). Trash, restore and the audit log are
 * rows of the same `events` table, one insert each, so the audit log is the sets' state.
 *
 * One aio-dash server writes to a database at a time (like the DuckDB file): names are made
 * unique and orphans cleaned by the writer; readers may be many.
 *
 * The `events` rows and their fold into sets are in clickhouse.events.ts, records as rows in
 * clickhouse.rows.ts.
 */
import { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
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
import { aggregateCellsClickHouse } from './clickhouse-cells';
import { foldEvents, type EventRow } from './clickhouse.events';
import { recordRow, rowToRecord } from './clickhouse.rows';
import type { ClickHouseTarget } from './clickhouse.sql';
import {
  deleteRecordsOf,
  entryMigrations,
  schemaVersionDdl,
  selectEvents,
  selectOrphanIds,
  selectRecords,
  selectSchemaVersion,
  shardMigrations,
} from './clickhouse.sql';

/**
 * Opens the store at `target`: creates the database and tables when missing (versioned, refusing
 * a newer schema), and deletes the records of puts that never committed.
 */
export async function openClickHouseStore(target: ClickHouseTarget): Promise<ClickHouseStore> {
  // Loaded here: only `serve --db clickhouse://` pays for the client.
  const { createClient } = await import('@clickhouse/client');
  const clients = target.nodes.map((url) =>
    createClient({
      url,
      // A 10M-record put or read takes minutes; progress headers keep the connection alive.
      request_timeout: 15 * 60_000,
      clickhouse_settings: {
        send_progress_in_http_headers: 1,
        http_headers_progress_interval_ms: '10000',
      },
      compression: { request: false },
    }),
  );
  const store = new ClickHouseStore(target, clients);
  try {
    await store.migrate();
    await store.cleanOrphans();
  } catch (e) {
    await store.close();
    throw e;
  }
  return store;
}

export class ClickHouseStore implements ResultStore {
  /** Writes run one at a time: unique names and event order need one writer. */
  private queue: Promise<unknown> = Promise.resolve();
  private lastRev = 0;
  private readonly db: string;

  constructor(
    private readonly target: ClickHouseTarget,
    private readonly clients: ClickHouseClient[],
  ) {
    this.db = target.database;
  }

  private get entry(): ClickHouseClient {
    return this.clients[0]!;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async rows<T>(query: string): Promise<T[]> {
    const rs = await this.entry.query({ query, format: 'JSONEachRow' });
    return rs.json<T>();
  }

  /** Event revisions: microseconds since 1970, strictly increasing within this writer. */
  private nextRev(): number {
    this.lastRev = Math.max(this.lastRev + 1, Date.now() * 1000);
    return this.lastRev;
  }

  async migrate(): Promise<void> {
    const { db } = this;
    for (const q of schemaVersionDdl(db)) await this.entry.command({ query: q });
    if (this.target.cluster)
      for (const c of this.clients)
        for (const q of shardMigrations(db)) await c.command({ query: q });
    const got = await this.rows<{ v: number | string }>(selectSchemaVersion(db));
    const current = Number(got[0]?.v ?? 0);
    const migrations = entryMigrations(db, this.target.cluster);
    if (current > migrations.length)
      throw new Error(
        `the ClickHouse database ${db} has schema version ${current}; this aio-dash knows up to ${migrations.length}`,
      );
    for (let v = current; v < migrations.length; v++) {
      // Each statement is IF NOT EXISTS: a migration cut short is simply run again.
      for (const q of migrations[v]!) await this.entry.command({ query: q });
      await this.entry.insert({
        table: `${db}.schema_version`,
        values: [{ version: v + 1, applied: new Date().toISOString() }],
        format: 'JSONEachRow',
      });
    }
    const events = await this.events();
    this.lastRev = events.reduce((m, e) => Math.max(m, Number(e.rev)), 0);
  }

  /** Deletes the records of puts without a `put` event (a crash or failure half-way). */
  async cleanOrphans(): Promise<string[]> {
    const ids = (await this.rows<{ id: string }>(selectOrphanIds(this.db))).map((r) => r.id);
    if (ids.length > 0) await this.deleteRecords(ids);
    return ids;
  }

  private async deleteRecords(ids: readonly string[]): Promise<void> {
    if (this.target.cluster)
      for (const c of this.clients)
        await c.command({ query: deleteRecordsOf(this.db, 'records_local', ids) });
    else await this.entry.command({ query: deleteRecordsOf(this.db, 'records', ids) });
  }

  private events(): Promise<EventRow[]> {
    return this.rows<EventRow>(selectEvents(this.db));
  }

  private async sets(): Promise<Map<string, StoredSet>> {
    return foldEvents(await this.events());
  }

  private async insertEvent(
    e: Partial<EventRow> & Pick<EventRow, 'at' | 'who' | 'action' | 'set_id' | 'name' | 'detail'>,
  ) {
    const row: EventRow = {
      rev: this.nextRev(),
      deleted: '',
      created: '',
      records: 0,
      accepted: 0,
      rejected: 0,
      flagged: 0,
      sha256: '',
      files: '[]',
      notes: '[]',
      ...e,
    };
    await this.entry.insert({ table: `${this.db}.events`, values: [row], format: 'JSONEachRow' });
  }

  async listSets(opts: { trash?: boolean } = {}): Promise<StoredSet[]> {
    const all = [...(await this.sets()).values()];
    return all
      .filter((s) => (opts.trash ? s.deleted !== null : s.deleted === null))
      .sort((a, b) =>
        a.created < b.created ? -1 : a.created > b.created ? 1 : a.id < b.id ? -1 : 1,
      );
  }

  async getSet(id: string): Promise<StoredSet | null> {
    return (await this.sets()).get(id) ?? null;
  }

  /** Inserts the records of a set (streamed; on a cluster, synchronously on every shard). */
  async insertRecords(id: string, name: string, records: readonly ResultRecord[]): Promise<void> {
    function* rows() {
      for (let i = 0; i < records.length; i++) yield recordRow(id, name, i, records[i]!);
    }
    await this.entry.insert({
      table: `${this.db}.records`,
      values: Readable.from(rows(), { objectMode: true }),
      format: 'JSONEachRow',
      // Without it a Distributed insert returns before the remote shards have the rows, and the
      // `put` event could make a set visible whose records are still on their way.
      ...(this.target.cluster ? { clickhouse_settings: { insert_distributed_sync: 1 } } : {}),
    });
  }

  putSet(
    set: NewSet,
    records: readonly ResultRecord[],
    who: string,
    restore?: RestoredIdentity,
  ): Promise<StoredSet> {
    return this.serial(async () => {
      const live = [...(await this.sets()).values()].filter((s) => s.deleted === null);
      const stored = storedSetOf(
        set,
        live.map((s) => s.name),
        restore,
      );
      try {
        await this.insertRecords(stored.id, stored.name, records);
        await this.insertEvent({
          at: new Date().toISOString(),
          who,
          action: 'put',
          created: stored.created,
          set_id: stored.id,
          name: stored.name,
          records: stored.records,
          accepted: stored.accepted,
          rejected: stored.rejected,
          flagged: stored.flagged,
          sha256: stored.sha256,
          files: JSON.stringify(stored.files),
          notes: JSON.stringify(stored.notes),
          detail: `${stored.name}: ${stored.records} records`,
        });
      } catch (e) {
        // Whatever part of the records arrived is invisible (no `put` row); remove it now rather
        // than at the next start. Best effort: the next start catches what this misses.
        await this.deleteRecords([stored.id]).catch(() => undefined);
        throw e;
      }
      return stored;
    });
  }

  async getRecords(id: string): Promise<ResultRecord[] | null> {
    const set = await this.getSet(id);
    if (!set || set.deleted !== null) return null;
    const rs = await this.entry.query({ query: selectRecords(this.db, id), format: 'JSONEachRow' });
    const out: ResultRecord[] = [];
    for await (const batch of rs.stream<Record<string, unknown>>())
      for (const row of batch) out.push(rowToRecord(row.json(), set.name));
    return out;
  }

  private mark(id: string, who: string, action: 'delete' | 'restore'): Promise<boolean> {
    return this.serial(async () => {
      const sets = await this.sets();
      const s = sets.get(id);
      if (!s || (action === 'delete') !== (s.deleted === null)) return false;
      const at = new Date().toISOString();
      let name = s.name;
      if (action === 'restore')
        // A live set took the name meanwhile: the restored one gets its own, never a merge.
        name = uniqueSetName(
          name,
          [...sets.values()].filter((o) => o.deleted === null && o.id !== id).map((o) => o.name),
        );
      await this.insertEvent({
        at,
        who,
        action,
        set_id: id,
        name,
        deleted: action === 'delete' ? at : '',
        detail: name,
      });
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
    return (await this.events()).map((e) => ({
      at: e.at,
      who: e.who,
      action: e.action,
      setId: e.set_id,
      detail: e.detail,
    }));
  }

  async aggregateCells(query: CellQuery): Promise<CellAggregates | null> {
    if (query.sets.length === 0) return null;
    const sets = await this.sets();
    const names = new Map<string, string>();
    for (const id of query.sets) {
      const s = sets.get(id);
      if (!s || s.deleted !== null) return null;
      names.set(id, s.name);
    }
    return aggregateCellsClickHouse(this.entry, this.db, query, names);
  }

  async close(): Promise<void> {
    await this.serial(async () => {
      for (const c of this.clients) await c.close();
    });
  }
}
