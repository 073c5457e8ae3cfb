/**
 * The DuckDB ResultStore on a real database file in a temporary directory: a set is stored whole
 * or not at all, the schema is versioned, and everything survives a reopen.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResultRecord } from '../../core/model/record.types';
import { SCHEMA_VERSION, openDuckDbStore } from './duckdb';
import { describeSet, seedRecords } from './contract.test-suite';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'aio-store-'));
  dirs.push(d);
  return d;
};

/** What the database file holds, read by a fresh instance (after the store is closed). */
async function countRows(dir: string) {
  const db = await DuckDBInstance.create(join(dir, 'aio-dash.duckdb'));
  const c = await db.connect();
  const read = async (sql: string) => (await c.runAndReadAll(sql)).getRowObjectsJS()[0]!;
  const out = {
    records: Number((await read('SELECT count(*) AS n FROM records')).n),
    declared: Number((await read('SELECT coalesce(sum(records), 0) AS n FROM sets')).n),
    sets: Number((await read('SELECT count(*) AS n FROM sets')).n),
    version: Number((await read('SELECT max(version) AS v FROM schema_version')).v),
  };
  c.closeSync();
  db.closeSync();
  return out;
}

describe('DuckDB ResultStore', () => {
  it('stores a set whole or not at all: a put that fails half-way leaves no record behind', async () => {
    const dir = tempDir();
    const store = await openDuckDbStore(dir);
    const records = seedRecords();
    await store.putSet(describeSet('good', records.length), records, 'test');
    // A record the appender cannot take, after 100 good ones: the put must roll back whole.
    const broken = [...records.slice(0, 100), null as unknown as ResultRecord, ...records];
    await expect(
      store.putSet(describeSet('broken', broken.length), broken, 'test'),
    ).rejects.toThrow();
    expect((await store.listSets()).map((s) => s.name)).toEqual(['good']);
    expect((await store.audit()).length).toBe(1);
    // The store still works after the rollback.
    await store.putSet(describeSet('after', 3), records.slice(0, 3), 'test');
    await store.close();
    expect(await countRows(dir)).toEqual({
      records: records.length + 3,
      declared: records.length + 3,
      sets: 2,
      version: SCHEMA_VERSION,
    });
  });

  it('keeps sets, records and trash across a reopen, and migrates only once', async () => {
    const dir = tempDir();
    const records = seedRecords();
    let store = await openDuckDbStore(dir);
    const a = await store.putSet(describeSet('a', records.length), records, 'test');
    const b = await store.putSet(describeSet('b', 5), records.slice(0, 5), 'test');
    expect(await store.trashSet(b.id, 'test')).toBe(true);
    await store.close();
    store = await openDuckDbStore(dir);
    expect((await store.listSets()).map((s) => [s.id, s.name, s.records])).toEqual([
      [a.id, 'a', records.length],
    ]);
    expect((await store.listSets({ trash: true })).map((s) => s.id)).toEqual([b.id]);
    const back = await store.getRecords(a.id);
    expect(back?.map((r) => ({ ...r, set: 'seed' }))).toEqual(records);
    expect(back?.every((r) => r.set === 'a')).toBe(true);
    expect(await store.getRecords(b.id)).toBeNull();
    await store.close();
    expect((await countRows(dir)).version).toBe(SCHEMA_VERSION);
  });

  it('serves concurrent puts and reads without mixing them', async () => {
    const dir = tempDir();
    const store = await openDuckDbStore(dir);
    const records = seedRecords();
    const puts = Array.from({ length: 6 }, (_, k) =>
      store.putSet(describeSet(`s${k}`, records.length - k), records.slice(k), 'test'),
    );
    const reads = Array.from({ length: 6 }, () => store.listSets());
    const stored = await Promise.all(puts);
    await Promise.all(reads);
    for (const [k, s] of stored.entries())
      expect((await store.getRecords(s.id))?.length).toBe(records.length - k);
    await store.close();
  });

  it('restores a set under its own name when a live set took it meanwhile', async () => {
    const store = await openDuckDbStore(tempDir());
    const records = seedRecords().slice(0, 4);
    const old = await store.putSet(describeSet('nightly', 4), records, 'test');
    await store.trashSet(old.id, 'test');
    await store.putSet(describeSet('nightly', 4), records, 'test');
    expect(await store.restoreSet(old.id, 'test')).toBe(true);
    expect((await store.listSets()).map((s) => s.name).sort()).toEqual(['nightly', 'nightly (2)']);
    expect((await store.getRecords(old.id))?.map((r) => r.set)).toEqual(
      Array(4).fill('nightly (2)'),
    );
    await store.close();
  });
});
