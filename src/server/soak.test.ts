/**
 * Soak (issue 13): `aio-dash serve` as a real process, 8 clients uploading and reading on loopback
 * for 60 s. Bounded: no request fails, every upload is listed afterwards with its record count,
 * each client reads its own writes at once, and the server's peak memory stays under a bound.
 * AIO_SOAK_SECONDS shortens it for a local try; CI runs the full minute.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServeProcess, stopProcess } from './serve-process.test-helper';

const SECONDS = Number(process.env.AIO_SOAK_SECONDS ?? 60);
const CLIENTS = 8;
/** Peak resident memory the server may reach (it holds no records between requests). */
const RSS_BOUND_MB = 1024;

const SEED = readFileSync(join(__dirname, '../../data/zstack-2023q1.csv'), 'utf8');
const SEED_LINES = SEED.trimEnd().split('\n');
const work = mkdtempSync(join(tmpdir(), 'aio-soak-'));
let server: ChildProcess | null = null;

afterAll(async () => {
  if (server) await stopProcess(server);
  rmSync(work, { recursive: true, force: true });
});

/** 40 seed rows with a run id of their own, so every upload is distinct content. */
function uploadBody(run: string): string {
  const rows = SEED_LINES.slice(1, 41).map((l) => l.replace(/^([^,]*),([^,]*),/, `$1,${run},`));
  return [SEED_LINES[0], ...rows].join('\n') + '\n';
}

/** The server's peak resident set (VmHWM), MB; null where /proc is not there. */
function peakRssMb(pid: number | undefined): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

describe('the team server under 8 clients for a minute', () => {
  it(
    'answers every request, lists every upload, and stays within its memory bound',
    async () => {
      const started = await startServeProcess(work, join(work, 'db'));
      server = started.child;
      const { url } = started;
      const deadline = Date.now() + SECONDS * 1000;
      const errors: string[] = [];
      const latencies: number[] = [];
      const uploaded = new Map<string, number>(); // id → records

      const timed = async (
        what: string,
        path: string,
        init?: RequestInit,
      ): Promise<Response | null> => {
        const t0 = performance.now();
        try {
          const res = await fetch(url + path, init);
          latencies.push(performance.now() - t0);
          return res;
        } catch (e) {
          errors.push(`${what}: ${e instanceof Error ? e.message : String(e)}`);
          return null;
        }
      };

      const client = async (c: number): Promise<number> => {
        const mine: string[] = [];
        for (let k = 0; Date.now() < deadline; k++) {
          const put = await timed('upload', `/api/sets?name=c${c}`, {
            method: 'POST',
            body: uploadBody(`c${c}-${k}`),
          });
          if (put === null) continue;
          const body = (await put.json()) as { id?: string; records?: number; error?: string };
          if (put.status !== 201 || body.id === undefined) {
            errors.push(`upload ${c}/${k}: ${put.status} ${body.error ?? ''}`);
            continue;
          }
          mine.push(body.id);
          uploaded.set(body.id, body.records ?? -1);

          const list = await timed('list', '/api/sets');
          if (list !== null) {
            const ids = new Set(((await list.json()) as { id: string }[]).map((s) => s.id));
            const missing = mine.filter((id) => !ids.has(id));
            if (list.status !== 200 || missing.length > 0)
              errors.push(
                `list ${c}/${k}: ${list.status}, own uploads missing: ${missing.join(' ')}`,
              );
          }

          const id = mine[k % mine.length]!;
          const read = await timed('records', `/api/sets/${id}/records?format=csv`);
          if (read !== null) {
            const lines = (await read.text()).trimEnd().split('\n').length - 1;
            if (read.status !== 200 || lines !== uploaded.get(id))
              errors.push(`records ${id}: ${read.status}, ${lines} lines for ${uploaded.get(id)}`);
          }
        }
        return mine.length;
      };

      const perClient = await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
      const listed = (await (await fetch(`${url}/api/sets`)).json()) as {
        id: string;
        records: number;
      }[];
      const listedRecords = new Map(listed.map((s) => [s.id, s.records]));
      const lost = [...uploaded].filter(([id, n]) => listedRecords.get(id) !== n);
      const rss = peakRssMb(server.pid);
      latencies.sort((a, b) => a - b);
      console.log(
        `soak: ${SECONDS} s, ${CLIENTS} clients, ${uploaded.size} uploads (${perClient.join('/')}), ` +
          `${latencies.length} requests, p50 ${quantile(latencies, 0.5).toFixed(0)} ms, ` +
          `p99 ${quantile(latencies, 0.99).toFixed(0)} ms, peak RSS ${rss?.toFixed(0) ?? '?'} MB`,
      );

      expect(errors.slice(0, 5)).toEqual([]);
      expect(lost).toEqual([]);
      expect(perClient.every((n) => n > 0)).toBe(true);
      if (rss !== null) expect(rss).toBeLessThan(RSS_BOUND_MB);
    },
    (SECONDS + 90) * 1000,
  );
});
