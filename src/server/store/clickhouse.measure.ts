/**
 * Measures the ClickHouse store on this machine (issue 13.7 notes, docs/server.md): starts one
 * clickhouse-server in a temp dir, puts N synthetic records (the seed repeated with varied
 * numbers: bench/synth.ts repeatedSeed), runs aggregateCells over them, and prints the times, the server's resident memory
 * and the load average (the machine is shared: figures are upper bounds). Stops the server.
 *
 *   npx tsx src/server/store/clickhouse.measure.ts 1000000 [--copies 9]
 *
 * --copies K then copies the set K times inside ClickHouse (INSERT … SELECT of the stored columns
 * under a new set id, and its `put` event: not the ingest path, whose rate the put figure gives)
 * and aggregates all of them pooled: 10M records from 1M put.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createClient } from '@clickhouse/client';
import { repeatedSeed } from '../../../bench/synth';
import { openClickHouseStore } from './clickhouse';
import type { EventRow } from './clickhouse.events';
import {
  RECORD_INSERT_COLUMNS,
  parseClickHouseUrl,
  selectEvents,
  sqlString,
} from './clickhouse.sql';
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
  const copiesAt = process.argv.indexOf('--copies');
  const copies = copiesAt < 0 ? 0 : Number(process.argv[copiesAt + 1]);
  const bin = findClickHouseServer();
  if ('skip' in bin) throw new Error(bin.skip);
  const records = repeatedSeed(n);
  const ch = await startClickHouse(bin.path, 1);
  try {
    const t = parseClickHouseUrl(ch.url('measure'));
    if (!t.ok) throw new Error(t.reason);
    let store = await openClickHouseStore(t.value);
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
    const sets = [set.id];
    if (copies > 0) {
      at = performance.now();
      sets.push(...(await copySet(ch.nodes[0]!, t.value.database, set.id, copies)));
      await store.close();
      store = await openClickHouseStore(t.value);
      console.log(
        `copied ${copies}× inside ClickHouse: ${((performance.now() - at) / 1000).toFixed(1)} s; ${(await store.listSets()).length} sets; load ${load()}; server ${JSON.stringify(memory(pid))} MiB`,
      );
    }
    for (const [axis, baseline, candidate] of [
      ['aio', 'threads', 'native'],
      ['aio', 'threads', 'io_uring'],
    ] as const) {
      at = performance.now();
      const cells = await store.aggregateCells({
        sets,
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
    if (n <= 1_000_000 && copies === 0) {
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

/** Copies set `id` `copies` times (records by INSERT … SELECT, then a `put` event each). */
async function copySet(node: string, db: string, id: string, copies: number): Promise<string[]> {
  const client = createClient({ url: node });
  try {
    const rs = await client.query({ query: selectEvents(db), format: 'JSONEachRow' });
    const events = await rs.json<EventRow>();
    const put = events.find((e) => e.action === 'put' && e.set_id === id)!;
    let rev = events.reduce((m, e) => Math.max(m, Number(e.rev)), 0);
    const ids: string[] = [];
    for (let k = 1; k <= copies; k++) {
      const copy = `${id}-copy${k}`;
      const name = `${put.name}-copy${k}`;
      const quoted = RECORD_INSERT_COLUMNS.map((c) => `\`${c}\``);
      const cols = RECORD_INSERT_COLUMNS.map((c, i) =>
        c === 'set_id' ? sqlString(copy) : c === 'set' ? sqlString(name) : quoted[i]!,
      );
      await client.command({
        query: `INSERT INTO ${db}.records (${quoted.join(', ')}) SELECT ${cols.join(', ')} FROM ${db}.records WHERE set_id = ${sqlString(id)}`,
      });
      await client.insert({
        table: `${db}.events`,
        values: [{ ...put, rev: ++rev, set_id: copy, name, detail: `${name}: copy` }],
        format: 'JSONEachRow',
      });
      ids.push(copy);
    }
    return ids;
  } finally {
    await client.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
