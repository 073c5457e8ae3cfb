/**
 * `aio-dash export --all DIR` and `aio-dash import DIR`: the team server's backup as files a
 * person can read (canonical CSV + Parquet + a manifest), and its restore (src/server/backup.ts).
 * Both open the store directly (`--db`, as `serve` takes it), so the server is stopped first: an
 * embedded DuckDB file has one writer at a time.
 */
import { resolve } from 'node:path';
import type { CliCommand, CliIo } from './cli.types';
import { EXIT_INPUT, EXIT_OK } from './cli.types';
import { readArgs, usageError } from './args';
import { DEFAULT_DB_DIR, openStore, parseDbOption } from '../server/store/open-store';
import type { StoreLocation } from '../server/store/open-store';
import type { ResultStore } from '../server/store/result-store';
import { exportAll, importAll } from '../server/backup';
import { remoteSource } from '../server/backup.remote';
import { parseServerUrl } from './push-set';

const DB_HELP = `  --db DIR | clickhouse://HOST:PORT/DATABASE: the store, as 'aio-dash serve' takes it
  (default ./${DEFAULT_DB_DIR}). Stop the server first: its DuckDB file has one writer at a time.`;

const EXPORT_USAGE = 'aio-dash export --all DIR [--db DIR | --server URL] [--no-parquet]';
const IMPORT_USAGE = 'aio-dash import DIR [--db DIR]';

/** Reads `--db` for both commands; other options go to `more`. */
function readDbArgs(
  argv: readonly string[],
  io: CliIo,
  more: (name: string, value: () => string | null) => string | boolean = () => false,
): { files: string[]; db: StoreLocation } | string {
  let db: StoreLocation = { kind: 'duckdb', dir: resolve(io.cwd, DEFAULT_DB_DIR) };
  const files = readArgs(argv, (name, value) => {
    if (name !== '--db') return more(name, value);
    const parsed = parseDbOption(value() ?? '', io.cwd);
    if (typeof parsed === 'string') return parsed;
    db = parsed;
    return true;
  });
  return typeof files === 'string' ? files : { files, db };
}

/** Opens the store, or says why not (a DuckDB file held by a running server, most often). */
async function open(db: StoreLocation, command: string, io: CliIo): Promise<ResultStore | null> {
  try {
    return await openStore(db);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    io.stderr(`aio-dash ${command}: cannot open the store: ${why}\n`);
    if (/lock/i.test(why)) io.stderr(`  (is 'aio-dash serve' running on it? stop it first)\n`);
    return null;
  }
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: "write every set of the team server's store as CSV + Parquet (a readable backup)",
  usage: `${EXPORT_USAGE}
  Writes every live set of the store into DIR: ID.csv (canonical CSV), ID.parquet, sets.json (the
  manifest 'aio-dash import' reads) and README.md (the sets as a table). Files are named by set id.
${DB_HELP}
  --server URL: read the sets from a running team server instead (nothing to stop).
  --no-parquet: CSV only.
  Exit 0: written; 1: the store cannot be opened or DIR cannot be written; 2: usage error.`,
  async run(argv, io) {
    let all = false;
    let parquet = true;
    let server: URL | null = null;
    const args = readDbArgs(argv, io, (name, value) => {
      if (name === '--server') {
        const url = parseServerUrl(value() ?? '', '--server');
        if (typeof url === 'string') return url;
        server = url;
      } else if (name === '--all') all = true;
      else if (name === '--no-parquet') parquet = false;
      else return false;
      return true;
    });
    if (typeof args === 'string') return usageError(io, 'export', args, EXPORT_USAGE);
    if (!all)
      return usageError(io, 'export', '--all is required (every set is exported)', EXPORT_USAGE);
    const [dir, ...rest] = args.files;
    if (dir === undefined || rest.length > 0)
      return usageError(io, 'export', 'one DIR is required', EXPORT_USAGE);
    const store = server === null ? await open(args.db, 'export', io) : null;
    if (server === null && store === null) return EXIT_INPUT;
    try {
      const source = store ?? remoteSource(server!);
      const out = await exportAll(source, resolve(io.cwd, dir), { parquet });
      for (const s of out.sets) io.stderr(`${s.csv}: ${s.name}, ${s.records} records\n`);
      io.stdout(`exported ${out.sets.length} sets to ${out.dir}\n`);
      return EXIT_OK;
    } catch (e) {
      io.stderr(`aio-dash export: ${e instanceof Error ? e.message : String(e)}\n`);
      return EXIT_INPUT;
    } finally {
      await store?.close();
    }
  },
};

export const importCommand: CliCommand = {
  name: 'import',
  summary: "restore a backup made by 'aio-dash export --all' into the store",
  usage: `${IMPORT_USAGE}
  Puts every set of the backup in DIR back under its id and creation time, so set=ID links open
  the same sets. Each CSV is checked against the manifest (sha256, record count) before anything
  is stored; a set whose id the store already has is skipped and named.
${DB_HELP}
  Exit 0: restored; 1: not a backup, a file changed or missing, or the store cannot be opened;
  2: usage error.`,
  async run(argv, io) {
    const args = readDbArgs(argv, io);
    if (typeof args === 'string') return usageError(io, 'import', args, IMPORT_USAGE);
    const [dir, ...rest] = args.files;
    if (dir === undefined || rest.length > 0)
      return usageError(io, 'import', 'one DIR is required', IMPORT_USAGE);
    const store = await open(args.db, 'import', io);
    if (store === null) return EXIT_INPUT;
    try {
      const out = await importAll(store, resolve(io.cwd, dir), 'import@cli');
      if (!out.ok) {
        io.stderr(`aio-dash import: ${out.reason}; nothing stored\n`);
        return EXIT_INPUT;
      }
      for (const s of out.value.skipped)
        io.stderr(`${s.csv}: skipped, the store already has set ${s.id} (${s.name})\n`);
      for (const s of out.value.imported) io.stderr(`${s.id}: ${s.name}, ${s.records} records\n`);
      io.stdout(
        `imported ${out.value.imported.length} sets, skipped ${out.value.skipped.length}\n`,
      );
      return EXIT_OK;
    } finally {
      await store.close();
    }
  },
};
