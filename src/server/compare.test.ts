/**
 * GET /api/compare against the in-browser engine (issue 13.6), on real parts: a DuckDB file in a
 * temporary directory and the HTTP server on a loopback port. Differential: the rows the server
 * computes from SQL aggregates must equal `toSpecJson(compare(records))` over the records the
 * browser would download for the same sets (GET /api/sets/ID/records), on the bundled seed (with
 * restated rows, flagged and failed runs), on variations that exercise every scope rule, and on
 * 100k synthetic records (bench/synth.ts). Every case also takes the dashboard's path for a large
 * server set: GET /api/cells, read back by parseCellsWire and compared in the "browser" by
 * comparisonFromAggregates: the same rows again. Then every parameter's 400, the 404s and
 * hostile input.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compare, toSpecJson } from '../core/compare';
import { withTailAndQ } from '../core/compare/tail-verdict.output';
import { comparisonFromAggregates } from '../core/compare/aggregates.compare';
import { parseCellsWire } from '../core/compare/aggregates.wire';
import { aggregateFacets, aggregatesOnSides } from '../core/compare/aggregates.view';
import { compareValues, dimensionValue } from '../core/compare/dimensions';
import type { Dimension } from '../core/model/record.types';
import type { ComparisonSpec } from '../core/compare';
import type { ResultRecord } from '../core/model/record.types';
import { asBytes, asIops, asMicroseconds } from '../core/model/units';
import { synthRecords } from '../../bench/synth';
import { acceptsGzip, jsonArrayPieces } from './gzip';
import { createApiHandler } from './http';
import { openDuckDbStore } from './store/duckdb';
import type { ResultStore } from './store/result-store';
import { describeSet, seedRecords } from './store/contract.test-suite';

let dir = '';
let store: ResultStore;
let server: Server;
let base = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aio-compare-'));
  store = await openDuckDbStore(dir);
  const api = createApiHandler({
    store: () => Promise.resolve(store),
    token: null,
    log: () => undefined,
  });
  server = createServer((req, res) => {
    if (!api(req, res)) res.writeHead(404).end();
  });
  // The 100k case blocks this process for seconds between requests (synthesis, put): with the
  // default 5 s keep-alive the server may close the pooled socket as fetch reuses it (ECONNRESET).
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * `records` with tails: p99.9 from p99 (or 3 × the mean), worse for native (×1.5–×3.5 by record), and a maximum in
 * two records of three (tail values missing on some records, as in real sets).
 */
function withTails(records: readonly ResultRecord[]): ResultRecord[] {
  return records.map((r, i) => {
    const p99 = r.lat_p99_us ?? (r.lat_mean_us === null ? null : r.lat_mean_us * 3);
    if (p99 === null) return r;
    const worse = r.aio === 'native' ? 1.5 + (i % 5) / 2 : 1 + (i % 4) / 50;
    return {
      ...r,
      lat_p999_us: asMicroseconds(p99 * 1.4 * worse),
      lat_max_us: i % 3 === 0 ? null : asMicroseconds(p99 * 6 * worse),
    };
  });
}

async function put(name: string, records: readonly ResultRecord[]): Promise<string> {
  const set = await store.putSet(describeSet(name, records.length), records, 'test');
  return set.id;
}

async function get(query: string): Promise<{ status: number; body: unknown; headers: Headers }> {
  const res = await fetch(`${base}/api/compare?${query}`);
  return { status: res.status, body: await res.json(), headers: res.headers };
}

/** What the browser engine says: the sets' records as the server hands them out, compared. */
async function inBrowser(ids: string[], spec: Partial<ComparisonSpec>) {
  const records: ResultRecord[] = [];
  for (const id of ids) records.push(...(await store.getRecords(id))!);
  const hostOnly = records.length > 0 && records.every((r) => r.layer === 'host');
  const c = compare(records, { ...spec, includeHostLayer: hostOnly });
  // As `aio-dash compare --format json` prints them: with q_value and tail_regression.
  const rows = withTailAndQ(toSpecJson(c), c);
  // The axis values of the records in scope (host-layer records out unless compared), counted.
  const axis = spec.axis ?? 'aio';
  const counts = new Map<string, number>();
  for (const r of records)
    if (hostOnly || axis === 'layer' || r.layer !== 'host') {
      const v = dimensionValue(r, axis);
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
  const axisValues = [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => compareValues(a.value, b.value));
  return { rows: JSON.parse(JSON.stringify(rows)) as unknown, comparison: c, axisValues };
}

/** The query string of a spec (the API's parameter names). */
function queryOf(ids: string[], spec: Partial<ComparisonSpec>): string {
  const q = new URLSearchParams();
  for (const id of ids) q.append('set', id);
  if (spec.axis) q.set('axis', spec.axis);
  if (spec.baseline !== undefined) q.set('base', spec.baseline);
  if (spec.candidate !== undefined) q.set('cand', spec.candidate);
  if (spec.poolSets) q.set('pool', '1');
  if (spec.excludeFlagged === false) q.set('include-flagged', '1');
  if (spec.thresholdPct !== undefined) q.set('threshold', String(spec.thresholdPct));
  return q.toString();
}

/** The dashboard's path: the aggregates over HTTP, read back and compared by core. */
async function fromCells(ids: string[], spec: Partial<ComparisonSpec>) {
  const res = await fetch(
    `${base}/api/cells?${queryOf(ids, { ...spec, thresholdPct: undefined })}`,
  );
  expect(res.status).toBe(200);
  const agg = parseCellsWire(await res.json());
  if (!agg.ok) throw new Error(agg.reason);
  const c = comparisonFromAggregates(agg.value, spec);
  return {
    rows: JSON.parse(JSON.stringify(withTailAndQ(toSpecJson(c), c))) as unknown,
    axisValues: agg.value.axisValues,
  };
}

async function expectSameAsBrowser(ids: string[], spec: Partial<ComparisonSpec>) {
  const want = await inBrowser(ids, spec);
  const got = await get(queryOf(ids, spec));
  expect(got.status).toBe(200);
  expect(got.body).toEqual(want.rows);
  const cells = await fromCells(ids, spec);
  expect(cells.rows).toEqual(want.rows);
  expect(cells.axisValues).toEqual(want.axisValues);
  const a = want.comparison.accounting;
  expect(got.headers.get('x-aio-accounting')).toBe(
    `records=${a.records}; paired=${a.paired}; unpaired=${a.unpaired}; out-of-scope=${a.outOfScope}; cells=${want.comparison.cells.length}`,
  );
  return got.body as unknown[];
}

describe('GET /api/compare = the in-browser engine', () => {
  let seedId = '';
  let otherId = '';
  let hostId = '';
  let againId = '';
  let mixedId = '';

  beforeAll(async () => {
    const records = seedRecords();
    seedId = await put('seed', records);
    // A second set: the seed measured again, slower, with a dimension and a metric as extras.
    otherId = await put(
      'other',
      records.map((r, i) => ({
        ...r,
        iops: r.iops === null ? null : asIops(r.iops * (1 + (i % 7) / 50)),
        extra: { ...r.extra, testbed: i % 3 ? 'rack-a' : 'rack-b', 'util%': `${i % 90}.5` },
      })),
    );
    // The seed measured again, a little faster: the same cells under another set name.
    againId = await put(
      'again',
      records.map((r, i) => ({
        ...r,
        iops: r.iops === null ? null : asIops(r.iops * (1.01 + (i % 5) / 100)),
      })),
    );
    // Only host-layer records (an `aio-dash bench` set): compared with each other.
    hostId = await put(
      'host',
      records.map((r) => ({ ...r, layer: 'host' as const })),
    );
    // Some host-layer records among guest ones: those are out of scope.
    mixedId = await put(
      'mixed',
      records.map((r, i) => ({ ...r, layer: i % 5 === 0 ? ('host' as const) : r.layer })),
    );
  });

  it('on the seed (restated rows, flagged and failed runs), with the seed having cells', async () => {
    const rows = await expectSameAsBrowser([seedId], {});
    expect(rows.length).toBeGreaterThan(50);
  });

  it('along other axes and values, with flagged records, another threshold', async () => {
    await expectSameAsBrowser([seedId], { baseline: 'threads', candidate: 'io_uring' });
    await expectSameAsBrowser([seedId], { baseline: 'native', candidate: 'threads' });
    await expectSameAsBrowser([seedId], { excludeFlagged: false, thresholdPct: 10 });
    const byRw = await expectSameAsBrowser([seedId], {
      axis: 'rw',
      baseline: 'randread',
      candidate: 'randwrite',
    });
    expect(byRw.length).toBeGreaterThan(50);
    // Numbers and booleans along the axis (matched as dimensionValue() spells them): the seed
    // twice, once per value, the second time a little faster.
    const twice = (change: (second: boolean) => Partial<ResultRecord>) =>
      seedRecords().flatMap((r) => [
        { ...r, ...change(false) },
        { ...r, ...change(true), iops: r.iops === null ? null : asIops(r.iops * 1.07) },
      ]);
    const depth = await put(
      'depth',
      twice((b) => ({ iodepth: b ? 16 : 1 })),
    );
    const bs = await put(
      'bs',
      twice((b) => ({ bs: asBytes(b ? 65536 : 4096) })),
    );
    const iothread = await put(
      'iothread',
      twice((b) => ({ iothread: b })),
    );
    for (const [id, axis, baseline, candidate] of [
      [depth, 'iodepth', '1', '16'],
      [bs, 'bs', '4096', '65536'],
      [iothread, 'iothread', 'false', 'true'],
    ] as const) {
      const rows = await expectSameAsBrowser([id], { axis, baseline, candidate });
      expect(rows.length).toBeGreaterThan(50);
    }
    // '1.0' is not how a record's iodepth 1 reads: nothing matches, in both engines.
    expect(
      await expectSameAsBrowser([depth], { axis: 'iodepth', baseline: '1.0', candidate: '16' }),
    ).toEqual([]);
  });

  it('over two sets: apart, pooled, along set, along an extra column', async () => {
    await expectSameAsBrowser([seedId, otherId], {});
    await expectSameAsBrowser([otherId, seedId], { poolSets: true });
    const pooled = await expectSameAsBrowser([againId, seedId], { poolSets: true });
    expect(pooled.length).toBeGreaterThan(50);
    const bySet = await expectSameAsBrowser([seedId, againId], {
      axis: 'set',
      baseline: 'seed',
      candidate: 'again',
    });
    expect(bySet.length).toBeGreaterThan(50);
    const racks = await put(
      'racks',
      seedRecords().flatMap((r) => [
        { ...r, extra: { ...r.extra, testbed: 'rack-a' } },
        { ...r, extra: { ...r.extra, testbed: 'rack-b' } },
      ]),
    );
    const byExtra = await expectSameAsBrowser([racks, otherId], {
      axis: 'x:testbed',
      baseline: 'rack-a',
      candidate: 'rack-b',
    });
    expect(byExtra.length).toBeGreaterThan(0);
  });

  it('host layer: an all-host set is compared, host records among guest ones are not', async () => {
    const host = await expectSameAsBrowser([hostId], {});
    expect(host.length).toBeGreaterThan(0);
    await expectSameAsBrowser([mixedId], {});
    await expectSameAsBrowser([mixedId], { axis: 'layer', baseline: 'guest', candidate: 'host' });
  });

  it('tail regressions and q-values: the medians of p99.9 and max from SQL', async () => {
    const id = await put('tails', withTails(seedRecords()));
    const rows = (await expectSameAsBrowser([id], {})) as { tail_regression: unknown }[];
    const tails = rows.filter((r) => r.tail_regression !== null);
    expect(tails.length).toBeGreaterThan(5);
    expect(rows.length - tails.length).toBeGreaterThan(5);
    await expectSameAsBrowser([id], { thresholdPct: 40 });
  });

  it('on 100k synthetic records (bench/synth.ts), apart and pooled', async () => {
    const id = await put('synth', withTails(synthRecords(100_000)));
    const rows = await expectSameAsBrowser([id], {});
    expect(rows.length).toBeGreaterThan(5000);
    await expectSameAsBrowser([id, seedId], { poolSets: true });
    // The answer is written in slices: a client that leaves after the first bytes does not stop
    // the server from answering the next one.
    const leaving = new AbortController();
    const res = await fetch(`${base}/api/compare?set=${id}`, { signal: leaving.signal });
    const reader = res.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    leaving.abort();
    await expect(reader.read()).rejects.toThrow();
    expect((await get(`set=${id}`)).status).toBe(200);

    // Gzip for a client that takes it (q=0 refuses it), the same bytes inside, again and again.
    for (const path of ['compare', 'cells']) {
      const plain = await rawGet(`/api/${path}?set=${id}`, null);
      const zipped = await rawGet(`/api/${path}?set=${id}`, 'br;q=1, gzip;q=0.8');
      expect(plain.headers['content-encoding']).toBe(undefined);
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers.vary).toBe('Accept-Encoding');
      expect(zipped.body.length).toBeLessThan(plain.body.length / 3);
      expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
      const refused = await rawGet(`/api/${path}?set=${id}`, 'gzip;q=0, identity');
      expect(refused.headers['content-encoding']).toBe(undefined);
    }
    const again = await rawGet(`/api/cells?set=${id}`, 'gzip');
    expect(again.body.equals((await rawGet(`/api/cells?set=${id}`, 'gzip')).body)).toBe(true);
  }, 600_000);
});

/** A GET with `Accept-Encoding: encoding` (none when null), its headers and raw body bytes. */
function rawGet(
  path: string,
  encoding: string | null,
): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((done, failed) => {
    const req = request(`${base}${path}`, {
      headers: encoding === null ? {} : { 'accept-encoding': encoding },
    });
    req.on('response', (res) => {
      const parts: Buffer[] = [];
      res.on('data', (b: Buffer) => parts.push(b));
      res.on('end', () => done({ headers: res.headers, body: Buffer.concat(parts) }));
      res.on('error', failed);
    });
    req.on('error', failed);
    req.end();
  });
}

describe('the dashboard over /api/cells: filters and facets mean what they mean over records', () => {
  it('facet counts = the in-scope records passing every other filter; an axis filter = the records of that side', async () => {
    const records = seedRecords();
    const id = await put('facets', records);
    const res = await fetch(`${base}/api/cells?set=${id}`);
    const agg = parseCellsWire(await res.json());
    if (!agg.ok) throw new Error(agg.reason);
    const spec = { axis: 'aio' as const, baseline: 'threads', candidate: 'native' };
    const dims: Dimension[] = [...agg.value.dims.filter((d) => d !== 'set'), 'aio'];
    // Plainly: the records compare() takes in scope, each counted under the filters but its own.
    const inScope = records.filter(
      (r) => (r.aio === 'threads' || r.aio === 'native') && r.layer !== 'host',
    );
    const reference = (filters: [Dimension, Set<string>][]) => {
      const out: Record<string, { value: string; count: number }[]> = {};
      for (const dim of dims) {
        const counts = new Map<string, number>();
        for (const r of inScope) {
          const others = filters.filter(([d]) => d !== dim);
          if (!others.every(([d, vs]) => vs.has(dimensionValue(r, d)))) continue;
          const v = dimensionValue(r, dim);
          counts.set(v, (counts.get(v) ?? 0) + 1);
        }
        out[dim] = [...counts].map(([value, count]) => ({ value, count }));
      }
      return out;
    };
    const sorted = (f: Record<string, { value: string; count: number }[]>) =>
      Object.fromEntries(
        Object.entries(f).map(([d, vs]) => [
          d,
          [...vs].sort((a, b) => (a.value < b.value ? -1 : 1)),
        ]),
      );
    for (const filters of [
      [],
      [['medium', new Set(['ssd'])]],
      [
        ['medium', new Set(['ssd'])],
        ['aio', new Set(['native'])],
        ['rw', new Set(['randread', 'randwrite'])],
      ],
    ] as [Dimension, Set<string>][][]) {
      const got = aggregateFacets(agg.value, spec, dims, filters);
      expect(sorted(got)).toEqual(sorted(reference(filters)));
      expect(Object.values(got.medium ?? []).length).toBeGreaterThan(0);
    }
    // Only the candidate side: no cell pairs, every candidate record still counted.
    const native = aggregatesOnSides(agg.value, [false, true]);
    const c = comparisonFromAggregates(native, spec);
    expect(c.cells).toEqual([]);
    expect(c.accounting.unpaired).toBe(inScope.filter((r) => r.aio === 'native').length);
  });
});

describe('GET /api/compare: parameters', () => {
  let id = '';
  beforeAll(async () => {
    id = await put("x'; DROP TABLE records; --", seedRecords().slice(0, 40));
  });

  it.each([
    ['', 'set: at least one set id'],
    ['set=../etc', "set: '../etc' is not a set id"],
    ['set=ID&verbose=1', "unknown parameter 'verbose'"],
    ['set=ID&axis=aio&axis=rw', 'axis: given more than once'],
    ['set=ID&axis=colour', 'axis: an environment field or x:COLUMN'],
    ['set=ID&axis=rw', 'base: needed when axis is not aio'],
    ['set=ID&base=native&cand=native', 'base and cand must differ'],
    ['set=ID&base=', 'base: 1 to 200 characters, no control characters'],
    ['set=ID&pool=yes', 'pool: 0 or 1'],
    ['set=ID&include-flagged=2', 'include-flagged: 0 or 1'],
    ['set=ID&threshold=-1', 'threshold: a percentage ≥ 0'],
    ['set=ID&threshold=abc', 'threshold: a percentage ≥ 0'],
  ])('400 for %s', async (query, message) => {
    const got = await get(query.replace('ID', id));
    expect(got.status).toBe(400);
    expect(got.body).toEqual({ error: message });
  });

  it("/api/cells: the same checks; the threshold is the browser's, not a parameter", async () => {
    const cells = async (query: string) => {
      const res = await fetch(`${base}/api/cells?${query}`);
      return { status: res.status, body: (await res.json()) as unknown };
    };
    expect(await cells(`set=${id}&threshold=5`)).toEqual({
      status: 400,
      body: { error: "unknown parameter 'threshold'" },
    });
    expect(await cells('set=../etc')).toEqual({
      status: 400,
      body: { error: "set: '../etc' is not a set id" },
    });
    expect((await cells('set=nosuchset')).status).toBe(404);
    const ok = await cells(`set=${id}`);
    expect(ok.status).toBe(200);
    expect(parseCellsWire(ok.body).ok).toBe(true);
  });

  it('404 for an unknown set or one in the trash; 405 for another method', async () => {
    expect((await get('set=nosuchset')).status).toBe(404);
    expect((await get(`set=${id}&set=nosuchset`)).status).toBe(404);
    // Asked twice before the trash: the second answer comes from the server's cache of
    // aggregates, which must not outlive the set.
    const doomed = await put('doomed', seedRecords().slice(0, 10));
    expect((await get(`set=${doomed}`)).status).toBe(200);
    expect((await get(`set=${doomed}`)).status).toBe(200);
    await store.trashSet(doomed, 'test');
    expect((await get(`set=${doomed}`)).status).toBe(404);
    expect((await fetch(`${base}/api/cells?set=${doomed}`)).status).toBe(404);
    await store.restoreSet(doomed, 'test');
    expect((await get(`set=${doomed}`)).status).toBe(200);
    const post = await fetch(`${base}/api/compare?set=${id}`, { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('SQL metacharacters in names and values are only values', async () => {
    const hostile = "x'); DROP TABLE sets; --";
    for (const q of [
      `set=${id}&axis=aio&base=${encodeURIComponent(hostile)}&cand=native`,
      `set=${id}&axis=${encodeURIComponent(`x:${hostile}`)}&base=a&cand=b`,
      `set=${id}&axis=${encodeURIComponent('x:/~0"\\')}&base=a&cand=b`,
    ]) {
      const got = await get(q);
      expect(got.status).toBe(200);
      expect(got.body).toEqual([]);
    }
    // The set named like an injection is still there, and compares as before.
    expect((await store.getSet(id))?.name).toBe("x'; DROP TABLE records; --");
    await expectSameAsBrowser([id], {});
  });
});

describe('acceptsGzip', () => {
  it.each<[string | undefined, boolean]>([
    [undefined, false],
    ['', false],
    ['gzip, deflate, br', true],
    ['br;q=1.0, GZIP;q=0.5', true],
    ['*', true],
    ['gzip;q=0', false],
    ['gzip;q=0.0, identity', false],
    ['deflate, br', false],
    ['x-gzip', false],
  ])('%j → %s', (header, want) => expect(acceptsGzip(header)).toBe(want));
});

describe('jsonArrayPieces', () => {
  it('joins to JSON.stringify of the whole array, whatever the length and piece size', () => {
    for (const length of [0, 1, 3, 7])
      for (const per of [1, 3, 10]) {
        const items = Array.from({ length }, (_, i) => ({ i, s: `a,"${i}"]` }));
        const text = [...jsonArrayPieces(length, per, (from, to) => items.slice(from, to))].join(
          '',
        );
        expect(text).toBe(JSON.stringify(items));
      }
  });
});
