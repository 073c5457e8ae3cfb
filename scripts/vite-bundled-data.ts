import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, extname } from 'node:path';
import type { Plugin } from 'vite';

/**
 * Serves the top-level data/ folder at /data in dev and copies its manifest and sets into the
 * build, so the app loads the bundled result sets on first start.
 */
export function bundledData(dataDir: string): Plugin {
  const files = () =>
    existsSync(dataDir) ? readdirSync(dataDir).filter((f) => /\.(json|csv|tsv)$/.test(f)) : [];
  return {
    name: 'aio-dash-bundled-data',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = req.url ?? '';
        if (!url.startsWith('/data/')) return next();
        const name = decodeURIComponent(url.slice('/data/'.length).split('?')[0] ?? '');
        if (!files().includes(name)) return next();
        res.setHeader(
          'Content-Type',
          extname(name) === '.json' ? 'application/json' : 'text/csv; charset=utf-8',
        );
        res.end(readFileSync(join(dataDir, name)));
      });
    },
    generateBundle() {
      for (const name of files()) {
        this.emitFile({
          type: 'asset',
          fileName: `data/${name}`,
          source: readFileSync(join(dataDir, name)),
        });
      }
    },
  };
}
