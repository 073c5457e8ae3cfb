import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { defaultSetName, ingestBytes, recordsToCsv } from '../core/ingest/ingest';
import type { CliCommand } from './cli.types';
import { EXIT_INPUT, EXIT_OK, EXIT_USAGE } from './cli.types';

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

/** In-memory data files that replace dist/data when FILE arguments are given. */
export type DataOverride = Map<string, string>;

/**
 * `serve FILE...`: ingests each file as its own result set and returns the data directory the
 * app loads: `manifest.json` plus one canonical CSV per set. A string is an error message.
 */
export function buildDataOverride(files: string[], cwd: string): DataOverride | string {
  const data: DataOverride = new Map();
  const sets: {
    name: string;
    file: string;
    description: string;
    source: string;
    records: number;
  }[] = [];
  const used = new Set<string>();
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(resolve(cwd, file));
    } catch (e) {
      return `${file}: cannot read: ${e instanceof Error ? e.message : String(e)}`;
    }
    let name = defaultSetName(file);
    for (let k = 2; used.has(name); k++) name = `${defaultSetName(file)}-${k}`;
    used.add(name);
    const r = ingestBytes(bytes, { fileName: file, set: name });
    if (!r.ok) return `${file}: ${r.reason}`;
    const rep = r.value.report;
    const csvName = `${name.replace(/[^\w.-]+/g, '_')}.csv`;
    data.set(csvName, recordsToCsv(r.value.records));
    sets.push({
      name,
      file: csvName,
      description: `${rep.format} file loaded by aio-dash serve: ${rep.read} read, ${rep.accepted} accepted, ${rep.rejected.length} rejected, ${rep.flagged} flagged`,
      source: file,
      records: r.value.records.length,
    });
  }
  data.set('manifest.json', JSON.stringify({ sets }, null, 2) + '\n');
  return data;
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'serve the built dashboard with result sets loaded (default: the sets in data/)',
  usage: 'aio-dash serve [FILE...] [--port N]   (PORT env var also sets the port; default 4173)',
  async run(argv, io) {
    let port = Number(process.env.PORT ?? 4173);
    const files: string[] = [];
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '--port') {
        port = Number(argv[++i]);
        if (!Number.isInteger(port) || port <= 0 || port > 65535) {
          io.stderr(`aio-dash serve: --port needs a number from 1 to 65535\n`);
          return EXIT_USAGE;
        }
      } else if (a.startsWith('-')) {
        io.stderr(`aio-dash serve: unknown option ${a}\n`);
        return EXIT_USAGE;
      } else files.push(a);
    }
    const root = resolve(io.cwd, 'dist');
    if (!existsSync(join(root, 'index.html'))) {
      io.stderr(`aio-dash serve: ${root}/index.html not found; run 'npm run build' first\n`);
      return EXIT_INPUT;
    }
    let override: DataOverride | null = null;
    if (files.length > 0) {
      const built = buildDataOverride(files, io.cwd);
      if (typeof built === 'string') {
        io.stderr(`aio-dash serve: ${built}\n`);
        return EXIT_INPUT;
      }
      override = built;
    }
    const server = createServer((req, res) => {
      const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
      if (override && path.startsWith('/data/')) {
        const body = override.get(path.slice('/data/'.length));
        if (body === undefined) {
          res.writeHead(404).end('not found');
          return;
        }
        res
          .writeHead(200, { 'Content-Type': MIME[extname(path)] ?? 'application/octet-stream' })
          .end(body);
        return;
      }
      let file = normalize(join(root, path));
      if (!file.startsWith(root + sep) && file !== root) {
        res.writeHead(403).end('forbidden');
        return;
      }
      if (!existsSync(file) || statSync(file).isDirectory()) {
        // Single-page app: unknown paths (e.g. /report) get index.html; missing data is a 404.
        if (path.startsWith('/data/') || path.startsWith('/assets/')) {
          res.writeHead(404).end('not found');
          return;
        }
        file = join(root, 'index.html');
      }
      const cache = file.includes(`${sep}assets${sep}`)
        ? 'public, max-age=31536000, immutable'
        : 'no-cache';
      res.writeHead(200, {
        'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': cache,
      });
      res.end(readFileSync(file));
    });
    await new Promise<void>((done, failed) => {
      server.once('error', failed);
      server.listen(port, () => done());
    }).catch((e: unknown) => {
      io.stderr(`aio-dash serve: cannot listen on port ${port}: ${String(e)}\n`);
      port = -1;
    });
    if (port < 0) return EXIT_INPUT;
    io.stderr(`aio-dash: dashboard on http://localhost:${port}/ (Ctrl-C to stop)\n`);
    await new Promise<void>((done) => {
      const stop = () => server.close(() => done());
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return EXIT_OK;
  },
};
