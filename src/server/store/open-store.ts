/**
 * The one place a `--db` value becomes a ResultStore, shared by `serve`, `export` and `import`:
 * a directory (the embedded DuckDB file, default `./aio-dash-data`) or `clickhouse://HOST:PORT/DB`.
 */
import { resolve } from 'node:path';
import type { ResultStore } from './result-store';
import { parseClickHouseUrl } from './clickhouse.sql';

export const DEFAULT_DB_DIR = 'aio-dash-data';

export type StoreLocation = { kind: 'duckdb'; dir: string } | { kind: 'clickhouse'; url: string };

/** Reads a `--db` value (relative directories against `cwd`); an error message when unusable. */
export function parseDbOption(value: string, cwd: string): StoreLocation | string {
  if (value === '') return '--db needs a directory or clickhouse://HOST:PORT/DATABASE';
  if (/^clickhouse:/i.test(value)) {
    const target = parseClickHouseUrl(value);
    if (!target.ok) return `--db: ${target.reason}`;
    return { kind: 'clickhouse', url: value };
  }
  return { kind: 'duckdb', dir: resolve(cwd, value) };
}

/**
 * Opens the store. The backends are loaded here, not at the top: the CLI bundle keeps their
 * native/driver modules external, and only commands that touch a store pay for loading them.
 */
export async function openStore(at: StoreLocation): Promise<ResultStore> {
  if (at.kind === 'duckdb') return (await import('./duckdb')).openDuckDbStore(at.dir);
  const target = parseClickHouseUrl(at.url);
  if (!target.ok) throw new Error(target.reason);
  return (await import('./clickhouse')).openClickHouseStore(target.value);
}

/** The directory for the server's own files (token, audit log): the DuckDB directory, or cwd. */
export function dataDirOf(at: StoreLocation, cwd: string): string {
  return at.kind === 'duckdb' ? at.dir : resolve(cwd, DEFAULT_DB_DIR);
}
