/**
 * 1M-record ingest + compare/pivot, run by bench/run.ts in a fresh child process
 * (`node --expose-gc --trace-gc --import tsx bench/mem.ts FILE.csv`) so that the heap holds only
 * this workload. Heap use is sampled with process.memoryUsage().heapUsed at every stage and at
 * every ingest progress callback; the parent also reads V8's --trace-gc lines (heap size before
 * each collection), so the reported peak does not depend on where the samples happened to fall.
 * The last stdout line is `RESULT {json}`.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { isPending, loadCompare, loadIngest } from './adapters';
import { synthRecords } from './synth';
import type { ResultRecord } from '../src/core/model/record.types';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const MB = 1024 * 1024;
let peak = 0;
const sample = () => {
  const used = process.memoryUsage().heapUsed;
  if (used > peak) peak = used;
  return used;
};
const timer = setInterval(sample, 5); // only fires between synchronous stages; cheap insurance

async function main() {
  const file = process.argv[2];
  if (!file) throw new Error('usage: mem.ts FILE.csv');
  gc();
  const baseline = sample();
  const stages: Record<string, { ms: number; heapAfterMB: number }> = {};
  const stage = <T>(name: string, fn: () => T): T => {
    const t0 = performance.now();
    const out = fn();
    stages[name] = { ms: performance.now() - t0, heapAfterMB: sample() / MB };
    return out;
  };
  const ingest = await loadIngest();
  const compare = await loadCompare();
  let records: ResultRecord[];
  let source: string;
  if (isPending(ingest)) {
    // Still measure compare on 1M records built in memory, and say so.
    source = `synthRecords (ingest pending: ${ingest.pending})`;
    records = stage('generate', () => synthRecords(1_000_000, { fileName: basename(file) }));
  } else {
    source = 'ingestText';
    let text: string | null = stage('read', () => readFileSync(file, 'utf8'));
    const out = stage('ingest', () =>
      ingest.ingestText(text!, basename(file), () => void sample()),
    );
    text = null;
    records = out.records;
  }
  gc();
  const heapRecordsMB = sample() / MB;
  let compareSummary: unknown = null;
  if (isPending(compare)) compareSummary = { pending: compare.pending };
  else compareSummary = stage('compare+pivot', () => compare.comparePivot(records));
  clearInterval(timer);
  const result = {
    source,
    records: records.length,
    stages,
    heapBaselineMB: baseline / MB,
    heapRetainedRecordsMB: heapRecordsMB,
    bytesPerRecord: Math.round(((heapRecordsMB - baseline / MB) * MB) / records.length),
    sampledPeakHeapMB: peak / MB,
    compare: compareSummary,
    rssPeakMB: rssHighWaterMB(),
  };
  console.log(`RESULT ${JSON.stringify(result)}`);
}

/** Peak resident set (VmHWM) from /proc: an upper bound that includes code and buffers. */
function rssHighWaterMB(): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

main().catch((e: unknown) => {
  clearInterval(timer);
  console.log(`RESULT ${JSON.stringify({ error: String(e) })}`);
  process.exitCode = 1;
});
