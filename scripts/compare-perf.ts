/**
 * Timing of the comparison engine on the benchmark's synthetic records (bench/synth.ts, fixed
 * seed). Prints the median of 7 runs per step. Usage: `npx tsx scripts/compare-perf.ts [100000]`.
 * Speed budgets themselves live in `npm run bench`; this script backs the numbers quoted in the
 * JSDoc perf notes of src/core/compare (columnar.ts, pair.ts, pivot.ts, facets.ts).
 */
import { synthRecords } from '../bench/synth';
import { compare, coverage, facetCounts, pivot, summarize } from '../src/core/compare';
import { ENVIRONMENT_FIELDS } from '../src/core/model/record.types';
import { encode, groupRows } from '../src/core/compare/columnar';

const n = Number(process.argv[2] ?? 100_000);
const records = synthRecords(n);

function time<T>(label: string, fn: () => T): T {
  const ms: number[] = [];
  const cpu: number[] = [];
  let out!: T;
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const u0 = process.cpuUsage();
    out = fn();
    const du = process.cpuUsage(u0);
    ms.push(performance.now() - t0);
    cpu.push((du.user + du.system) / 1000);
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[3]!;
  console.log(`${label.padEnd(48)} wall median ${med(ms).toFixed(1).padStart(7)} ms   cpu median ${med(cpu).toFixed(1).padStart(7)} ms`);
  return out;
}

console.log(`${records.length} records; load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)} on ${(await import('node:os')).cpus().length} cores`);
const enc = time('encode 19 fields (columnar.ts)', () => encode(records, ENVIRONMENT_FIELDS));
time('groupRows by 19 fields', () => groupRows(enc, ENVIRONMENT_FIELDS.map((_, i) => i)));
const c = time('compare threads→native', () => compare(records));
console.log(`  ${c.cells.length} cells, ${c.unpaired.length} unpaired, ${c.outOfScope} out of scope`);
time('pivot rows [storage,medium] cols [rw,prewritten]', () => pivot(c, { rows: ['storage', 'medium'], cols: ['rw', 'prewritten'], metric: 'iops', value: 'delta' }));
time('pivot rows [medium,prealloc,bus] cols [bs,iodepth]', () => pivot(c, { rows: ['medium', 'prealloc', 'bus'], cols: ['bs', 'iodepth'], metric: 'lat_mean_us', value: 'delta' }));
time('facetCounts 19 fields', () => facetCounts(records, ENVIRONMENT_FIELDS));
time('summarize by medium', () => summarize(c, ['medium']));
time('coverage (default fields)', () => coverage(records));
