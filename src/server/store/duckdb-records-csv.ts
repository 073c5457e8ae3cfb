/**
 * ResultStore.recordsCsv() in DuckDB: the canonical CSV of a stored set (GET
 * /api/sets/ID/records?format=csv, what the dashboard's "Load" fetches) written from the
 * columns of the result a chunk at a time, without a record object per row. Through
 * recordsToCsv(getRecords(id)), the 1M bench set's 208 MB of CSV took 41–56 s before its first
 * byte (28 s of record objects, 45 % of it garbage collection, then 7 s of text); written as
 * read, 15–16.5 s in all, the first byte after 30–50 ms (curl against `aio-dash serve`, the
 * same bytes). Its meaning is recordsToCsv's (core/ingest/csv.write.ts):
 * the same columns in the same order, the same cells; a differential test holds it to that
 * (contract.duckdb.test.ts).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteCsvField } from '../../core/csv/csv-cell';
import { CANONICAL_COLUMNS } from '../../core/model/record.types';
import { ident } from './duckdb.schema';
import { columnChunks, text } from './duckdb.values';
import { RECORD_COLUMNS } from './record-columns';

/**
 * Each column as its CSV cell's source, never NULL (a NULL has a validity mask, read with BigInt
 * shifts per value): a number as DOUBLE with NaN for missing; a boolean as its text; text and
 * flags (stored `;`-joined) as text, '' for missing, as the writer gives both.
 */
function cellSql(name: string): string {
  const kind = RECORD_COLUMNS.find((c) => c.name === name)?.kind ?? 'text';
  const col = ident(name);
  if (kind === 'number') return `coalesce(${col}, 'NaN'::DOUBLE)`;
  if (kind === 'bool')
    return `CASE WHEN ${col} IS NULL THEN '' WHEN ${col} THEN 'true' ELSE 'false' END`;
  return `coalesce(${col}, '')`;
}

/**
 * The canonical CSV of set `id` (live or not: the caller checks), header first, then a piece
 * per chunk of rows; the pieces joined equal recordsToCsv(getRecords(id)). Uses `c` until done.
 */
export async function* recordsCsvDuckDb(c: DuckDBConnection, id: string): AsyncGenerator<string> {
  const facts = (
    await c.runAndReadAll('SELECT count(restates)::DOUBLE AS n FROM records WHERE set_id = $1', [
      id,
    ])
  ).getRowObjectsJS()[0];
  const stored: string[] = [...CANONICAL_COLUMNS];
  if (Number(facts?.n ?? 0) > 0) stored.push('restates');
  // Extra columns in first-seen order: each distinct `extra` object by its first record.
  const distinct = (
    await c.runAndReadAll(
      'SELECT extra FROM records WHERE set_id = $1 GROUP BY extra ORDER BY min(seq)',
      [id],
    )
  ).getRowObjectsJS();
  const extraCols: string[] = [];
  const seen = new Set<string>(stored);
  for (const row of distinct)
    for (const k of Object.keys(JSON.parse(text(row.extra)) as object))
      if (!seen.has(k)) {
        seen.add(k);
        extraCols.push(k);
      }
  yield [...stored, ...extraCols].map(quoteCsvField).join(',') + '\n';

  // The extra cells of each distinct `extra` text, made once.
  const extraCells = new Map<string, string>();
  const extraOf = (text: string): string => {
    let cells = extraCells.get(text);
    if (cells === undefined) {
      const extra = JSON.parse(text) as Record<string, unknown>;
      cells = extraCols
        .map((k) => (typeof extra[k] === 'string' ? quoteCsvField(extra[k]) : ''))
        .map((cell) => ',' + cell)
        .join('');
      extraCells.set(text, cells);
    }
    return cells;
  };
  const numeric = stored.map(
    (name) => RECORD_COLUMNS.find((c) => c.name === name)?.kind === 'number',
  );
  const sql = `SELECT ${stored.map(cellSql).join(', ')}, extra FROM records WHERE set_id = $1 ORDER BY seq`;
  for await (const cols of columnChunks(c, sql, [id])) {
    const extra = cols[stored.length]!;
    let piece = '';
    for (let i = 0; i < extra.length; i++) {
      let line = '';
      for (let k = 0; k < stored.length; k++) {
        const v = cols[k]![i];
        const cell = numeric[k] ? (Number.isNaN(v) ? '' : String(v)) : quoteCsvField(text(v));
        line += k === 0 ? cell : ',' + cell;
      }
      piece += line + extraOf(text(extra[i])) + '\n';
    }
    yield piece;
  }
}
