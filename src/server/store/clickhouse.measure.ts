/**
 * Measures the ClickHouse store on this machine (issue 13.7 notes, docs/server.md): starts one
 * clickhouse-server in a temp dir, puts N synthetic records (the seed repeated with varied
 * numbers), runs aggregateCells over them, and prints the times, the server's resident memory
 * and the load average (the machine is shared: figures are upper bounds). Stops the server.
 *
 *   npx tsx src/server/store/clickhouse.measure.ts 1000000
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ingestBytes } from '../../core/ingest/ingest';
import type { ResultRecord } from '../../core/model/record.types';
import type { Iops } from '../../core/model/units';
import { openClickHouseStore } from './clickhouse';
import { parseClickHouseUrl } from './clickhouse.sql';
import { findClickHouseServer, startClickHouse } from './clickhouse.test-server';

/** VmRSS and VmHWM (peak) of a process, in MiB. */
function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 1_000_000);
  const bin = findClickHouseServer();
  if ('skip' in bin) throw new Error(bin.skip);
  const bytes = readFileSync(
    fileURLToPath(new URL('../../../data/zstack-2023q1.csv', import.meta.url)),
  );
  const seed = ingestBytes(bytes, { fileName: 'zstack-2023q1.csv', set: 'seed' });
  if (!seed.ok) throw new Error(seed.reason);
  const base = seed.value.records;
  const records: ResultRecord[] = Array.from({ length: n }, (_, i) => {
    const r = base[i % base.length]!;
    return { ...r, iops: r.iops === null ? null : ((r.iops * (0.9 + (i % 97) / 480)) as Iops) };
  });
  const ch = await startClickHouse(bin.path, 1);
  try {
    const t = parseClickHouseUrl(ch.url('measure'));
    if (!t.ok) throw new Error(t.reason);
    const store = await openClickHouseStore(t.value);
    const pid = ch.pids[0]!;
    console.log(
      `records ${n}; load average before: ${load()}; server ${JSON.stringify(memory(pid))} MiB`,
    );
    let at = performance.now();
    const set = await store.putSet(
      {
        name: 'measure',
        records: n,
        accepted: n,
        rejected: 0,
        flagged: 0,
        sha256: '',
        files: [],
        notes: [],
      },
      records,
      'measure',
    );
    console.log(
      `put: ${((performance.now() - at) / 1000).toFixed(1)} s; load ${load()}; server ${JSON.stringify(memory(pid))} MiB`,
    );
    for (const [axis, baseline, candidate] of [
      ['aio', 'threads', 'native'],
      ['aio', 'threads', 'io_uring'],
    ] as const) {
      at = performance.now();
      const cells = await store.aggregateCells({
        sets: [set.id],
        axis,
        baseline,
        candidate,
        poolSets: true,
        excludeFlagged: true,
      });
      console.log(
        `aggregateCells ${axis} ${baseline}/${candidate}: ${((performance.now() - at) / 1000).toFixed(2)} s, ${cells?.groups.length} groups; load ${load()}; server ${JSON.stringify(memory(pid))} MiB`,
      );
    }
    if (n <= 1_000_000) {
      at = performance.now();
      const back = await store.getRecords(set.id);
      console.log(
        `getRecords: ${((performance.now() - at) / 1000).toFixed(1)} s, ${back?.length} records; load ${load()}`,
      );
    }
    await store.close();
  } finally {
    await ch.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
