/**
 * 1M-record ingest + compare/pivot, run by bench/run.ts in a fresh child process
 * (`node --expose-gc --trace-gc --import tsx bench/mem.ts FILE.csv`) so that the heap holds only
 * this workload. Heap use is sampled with process.memoryUsage().heapUsed at every stage and at
 * every ingest progress callback; the parent also reads V8's --trace-gc lines (heap size before
 * each collection), so the reported peak does not depend on where the samples happened to fall.
 * The file is ingested as the app and the CLI can read a big file: streamed from disk in 64 KiB
 * pieces (fs read stream → ingestStream: TextDecoder with stream:true → incremental CSV parser),
 * never holding the whole text. `--whole` reads it into one string and calls ingestText instead.
 * The last stdout line is `RESULT {json}`.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { isPending, loadCompare, loadIngest } from './adapters';
import { synthRecords } from './synth';
import { ingestStream } from '../src/core/ingest/ingest';
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
  const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
  const whole = process.argv.includes('--whole');
  if (!file) throw new Error('usage: mem.ts FILE.csv [--whole]');
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
  } else if (whole) {
    source = 'ingestText';
    let text: string | null = stage('read', () => readFileSync(file, 'utf8'));
    const out = stage('ingest', () =>
      ingest.ingestText(text!, basename(file), () => void sample()),
    );
    text = null;
    records = out.records;
  } else {
    source = 'ingestStream';
    const t0 = performance.now();
    const out = await ingestStream(
      () => createReadStream(file, { highWaterMark: 64 * 1024 }),
      { fileName: basename(file), onProgress: () => void sample() },
      statSync(file).size,
    );
    if (!out.ok) throw new Error(`ingestStream refused ${file}: ${out.reason}`);
    stages.ingest = { ms: performance.now() - t0, heapAfterMB: sample() / MB };
    records = out.value.records;
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
