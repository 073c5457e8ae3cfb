/**
 * Bench sections of the team server's compare in the database (issue 13.6), run from run.ts:
 *
 *   7. 1M synthetic records (synth.ts) stored in DuckDB through the store's own putSet, then
 *      GET /api/compare over HTTP (aggregates in SQL, verdicts in TS, the JSON of
 *      `aio-dash compare --format json`), each request cold        target ≤ 1.5 s;
 *      GET /api/cells (what the dashboard asks for a set kept on the server) and the dashboard's
 *      work on its answer: the first view, and a view change (threshold, filter) target ≤ 1 s;
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
import { decideAggregates, prepareAggregates } from '../src/core/compare/aggregates.compare';
import { aggregateFacets } from '../src/core/compare/aggregates.view';
import type { ActiveFilter } from '../src/core/compare/aggregates.view';
import { parseCellsWire } from '../src/core/compare/aggregates.wire';
import { pivot } from '../src/core/compare/pivot';
import { defaultLayout } from '../src/core/url-state/url-state';
import { createApiHandler } from '../src/server/http';
import { openDuckDbStore } from '../src/server/store/duckdb';
import type { ResultStore } from '../src/server/store/result-store';
import { gc, summarize } from './harness';
import { repeatedSeed, synthRecords } from './synth';
import type { BenchRow } from './run';

const MB = 1024 * 1024;
const rssMB = () => Math.round(process.memoryUsage().rss / MB);

/**
 * Stores `n` records as one set through putSet (synthRecords: many cells with a few repeats, or
 * only `cells` base cells of its matrix; `fleet`: repeatedSeed, few cells with many); returns
 * its id and the time taken.
 */
async function putSynth(
  store: ResultStore,
  n: number,
  shape: { fleet?: boolean; cells?: number } = {},
): Promise<{ id: string; ms: number }> {
  let records: ReturnType<typeof synthRecords> | null = shape.fleet
    ? repeatedSeed(n)
    : synthRecords(n, {
        fileName: `synth-${n}.csv`,
        ...(shape.cells ? { cells: shape.cells } : {}),
      });
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

/**
 * GET /api/PATH?query `runs` times after one warm-up, each on a new API handler: the route keeps
 * the aggregates of recent queries (compare.route.ts), and a cold request is what a first visit
 * pays. `cached`: one more request on the last handler, served from that cache. /api/cells is
 * asked as a browser asks (gzip, unzipped here), /api/compare as a pipeline's curl (identity).
 */
async function timeRoute(store: ResultStore, path: string, query: string, runs: number) {
  const encoding = path === 'cells' ? 'gzip' : 'identity';
  let api = createApiHandler({ store: () => Promise.resolve(store), token: null });
  const server = createServer((req, res) => {
    if (!api(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/${path}?${query}`;
  const samples: number[] = [];
  let text = '';
  let accounting = '';
  let sent = 0;
  const once = async () => {
    const t = performance.now();
    const res = await fetch(url, { headers: { 'accept-encoding': encoding } });
    text = await res.text();
    if (res.status !== 200) throw new Error(`/api/${path}: ${res.status}`);
    sent = Number(res.headers.get('content-length') ?? Buffer.byteLength(text));
    accounting = res.headers.get('x-aio-accounting') ?? '';
    return performance.now() - t;
  };
  let cached = 0;
  try {
    for (let i = 0; i <= runs; i++) {
      api = createApiHandler({ store: () => Promise.resolve(store), token: null });
      const ms = await once();
      if (i > 0) samples.push(ms);
      gc();
    }
    cached = await once();
  } finally {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
  return { ...summarize(samples), bytes: Buffer.byteLength(text), sent, text, accounting, cached };
}

/**
 * What the dashboard does with a `/api/cells` answer (useServerAnalysis.ts, usePivots): `open`,
 * reading it, preparing, deciding, the pivot and the facets; `threshold`, deciding again and the
 * pivot; `filter`, a filter on a cell dimension: the cells selected, the pivot and the facets.
 */
function timeViewChange(text: string, runs: number) {
  const spec = { axis: 'aio' as const, baseline: 'threads', candidate: 'native' };
  const layout = { ...defaultLayout('aio'), metric: 'iops' as const, value: 'delta' as const };
  const open: number[] = [];
  const threshold: number[] = [];
  const filter: number[] = [];
  let cells = 0;
  for (let i = 0; i < runs; i++) {
    gc();
    let t = performance.now();
    const agg = parseCellsWire(JSON.parse(text));
    if (!agg.ok) throw new Error(agg.reason);
    const dims = [...agg.value.dims.filter((d) => d !== 'set'), spec.axis];
    const prepared = prepareAggregates(agg.value, spec);
    const first = decideAggregates(prepared, 5);
    pivot(first, layout);
    aggregateFacets(agg.value, spec, dims, []);
    open.push(performance.now() - t);
    cells = first.cells.length;

    t = performance.now();
    const again = decideAggregates(prepared, 10 + i);
    pivot(again, layout);
    threshold.push(performance.now() - t);

    t = performance.now();
    const medium = agg.value.groups[0]?.values[agg.value.dims.indexOf('medium')] ?? '';
    const only: ActiveFilter = ['medium', new Set([medium])];
    pivot({ ...again, cells: again.cells.filter((c) => c.cell.medium === medium) }, layout);
    aggregateFacets(agg.value, spec, dims, [only]);
    filter.push(performance.now() - t);
  }
  return {
    open: summarize(open),
    threshold: summarize(threshold),
    filter: summarize(filter),
    cells,
  };
}

/** A view change of the dashboard, against the budget (≤ 1 s). */
const viewRow = (
  id: string,
  what: string,
  t: ReturnType<typeof summarize>,
  note: string,
): BenchRow => ({
  id,
  name: `dashboard: ${what}`,
  status: 'measured',
  median: t.median,
  samples: t.samples,
  unit: 'ms',
  target: '≤ 1000 ms',
  pass: t.median <= 1000,
  note,
});

/** Rows of one server comparison: /api/compare cold and cached, /api/cells, the page's view change. */
async function compareRows(
  store: ResultStore,
  query: string,
  runs: number,
  id: string,
  what: string,
  target: number | null,
): Promise<BenchRow[]> {
  const r = await timeRoute(store, 'compare', query, runs);
  const c = await timeRoute(store, 'cells', query, runs);
  const v = timeViewChange(c.text, runs);
  const ms = (x: number) => `${Math.round(x)} ms`;
  return [
    {
      id: `server-compare-${id}`,
      name: `server: GET /api/compare, ${what} (DuckDB)`,
      status: 'measured',
      median: r.median,
      samples: r.samples,
      unit: 'ms',
      ...(target === null ? {} : { target: `≤ ${target} ms`, pass: r.median <= target }),
      note: `${(r.bytes / MB).toFixed(1)} MB JSON; ${r.accounting}; again from the route's cache ${ms(r.cached)}; RSS ${rssMB()} MB`,
    },
    {
      id: `server-cells-${id}`,
      name: `server: GET /api/cells (the dashboard's request), ${what}`,
      status: 'measured',
      median: c.median,
      samples: c.samples,
      unit: 'ms',
      note: `${(c.bytes / MB).toFixed(2)} MB JSON, ${(c.sent / MB).toFixed(2)} MB gzipped; again from the route's cache ${ms(c.cached)}`,
    },
    {
      id: `server-view-open-${id}`,
      name: `dashboard: read the /api/cells answer + compare + pivot + facets, ${what}`,
      status: 'measured',
      median: v.open.median,
      samples: v.open.samples,
      unit: 'ms',
      note: `${v.cells} cells`,
    },
    viewRow(
      `server-view-threshold-${id}`,
      `threshold change on a server set, ${what}`,
      v.threshold,
      'decideAggregates + pivot, from the one answer',
    ),
    viewRow(
      `server-view-filter-${id}`,
      `filter change on a server set, ${what}`,
      v.filter,
      'cells selected + pivot + facets, from the one answer',
    ),
  ];
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

/** Base cells of the 1M-record sets between the fleet's 96 cells and the matrix's 68k. */
const CELL_SWEEP = [1_000, 4_000, 16_000];

/** Section 7: /api/compare on 1M records. */
export async function serverCompare1M(runs: number): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'aio-bench-server-'));
  try {
    const store = await openDuckDbStore(dir);
    const { id, ms } = await putSynth(store, 1_000_000);
    const fleet = await putSynth(store, 1_000_000, { fleet: true });
    const rows: BenchRow[] = [
      {
        id: 'server-load-1m',
        name: 'server: store 1M records (putSet, DuckDB appender)',
        status: 'info',
        median: Math.round(ms),
        unit: 'ms',
      },
      ...(await compareRows(store, `set=${id}`, runs, '1m', '1M records', 1500)),
      ...(await compareRows(
        store,
        `set=${fleet.id}`,
        runs,
        '1m-fleet',
        '1M records of few cells (the seed repeated)',
        1500,
      )),
    ];
    // Between the two: the same 1M records in fewer cells, for where the budget is crossed
    // (the answer grows with the cells: 1.3 kB of JSON each).
    for (const cells of CELL_SWEEP) {
      const set = await putSynth(store, 1_000_000, { cells });
      const r = await timeRoute(store, 'compare', `set=${set.id}`, Math.min(runs, 3));
      rows.push({
        id: `server-compare-1m-${cells}-cells`,
        name: `server: GET /api/compare, 1M records in ${cells.toLocaleString('en')} base cells (DuckDB)`,
        status: 'measured',
        median: r.median,
        samples: r.samples,
        unit: 'ms',
        target: '≤ 1500 ms',
        pass: r.median <= 1500,
        note: `${(r.bytes / MB).toFixed(1)} MB JSON; ${r.accounting}`,
      });
    }
    await store.close();
    return rows;
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
    const compared = await compareRows(store, query, runs, '10m', '10M records pooled', null);
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
      ...compared,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
