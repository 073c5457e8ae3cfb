/**
 * ResultStore.aggregateCells() in DuckDB (issue 13.6): the per-cell, per-side counts and metric
 * aggregates of a comparison computed by one GROUP BY inside the engine, so that /api/compare
 * never builds a JS object per record. The rules are those of src/core/compare/reference.ts
 * (scope, host layer, what counts as a repeat); what is left to TypeScript (the restated join,
 * ordering, pairing, verdicts) is in ../../core/compare/aggregates.compare.ts, shared with every store.
 *
 * Values from a request (set ids, axis values, extra column names) are always bound parameters;
 * the SQL text is built only from names of this code (CANONICAL_COLUMNS) and placeholders.
 *
 * Results are read a vector at a time (duckdb-cells.read.ts), not through getRowObjectsJS: the
 * bindings' per-value conversion was the cost the issue's probe measured (seconds for 320k rows).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Dimension, DimensionValue } from '../../core/model/record.types';
import { ENVIRONMENT_FIELDS } from '../../core/model/record.types';
import { NON_DIMENSION_EXTRAS } from '../../core/compare/dimensions';
import { TAIL_METRICS } from '../../core/compare/tail-verdict';
import type { Param } from './duckdb-cells.read';
import {
  STAT_METRICS,
  dimString,
  eachRow,
  flagList,
  numOf,
  readGroups,
  textOf,
} from './duckdb-cells.read';
import { BOOL_COLUMNS, NUMBER_COLUMNS } from './record-columns';
import type { CellAggregates, CellQuery, RestatedRow } from './result-store';
import type { FacetCount } from '../../core/compare/facets';
import { axisValueCounts } from '../../core/compare/aggregates.types';

/** JSON pointer of an extra column's key (RFC 6901: ~ → ~0, / → ~1). */
const pointer = (name: string): string => '/' + name.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * extraDimensions() in SQL: the keys with a non-blank value that is not a number, then the
 * provenance / free-text names left out (in TS, for toLowerCase). Caveat: RE2's \s is ASCII
 * whitespace where JS trim() also strips Unicode spaces.
 */
const NUMERIC_RE = String.raw`^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*%?\s*$`;
const BLANK_RE = String.raw`^\s*$`;

/** The SQL value of a dimension as compared and grouped; TS turns it into the dimensionValue string. */
function dimSql(dim: Dimension, params: Param[]): string {
  if (dim.startsWith('x:')) {
    params.push(pointer(dim.slice(2)));
    return `coalesce(json_extract_string(extra, $${params.length}), '')`;
  }
  const col = `"${dim}"`;
  return NUMBER_COLUMNS.has(dim) || BOOL_COLUMNS.has(dim) ? col : `coalesce(${col}, '')`;
}

/**
 * `dimensionValue(record, axis) === value` in SQL. Numbers and booleans: dimensionValue() gives
 * String(number) and 'true'/'false', so a value matches only when it is that spelling ('32', not
 * '32.0'), and '' matches a missing value.
 */
function axisMatch(axis: Dimension, value: DimensionValue, params: Param[]): string {
  const expr = dimSql(axis, params);
  const typed = !axis.startsWith('x:') && (NUMBER_COLUMNS.has(axis) || BOOL_COLUMNS.has(axis));
  if (!typed) {
    params.push(value);
    return `${expr} = $${params.length}`;
  }
  if (value === '') return `${expr} IS NULL`;
  if (BOOL_COLUMNS.has(axis))
    return value === 'true' || value === 'false' ? `${expr} = ${value}` : 'FALSE';
  const n = Number(value);
  if (!Number.isFinite(n) || String(n) !== value) return 'FALSE';
  params.push(n);
  return `${expr} = $${params.length}::DOUBLE`;
}

/**
 * The two middle values of a median from ONE sorted state: quantile_disc takes the value at
 * ceil(n·q) − 1, so q = ½ is the lower middle and q a hair above ½ the upper one (the same value
 * when n is odd; exact for n < 10⁹). Two scalar quantile_disc calls (one on −x) sort twice: 2.2 s
 * against 0.9 s for five metrics on the 1M bench set.
 */
const MIDDLES = '[0.5, 0.5000000001]';

/**
 * The metric m of the records that count (`used`), NULL for the others: the aggregates skip NULL,
 * so they need no FILTER clause each (0.45 s against 0.25 s for the GROUP BY of the seed repeated
 * to 1M records).
 */
const usedOf = (m: string) => `"used_${m}"`;

/** Per metric, the aggregate columns of the GROUP BY (named m{k}_…), unpacked by metricCols. */
function metricAggs(m: string, k: number): string {
  const x = usedOf(m);
  return [
    `count(${x})::DOUBLE AS m${k}_n`,
    `quantile_disc(${x}, ${MIDDLES}) AS m${k}_q`,
    `avg(${x}) AS m${k}_mean`,
    `var_samp(${x}) AS m${k}_var`,
    `min(${x}) AS m${k}_min`,
    `max(${x}) AS m${k}_max`,
  ].join(', ');
}

/**
 * A DOUBLE result column that is never NULL: NaN stands for NULL (readGroups reads it so). A
 * column without NULLs has no validity mask, and the bindings test a mask with BigInt shifts per
 * value: 1M nullable values read in 450–580 ms, the same without a mask in 70–110 ms.
 */
const noNull = (expr: string) => `coalesce(${expr}, 'NaN'::DOUBLE)`;

/** The result columns of metric k, in the order `readGroups` reads them (METRIC_COLUMNS). */
const metricCols = (k: number) =>
  [`m${k}_n`, `m${k}_q[1]`, `m${k}_q[2]`, `m${k}_mean`, `m${k}_var`, `m${k}_min`, `m${k}_max`]
    .map(noNull)
    .join(', ');

/** Tail metrics: their count and middles only (a tail verdict reads medians, tail-verdict.ts). */
const TAIL_AGGS = [
  `count(coalesce(${TAIL_METRICS.map(usedOf).join(', ')}))::DOUBLE AS t_n`,
  ...TAIL_METRICS.map(
    (m, k) =>
      `count(${usedOf(m)})::DOUBLE AS t${k}_n, quantile_disc(${usedOf(m)}, ${MIDDLES}) AS t${k}_q`,
  ),
].join(', ');
const TAIL_COLS = [
  't_n',
  ...TAIL_METRICS.flatMap((_, k) => [`t${k}_n`, `t${k}_q[1]`, `t${k}_q[2]`]),
]
  .map(noNull)
  .join(', ');

/**
 * aggregateCells() on a connection of its own; null when a set is unknown or in the trash.
 * Records are ordered by the position of their set in `q.sets`, then stored order (seq).
 */
export async function aggregateCellsDuckDb(
  c: DuckDBConnection,
  q: CellQuery,
): Promise<CellAggregates | null> {
  if (q.sets.length === 0) return null;
  const setParams: Param[] = [...q.sets];
  const inList = q.sets.map((_, i) => `$${i + 1}`).join(', ');
  const live = await c.runAndReadAll(
    `SELECT count(*)::INTEGER AS n FROM sets WHERE deleted IS NULL AND id IN (${inList})`,
    setParams,
  );
  if (numOf(live.getRowObjectsJS()[0]?.n) !== new Set(q.sets).size) return null;

  // The facts of the whole sets: how many records, whether all are host-layer, extra columns.
  const facts = (
    await c.runAndReadAll(
      `SELECT count(*)::DOUBLE AS records, coalesce(bool_and(coalesce(layer = 'host', false)), false) AS host,
              count(restates)::DOUBLE AS restating
       FROM records WHERE set_id IN (${inList})`,
      setParams,
    )
  ).getRowObjectsJS()[0]!;
  const records = numOf(facts.records);
  const includeHostLayer = q.includeHostLayer ?? (records > 0 && facts.host === true);
  const extras = q.extraDimensions ?? (await detectExtraDimensions(c, inList, setParams));

  const dims: Dimension[] = [
    ...ENVIRONMENT_FIELDS.filter((f) => f !== q.axis && !(q.poolSets && f === 'set')),
    ...extras.filter((d) => d !== q.axis),
  ];
  const params: Param[] = [...setParams];
  // Extra columns that are dimensions are grouped by a code, not by their text: the text taken
  // out of each record's JSON is a new string per row, which the GROUP BY hashes row by row
  // (4.1 s against 1.7 s for the 1M bench set's one extra dimension, load 4–5), where the
  // stored columns' dictionary strings are hashed once per dictionary. The few distinct `extra`
  // objects are read once (xv), each value gets a dense code, and the answers turn codes back
  // into text through the small table xd{j}.
  const extraAt = dims.flatMap((d, i) => (d.startsWith('x:') ? [i] : []));
  const extraTexts = extraAt.map((i, j) => {
    params.push(pointer(dims[i]!.slice(2)));
    return `coalesce(json_extract_string(xe, $${params.length}), '') AS v${j}`;
  });
  const extraCtes =
    extraAt.length === 0
      ? ''
      : `xv AS (
    SELECT xe, ${extraAt.map((_, j) => `v${j}, dense_rank() OVER (ORDER BY v${j})::INTEGER AS x${j}`).join(', ')}
    FROM (SELECT xe, ${extraTexts.join(', ')}
          FROM (SELECT DISTINCT extra AS xe FROM records WHERE set_id IN (${inList})))),
  ${extraAt.map((_, j) => `xd${j} AS (SELECT DISTINCT x${j} AS code, v${j} AS v FROM xv)`).join(',\n  ')},
  `;
  const dimCols = dims
    .map((d, i) => {
      const j = extraAt.indexOf(i);
      return `${j < 0 ? dimSql(d, params) : `xv.x${j}`} AS d${i}`;
    })
    .join(', ');
  /** Dimension i of a row of the scope as its text (numbers and booleans as they are). */
  const dimOut = (i: number) => {
    const j = extraAt.indexOf(i);
    return j < 0 ? `d${i}` : `(SELECT v FROM xd${j} WHERE code = d${i})`;
  };
  const dimTexts = dims.map((_, i) => dimOut(i)).join(', ');
  const base = axisMatch(q.axis, q.baseline, params);
  const cand = axisMatch(q.axis, q.candidate, params);
  const hostOut = q.axis !== 'layer' && !includeHostLayer;
  const pos = q.sets.map((_, i) => `WHEN $${i + 1} THEN ${i}`).join(' ');
  const semi = `';' || coalesce(flags, '') || ';'`;
  const notMeasuredFlag = `contains(${semi}, ';incomplete;') OR contains(${semi}, ';failed-run;')`;
  const anyMetric = STAT_METRICS.map((m) => `"${m}" IS NOT NULL`).join(' OR ');
  /**
   * The CTE `name`: the records in scope, with their side, cell values and metrics; `where`
   * narrows the records read before anything is computed for them (the restated passes read a
   * few records of a million: 0.45–0.55 s against 0.14 s on the seed repeated to 1M records).
   */
  const scopeOf = (name: string, where = '') => `${name} AS (
    SELECT * FROM (
      SELECT (CASE set_id ${pos} END)::DOUBLE * 4294967296 + seq AS ord,
        CASE WHEN ${base} THEN 0 WHEN ${cand} THEN 1 END AS side,
        ${dimCols}, flags, restates, origin,
        NOT (${notMeasuredFlag}) AND (${anyMetric}) AS measured,
        ${[...STAT_METRICS, ...TAIL_METRICS].map((m) => `"${m}"`).join(', ')}
      FROM records${extraAt.length === 0 ? '' : ' JOIN xv ON records.extra = xv.xe'}
      WHERE set_id IN (${inList}) ${hostOut ? `AND coalesce(layer, '') <> 'host'` : ''} ${where}
    ) WHERE side IS NOT NULL)`;
  const scope = extraCtes + scopeOf('scope');
  const dimNames = dims.map((_, i) => `d${i}`).join(', ');
  const excluded = q.excludeFlagged ? `measured AND flags <> ''` : 'FALSE';

  // Text and boolean dimensions travel as one JSON array per group (one string to read, and the
  // key that shares a cell's values between its two sides); numbers as DOUBLE columns.
  const numeric = dims.flatMap((d, i) => (!d.startsWith('x:') && NUMBER_COLUMNS.has(d) ? [i] : []));
  const textual = dims.flatMap((d, i) => (numeric.includes(i) ? [] : [i]));
  const asText = (i: number) =>
    BOOL_COLUMNS.has(dims[i]!) ? `coalesce(d${i}::VARCHAR, '')` : dimOut(i);
  const groups = await readGroups(
    c,
    `WITH ${scope}, flagged AS (
       SELECT *, ${excluded} AS excluded FROM scope WHERE restates IS NULL),
     counted AS (
       SELECT *, measured AND NOT excluded AS used,
         ${[...STAT_METRICS, ...TAIL_METRICS].map((m) => `CASE WHEN measured AND NOT excluded THEN "${m}" END AS ${usedOf(m)}`).join(', ')}
       FROM flagged),
     grouped AS (
       SELECT ${dimNames}, side, count(*)::DOUBLE AS records, min(ord)::DOUBLE AS first,
         (count(*) FILTER (WHERE used))::DOUBLE AS used_n,
         (count(*) FILTER (WHERE NOT measured))::DOUBLE AS not_measured,
         (count(*) FILTER (WHERE excluded))::DOUBLE AS excluded_n,
         string_agg(DISTINCT flags, ';') FILTER (WHERE excluded) AS excluded_flags,
         string_agg(DISTINCT flags, ';') FILTER (WHERE flags <> '') AS all_flags,
         ${STAT_METRICS.map(metricAggs).join(',\n         ')},
         ${TAIL_AGGS}
       FROM counted GROUP BY ${dimNames}, side)
     SELECT to_json([${textual.map(asText).join(', ')}]::VARCHAR[])::VARCHAR,
       ${numeric.map((i) => `${noNull(`d${i}::DOUBLE`)}, `).join('')}side::DOUBLE, records, first, used_n,
       not_measured, excluded_n, coalesce(excluded_flags, ''), coalesce(all_flags, ''),
       ${STAT_METRICS.map((_, k) => metricCols(k)).join(', ')}, ${TAIL_COLS}
     FROM grouped`,
    params,
    { dims: dims.length, numeric, textual },
  );
  const D = dims.length;

  // Restated records and their originals: passes over the scope, only when the sets have any.
  // Restated records are grouped by all that the join reads (a fleet's repeated restatements:
  // 75k rows read one by one were 1.2 s of 3.5 s on the seed repeated to 1M records).
  const restated: RestatedRow[] = [];
  if (numOf(facts.restating) > 0)
    await eachRow(
      c,
      `WITH ${extraCtes}${scopeOf('restating', 'AND restates IS NOT NULL')}, r AS (
         SELECT ${dimNames}, side, min(ord) AS ord, restates, measured, flags, count(*) AS n
         FROM restating
         GROUP BY ${dimNames}, side, restates, measured, flags)
       SELECT ${dimTexts}, side::INTEGER, ord::DOUBLE, restates, measured, flags, n::DOUBLE FROM r`,
      params,
      (get) =>
        restated.push({
          values: Array.from({ length: D }, (_, i) => dimString(get(i))),
          side: get(D) === 0 ? 0 : 1,
          ord: numOf(get(D + 1)),
          restates: textOf(get(D + 2)),
          measured: get(D + 3) === true,
          flags: flagList(get(D + 4)),
          count: numOf(get(D + 5)),
        }),
    );
  // The first record of each restated origin: arg_min over ord (one pass; the row_number()
  // window it replaces sorted the scope, 1 s on the same set).
  const originals: CellAggregates['originals'] = [];
  if (restated.length > 0)
    await eachRow(
      c,
      `WITH ${extraCtes}${scopeOf('restating', 'AND restates IS NOT NULL')},
       ${scopeOf('origins', `AND restates IS NULL AND origin IN (SELECT restates FROM records WHERE set_id IN (${inList}) AND restates IS NOT NULL)`)},
       o AS (
         SELECT origin, arg_min(struct_pack(${dims.map((_, i) => `d${i} := d${i}`).join(', ')}, side := side), ord) AS s
         FROM origins
         WHERE origin IN (SELECT restates FROM restating)
         GROUP BY origin),
       u AS (SELECT origin, unnest(s) FROM o)
       SELECT origin, ${dimTexts}, side::INTEGER FROM u`,
      params,
      (get) =>
        originals.push({
          origin: textOf(get(0)),
          values: Array.from({ length: D }, (_, i) => dimString(get(i + 1))),
          side: get(D + 1) === 0 ? 0 : 1,
        }),
    );
  const axisValues = await readAxisValues(c, q.axis, inList, setParams, hostOut);
  return { dims, includeHostLayer, records, groups, restated, originals, axisValues };
}

/**
 * CellAggregates.axisValues: the records of the sets per axis value (host-layer records left out
 * when `hostOut`). An extra column is read once per distinct `extra` object, not per record.
 */
async function readAxisValues(
  c: DuckDBConnection,
  axis: Dimension,
  inList: string,
  setParams: Param[],
  hostOut: boolean,
): Promise<FacetCount[]> {
  const params: Param[] = [...setParams];
  const where = `set_id IN (${inList})${hostOut ? ` AND coalesce(layer, '') <> 'host'` : ''}`;
  const sql = axis.startsWith('x:')
    ? `WITH e AS (SELECT extra, count(*) AS n FROM records WHERE ${where} GROUP BY extra)
       SELECT ${dimSql(axis, params)} AS v, sum(n)::DOUBLE FROM e GROUP BY v`
    : `SELECT ${dimSql(axis, params)} AS v, count(*)::DOUBLE FROM records WHERE ${where} GROUP BY v`;
  const rows: FacetCount[] = [];
  await eachRow(c, sql, params, (get) =>
    rows.push({ value: dimString(get(0)), count: numOf(get(1)) }),
  );
  return axisValueCounts(rows);
}

/** extraDimensions() over the sets' records (distinct extra objects: usually a handful). */
async function detectExtraDimensions(
  c: DuckDBConnection,
  inList: string,
  params: Param[],
): Promise<Dimension[]> {
  const rows = (
    await c.runAndReadAll(
      `WITH e AS (SELECT DISTINCT extra FROM records WHERE set_id IN (${inList}) AND extra <> '{}'),
            kv AS (SELECT k, json_extract_string(extra, '/' || replace(replace(k, '~', '~0'), '/', '~1')) AS v
                   FROM (SELECT extra, unnest(json_keys(extra)) AS k FROM e))
       SELECT k FROM kv GROUP BY k
       HAVING bool_or(NOT regexp_full_match(coalesce(v, ''), '${BLANK_RE}')
                      AND NOT regexp_full_match(v, '${NUMERIC_RE}'))`,
      params,
    )
  ).getRowObjectsJS();
  return rows
    .map((r) => textOf(r.k))
    .filter((k) => !NON_DIMENSION_EXTRAS.has(k.toLowerCase()))
    .map((k): Dimension => `x:${k}`)
    .sort();
}
