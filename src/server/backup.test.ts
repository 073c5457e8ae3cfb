/**
 * `aio-dash export --all` / `import` against real DuckDB stores in temp dirs: a round trip keeps
 * every set (ids, names, records), the Parquet files hold the same numbers, and a damaged or
 * hostile backup stores nothing.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { csvToRecords, recordsToCsv } from '../core/ingest/ingest';
import type { ResultRecord } from '../core/model/record.types';
import { runCli } from '../cli/capture-io.test-helper';
import { startTestApiServer } from './api-server.test-helper';
import { MANIFEST, readManifest } from './backup';
import { openDuckDbStore } from './store/duckdb';
import type { NewSet } from './store/result-store';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'aio-backup-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const recordsOf = (file: string): ResultRecord[] => {
  const r = csvToRecords(readFileSync(join(__dirname, '../../data', file), 'utf8'), file);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};
const describeSet = (name: string, records: readonly ResultRecord[]): NewSet => ({
  name,
  records: records.length,
  accepted: records.length,
  rejected: 0,
  flagged: records.filter((r) => r.flags.length > 0).length,
  sha256: 'f'.repeat(64),
  files: [`${name}.csv`],
  notes: ['a note'],
});
const HOSTILE = `a/../"b'; DROP TABLE sets; -- 名`;

/** A store with two live sets (one with a hostile name) and one in the trash. */
async function filledStore(): Promise<string> {
  const db = tempDir();
  const store = await openDuckDbStore(db);
  const seed = recordsOf('zstack-2023q1.csv');
  const bench = recordsOf('bench-qemu-img-ext4-virtio.csv');
  await store.putSet(describeSet('zstack-2023q1', seed), seed, 'test');
  await store.putSet(describeSet(HOSTILE, bench), bench, 'test');
  const gone = await store.putSet(describeSet('gone', bench), bench, 'test');
  await store.trashSet(gone.id, 'test');
  await store.close();
  return db;
}

describe('aio-dash export --all / import', () => {
  it('round-trips every live set with its id, name and records, and writes Parquet', async () => {
    const db = await filledStore();
    const out = join(tempDir(), 'backup');
    const exported = await runCli(tempDir(), 'export', '--all', out, '--db', db);
    expect(exported.code, exported.err).toBe(0);
    const manifest = readManifest(out);
    if (!manifest.ok) throw new Error(manifest.reason);
    expect(manifest.value.sets.map((s) => s.name)).toEqual(['zstack-2023q1', HOSTILE]);
    const files = readdirSync(out).sort();
    expect(files).toContain(MANIFEST);
    expect(files).toContain('README.md');
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain('zstack-2023q1');

    const source = await openDuckDbStore(db);
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const duck = await (await DuckDBInstance.create(':memory:')).connect();
    for (const s of manifest.value.sets) {
      const records = (await source.getRecords(s.id))!;
      expect(readFileSync(join(out, s.csv), 'utf8')).toBe(recordsToCsv(records));
      const rows = (
        await duck.runAndReadAll(
          `SELECT count(*)::INTEGER AS n, sum(iops) AS iops, count(iops)::INTEGER AS measured,
             max(typeof(qemu)) AS qemu_type FROM read_parquet('${join(out, s.parquet!)}')`,
        )
      ).getRowObjectsJS()[0]!;
      const iops = records.filter((r) => r.iops !== null).map((r) => r.iops!);
      expect(rows.n).toBe(records.length);
      expect(rows.measured).toBe(iops.length);
      expect(rows.iops as number).toBeCloseTo(
        iops.reduce((a, b) => a + b, 0),
        6,
      );
      expect(rows.qemu_type).toBe('VARCHAR');
    }
    const before = await source.listSets();
    const recordsBefore = await Promise.all(before.map((s) => source.getRecords(s.id)));
    await source.close();

    const fresh = tempDir();
    const imported = await runCli(tempDir(), 'import', out, '--db', fresh);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toContain('imported 2 sets, skipped 0');
    const restored = await openDuckDbStore(fresh);
    const after = await restored.listSets();
    expect(after.map((s) => [s.id, s.name, s.created, s.records, s.notes])).toEqual(
      before.map((s) => [s.id, s.name, s.created, s.records, s.notes]),
    );
    expect(await Promise.all(after.map((s) => restored.getRecords(s.id)))).toEqual(recordsBefore);
    expect((await restored.audit()).map((e) => e.who)).toEqual(['import@cli', 'import@cli']);
    await restored.close();

    const again = await runCli(tempDir(), 'import', out, '--db', fresh);
    expect(again.code).toBe(0);
    expect(again.out).toContain('imported 0 sets, skipped 2');
  }, 60_000);

  it('stores nothing from a backup whose file changed or whose manifest points elsewhere', async () => {
    const db = await filledStore();
    const out = join(tempDir(), 'backup');
    expect((await runCli(tempDir(), 'export', '--all', out, '--db', db, '--no-parquet')).code).toBe(
      0,
    );
    const manifest = JSON.parse(readFileSync(join(out, MANIFEST), 'utf8')) as {
      sets: { id: string; csv: string }[];
    };
    const second = manifest.sets[1]!;
    const csv = join(out, second.csv);
    writeFileSync(csv, readFileSync(csv, 'utf8').replace(/,(\d)/, ',9$1'));
    const fresh = tempDir();
    const changed = await runCli(tempDir(), 'import', out, '--db', fresh);
    expect(changed.code).toBe(1);
    expect(changed.err).toMatch(/changed since the export.*nothing stored/);
    const store = await openDuckDbStore(fresh);
    expect(await store.listSets()).toEqual([]);
    await store.close();

    manifest.sets[0]!.id = '../../etc/passwd';
    writeFileSync(join(out, MANIFEST), JSON.stringify(manifest));
    const tricked = readManifest(out);
    expect(tricked.ok ? 'read' : tricked.reason).toMatch(/sets\[0\]: id is not a set id/);
  }, 60_000);

  it('backs up a running server over its API, with nothing to stop', async () => {
    const server = await startTestApiServer();
    try {
      const seed = readFileSync(join(__dirname, '../../data/zstack-2023q1.csv'));
      const put = await fetch(`${server.url}/api/sets?name=${encodeURIComponent(HOSTILE)}`, {
        method: 'POST',
        body: seed,
      });
      expect(put.status).toBe(201);
      const out = join(tempDir(), 'backup');
      const r = await runCli(tempDir(), 'export', '--all', out, '--server', server.url);
      expect(r.code, r.err).toBe(0);
      const manifest = readManifest(out);
      if (!manifest.ok) throw new Error(manifest.reason);
      const live = await server.store.listSets();
      expect(
        manifest.value.sets.map(({ csv: _c, parquet: _p, csvSha256: _d, ...set }) => set),
      ).toEqual(live.map(({ deleted: _deleted, ...set }) => set));
      const records = (await server.store.getRecords(live[0]!.id))!;
      expect(readFileSync(join(out, manifest.value.sets[0]!.csv), 'utf8')).toBe(
        recordsToCsv(records),
      );
      const fresh = tempDir();
      expect((await runCli(tempDir(), 'import', out, '--db', fresh)).code).toBe(0);
      const restored = await openDuckDbStore(fresh);
      expect(await restored.getRecords(live[0]!.id)).toEqual(records);
      await restored.close();
    } finally {
      await server.stop();
    }
    const gone = await runCli(
      tempDir(),
      'export',
      '--all',
      join(tempDir(), 'x'),
      '--server',
      'http://127.0.0.1:9/',
    );
    expect(gone.code).toBe(1);
  }, 60_000);

  it('says how to use it', async () => {
    const cwd = tempDir();
    expect((await runCli(cwd, 'export', join(cwd, 'x'))).code).toBe(2);
    expect((await runCli(cwd, 'import')).code).toBe(2);
    const notBackup = await runCli(cwd, 'import', cwd, '--db', join(cwd, 'db'));
    expect(notBackup.code).toBe(1);
    expect(notBackup.err).toContain("use 'aio-dash push'");
  });
});
