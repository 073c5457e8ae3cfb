/**
 * Bench sections of the team server's compare in the database (issue 13.6), run from run.ts:
 *
 *   7. 1M synthetic records (synth.ts) stored in DuckDB through the store's own putSet, then
 *      GET /api/compare over HTTP (aggregates in SQL, verdicts in TS, the JSON of
 *      `aio-dash compare --format json`)                                     target ≤ 1.5 s;
 *      the same for 1M records of few cells with many repeats (repeatedSeed: a fleet's shape)
 *   8. 10M records on one server (opt-in: --only=8 or --10m; minutes and GBs): 1M stored by
 *      putSet, then copied nine times inside DuckDB as nine more sets (a copy in SQL, not the
 *      ingest path: the load figure of section 7 is the ingest rate), compared pooled.
 *
 * Everything lives in a temporary directory removed at the end. Figures: load time, compare time
 * (median of the runs), the response's size and the process's RSS after the runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiHandler } from '../src/server/http';
import { openDuckDbStore } from '../src/server/store/duckdb';
import type { ResultStore } from '../src/server/store/result-store';
import { gc, summarize } from './harness';
import { repeatedSeed, synthRecords } from './synth';
import type { BenchRow } from './run';

const MB = 1024 * 1024;
const rssMB = () => Math.round(process.memoryUsage().rss / MB);

/**
 * Stores `n` records as one set through putSet (synthRecords: many cells with a few repeats;
 * `fleet`: repeatedSeed, few cells with many); returns its id and the time taken.
 */
async function putSynth(
  store: ResultStore,
  n: number,
  fleet = false,
): Promise<{ id: string; ms: number }> {
  let records: ReturnType<typeof synthRecords> | null = fleet
    ? repeatedSeed(n)
    : synthRecords(n, { fileName: `synth-${n}.csv` });
  const t = performance.now();
  const set = await store.putSet(
    {
      name: `synth-${n}`,
      records: n,
      accepted: n,
      rejected: 0,
      flagged: 0,
      sha256: 'f'.repeat(64),
      files: [`synth-${n}.csv`],
      notes: [],
    },
    records,
    'bench',
  );
  const ms = performance.now() - t;
  records = null;
  gc();
  return { id: set.id, ms };
}

/** GET /api/compare `runs` times (after one warm-up) on a loopback server over `store`. */
async function timeCompare(store: ResultStore, query: string, runs: number) {
  const api = createApiHandler({ store: () => Promise.resolve(store), token: null });
  const server = createServer((req, res) => {
    if (!api(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/compare?${query}`;
  const samples: number[] = [];
  let bytes = 0;
  let accounting = '';
  try {
    for (let i = 0; i <= runs; i++) {
      const t = performance.now();
      const res = await fetch(url);
      const body = await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`/api/compare: ${res.status}`);
      if (i > 0) samples.push(performance.now() - t);
      bytes = body.byteLength;
      accounting = res.headers.get('x-aio-accounting') ?? '';
      gc();
    }
  } finally {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
  return { ...summarize(samples), bytes, accounting };
}

/** Copies set `id` `copies` times inside DuckDB (new sets, same records): the 10M data. */
async function copySets(dir: string, id: string, copies: number): Promise<string[]> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(join(dir, 'aio-dash.duckdb'));
  const c = await instance.connect();
  const ids: string[] = [];
  try {
    for (let k = 1; k <= copies; k++) {
      const copy = `${id}-copy${k}`;
      await c.run('BEGIN TRANSACTION');
      await c.run(
        `INSERT INTO sets SELECT $2, name || '-copy' || $3, records, accepted, rejected, flagged,
                created, sha256, files, notes, deleted FROM sets WHERE id = $1`,
        [id, copy, String(k)],
      );
      await c.run(
        `INSERT INTO records SELECT * REPLACE ($2 AS set_id, "set" || '-copy' || $3 AS "set")
         FROM records WHERE set_id = $1`,
        [id, copy, String(k)],
      );
      await c.run('COMMIT');
      ids.push(copy);
    }
  } finally {
    c.closeSync();
    instance.closeSync();
  }
  return ids;
}

/** Section 7: /api/compare on 1M records. */
export async function serverCompare1M(runs: number): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'aio-bench-server-'));
  try {
    const store = await openDuckDbStore(dir);
    const { id, ms } = await putSynth(store, 1_000_000);
    const r = await timeCompare(store, `set=${id}`, runs);
    const fleet = await putSynth(store, 1_000_000, true);
    const f = await timeCompare(store, `set=${fleet.id}`, runs);
    await store.close();
    return [
      {
        id: 'server-load-1m',
        name: 'server: store 1M records (putSet, DuckDB appender)',
        status: 'info',
        median: Math.round(ms),
        unit: 'ms',
      },
      {
        id: 'server-compare-1m',
        name: 'server: GET /api/compare, 1M records (DuckDB)',
        status: 'measured',
        median: r.median,
        samples: r.samples,
        unit: 'ms',
        target: '≤ 1500 ms',
        pass: r.median <= 1500,
        note: `${(r.bytes / MB).toFixed(1)} MB JSON; ${r.accounting}; RSS ${rssMB()} MB`,
      },
      {
        id: 'server-compare-1m-fleet',
        name: 'server: GET /api/compare, 1M records, few cells (DuckDB)',
        status: 'measured',
        median: f.median,
        samples: f.samples,
        unit: 'ms',
        target: '≤ 1500 ms',
        pass: f.median <= 1500,
        note: `the seed repeated (repeatedSeed); ${(f.bytes / 1024).toFixed(0)} kB JSON; ${f.accounting}`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Section 8: 10M records (1M stored, copied 9× in SQL), loaded and compared pooled. */
export async function serverCompare10M(runs: number): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'aio-bench-server-'));
  try {
    let store = await openDuckDbStore(dir);
    const { id, ms } = await putSynth(store, 1_000_000);
    await store.close();
    const t = performance.now();
    const copies = await copySets(dir, id, 9);
    const copyMs = performance.now() - t;
    const t2 = performance.now();
    store = await openDuckDbStore(dir);
    const openMs = performance.now() - t2;
    const query = [id, ...copies].map((s) => `set=${s}`).join('&') + '&pool=1';
    const r = await timeCompare(store, query, runs);
    await store.close();
    return [
      {
        id: 'server-load-10m',
        name: 'server: 10M records = 1M putSet + 9M copied in SQL',
        status: 'info',
        median: Math.round(ms + copyMs),
        unit: 'ms',
        note: `putSet 1M ${Math.round(ms)} ms, copy 9M in SQL ${Math.round(copyMs)} ms, reopen ${Math.round(openMs)} ms`,
      },
      {
        id: 'server-compare-10m',
        name: 'server: GET /api/compare, 10M records pooled (DuckDB)',
        status: 'measured',
        median: r.median,
        samples: r.samples,
        unit: 'ms',
        note: `${(r.bytes / MB).toFixed(1)} MB JSON; ${r.accounting}; RSS ${rssMB()} MB`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
