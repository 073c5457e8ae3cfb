/**
 * ResultStore.aggregateCells() in DuckDB (issue 13.6): the per-cell, per-side counts and metric
 * aggregates of a comparison computed by one GROUP BY inside the engine, so that /api/compare
 * never builds a JS object per record. The rules are those of src/core/compare/reference.ts
 * (scope, host layer, what counts as a repeat); what is left to TypeScript (the restated join,
 * ordering, pairing, verdicts) is in ../compare-cells.ts, shared with every store.
 *
 * Values from a request (set ids, axis values, extra column names) are always bound parameters;
 * the SQL text is built only from names of this code (CANONICAL_COLUMNS) and placeholders.
 *
 * Results are read chunk by chunk from the vectors (getItem), not through getRowObjectsJS: the
 * bindings' per-value conversion was the cost the issue's probe measured (seconds for 320k rows).
 */
import type { DuckDBConnection, DuckDBDataChunk } from '@duckdb/node-api';
import type {
  Dimension,
  DimensionValue,
  MetricField,
  QualityFlag,
} from '../../core/model/record.types';
import {
  BOOL_FIELDS,
  ENVIRONMENT_FIELDS,
  METRIC_FIELDS,
  NUMBER_FIELDS,
} from '../../core/model/record.types';
import { NON_DIMENSION_EXTRAS } from '../../core/compare/dimensions';
import type {
  CellAggregates,
  CellGroup,
  CellQuery,
  MetricAggregate,
  RestatedRow,
} from './result-store';

type Param = string | number | boolean | null;

/** The metrics aggregated: those of a side's `metrics` in core (STAT_METRICS = METRIC_FIELDS). */
const STAT_METRICS = METRIC_FIELDS;

const NUMBER_COLUMNS: ReadonlySet<string> = new Set(NUMBER_FIELDS);
const BOOL_COLUMNS: ReadonlySet<string> = new Set(BOOL_FIELDS);

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

/** A grouped value as dimensionValue() spells it. */
function dimString(v: unknown): DimensionValue {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v === 0 ? 0 : v); // -0 → '0', as String(-0)
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  throw new Error(`aggregateCells: unexpected dimension value ${typeof v}`);
}

/** A VARCHAR result value. */
const textOf = (v: unknown): string => (typeof v === 'string' ? v : '');

const flagList = (v: unknown): QualityFlag[] =>
  typeof v === 'string' && v !== ''
    ? ([...new Set(v.split(';').filter((f) => f !== ''))].sort() as QualityFlag[])
    : [];

const numOf = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : (v as number));

/** Runs `sql` and hands every row's values (by column index) to `row`, chunk by chunk. */
async function eachRow(
  c: DuckDBConnection,
  sql: string,
  params: Param[],
  row: (get: (col: number) => unknown) => void,
): Promise<void> {
  const result = await c.run(sql, params);
  for (;;) {
    const chunk: DuckDBDataChunk | null = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const vectors = Array.from({ length: chunk.columnCount }, (_, k) => chunk.getColumnVector(k));
    for (let i = 0; i < chunk.rowCount; i++) row((col) => vectors[col]!.getItem(i));
  }
}

/** Per metric, the aggregate columns of the GROUP BY, in METRIC_COLUMNS order. */
const METRIC_COLUMNS = 7;
function metricSql(m: MetricField): string {
  const x = `"${m}"`;
  const f = 'FILTER (WHERE used)';
  return [
    `(count(${x}) ${f})::INTEGER`,
    `quantile_disc(${x}, 0.5) ${f}`,
    `-quantile_disc(-${x}, 0.5) ${f}`,
    `avg(${x}) ${f}`,
    `var_samp(${x}) ${f}`,
    `min(${x}) ${f}`,
    `max(${x}) ${f}`,
  ].join(', ');
}

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
  const dimCols = dims.map((d, i) => `${dimSql(d, params)} AS d${i}`).join(', ');
  const base = axisMatch(q.axis, q.baseline, params);
  const cand = axisMatch(q.axis, q.candidate, params);
  const hostOut = q.axis !== 'layer' && !includeHostLayer;
  const pos = q.sets.map((_, i) => `WHEN $${i + 1} THEN ${i}`).join(' ');
  const semi = `';' || coalesce(flags, '') || ';'`;
  const notMeasuredFlag = `contains(${semi}, ';incomplete;') OR contains(${semi}, ';failed-run;')`;
  const anyMetric = STAT_METRICS.map((m) => `"${m}" IS NOT NULL`).join(' OR ');
  const scope = `scope AS (
    SELECT * FROM (
      SELECT (CASE set_id ${pos} END)::DOUBLE * 4294967296 + seq AS ord,
        CASE WHEN ${base} THEN 0 WHEN ${cand} THEN 1 END AS side,
        ${dimCols}, flags, restates, origin,
        NOT (${notMeasuredFlag}) AND (${anyMetric}) AS measured,
        ${STAT_METRICS.map((m) => `"${m}"`).join(', ')}
      FROM records
      WHERE set_id IN (${inList}) ${hostOut ? `AND coalesce(layer, '') <> 'host'` : ''}
    ) WHERE side IS NOT NULL)`;
  const dimNames = dims.map((_, i) => `d${i}`).join(', ');
  const excluded = q.excludeFlagged ? `measured AND flags <> ''` : 'FALSE';

  const groups: CellGroup[] = [];
  const D = dims.length;
  await eachRow(
    c,
    `WITH ${scope}, counted AS (
       SELECT *, measured AND NOT (${excluded}) AS used, ${excluded} AS excluded
       FROM scope WHERE restates IS NULL)
     SELECT ${dimNames}, side::INTEGER, count(*)::INTEGER, min(ord)::DOUBLE,
       (count(*) FILTER (WHERE used))::INTEGER,
       (count(*) FILTER (WHERE NOT measured))::INTEGER,
       (count(*) FILTER (WHERE excluded))::INTEGER,
       string_agg(DISTINCT flags, ';') FILTER (WHERE excluded),
       string_agg(DISTINCT flags, ';') FILTER (WHERE flags <> ''),
       ${STAT_METRICS.map(metricSql).join(',\n       ')}
     FROM counted GROUP BY ${dimNames}, side`,
    params,
    (get) => {
      const metrics: CellGroup['metrics'] = {};
      STAT_METRICS.forEach((m, k) => {
        const at = D + 8 + k * METRIC_COLUMNS;
        const n = numOf(get(at));
        if (n === 0) return;
        const lo = get(at + 1) as number;
        const hi = get(at + 2) as number;
        const variance = get(at + 4) as number | null;
        const agg: MetricAggregate = {
          n,
          median: n % 2 === 1 ? lo : (lo + hi) / 2,
          mean: get(at + 3) as number,
          variance: n < 2 ? null : variance,
          min: get(at + 5) as number,
          max: get(at + 6) as number,
        };
        metrics[m] = agg;
      });
      groups.push({
        values: Array.from({ length: D }, (_, i) => dimString(get(i))),
        side: get(D) === 0 ? 0 : 1,
        records: numOf(get(D + 1)),
        first: numOf(get(D + 2)),
        n: numOf(get(D + 3)),
        notMeasured: numOf(get(D + 4)),
        excludedFlagged: numOf(get(D + 5)),
        excludedFlags: flagList(get(D + 6)),
        flags: flagList(get(D + 7)),
        metrics,
      });
    },
  );

  // Restated records and their originals: a second pass over the scope, only when the sets have any.
  const restated: RestatedRow[] = [];
  if (numOf(facts.restating) > 0)
    await eachRow(
      c,
      `WITH ${scope} SELECT ${dimNames}, side::INTEGER, ord::DOUBLE, restates, measured, flags
     FROM scope WHERE restates IS NOT NULL`,
      params,
      (get) =>
        restated.push({
          values: Array.from({ length: D }, (_, i) => dimString(get(i))),
          side: get(D) === 0 ? 0 : 1,
          ord: numOf(get(D + 1)),
          restates: textOf(get(D + 2)),
          measured: get(D + 3) === true,
          flags: flagList(get(D + 4)),
        }),
    );
  const originals: CellAggregates['originals'] = [];
  if (restated.length > 0)
    await eachRow(
      c,
      `WITH ${scope} SELECT origin, ${dimNames}, side::INTEGER FROM scope
       WHERE restates IS NULL AND origin IN (SELECT restates FROM scope WHERE restates IS NOT NULL)
       QUALIFY row_number() OVER (PARTITION BY origin ORDER BY ord) = 1`,
      params,
      (get) =>
        originals.push({
          origin: textOf(get(0)),
          values: Array.from({ length: D }, (_, i) => dimString(get(i + 1))),
          side: get(D + 1) === 0 ? 0 : 1,
        }),
    );
  return { dims, includeHostLayer, records, groups, restated, originals };
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
