/**
 * The comparison in the database (docs/result-set.md, "The team server's HTTP API"; issue 13.6):
 *
 *   GET /api/compare?set=ID[&set=ID…][&axis=aio&base=threads&cand=native][&pool=1]
 *                   [&threshold=5][&include-flagged=1]
 *     the rows of `aio-dash compare --format json` (q_value and tail_regression included), with
 *     the cells aggregated inside the database (ResultStore.aggregateCells) and the verdicts
 *     decided by the browser engine's own code (core/compare/aggregates.compare.ts);
 *   GET /api/cells?… (the same parameters but threshold)
 *     the aggregates themselves (core/compare/aggregates.wire.ts): what the dashboard compares a
 *     large server set from, without downloading its records, with that same code.
 *
 * No record is read into JS. Every parameter is checked (400 with a message; an unknown one too);
 * a set that is unknown or in the trash is a 404. The accounting (`aio-dash compare` prints it on
 * stderr) is in the `X-Aio-Accounting` header of /api/compare.
 *
 * A stored set never changes, so the aggregates of a query are kept (AggregatesCache) and served
 * again while its sets are live: the dashboard asks for the same cells on every visit of a link.
 * Both answers are gzipped for a client that takes it (a browser); the /api/cells answer of a
 * kept query is zipped once and sent as it is to the next visit.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Comparison, ComparisonSpec } from '../core/compare/compare.types';
import { isDimension } from '../core/compare/dimensions';
import { toSpecJson } from '../core/compare/output';
import { tailAndQOf } from '../core/compare/tail-verdict.output';
import { comparisonFromAggregates } from '../core/compare/aggregates.compare';
import type { CellAggregates } from '../core/compare/aggregates.types';
import { toCellsWire } from '../core/compare/aggregates.wire';
import { acceptsGzip, GZIP_HEADERS, gzipText, jsonArrayPieces, streamAnswer } from './gzip';
import type { CellQuery, ResultStore } from './store/result-store';
import { SET_ID } from './store/result-store';

/** Sets in one comparison: more is a mistake in a link, not a comparison. */
export const MAX_COMPARE_SETS = 64;

const CELLS_PARAMS = ['set', 'axis', 'base', 'cand', 'pool', 'include-flagged'];
const COMPARE_PARAMS = [...CELLS_PARAMS, 'threshold'];

/** A parsed request, or the message of its 400. */
export type CompareRequest =
  { ok: true; query: CellQuery; spec: Partial<ComparisonSpec> } | { ok: false; message: string };

/** An axis value: 1–200 characters, no control characters ('' is not a value one can ask for). */
function axisValue(name: string, raw: string | null, fallback: string | null): string {
  const v = raw ?? fallback;
  if (v === null) throw new Error(`${name}: needed when axis is not aio`);
  // eslint-disable-next-line no-control-regex
  if (v.length === 0 || v.length > 200 || /[\u0000-\u001f\u007f]/.test(v))
    throw new Error(`${name}: 1 to 200 characters, no control characters`);
  return v;
}

/** A 0/1 switch. */
function flag(params: URLSearchParams, name: string): boolean {
  const v = params.get(name);
  if (v === null || v === '0') return false;
  if (v === '1') return true;
  throw new Error(`${name}: 0 or 1`);
}

/** Reads and checks the query of GET /api/compare (of /api/cells: `known` without threshold). */
export function parseCompareRequest(
  params: URLSearchParams,
  known: readonly string[] = COMPARE_PARAMS,
): CompareRequest {
  try {
    for (const [name] of params)
      if (!known.includes(name)) throw new Error(`unknown parameter '${name.slice(0, 40)}'`);
    for (const name of known)
      if (name !== 'set' && params.getAll(name).length > 1)
        throw new Error(`${name}: given more than once`);
    const sets = [...new Set(params.getAll('set'))];
    if (sets.length === 0) throw new Error('set: at least one set id');
    if (sets.length > MAX_COMPARE_SETS) throw new Error(`set: at most ${MAX_COMPARE_SETS} sets`);
    for (const id of sets)
      if (!SET_ID.test(id)) throw new Error(`set: '${id.slice(0, 64)}' is not a set id`);
    const axis = params.get('axis') ?? 'aio';
    if (!isDimension(axis)) throw new Error('axis: an environment field or x:COLUMN');
    const isAio = axis === 'aio';
    const baseline = axisValue('base', params.get('base'), isAio ? 'threads' : null);
    const candidate = axisValue('cand', params.get('cand'), isAio ? 'native' : null);
    if (baseline === candidate) throw new Error('base and cand must differ');
    const poolSets = flag(params, 'pool');
    const excludeFlagged = !flag(params, 'include-flagged');
    const rawThreshold = params.get('threshold');
    const thresholdPct = rawThreshold === null ? 5 : Number(rawThreshold);
    if (rawThreshold === '' || !Number.isFinite(thresholdPct) || thresholdPct < 0)
      throw new Error('threshold: a percentage ≥ 0');
    return {
      ok: true,
      query: { sets, axis, baseline, candidate, poolSets, excludeFlagged },
      spec: { axis, baseline, candidate, poolSets, excludeFlagged, thresholdPct },
    };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

const JSON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
  'Content-Type': 'application/json; charset=utf-8',
};

function send(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, JSON_HEADERS);
  res.end(body);
}

/**
 * Rows made and written per slice: the answer goes out as it is made, so neither every row object
 * nor the whole text (89 MB for the 68k cells of the 1M bench set) is held at once.
 */
const ROWS_PER_WRITE = 2000;

/**
 * The JSON array of `JSON.stringify(withTailAndQ(toSpecJson(comparison), …))`, byte for byte, a
 * slice of rows at a time (streamAnswer writes each as it is made).
 */
function rowsJson(comparison: Comparison): Generator<string> {
  const extra = tailAndQOf(comparison);
  const cells = comparison.cells;
  return jsonArrayPieces(cells.length, ROWS_PER_WRITE, (from, to) =>
    // Object.assign, not a spread: the same keys in the same order without a copy of each row.
    toSpecJson({ ...comparison, cells: cells.slice(from, to) }).map((row, i) =>
      Object.assign(row, extra(from + i)),
    ),
  );
}

/**
 * The aggregates of recent queries, newest last, at most MAX_CACHED_GROUPS groups in all: the
 * 68k cells of the 1M bench set are 137k groups, 144 MB of objects (measured), so the cache holds
 * one answer of that size or many of a fleet's (96 cells: 192 groups). An entry is served only
 * after its sets are checked to be live: a set in the trash is a 404 as without the cache.
 */
const MAX_CACHED_GROUPS = 150_000;

/** A query's aggregates, and its /api/cells answer gzipped once a browser asked for it. */
interface Cached {
  agg: CellAggregates;
  cellsGzip?: Promise<Buffer>;
}

class AggregatesCache {
  private readonly entries = new Map<string, Cached>();

  /** The entry of `query` (a new one, not kept, when its groups are too many to keep). */
  async get(store: ResultStore, query: CellQuery): Promise<Cached | null> {
    const key = JSON.stringify([
      query.sets,
      query.axis,
      query.baseline,
      query.candidate,
      query.poolSets,
      query.excludeFlagged,
    ]);
    const kept = this.entries.get(key);
    if (kept) {
      for (const id of query.sets) if ((await store.getSet(id))?.deleted !== null) return null;
      this.entries.delete(key); // newest last
      this.entries.set(key, kept);
      return kept;
    }
    const agg = await store.aggregateCells(query);
    if (!agg) return null;
    const entry: Cached = { agg };
    if (agg.groups.length <= MAX_CACHED_GROUPS) {
      this.entries.set(key, entry);
      let total = 0;
      for (const e of this.entries.values()) total += e.agg.groups.length;
      for (const [k, e] of this.entries) {
        if (total <= MAX_CACHED_GROUPS) break;
        this.entries.delete(k);
        total -= e.agg.groups.length;
      }
    }
    return entry;
  }
}

/**
 * The handler of GET /api/compare and /api/cells for one server (its own cache): true when the
 * request was for one of them (the caller then leaves it alone). Errors of the store go to `log`
 * and answer 500.
 */
export function compareRoutes(
  store: () => Promise<ResultStore>,
  log: (line: string) => void,
): (req: IncomingMessage, res: ServerResponse, url: URL) => boolean {
  const cache = new AggregatesCache();
  return (req, res, url) => {
    const cells = url.pathname === '/api/cells';
    if (!cells && url.pathname !== '/api/compare') return false;
    const error = (status: number, message: string) =>
      send(res, status, JSON.stringify({ error: message }));
    if ((req.method ?? 'GET') !== 'GET') {
      error(405, 'GET');
      return true;
    }
    const parsed = parseCompareRequest(url.searchParams, cells ? CELLS_PARAMS : COMPARE_PARAMS);
    if (!parsed.ok) {
      error(400, parsed.message);
      return true;
    }
    const zipped = acceptsGzip(req.headers['accept-encoding']);
    (async () => {
      const entry = await cache.get(await store(), parsed.query);
      if (!entry) return error(404, 'no such set (or in the trash)');
      const { agg } = entry;
      if (cells && !zipped) return send(res, 200, JSON.stringify(toCellsWire(agg)));
      if (cells) {
        // Made once per kept query: a link opened again is sent without any work.
        entry.cellsGzip ??= gzipText(JSON.stringify(toCellsWire(agg)));
        const body = await entry.cellsGzip;
        res.writeHead(200, { ...JSON_HEADERS, ...GZIP_HEADERS, 'Content-Length': body.length });
        return void res.end(body);
      }
      const comparison = comparisonFromAggregates(agg, parsed.spec);
      const a = comparison.accounting;
      await streamAnswer(
        req,
        res,
        {
          ...JSON_HEADERS,
          'X-Aio-Accounting': `records=${a.records}; paired=${a.paired}; unpaired=${a.unpaired}; out-of-scope=${a.outOfScope}; cells=${comparison.cells.length}`,
        },
        rowsJson(comparison),
      );
    })().catch((e: unknown) => {
      log(`aio-dash serve: GET ${url.pathname}: ${e instanceof Error ? e.stack : String(e)}`);
      if (!res.headersSent) error(500, 'internal error (see the server log)');
      else res.destroy();
    });
    return true;
  };
}
