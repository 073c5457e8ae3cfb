/** Test helper: the team server's API on a free loopback port over a DuckDB store in a temp dir. */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WriteToken } from './auth';
import { createApiHandler } from './http';
import { openDuckDbStore } from './store/duckdb';
import type { ResultStore } from './store/result-store';

export interface TestApiServer {
  url: string;
  dir: string;
  store: ResultStore;
  /** Stops the server, closes the store and removes the temp dir. */
  stop: () => Promise<void>;
}

export async function startTestApiServer(
  opts: { token?: string | readonly WriteToken[] | null; maxUpload?: number } = {},
): Promise<TestApiServer> {
  const dir = mkdtempSync(join(tmpdir(), 'aio-server-'));
  const store = await openDuckDbStore(dir);
  const api = createApiHandler({
    store: () => Promise.resolve(store),
    token: opts.token ?? null,
    ...(opts.maxUpload !== undefined ? { maxUpload: opts.maxUpload } : {}),
    auditFile: join(dir, 'audit.jsonl'),
    log: () => undefined,
  });
  const server = createServer((req, res) => {
    if (!api(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    dir,
    store,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
