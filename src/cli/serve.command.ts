import { createServer } from 'node:http';
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chooseToken, isLoopback } from '../server/auth';
import { DEFAULT_DB_DIR, dataDirOf, openStore, parseDbOption } from '../server/store/open-store';
import type { StoreLocation } from '../server/store/open-store';
import { DEFAULT_MAX_UPLOAD, createApiHandler } from '../server/http';
import type { ResultStore } from '../server/store/result-store';
import { PAGE_HEADERS } from '../server/page-headers';
import { pageSetsFromManifest, storePageSets } from '../server/seed-store';
import type { PageSet } from '../server/seed-store';
import type { CliCommand } from './cli.types';
import { EXIT_INPUT, EXIT_OK } from './cli.types';
import { readArgs, usageError } from './args';
import type { CliSet } from './load-records';
import {
  LOAD_HELP,
  LOAD_SYNOPSIS,
  checkLoadArgs,
  loadSets,
  newLoadArgs,
  readLoadOption,
} from './load-records';
import { writeCsv } from './write-records';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

const USAGE = `aio-dash serve [FILE|DIR...] [--port N] [--host H] [--db DIR|clickhouse://HOST:PORT/DB] [--token-file F] [--max-upload MB] ${LOAD_SYNOPSIS}`;
const HELP = `${USAGE}
  Serves the built dashboard (dist/, from npm run build) on http://localhost:PORT/ (default 4173,
  or the PORT environment variable; 0 picks a free port). Without FILE, the app shows the sets in
  data/; with FILE|DIR, the sets they make instead (one manifest entry and canonical CSV per set).
  The team's result store is served under /api/ (docs/server.md): an embedded DuckDB database in
  --db DIR (default ./aio-dash-data/, created on start). The sets the page shows are stored in it
  on start, each once by content (a restart adds nothing; a deleted one stays in the trash).
  --db clickhouse://HOST:PORT/DB keeps it in ClickHouse instead (HTTP port; records sharded over a
  cluster with clickhouse://H1:P1,H2:P2/DB?cluster=NAME; docs/server.md "ClickHouse").
  --host H: the address to bind (default 127.0.0.1, this machine only). Bound beyond loopback, the
  server always has a write token: --token-file F, AIO_DASH_TOKEN, or one generated on first start
  into DIR/token (mode 0600) and printed once. --max-upload MB: largest upload (default 256).
${LOAD_HELP}
  Exit 0: stopped by Ctrl-C; 1: a file unreadable or not a result set, no dist/, or port in use;
  2: usage error.`;

/** In-memory data files (text in pieces) that replace dist/data when FILE arguments are given. */
export type DataOverride = Map<string, readonly string[]>;

/**
 * `serve FILE|DIR...`: the data directory the app loads for the loaded sets: `manifest.json`
 * plus one canonical CSV per set (file names made safe and unique).
 */
export function buildDataOverride(sets: readonly CliSet[]): DataOverride {
  const data: DataOverride = new Map();
  const entries: {
    name: string;
    file: string;
    description: string;
    source: string;
    records: number;
    sha256: string;
    files: string[];
  }[] = [];
  for (const set of sets) {
    const safe = set.name.replace(/[^\w.-]+/g, '_').replace(/^\.+/, '') || 'set';
    let csvName = `${safe}.csv`;
    for (let k = 2; data.has(csvName); k++) csvName = `${safe}-${k}.csv`;
    const pieces: string[] = [];
    writeCsv(set.records, (t) => void pieces.push(t));
    data.set(csvName, pieces);
    const n = set.files.length;
    entries.push({
      name: set.name,
      file: csvName,
      description: `${n} file${n === 1 ? '' : 's'} loaded by aio-dash serve: ${set.read} read, ${set.accepted} accepted, ${set.rejected} rejected, ${set.flagged} flagged`,
      source: set.files.join(', '),
      records: set.records.length,
      sha256: set.sha256,
      files: set.files,
    });
  }
  data.set('manifest.json', [JSON.stringify({ sets: entries }, null, 2) + '\n']);
  return data;
}

/** The sets of a data override as the page gets them (manifest order, canonical CSV bytes). */
export function pageSetsOfOverride(data: DataOverride): PageSet[] {
  const manifest = JSON.parse((data.get('manifest.json') ?? ['{"sets":[]}']).join('')) as {
    sets: { name: string; file: string }[];
  };
  return manifest.sets.map((e) => ({
    name: e.name,
    file: e.file,
    bytes: new TextEncoder().encode((data.get(e.file) ?? []).join('')),
  }));
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'serve the built dashboard with result sets loaded (default: the sets in data/)',
  usage: HELP,
  async run(argv, io) {
    let port = Number(process.env.PORT ?? 4173);
    let host = '127.0.0.1';
    let db: StoreLocation = { kind: 'duckdb', dir: resolve(io.cwd, DEFAULT_DB_DIR) };
    let tokenFile: string | undefined;
    let maxUpload = DEFAULT_MAX_UPLOAD;
    const load = newLoadArgs();
    const files = readArgs(argv, (name, value) => {
      const shared = readLoadOption(load, name, value);
      if (shared !== false) return shared;
      if (name === '--host') {
        host = value() ?? '';
        return host === '' ? '--host needs an address' : true;
      }
      if (name === '--db') {
        const parsed = parseDbOption(value() ?? '', io.cwd);
        if (typeof parsed === 'string') return parsed;
        db = parsed;
        return true;
      }
      if (name === '--token-file') {
        tokenFile = value() ?? '';
        return tokenFile === '' ? '--token-file needs a file' : true;
      }
      if (name === '--max-upload') {
        const mb = Number(value());
        if (!(mb > 0)) return '--max-upload needs a size in MB';
        maxUpload = Math.floor(mb * 1024 * 1024);
        return true;
      }
      if (name !== '--port') return false;
      port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        return '--port needs a number from 0 to 65535';
      return true;
    });
    if (typeof files === 'string') return usageError(io, 'serve', files, USAGE);
    const loadError = checkLoadArgs(load);
    if (loadError !== null) return usageError(io, 'serve', loadError, USAGE);
    const root = resolve(io.cwd, 'dist');
    if (!existsSync(join(root, 'index.html'))) {
      io.stderr(`aio-dash serve: ${root}/index.html not found; run 'npm run build' first\n`);
      return EXIT_INPUT;
    }
    let override: DataOverride | null = null;
    if (files.length > 0) {
      const loaded = await loadSets(files, load, io);
      if (loaded.code !== EXIT_OK) {
        io.stderr('aio-dash serve: not serving: a file could not be loaded (see above)\n');
        return EXIT_INPUT;
      }
      override = buildDataOverride(loaded.sets);
    }
    const dataDir = dataDirOf(db, io.cwd);
    // With ClickHouse no store creates the directory, yet the token and audit.jsonl live there.
    if ((db as StoreLocation).kind === 'clickhouse')
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const tokenChoice = chooseToken({
      host,
      ...(tokenFile !== undefined ? { tokenFile: resolve(io.cwd, tokenFile) } : {}),
      ...(process.env.AIO_DASH_TOKEN !== undefined ? { env: process.env.AIO_DASH_TOKEN } : {}),
      dataDir,
    });
    if (!tokenChoice.ok) return usageError(io, 'serve', tokenChoice.reason, USAGE);
    const token = tokenChoice.value;
    // The store is opened at start (below) to hold the page's sets; should that fail (another
    // server holds the file), the dashboard is still served and each API request tries again.
    let store: Promise<ResultStore> | null = null;
    const storeOnFirstUse = (): Promise<ResultStore> => {
      store ??= openStore(db).catch((e: unknown) => {
        store = null; // tried again on the next request (e.g. another server held the file)
        throw e;
      });
      return store;
    };
    const api = createApiHandler({
      store: storeOnFirstUse,
      token: token.tokens,
      maxUpload,
      auditFile: join(dataDir, 'audit.jsonl'),
      log: (line) => io.stderr(line + '\n'),
    });
    // The sets the page shows go into the store, once by content (seed-store.ts): what the page
    // shows, the team's store holds, and the page knows them as the server's.
    try {
      const pageSets = override
        ? pageSetsOfOverride(override)
        : pageSetsFromManifest(join(root, 'data')).sets;
      const seeded = await storePageSets(
        await storeOnFirstUse(),
        pageSets,
        'serve@start',
        (id, name, n) => {
          try {
            const at = new Date().toISOString();
            const line = {
              at,
              who: 'serve@start',
              action: 'put',
              setId: id,
              detail: `${name}: ${n} records`,
            };
            appendFileSync(join(dataDir, 'audit.jsonl'), JSON.stringify(line) + '\n', {
              mode: 0o600,
            });
          } catch {
            // The store's own audit table has the entry (same transaction as the set).
          }
        },
      );
      io.stderr(
        `aio-dash: store: ${seeded.stored.length} of the page's sets stored now, ${seeded.present.length} already there\n`,
      );
      for (const f of seeded.failed)
        io.stderr(`aio-dash serve: set "${f.name}" not stored: ${f.reason}\n`);
    } catch (e) {
      io.stderr(
        `aio-dash serve: the store cannot be opened now (${e instanceof Error ? e.message : String(e)}); the dashboard is served and the API tries again on each request\n`,
      );
    }
    const server = createServer((req, res) => {
      if (api(req, res)) return;
      const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
      if (override && path.startsWith('/data/')) {
        const body = override.get(path.slice('/data/'.length));
        if (body === undefined) {
          res.writeHead(404, PAGE_HEADERS).end('not found');
          return;
        }
        res.writeHead(200, {
          ...PAGE_HEADERS,
          'Content-Type': MIME[extname(path)] ?? 'application/octet-stream',
        });
        for (const piece of body) res.write(piece);
        res.end();
        return;
      }
      let file = normalize(join(root, path));
      if (!file.startsWith(root + sep) && file !== root) {
        res.writeHead(403, PAGE_HEADERS).end('forbidden');
        return;
      }
      if (!existsSync(file) || statSync(file).isDirectory()) {
        // Single-page app: unknown paths (e.g. /report) get index.html; missing data is a 404.
        if (path.startsWith('/data/') || path.startsWith('/assets/')) {
          res.writeHead(404, PAGE_HEADERS).end('not found');
          return;
        }
        file = join(root, 'index.html');
      }
      const cache = file.includes(`${sep}assets${sep}`)
        ? 'public, max-age=31536000, immutable'
        : 'no-cache';
      res.writeHead(200, {
        ...PAGE_HEADERS,
        'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': cache,
      });
      res.end(readFileSync(file));
    });
    await new Promise<void>((done, failed) => {
      server.once('error', failed);
      server.listen(port, host, () => done());
    }).catch((e: unknown) => {
      io.stderr(`aio-dash serve: cannot listen on ${host} port ${port}: ${String(e)}\n`);
      port = -1;
    });
    if (port < 0) return EXIT_INPUT;
    const address = server.address();
    if (address !== null && typeof address === 'object') port = address.port;
    const shown = isLoopback(host) ? 'localhost' : host.includes(':') ? `[${host}]` : host;
    io.stderr(`aio-dash: dashboard on http://${shown}:${port}/ (Ctrl-C to stop)\n`);
    if (token.source === 'generated')
      io.stderr(
        `aio-dash: write token (shown once; stored in ${token.file}, mode 0600): ${token.tokens?.[0]?.token ?? ''}\n`,
      );
    else if (token.tokens !== null)
      io.stderr(
        `aio-dash: writes need a token (${token.source}: ${token.tokens.map((t) => t.label).join(', ')})\n`,
      );
    await new Promise<void>((done) => {
      const stop = () =>
        server.close(() => {
          if (store)
            void store
              .then((s) => s.close())
              .catch(() => undefined)
              .finally(done);
          else done();
        });
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return EXIT_OK;
  },
};
