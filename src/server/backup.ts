/**
 * A backup a person can read (issue 13.5): `aio-dash export --all DIR` writes every live set as
 * its canonical CSV (the format every aio-dash reader takes) plus Parquet (for pandas, DuckDB,
 * Spark), a manifest `sets.json` and a README.md listing the sets; `aio-dash import DIR` puts them
 * back under their ids, so `set=ID` links keep working after a restore.
 *
 * Files are named by set id (server-made, [A-Za-z0-9_-]), never by set name: a name is user
 * text and must not choose a path.
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { csvToRecords } from '../core/ingest/ingest';
import type { ResultRecord } from '../core/model/record.types';
import { BOOL_FIELDS, NUMBER_FIELDS } from '../core/model/record.types';
import type { Result } from '../core/model/result';
import { fail, ok } from '../core/model/result';
import { sha256Hasher, sha256Hex } from '../core/sets/content-id';
import { writeCsv } from '../cli/write-records';
import type { ResultStore, StoredSet } from './store/result-store';
import { SET_ID } from './store/result-store';

export const MANIFEST = 'sets.json';
const FORMAT = 'aio-dash-backup';
const VERSION = 1;

/** One set in the manifest: what the store said of it, and its files with the CSV's digest. */
export interface BackupEntry extends Omit<StoredSet, 'deleted'> {
  csv: string;
  parquet: string | null;
  /** sha256 of the CSV file's bytes: import refuses a file changed since the export. */
  csvSha256: string;
}

export interface BackupManifest {
  format: typeof FORMAT;
  version: typeof VERSION;
  exported: string;
  sets: BackupEntry[];
}

/** Writes one CSV file in pieces and returns its sha256 (a 1M-record set is ~250 MB of text). */
function writeSetCsv(path: string, records: Parameters<typeof writeCsv>[0]): string {
  const hash = sha256Hasher();
  const encoder = new TextEncoder();
  const fd = openSync(path, 'w', 0o644);
  try {
    writeCsv(records, (text) => {
      const bytes = encoder.encode(text);
      hash.update(bytes);
      writeSync(fd, bytes);
    });
  } finally {
    closeSync(fd);
  }
  return hash.digestHex();
}

const NUMBER_COLUMNS: ReadonlySet<string> = new Set(NUMBER_FIELDS);
const BOOL_COLUMNS: ReadonlySet<string> = new Set(BOOL_FIELDS);
/** A SQL string literal: the only escape DuckDB's single-quoted strings have is ''. */
const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/**
 * Converts a canonical CSV to Parquet with DuckDB (already the server's engine), with the column
 * types given, not sniffed: the sniffer reads "3.33" (a QEMU version) as a number.
 */
async function csvToParquet(csvPath: string, parquetPath: string): Promise<void> {
  const header = firstLine(csvPath);
  const columns = parseCsvHeader(header)
    .map((c) => {
      const type = NUMBER_COLUMNS.has(c) ? 'DOUBLE' : BOOL_COLUMNS.has(c) ? 'BOOLEAN' : 'VARCHAR';
      return `${literal(c)}: ${literal(type)}`;
    })
    .join(', ');
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  try {
    await db.run(
      `COPY (SELECT * FROM read_csv(${literal(csvPath)}, header = true, auto_detect = false, ` +
        `delim = ',', quote = '"', escape = '"', columns = {${columns}})) ` +
        `TO ${literal(parquetPath)} (FORMAT PARQUET, COMPRESSION ZSTD)`,
    );
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

/** The header line of a CSV file (read in one small piece: headers are short). */
function firstLine(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf);
    const text = buf.subarray(0, n).toString('utf8');
    const end = text.indexOf('\n');
    return end < 0 ? text : text.slice(0, end);
  } finally {
    closeSync(fd);
  }
}

/** Column names of a CSV header line, read by the CSV parser every reader here uses. */
export function parseCsvHeader(line: string): string[] {
  const row = Papa.parse<string[]>(line, { header: false }).data[0];
  return row ?? [];
}

export interface ExportOutcome {
  dir: string;
  sets: BackupEntry[];
}

/** What an export reads: a store opened directly, or a running server (backup.remote.ts). */
export type BackupSource = Pick<ResultStore, 'listSets' | 'getRecords'>;

/** Writes every live set of `store` into `dir` (created when missing). */
export async function exportAll(
  store: BackupSource,
  dir: string,
  opts: { parquet?: boolean; now?: () => Date } = {},
): Promise<ExportOutcome> {
  mkdirSync(dir, { recursive: true });
  const entries: BackupEntry[] = [];
  for (const set of await store.listSets()) {
    const records = await store.getRecords(set.id);
    if (records === null) continue; // trashed since it was listed
    const csv = `${set.id}.csv`;
    const csvSha256 = writeSetCsv(join(dir, csv), records);
    let parquet: string | null = null;
    if (opts.parquet !== false) {
      parquet = `${set.id}.parquet`;
      await csvToParquet(join(dir, csv), join(dir, parquet));
    }
    const { deleted: _deleted, ...kept } = set;
    entries.push({ ...kept, csv, parquet, csvSha256 });
  }
  const manifest: BackupManifest = {
    format: FORMAT,
    version: VERSION,
    exported: (opts.now?.() ?? new Date()).toISOString(),
    sets: entries,
  };
  writeTextFile(join(dir, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  writeTextFile(join(dir, 'README.md'), backupReadme(manifest));
  return { dir, sets: entries };
}

function writeTextFile(path: string, text: string): void {
  const fd = openSync(path, 'w', 0o644);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

/** A table-escaped cell of the README (a set name is user text). */
const mdCell = (text: string): string =>
  text.replace(/[\\|`*_<>[\]]/g, '\\$&').replace(/\s+/g, ' ');

function backupReadme(m: BackupManifest): string {
  const rows = m.sets.map(
    (s) =>
      `| ${mdCell(s.name)} | \`${s.id}\` | ${s.records} | ${s.flagged} | ${s.created} | ${s.csv} | ${s.parquet ?? '—'} |`,
  );
  return [
    `# aio-dash backup, ${m.exported}`,
    '',
    'Every set as canonical CSV (the result-set format of aio-dash) and Parquet. Restore with',
    '`aio-dash import DIR`; `sets.json` is the manifest import reads.',
    '',
    '| set | id | records | flagged | created | CSV | Parquet |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

/** Reads and validates a manifest: it is a file from outside, so nothing in it is trusted. */
export function readManifest(dir: string): Result<BackupManifest> {
  const path = join(dir, MANIFEST);
  if (!existsSync(path))
    return fail(`${path}: no backup manifest (to load result files, use 'aio-dash push')`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    return fail(`${path}: not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!isObject(data) || data.format !== FORMAT || data.version !== VERSION)
    return fail(`${path}: not an aio-dash backup of version ${VERSION}`);
  if (typeof data.exported !== 'string' || !Array.isArray(data.sets))
    return fail(`${path}: "exported" and "sets" are missing`);
  const sets: BackupEntry[] = [];
  for (const [i, s] of (data.sets as unknown[]).entries()) {
    const entry = entryOf(s);
    if (typeof entry === 'string') return fail(`${path}: sets[${i}]: ${entry}`);
    sets.push(entry);
  }
  return ok({ format: FORMAT, version: VERSION, exported: data.exported, sets });
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const isStrings = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * A stored set's description read from outside (a manifest, a server's JSON): validated field by
 * field, never trusted.
 */
export function storedSetOf(s: unknown): Omit<StoredSet, 'deleted'> | string {
  if (!isObject(s)) return 'not an object';
  const { id, name, created, sha256, files, notes } = s;
  if (typeof id !== 'string' || !SET_ID.test(id)) return 'id is not a set id';
  if (typeof name !== 'string' || name.trim() === '') return 'name is missing';
  if (typeof created !== 'string' || Number.isNaN(Date.parse(created)))
    return 'created is not a date';
  if (typeof sha256 !== 'string') return 'sha256 is missing';
  if (!isStrings(files) || !isStrings(notes)) return 'files and notes are lists of text';
  const { records, accepted, rejected, flagged } = s;
  if (!isCount(records) || !isCount(accepted) || !isCount(rejected) || !isCount(flagged))
    return 'records, accepted, rejected and flagged are counts';
  return { id, name, created, sha256, files, notes, records, accepted, rejected, flagged };
}

function entryOf(s: unknown): BackupEntry | string {
  const set = storedSetOf(s);
  if (typeof set === 'string') return set;
  const { csvSha256, parquet } = s as Record<string, unknown>;
  if (typeof csvSha256 !== 'string') return 'csvSha256 is missing';
  // The file names are derived, not read: a manifest cannot point import at another path.
  return {
    ...set,
    csv: `${set.id}.csv`,
    parquet: parquet === null ? null : `${set.id}.parquet`,
    csvSha256,
  };
}

export interface ImportOutcome {
  imported: StoredSet[];
  /** Sets whose id the store already has (an earlier import, or the same server). */
  skipped: BackupEntry[];
}

/**
 * Puts every set of the backup in `dir` into `store` under its id and creation time. Each set is
 * checked whole before anything is stored (the CSV's digest and record count against the
 * manifest), so a damaged backup stores nothing; a set whose id is taken is skipped.
 */
export async function importAll(
  store: ResultStore,
  dir: string,
  who: string,
): Promise<Result<ImportOutcome>> {
  const manifest = readManifest(dir);
  if (!manifest.ok) return manifest;
  const pending: { entry: BackupEntry; records: ResultRecord[] }[] = [];
  const skipped: BackupEntry[] = [];
  for (const entry of manifest.value.sets) {
    if ((await store.getSet(entry.id)) !== null) {
      skipped.push(entry);
      continue;
    }
    const path = join(dir, entry.csv);
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch (e) {
      return fail(`${path}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (sha256Hex(bytes) !== entry.csvSha256)
      return fail(`${path}: changed since the export (its sha256 differs from ${MANIFEST})`);
    const records = csvToRecords(new TextDecoder().decode(bytes), entry.csv);
    if (!records.ok) return fail(`${path}: ${records.reason}`);
    if (records.value.length !== entry.records)
      return fail(`${path}: ${records.value.length} records, the manifest says ${entry.records}`);
    pending.push({ entry, records: records.value });
  }
  const imported: StoredSet[] = [];
  for (const { entry, records } of pending) {
    const { id, created, csv: _csv, parquet: _parquet, csvSha256: _digest, ...set } = entry;
    imported.push(await store.putSet(set, records, who, { id, created }));
  }
  return ok({ imported, skipped });
}
