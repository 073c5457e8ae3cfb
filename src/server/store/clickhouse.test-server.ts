/**
 * For tests: starts Debian's clickhouse-server as real processes on 127.0.0.1 (free ports, data,
 * tmp and logs in a temp dir), one node or two shards (two processes that share a
 * `remote_servers` cluster named `aio_two_shards`), and stops them. When the server is missing it
 * is installed with apt-get if we are root (scripts/ensure-debian-package.sh), else the tests are
 * skipped with the reason printed.
 */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TWO_SHARDS = 'aio_two_shards';

export interface RunningClickHouse {
  /** http://127.0.0.1:PORT of each node; the first is the entry node. */
  nodes: string[];
  /** `--db` value for `database` on this layout. */
  url(database: string): string;
  pids: number[];
  stop(): Promise<void>;
}

const SERVER_PATHS = ['/usr/sbin/clickhouse-server', '/usr/bin/clickhouse-server'];

/** The clickhouse-server binary, installing Debian's package when root; or why not. */
export function findClickHouseServer(): { path: string } | { skip: string } {
  const found = () => SERVER_PATHS.find((p) => existsSync(p));
  let path = found();
  if (!path && process.getuid?.() === 0) {
    try {
      execFileSync(
        'bash',
        [
          fileURLToPath(new URL('../../../scripts/ensure-debian-package.sh', import.meta.url)),
          'clickhouse-server:clickhouse-server',
        ],
        { stdio: ['ignore', 'ignore', 'inherit'] },
      );
    } catch {
      // reported below
    }
    path = found();
  }
  if (path) return { path };
  return {
    skip:
      process.getuid?.() === 0
        ? 'clickhouse-server could not be installed with apt-get (see above)'
        : "clickhouse-server is not installed and we are not root: run 'sudo apt-get install clickhouse-server'",
  };
}

/** A port free right now on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((done, failed) => {
    const s = createServer();
    s.once('error', failed);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a !== null ? a.port : 0;
      s.close(() => done(port));
    });
  });
}

function configXml(dir: string, http: number, tcp: number, shardTcp: readonly number[]): string {
  const shards = shardTcp
    .map((p) => `<shard><replica><host>127.0.0.1</host><port>${p}</port></replica></shard>`)
    .join('');
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/log/server.log</log><errorlog>${dir}/log/error.log</errorlog><size>10M</size><count>1</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${http}</http_port>
  <tcp_port>${tcp}</tcp_port>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <mark_cache_size>67108864</mark_cache_size>
  <uncompressed_cache_size>67108864</uncompressed_cache_size>
  <max_concurrent_queries>50</max_concurrent_queries>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
  <quotas><default></default></quotas>
  ${shardTcp.length > 1 ? `<remote_servers><${TWO_SHARDS}>${shards}</${TWO_SHARDS}></remote_servers>` : ''}
</yandex>
`;
}

async function waitForPing(url: string, child: ChildProcess, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`clickhouse-server exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${url}/ping`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`clickhouse-server did not answer ${url}/ping within ${ms} ms`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000); // a loaded machine can stall its shutdown
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.kill('SIGTERM');
  });
}

/** Starts `shards` (1 or 2) clickhouse-server processes; every one is stopped by stop(). */
export async function startClickHouse(binary: string, shards: 1 | 2): Promise<RunningClickHouse> {
  const root = mkdtempSync(join(tmpdir(), 'aio-clickhouse-'));
  const ports = await Promise.all(Array.from({ length: shards * 2 }, freePort));
  const http = ports.filter((_, i) => i % 2 === 0);
  const tcp = ports.filter((_, i) => i % 2 === 1);
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map(stopChild));
    rmSync(root, { recursive: true, force: true });
  };
  try {
    for (let k = 0; k < shards; k++) {
      const dir = join(root, `node${k + 1}`);
      for (const sub of ['log', 'data', 'tmp', 'user_files', 'format_schemas'])
        mkdirSync(join(dir, sub), { recursive: true });
      const config = join(dir, 'config.xml');
      writeFileSync(config, configXml(dir, http[k]!, tcp[k]!, shards > 1 ? tcp : []));
      const child = spawn(binary, [`--config-file=${config}`], { cwd: dir, stdio: 'ignore' });
      children.push(child);
    }
    const nodes = http.map((p) => `http://127.0.0.1:${p}`);
    await Promise.all(nodes.map((n, k) => waitForPing(n, children[k]!, 30_000)));
    const hosts = http.map((p) => `127.0.0.1:${p}`).join(',');
    return {
      nodes,
      url: (db) => `clickhouse://${hosts}/${db}${shards > 1 ? `?cluster=${TWO_SHARDS}` : ''}`,
      pids: children.map((c) => c.pid ?? 0),
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
