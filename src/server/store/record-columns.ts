/**
 * The record columns every store keeps, in table order, with the kind of value each holds: the
 * canonical columns (v1 + v2) and `restates` (the `extra` JSON is stored beside them). Each store
 * maps a kind to its own SQL type (duckdb.schema.ts, clickhouse.sql.ts).
 */
import { BOOL_FIELDS, CANONICAL_COLUMNS, NUMBER_FIELDS } from '../../core/model/record.types';

export type ColumnKind = 'text' | 'number' | 'bool' | 'flags';

export const NUMBER_COLUMNS: ReadonlySet<string> = new Set(NUMBER_FIELDS);
export const BOOL_COLUMNS: ReadonlySet<string> = new Set(BOOL_FIELDS);

function kindOf(name: string): ColumnKind {
  if (name === 'flags') return 'flags';
  if (NUMBER_COLUMNS.has(name)) return 'number';
  return BOOL_COLUMNS.has(name) ? 'bool' : 'text';
}

export const RECORD_COLUMNS: readonly { name: string; kind: ColumnKind }[] = [
  ...CANONICAL_COLUMNS.map((name) => ({ name, kind: kindOf(name) })),
  { name: 'restates', kind: 'text' },
];
