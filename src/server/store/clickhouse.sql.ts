/**
 * Every SQL text of the ClickHouse store (clickhouse.ts): the schema, the queries, and the one
 * function that turns a value into a ClickHouse string literal. Debian's clickhouse-server 18.16
 * has no bound query parameters, so the few values that reach SQL text (set ids) go through
 * `sqlString`; everything else (records, events) travels as JSONEachRow data, never as SQL.
 *
 * Numbers are stored as the 64 bits of the double (UInt64) with a Float64 MATERIALIZED column beside
 * them: 18.16 parses decimal floats inexactly (about 1 in 200 random doubles comes back 1 ulp
 * off, denormals become 0), so a record's numbers would not round-trip. The bit pattern does,
 * exactly, and the MATERIALIZED column (computed from the bits on insert) gives SQL the double.
 */
import type { ColumnKind } from './record-columns';
import { RECORD_COLUMNS } from './record-columns';
import { TAIL_METRICS } from '../../core/compare/tail-verdict';

/**
 * A ClickHouse string literal for any JS string: backslash and quote escaped, every control
 * character (NUL, newline, …) as \xHH. Other characters, Unicode included, are sent as UTF-8 as
 * they are. (A lone UTF-16 surrogate is not text: it is sent as U+FFFD, as by every UTF-8 encoder.)
 */
export function sqlString(value: string): string {
  let out = "'";
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + "'";
}

/** A list of string literals for `IN (…)`. */
export const sqlStrings = (values: readonly string[]): string => values.map(sqlString).join(', ');

/** Database and cluster names: plain identifiers only (they come from --db, never a request). */
export const PLAIN_IDENT = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** The stored column of a number field: its double's bits. */
export const bitsColumn = (name: string): string => `${name}__bits`;

const ident = (name: string): string => `\`${name}\``;

/**
 * `how`: MATERIALIZED in MergeTree tables (computed once on insert); ALIAS in the Distributed
 * table, because 18.16 forwards a Distributed table's MATERIALIZED columns to the shards, which
 * refuse them (the alias reaches each shard as the expression and is computed there).
 */
function columnDdl(c: { name: string; kind: ColumnKind }, how: 'MATERIALIZED' | 'ALIAS'): string {
  switch (c.kind) {
    case 'number':
      return (
        `${ident(bitsColumn(c.name))} Nullable(UInt64), ` +
        `${ident(c.name)} Nullable(Float64) ${how} reinterpretAsFloat64(reinterpretAsString(${ident(bitsColumn(c.name))}))`
      );
    case 'bool':
      return `${ident(c.name)} Nullable(UInt8)`;
    case 'flags':
      return `${ident(c.name)} String`; // ';'-joined, as in the canonical CSV
    default:
      return `${ident(c.name)} Nullable(String)`;
  }
}

/** Where the store lives: the entry node, its database, and for a cluster its name and nodes. */
export interface ClickHouseTarget {
  /** http://host:port of each node; the first is the entry node (events, the Distributed table). */
  nodes: string[];
  database: string;
  /** Name in `remote_servers` when records are spread over shards; null on one node. */
  cluster: string | null;
}

/**
 * `clickhouse://HOST:PORT/DB` (one node) or `clickhouse://H1:P1,H2:P2/DB?cluster=NAME` (records
 * sharded over the cluster NAME; every listed node gets the local records table). PORT is the
 * HTTP port (8123 when left out). A Result-like union: a bad URL is a usage error, not a throw.
 */
export function parseClickHouseUrl(
  url: string,
): { ok: true; value: ClickHouseTarget } | { ok: false; reason: string } {
  const m = /^clickhouse:\/\/([^/?#]+)\/([^/?#]*)(?:\?([^#]*))?$/.exec(url);
  if (!m) return { ok: false, reason: `not a clickhouse://HOST:PORT/DB address: ${url}` };
  const hosts = m[1]!.split(',');
  const nodes: string[] = [];
  for (const h of hosts) {
    const hp = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\])(?::(\d{1,5}))?$/.exec(h);
    if (!hp) return { ok: false, reason: `not a HOST:PORT: ${h}` };
    nodes.push(`http://${hp[1]}:${hp[2] ?? '8123'}`);
  }
  const database = m[2] || 'aio_dash';
  if (!PLAIN_IDENT.test(database))
    return { ok: false, reason: `database name must be letters, digits and _: ${database}` };
  const params = new URLSearchParams(m[3] ?? '');
  const cluster = params.get('cluster');
  if (cluster !== null && !PLAIN_IDENT.test(cluster))
    return { ok: false, reason: `cluster name must be letters, digits and _: ${cluster}` };
  if (nodes.length > 1 && cluster === null)
    return { ok: false, reason: 'several nodes need ?cluster=NAME (their remote_servers cluster)' };
  return { ok: true, value: { nodes, database, cluster } };
}

/** The records table's columns (set id, order, record columns, extra JSON). */
const recordsColumnsDdl = (how: 'MATERIALIZED' | 'ALIAS') => `(
  set_id String,
  seq UInt64,
  ${RECORD_COLUMNS.map((c) => columnDdl(c, how)).join(',\n  ')},
  extra String
)`;

/**
 * Versioned schema, one list per node role: MIGRATIONS[k] takes a database from version k to
 * k+1 (recorded in schema_version on the entry node). Never edit a shipped entry; add one.
 *
 * `events` is the log of writes AND the state of the sets: one row per put, delete or restore,
 * each one insert (atomic in ClickHouse). A set exists once its `put` row exists; that row is
 * written last, after its records, so readers never see a set half-stored.
 */
export function entryMigrations(db: string, cluster: string | null): string[][] {
  const records = cluster
    ? `CREATE TABLE IF NOT EXISTS ${db}.records ${recordsColumnsDdl('ALIAS')} ENGINE = Distributed(${cluster}, ${db}, records_local, cityHash64(set_id, seq))`
    : `CREATE TABLE IF NOT EXISTS ${db}.records ${recordsColumnsDdl('MATERIALIZED')} ENGINE = MergeTree ORDER BY (set_id, seq)`;
  return [
    [
      records,
      `CREATE TABLE IF NOT EXISTS ${db}.events (
         rev UInt64, at String, who String, action String, set_id String, name String,
         created String, deleted String, records UInt64, accepted UInt64, rejected UInt64, flagged UInt64,
         sha256 String, files String, notes String, detail String
       ) ENGINE = MergeTree ORDER BY rev`,
    ],
  ];
}

/** What every node of a cluster holds: its shard of the records. */
export function shardMigrations(db: string): string[] {
  return [
    `CREATE DATABASE IF NOT EXISTS ${db}`,
    `CREATE TABLE IF NOT EXISTS ${db}.records_local ${recordsColumnsDdl('MATERIALIZED')} ENGINE = MergeTree ORDER BY (set_id, seq)`,
  ];
}

export const schemaVersionDdl = (db: string): string[] => [
  `CREATE DATABASE IF NOT EXISTS ${db}`,
  `CREATE TABLE IF NOT EXISTS ${db}.schema_version (version UInt32, applied String) ENGINE = MergeTree ORDER BY version`,
];

export const selectSchemaVersion = (db: string): string =>
  `SELECT max(version) AS v FROM ${db}.schema_version`;

export const EVENT_COLUMNS =
  'rev, at, who, action, set_id, name, created, deleted, records, accepted, rejected, flagged, sha256, files, notes, detail';

export const selectEvents = (db: string): string =>
  `SELECT ${EVENT_COLUMNS} FROM ${db}.events ORDER BY rev`;

/** The stored columns of a record row, in insert order (numbers as their bits). */
export const RECORD_INSERT_COLUMNS: readonly string[] = [
  'set_id',
  'seq',
  ...RECORD_COLUMNS.map((c) => (c.kind === 'number' ? bitsColumn(c.name) : c.name)),
  'extra',
];

/** A set's records in stored order; numbers read from the Float64 columns made from the bits. */
export const selectRecords = (db: string, setId: string): string =>
  `SELECT ${RECORD_COLUMNS.map((c) => ident(c.name)).join(', ')}, extra FROM ${db}.records WHERE set_id = ${sqlString(setId)} ORDER BY seq`;

/** Ids that have records but no `put` event: left by a crashed or failed put. */
export const selectOrphanIds = (db: string): string =>
  `SELECT DISTINCT set_id AS id FROM ${db}.records WHERE set_id GLOBAL NOT IN (SELECT set_id FROM ${db}.events WHERE action = 'put')`;

/** Deletes the records of the given set ids (a mutation: ClickHouse applies it in the background). */
export const deleteRecordsOf = (db: string, table: string, ids: readonly string[]): string =>
  `ALTER TABLE ${db}.${table} DELETE WHERE set_id IN (${sqlStrings(ids)})`;

export const countRecords = (db: string): string => `SELECT count() AS n FROM ${db}.records`;

/* ---- aggregateCells (issue 13.6): the per-cell GROUP BY, run on the shards ---- */

/** The facts of whole sets: records, whether every one is host-layer. */
export const selectSetFacts = (db: string, setIds: readonly string[]): string =>
  `SELECT count() AS records, min(ifNull(layer = 'host', 0)) AS host FROM ${db}.records WHERE set_id IN (${sqlStrings(setIds)})`;

/** The distinct extra objects of the sets (usually a handful), for extraDimensions() in TS. */
export const selectDistinctExtras = (db: string, setIds: readonly string[]): string =>
  `SELECT DISTINCT extra FROM ${db}.records WHERE set_id IN (${sqlStrings(setIds)}) AND extra != '{}'`;

const KIND: ReadonlyMap<string, ColumnKind> = new Map(RECORD_COLUMNS.map((c) => [c.name, c.kind]));

/** How a dimension's grouped value comes back: TS spells it as dimensionValue() does. */
export const dimensionKind = (dim: string): ColumnKind =>
  dim.startsWith('x:') ? 'text' : (KIND.get(dim) ?? 'text');

/**
 * The SQL value of a dimension. An extra column is read from the `extra` JSON text with
 * visitParamExtractString (18.16 has no JSONExtract): exact for the flat string objects the
 * store writes, but a name that JSON must escape (quote, backslash, control character) would not
 * be found, so it is refused rather than answered wrongly.
 */
function dimSql(dim: string, setNames: ReadonlyMap<string, string>): string {
  if (dim === 'set')
    // The set's current name (a restore may have renamed it; records keep the name of their put).
    return `transform(set_id, [${sqlStrings([...setNames.keys()])}], [${sqlStrings([...setNames.values()])}], '')`;
  if (dim.startsWith('x:')) {
    const name = dim.slice(2);
    if (/["\\]/.test(name) || [...name].some((ch) => ch.charCodeAt(0) < 0x20))
      throw new Error(
        `extra column ${JSON.stringify(name)}: not a dimension ClickHouse 18.16 can group by`,
      );
    return `visitParamExtractString(extra, ${sqlString(name)})`;
  }
  const kind = dimensionKind(dim);
  return kind === 'number' || kind === 'bool' ? ident(dim) : `ifNull(${ident(dim)}, '')`;
}

/**
 * `dimensionValue(record, axis) === value`: numbers match only their String() spelling (compared
 * through the exact bits, never a parsed decimal), booleans 'true'/'false', '' a missing value.
 */
function axisMatch(axis: string, value: string, setNames: ReadonlyMap<string, string>): string {
  const kind = dimensionKind(axis);
  if (kind !== 'number' && kind !== 'bool')
    return `${dimSql(axis, setNames)} = ${sqlString(value)}`;
  if (value === '') return `isNull(${ident(axis)})`;
  if (kind === 'bool')
    return value === 'true' ? `${ident(axis)} = 1` : value === 'false' ? `${ident(axis)} = 0` : '0';
  const n = Number(value);
  if (!Number.isFinite(n) || String(n) !== value) return '0';
  const f = new Float64Array([n]);
  const bits = new BigUint64Array(f.buffer)[0]!.toString();
  return `${ident(axis)} = reinterpretAsFloat64(reinterpretAsString(toUInt64('${bits}')))`;
}

export interface CellsSql {
  groups: string;
  restated: string;
  /** CellAggregates.axisValues: c0 an axis value, c1 its records (every value, not two). */
  axisValues: string;
  /** Needs the restated origins: (origins) => SQL. */
  originals: (origins: readonly string[]) => string;
}

/**
 * The three queries of aggregateCells over `records` (the Distributed table on a cluster: the
 * GROUP BY runs on every shard and the partial states merge exactly, quantileExact included).
 * Columns are named c0, c1, … in the order clickhouse-cells.ts reads them.
 */
export function cellsSql(
  db: string,
  q: {
    sets: readonly string[];
    /** Id → current name of each set. */
    setNames: ReadonlyMap<string, string>;
    axis: string;
    baseline: string;
    candidate: string;
    excludeFlagged: boolean;
    hostOut: boolean;
    dims: readonly string[];
    metrics: readonly string[];
  },
): CellsSql {
  const pos = `transform(set_id, [${sqlStrings(q.sets)}], [${q.sets.map((_, i) => i).join(', ')}], 0)`;
  const ord = `toUInt64(${pos}) * 4294967296 + seq`;
  const side = `multiIf(${axisMatch(q.axis, q.baseline, q.setNames)}, 0, ${axisMatch(q.axis, q.candidate, q.setNames)}, 1, 2)`;
  const semi = `concat(';', flags, ';')`;
  const notMeasuredFlag = `(position(${semi}, ';incomplete;') > 0 OR position(${semi}, ';failed-run;') > 0)`;
  const anyMetric = q.metrics.map((m) => `isNotNull(${ident(m)})`).join(' OR ');
  const measured = `(NOT ${notMeasuredFlag} AND (${anyMetric}))`;
  const excluded = q.excludeFlagged ? `(${measured} AND flags != '')` : '0';
  const used = `(${measured} AND NOT ${excluded})`;
  const where = `set_id IN (${sqlStrings(q.sets)}) AND ${side} < 2${q.hostOut ? ` AND ifNull(layer, '') != 'host'` : ''}`;
  const dimExprs = q.dims.map((d) => dimSql(d, q.setNames));
  const D = dimExprs.length;
  const metricCols = q.metrics.flatMap((m) => {
    const x = ident(m);
    const cond = `${used} AND isNotNull(${x})`;
    return [
      `countIf(${cond})`,
      `-quantileExactIf(0.5)(-${x}, ${cond})`, // lower middle
      `quantileExactIf(0.5)(${x}, ${cond})`, // upper middle
      `avgIf(${x}, ${cond})`,
      `varSampIf(${x}, ${cond})`,
      `minIf(${x}, ${cond})`,
      `maxIf(${x}, ${cond})`,
    ];
  });
  // The tail: who has a p99.9 or a maximum, then each one's count and middles (as metricCols).
  const tailCols = [
    `countIf(${used} AND (${TAIL_METRICS.map((m) => `isNotNull(${ident(m)})`).join(' OR ')}))`,
    ...TAIL_METRICS.flatMap((m) => {
      const x = ident(m);
      const cond = `${used} AND isNotNull(${x})`;
      return [
        `countIf(${cond})`,
        `-quantileExactIf(0.5)(-${x}, ${cond})`,
        `quantileExactIf(0.5)(${x}, ${cond})`,
      ];
    }),
  ];
  const named = (cols: readonly string[]) => cols.map((c, i) => `${c} AS c${i}`).join(',\n  ');
  // Flat (no subquery): on a Distributed table each shard aggregates its part.
  const groups = `SELECT ${named([
    ...dimExprs,
    side,
    'count()',
    `min(${ord})`,
    `countIf(${used})`,
    `countIf(NOT ${measured})`,
    `countIf(${excluded})`,
    `arrayStringConcat(groupUniqArrayIf(flags, ${excluded}), ';')`,
    `arrayStringConcat(groupUniqArrayIf(flags, flags != ''), ';')`,
    ...metricCols,
    ...tailCols,
  ])}
FROM ${db}.records WHERE ${where} AND isNull(restates)
GROUP BY ${Array.from({ length: D + 1 }, (_, i) => `c${i}`).join(', ')}`;
  // Grouped by all the join reads (RestatedRow): c${D + 1} is the smallest ord, c${D + 5} the count.
  const restated = `SELECT ${named([...dimExprs, side, `min(${ord})`, 'restates', measured, 'flags', 'count()'])}
FROM ${db}.records WHERE ${where} AND isNotNull(restates)
GROUP BY ${[...Array.from({ length: D + 1 }, (_, i) => `c${i}`), `c${D + 2}`, `c${D + 3}`, `c${D + 4}`].join(', ')}`;
  const originals = (origins: readonly string[]) =>
    `SELECT ${named(['origin', ...dimExprs, side, ord])}
FROM ${db}.records WHERE ${where} AND isNull(restates) AND origin IN (${sqlStrings(origins)})
ORDER BY c${D + 2} LIMIT 1 BY c0`;
  const axisValues = `SELECT ${dimSql(q.axis, q.setNames)} AS c0, count() AS c1
FROM ${db}.records WHERE set_id IN (${sqlStrings(q.sets)})${q.hostOut ? ` AND ifNull(layer, '') != 'host'` : ''}
GROUP BY c0`;
  return { groups, restated, originals, axisValues };
}
