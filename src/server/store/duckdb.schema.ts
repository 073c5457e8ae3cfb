/**
 * The DuckDB store's schema: the record columns and their SQL types, the versioned migrations,
 * and `migrate`, which brings a database to SCHEMA_VERSION (refusing a newer one).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnKind } from './record-columns';
import { RECORD_COLUMNS } from './record-columns';

const SQL_TYPE: Record<ColumnKind, string> = {
  text: 'VARCHAR',
  number: 'DOUBLE',
  bool: 'BOOLEAN',
  flags: 'VARCHAR', // ';'-joined, as in the canonical CSV
};

/** Quoted identifier of a record column (names come from CANONICAL_COLUMNS, never a request). */
export const ident = (name: string): string => `"${name}"`;

/**
 * Versioned schema: MIGRATIONS[k] takes the database from version k to k+1. A migration is
 * never edited once shipped; a change is a new entry.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE sets (
     id VARCHAR PRIMARY KEY,
     name VARCHAR NOT NULL,
     records BIGINT NOT NULL,
     accepted BIGINT NOT NULL,
     rejected BIGINT NOT NULL,
     flagged BIGINT NOT NULL,
     created VARCHAR NOT NULL,
     sha256 VARCHAR NOT NULL,
     files VARCHAR NOT NULL,
     notes VARCHAR NOT NULL,
     deleted VARCHAR
   );
   CREATE TABLE records (
     set_id VARCHAR NOT NULL,
     seq BIGINT NOT NULL,
     ${RECORD_COLUMNS.map((c) => `${ident(c.name)} ${SQL_TYPE[c.kind]}`).join(',\n     ')},
     extra VARCHAR NOT NULL
   );
   CREATE TABLE audit (
     happened VARCHAR NOT NULL,
     who VARCHAR NOT NULL,
     action VARCHAR NOT NULL,
     set_id VARCHAR NOT NULL,
     detail VARCHAR NOT NULL
   );`,
];

/** The schema version this code writes and reads. */
export const SCHEMA_VERSION = MIGRATIONS.length;

export const SET_COLUMNS =
  'id, name, records, accepted, rejected, flagged, created, sha256, files, notes, deleted';

export async function migrate(db: DuckDBConnection): Promise<void> {
  await db.run(
    'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied VARCHAR NOT NULL)',
  );
  const got = await db.runAndReadAll('SELECT max(version) AS v FROM schema_version');
  const current = Number(got.getRowObjectsJS()[0]?.v ?? 0); // BIGINT arrives as BigInt
  if (current > SCHEMA_VERSION)
    throw new Error(
      `the database has schema version ${current}; this aio-dash knows up to ${SCHEMA_VERSION}`,
    );
  for (let v = current; v < SCHEMA_VERSION; v++) {
    await db.run('BEGIN TRANSACTION');
    try {
      await db.run(MIGRATIONS[v]!);
      await db.run('INSERT INTO schema_version VALUES ($1, $2)', [v + 1, new Date().toISOString()]);
      await db.run('COMMIT');
    } catch (e) {
      await db.run('ROLLBACK');
      throw e;
    }
  }
}
