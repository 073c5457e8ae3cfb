/**
 * Timing of the comparison engine on the benchmark's synthetic records (bench/synth.ts, fixed
 * seed). Usage: `npx tsx scripts/compare-perf.ts [100000] [runs]`.
 *
 * Each step runs `runs` times (default 9) after a warm-up, with a forced GC before each run as
 * bench/harness.ts does, and prints the median and minimum of wall time and of process CPU time
 * (CPU includes V8's helper threads). "warm" reuses the records array, as the dashboard does
 * between spec changes: the engine caches its columnar encoding per array (recordColumns);
 * "cold" passes a fresh copy of the array, so every cache is rebuilt inside the run.
 * Speed budgets themselves live in `npm run bench`; this script backs the numbers quoted in the
 * JSDoc perf notes of src/core/compare.
 */
import { loadavg, cpus } from 'node:os';
import { synthRecords } from '../bench/synth';
import { gc } from '../bench/harness';
import { compare, coverage, facetCounts, pivot, summarize } from '../src/core/compare';
import { ENVIRONMENT_FIELDS } from '../src/core/model/record.types';
import { encode } from '../src/core/compare/columnar';

const n = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 9);
const records = synthRecords(n);

function time<T>(label: string, fn: () => T): T {
  const ms: number[] = [];
  const cpu: number[] = [];
  let out: T = fn(); // warm-up (JIT)
  for (let i = 0; i < runs; i++) {
    gc();
    const t0 = performance.now();
    const u0 = process.cpuUsage();
    out = fn();
    const du = process.cpuUsage(u0);
    ms.push(performance.now() - t0);
    cpu.push((du.user + du.system) / 1000);
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  const f = (x: number) => x.toFixed(1).padStart(7);
  console.log(
    `${label.padEnd(44)} wall ${f(med(ms))} (min ${f(Math.min(...ms))})   cpu ${f(med(cpu))} ms`,
  );
  return out;
}

console.log(
  `${records.length} records; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores; medians of ${runs}`,
);
time('encode 19 fields, cold', () => encode(records.slice(), ENVIRONMENT_FIELDS));
const c = time('compare threads→native, warm', () => compare(records));
console.log(
  `  ${c.cells.length} cells, ${c.unpaired.length} unpaired, ${c.outOfScope} out of scope`,
);
time('compare threads→native, cold', () => compare(records.slice()));
time('compare threads→io_uring, warm', () => compare(records, { candidate: 'io_uring' }));
const layout = {
  rows: ['storage', 'medium', 'prealloc'],
  cols: ['rw', 'prewritten'],
  metric: 'iops',
  value: 'delta',
} as const;
time('pivot [storage,medium,prealloc]×[rw,prewritten]', () =>
  pivot(c, { ...layout, rows: [...layout.rows], cols: [...layout.cols] }),
);
time('pivot [medium,prealloc,bus]×[bs,iodepth] lat', () =>
  pivot(c, {
    rows: ['medium', 'prealloc', 'bus'],
    cols: ['bs', 'iodepth'],
    metric: 'lat_mean_us',
    value: 'delta',
  }),
);
time('compare+pivot, warm (the bench figure)', () =>
  pivot(compare(records), { ...layout, rows: [...layout.rows], cols: [...layout.cols] }),
);
time('facetCounts 19 fields, warm', () => facetCounts(records, ENVIRONMENT_FIELDS));
time('facetCounts 19 fields, cold', () => facetCounts(records.slice(), ENVIRONMENT_FIELDS));
time('summarize by medium', () => summarize(c, ['medium']));
time('coverage (default fields), warm', () => coverage(records));
time('coverage (default fields), cold', () => coverage(records.slice()));
time('all deltas and sides read (e.g. a policy)', () => {
  const x = compare(records);
  for (const cell of x.cells) void (cell.deltas, cell.baseline.used, cell.candidate.used);
  return x;
});
