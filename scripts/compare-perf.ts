/**
 * Timing of the comparison engine on the benchmark's synthetic records (bench/synth.ts, fixed
 * seed). Prints the median of 7 runs per step. Usage: `npx tsx scripts/compare-perf.ts [100000]`.
 * Speed budgets themselves live in `npm run bench`; this script backs the numbers quoted in the
 * JSDoc perf notes of src/core/compare (columnar.ts, pair.ts, pivot.ts, facets.ts).
 */
import { synthRecords } from '../bench/synth';
import { compare, coverage, facetCounts, pivot, summarize } from '../src/core/compare';
import { ENVIRONMENT_FIELDS } from '../src/core/model/record.types';

const n = Number(process.argv[2] ?? 100_000);
const records = synthRecords(n);

function time<T>(label: string, fn: () => T): T {
  const ms: number[] = [];
  let out!: T;
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    out = fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} median ${ms[3]!.toFixed(1)} ms  (min ${ms[0]!.toFixed(1)}, max ${ms[6]!.toFixed(1)})`);
  return out;
}

console.log(`${records.length} records`);
const c = time('compare threads→native', () => compare(records));
console.log(`  ${c.cells.length} cells, ${c.unpaired.length} unpaired, ${c.outOfScope} out of scope`);
time('pivot rows [storage,medium] cols [rw,prewritten]', () => pivot(c, { rows: ['storage', 'medium'], cols: ['rw', 'prewritten'], metric: 'iops', value: 'delta' }));
time('pivot rows [medium,prealloc,bus] cols [bs,iodepth]', () => pivot(c, { rows: ['medium', 'prealloc', 'bus'], cols: ['bs', 'iodepth'], metric: 'lat_mean_us', value: 'delta' }));
time('facetCounts 19 fields', () => facetCounts(records, ENVIRONMENT_FIELDS));
time('summarize by medium', () => summarize(c, ['medium']));
time('coverage (default fields)', () => coverage(records));
