/**
 * Nothing lost: `aio-dash serve` as a real child process, killed with SIGKILL in the middle of an
 * upload (while its body arrives, after it was sent, and while its commit is written to the
 * write-ahead log), restarts with every earlier set intact and no partial one.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { startServeProcess, stopProcess } from './serve-process.test-helper';

const ROOT = join(__dirname, '../..');
const SEED = readFileSync(join(ROOT, 'data/zstack-2023q1.csv'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'aio-crash-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

const startServer = async () => {
  const started = await startServeProcess(work, join(work, 'db'));
  children.push(started.child);
  return started;
};
const killed = (child: ChildProcess) => stopProcess(child);

async function upload(url: string, name: string, body: string) {
  const res = await fetch(`${url}/api/sets?name=${name}&file=${name}.csv`, {
    method: 'POST',
    body,
  });
  return { status: res.status, body: (await res.json()) as { id: string; records: number } };
}

async function setsOf(url: string) {
  const res = await fetch(`${url}/api/sets`);
  return ((await res.json()) as { id: string; name: string; records: number }[]).map((s) => [
    s.name,
    s.records,
  ]);
}

/** A large canonical CSV: the seed's rows repeated with a distinct run id. */
function bigCsv(copies: number): string {
  const lines = SEED.trimEnd().split('\n');
  const out = [lines[0]!];
  for (let k = 0; k < copies; k++)
    for (const line of lines.slice(1)) out.push(line.replace(/^([^,]*),([^,]*),/, `$1,r${k},`));
  return out.join('\n') + '\n';
}

describe('aio-dash serve killed with SIGKILL during an upload', () => {
  it('restarts with every earlier set intact and no partial one', async () => {
    let { child, url } = await startServer();
    const first = await upload(url, 'first', SEED);
    expect(first.status).toBe(201);
    const firstRecords = await (await fetch(`${url}/api/sets/${first.body.id}/records`)).text();
    expect((await upload(url, 'second', SEED.split('\n').slice(0, 20).join('\n'))).status).toBe(
      201,
    );
    const before = await setsOf(url);

    // 1. Killed while the body is still arriving.
    const big = Buffer.from(bigCsv(150));
    const port = Number(new URL(url).port);
    await new Promise<void>((done) => {
      const req = request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/sets?name=partial',
        headers: { 'Content-Length': big.length },
      });
      req.on('error', () => done());
      req.write(big.subarray(0, big.length >> 1), () => void killed(child).then(done));
    });
    ({ child, url } = await startServer());
    expect(await setsOf(url)).toEqual(before);

    // 2. Killed after the whole body was sent (while it is ingested or stored): afterwards the
    // set is there whole, or not at all.
    const expected = 150 * (SEED.trimEnd().split('\n').length - 1);
    const sent = fetch(`${url}/api/sets?name=racing`, { method: 'POST', body: big }).catch(
      () => null,
    );
    await new Promise((r) => setTimeout(r, 300));
    await killed(child);
    await sent;
    ({ child, url } = await startServer());
    const after = await setsOf(url);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length).every(([n, r]) => n === 'racing' && r === expected)).toBe(
      true,
    );
    expect(await (await fetch(`${url}/api/sets/${first.body.id}/records`)).text()).toBe(
      firstRecords,
    );

    // 3. Killed while the commit is being written: the moment the write-ahead log grows.
    const wal = join(work, 'db/aio-dash.duckdb.wal');
    const walSize = () => (existsSync(wal) ? statSync(wal).size : 0);
    const baseline = walSize();
    const listed = await setsOf(url);
    const committing = fetch(`${url}/api/sets?name=committing`, {
      method: 'POST',
      body: big,
    }).catch(() => null);
    const deadline = Date.now() + 60_000;
    while (walSize() <= baseline && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 2));
    await killed(child);
    await committing;
    ({ child, url } = await startServer());
    const afterCommitKill = await setsOf(url);
    expect(afterCommitKill.slice(0, listed.length)).toEqual(listed);
    expect(
      afterCommitKill.slice(listed.length).every(([n, r]) => n === 'committing' && r === expected),
    ).toBe(true);

    await stopProcess(child, 'SIGTERM');

    // The file itself: every stored record belongs to a listed set, and the counts agree.
    const db = await DuckDBInstance.create(join(work, 'db/aio-dash.duckdb'));
    const c = await db.connect();
    const row = (
      await c.runAndReadAll(
        'SELECT (SELECT count(*) FROM records) AS stored, (SELECT sum(records) FROM sets) AS declared, (SELECT count(*) FROM records WHERE set_id NOT IN (SELECT id FROM sets)) AS orphans',
      )
    ).getRowObjectsJS()[0]!;
    c.closeSync();
    db.closeSync();
    expect([Number(row.orphans), Number(row.stored)]).toEqual([0, Number(row.declared)]);
  }, 120_000);
});
