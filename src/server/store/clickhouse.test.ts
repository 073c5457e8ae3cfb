/**
 * The ClickHouse store against real clickhouse-server processes (clickhouse.test-server.ts): the
 * shared contract on one node and on two shards (a Distributed table over two servers), the
 * crash clean-up, and the one escaping function on hostile strings through the real parser.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultRecord } from '../../core/model/record.types';
import { openClickHouseStore } from './clickhouse';
import { parseClickHouseUrl, sqlString } from './clickhouse.sql';
import type { RunningClickHouse } from './clickhouse.test-server';
import { findClickHouseServer, startClickHouse } from './clickhouse.test-server';
import { HOSTILE, describeSet, seedRecords, storeContract } from './contract.test-suite';
import { sameCellsAs } from './contract.cells.test-suite';
import { openDuckDbStore } from './duckdb';

const binary = findClickHouseServer();
if ('skip' in binary) console.warn(`ClickHouse store tests skipped: ${binary.skip}`);
const describeServer = 'skip' in binary ? describe.skip : describe;
const serverPath = 'path' in binary ? binary.path : '';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
/** The reference for aggregateCells: a DuckDB store in a temp dir. */
const openDuckDb = () => {
  const dir = mkdtempSync(join(tmpdir(), 'aio-contract-'));
  dirs.push(dir);
  return openDuckDbStore(dir);
};

let databases = 0;
/** A fresh database on `running` for each store the contract opens. */
function opener(get: () => RunningClickHouse) {
  return async () => {
    const t = parseClickHouseUrl(get().url(`contract_${++databases}`));
    if (!t.ok) throw new Error(t.reason);
    return openClickHouseStore(t.value);
  };
}

describe('parseClickHouseUrl', () => {
  it('reads one node, several nodes with a cluster, and refuses the rest', () => {
    expect(parseClickHouseUrl('clickhouse://db.example:8123/aio')).toEqual({
      ok: true,
      value: { nodes: ['http://db.example:8123'], database: 'aio', cluster: null },
    });
    expect(parseClickHouseUrl('clickhouse://a:1,b/aio?cluster=c1')).toEqual({
      ok: true,
      value: { nodes: ['http://a:1', 'http://b:8123'], database: 'aio', cluster: 'c1' },
    });
    for (const bad of [
      'clickhouse://a:1,b:2/aio',
      'clickhouse://h:1/a-b',
      "clickhouse://h:1/aio?cluster=x'y",
      'clickhouse://user@h:1/aio',
      'http://h:1/aio',
    ])
      expect(parseClickHouseUrl(bad).ok).toBe(false);
  });
});

describe('sqlString', () => {
  it('escapes quotes, backslashes and control characters', () => {
    expect(sqlString("a'b\\c")).toBe("'a\\'b\\\\c'");
    expect(sqlString('\u0000\n')).toBe("'\\x00\\x0a'");
    expect(sqlString('ü✓')).toBe("'ü✓'");
  });
});

describeServer('ClickHouse store, one node', () => {
  let ch: RunningClickHouse;
  beforeAll(async () => {
    ch = await startClickHouse(serverPath, 1);
  }, 60_000);
  afterAll(async () => {
    await ch?.stop();
  }, 60_000);

  it('reads every hostile string back exactly through the real SQL parser', async () => {
    const c = createClient({ url: ch.nodes[0]! });
    try {
      for (const h of [...HOSTILE, '\\', "'", "\\'", "''", 'x\\', '\u2028\u2029']) {
        const rows = await (
          await c.query({ query: `SELECT ${sqlString(h)} AS v`, format: 'JSONEachRow' })
        ).json<{ v: string }>();
        expect(rows).toEqual([{ v: h }]);
      }
    } finally {
      await c.close();
    }
  });

  storeContract(
    'ClickHouse one node',
    opener(() => ch),
  );
  sameCellsAs(
    'DuckDB (one node)',
    openDuckDb,
    opener(() => ch),
  );

  it('cleans up the records of a put that died before its commit row, on the next open', async () => {
    const t = parseClickHouseUrl(ch.url('crash'));
    if (!t.ok) throw new Error(t.reason);
    const records = seedRecords();
    let store = await openClickHouseStore(t.value);
    const kept = await store.putSet(describeSet('kept', records.length), records, 'ci');
    // What a server killed between the records and the `put` row leaves behind.
    await store.insertRecords('crashedSet01', 'crashed', records);
    expect((await store.listSets()).map((s) => s.id)).toEqual([kept.id]);
    expect(await store.getRecords('crashedSet01')).toBeNull();
    await store.close();
    store = await openClickHouseStore(t.value);
    try {
      const c = createClient({ url: ch.nodes[0]! });
      const count = async () =>
        Number(
          (
            await (
              await c.query({
                query: `SELECT count() AS n FROM crash.records WHERE set_id = 'crashedSet01'`,
                format: 'JSONEachRow',
              })
            ).json<{ n: string }>()
          )[0]!.n,
        );
      // The delete is a mutation, applied in the background: wait for it (bounded).
      for (let i = 0; i < 50 && (await count()) > 0; i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(await count()).toBe(0);
      await c.close();
      expect(await store.cleanOrphans()).toEqual([]);
      expect((await store.getRecords(kept.id))?.length).toBe(records.length);
    } finally {
      await store.close();
    }
  });

  it('a writer killed with SIGKILL in the middle of a put leaves no set and no records', async () => {
    const url = ch.url('killed');
    const t = parseClickHouseUrl(url);
    if (!t.ok) throw new Error(t.reason);
    const before = await openClickHouseStore(t.value);
    const kept = await before.putSet(describeSet('kept', 5), seedRecords().slice(0, 5), 'ci');
    await before.close();
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        fileURLToPath(new URL('./clickhouse.crash-child.ts', import.meta.url)),
        url,
        '400000',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    const c = createClient({ url: ch.nodes[0]! });
    const count = async () =>
      Number(
        (
          await (
            await c.query({
              query: 'SELECT count() AS n FROM killed.records',
              format: 'JSONEachRow',
            })
          ).json<{ n: string }>()
        )[0]!.n,
      );
    try {
      // Kill it while it streams its records: 400k records take far longer than 1.5 s to send.
      // (Killing it when the records are in but the `put` row is not is a race with a few ms
      // of window; that state is built directly by the test above, 'cleans up the records…'.)
      for (let i = 0; i < 600 && !out.includes('putting'); i++)
        await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 1500));
      expect(child.exitCode).toBeNull(); // still putting: the kill lands in the middle
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
      expect(out).not.toContain('stored');
      const store = await openClickHouseStore(t.value);
      try {
        // No set, no audit row; whatever records the killed put left are deleted on open.
        expect((await store.listSets()).map((s) => s.id)).toEqual([kept.id]);
        expect((await store.audit()).map((e) => e.setId)).toEqual([kept.id]);
        for (let i = 0; i < 100 && (await count()) > 5; i++)
          await new Promise((r) => setTimeout(r, 100));
        expect(await count()).toBe(5);
        expect((await store.getRecords(kept.id))?.length).toBe(5);
      } finally {
        await store.close();
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await c.close();
    }
  }, 120_000);

  it('refuses a database whose schema is newer than this code', async () => {
    const t = parseClickHouseUrl(ch.url('future'));
    if (!t.ok) throw new Error(t.reason);
    await (await openClickHouseStore(t.value)).close();
    const c = createClient({ url: ch.nodes[0]! });
    await c.insert({
      table: 'future.schema_version',
      values: [{ version: 99, applied: 'later' }],
      format: 'JSONEachRow',
    });
    await c.close();
    await expect(openClickHouseStore(t.value)).rejects.toThrow(/schema version 99/);
  });
});

describeServer('ClickHouse store, two shards (Distributed over two servers)', () => {
  let ch: RunningClickHouse;
  beforeAll(async () => {
    ch = await startClickHouse(serverPath, 2);
  }, 60_000);
  afterAll(async () => {
    await ch?.stop();
  }, 60_000);

  storeContract(
    'ClickHouse two shards',
    opener(() => ch),
  );
  sameCellsAs(
    'DuckDB (two shards)',
    openDuckDb,
    opener(() => ch),
  );

  it('spreads a set over both shards and reads it back whole', async () => {
    const t = parseClickHouseUrl(ch.url('spread'));
    if (!t.ok) throw new Error(t.reason);
    const store = await openClickHouseStore(t.value);
    try {
      const records: ResultRecord[] = seedRecords();
      const s = await store.putSet(describeSet('spread', records.length), records, 'ci');
      const perShard: number[] = [];
      for (const node of ch.nodes) {
        const c = createClient({ url: node });
        const rows = await (
          await c.query({
            query: 'SELECT count() AS n FROM spread.records_local',
            format: 'JSONEachRow',
          })
        ).json<{ n: string }>();
        perShard.push(Number(rows[0]!.n));
        await c.close();
      }
      expect(perShard.every((n) => n > 0)).toBe(true);
      expect(perShard[0]! + perShard[1]!).toBe(records.length);
      expect(await store.getRecords(s.id)).toEqual(records.map((r) => ({ ...r, set: 'spread' })));
    } finally {
      await store.close();
    }
  });
});
