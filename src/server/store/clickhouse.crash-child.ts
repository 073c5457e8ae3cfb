/**
 * For clickhouse.test.ts: a writer that the test kills with SIGKILL in the middle of a put.
 * Opens the store at argv[2] and puts argv[3] records (the seed repeated); never returns early.
 */
import { openClickHouseStore } from './clickhouse';
import { parseClickHouseUrl } from './clickhouse.sql';
import { describeSet, seedRecords } from './contract.test-suite';

async function main(): Promise<void> {
  const t = parseClickHouseUrl(process.argv[2] ?? '');
  if (!t.ok) throw new Error(t.reason);
  const n = Number(process.argv[3] ?? 100_000);
  const seed = seedRecords();
  const records = Array.from({ length: n }, (_, i) => seed[i % seed.length]!);
  const store = await openClickHouseStore(t.value);
  process.stdout.write('putting\n');
  await store.putSet(describeSet('killed', n), records, 'crash-child');
  process.stdout.write('stored\n');
  await store.close();
}

void main();
