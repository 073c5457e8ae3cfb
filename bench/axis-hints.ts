/**
 * How long axisHints() takes at 100k records (bench/synth.ts data): `npx tsx bench/axis-hints.ts`.
 * The dashboard computes hints only when the comparison is empty or a shown set pairs nothing;
 * these are the cases where it does. "first": the first call on a records array the dashboard has
 * already compared (its columns are encoded; the hints group every record once); "warm": later
 * calls on the same array (the cached grouping).
 */
import { performance } from 'node:perf_hooks';
import type { ResultRecord } from '../src/core/model/record.types';
import { axisHints } from '../src/core/compare/axis-hints';
import { describeHint } from '../src/core/compare/axis-hints.text';
import { compare } from '../src/core/compare/pair';
import { synthRecords } from './synth';

const N = Number(process.argv[2] ?? 100_000);
const base = synthRecords(N);
const cases: [string, () => readonly ResultRecord[], Record<string, unknown>][] = [
  [
    'aio empty (every aio cleared)',
    () => Object.freeze(base.map((r) => ({ ...r, aio: null }))),
    {},
  ],
  [
    'values absent (native → a value not in the data)',
    () => Object.freeze(base.slice()),
    { candidate: 'not-there' },
  ],
  [
    'pairs only across sets (each aio mode its own set)',
    () => Object.freeze(base.map((r) => ({ ...r, set: `set-${r.aio}` }))),
    {},
  ],
];
for (const [name, make, spec] of cases) {
  const times: number[] = [];
  const walls: number[] = [];
  let cold = 0;
  let text: string[] = [];
  const data = make();
  compare(data, spec); // what the dashboard did before it asks for hints
  for (let i = 0; i < 8; i++) {
    // CPU time of this process: on a shared machine, wall time mostly measures the neighbours.
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const hints = axisHints(data, spec);
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    const ms = (cpu.user + cpu.system) / 1000;
    walls.push(wall);
    if (i === 0) cold = ms;
    else times.push(ms);
    text = hints.map(describeHint);
  }
  times.sort((a, b) => a - b);
  walls.sort((a, b) => a - b);
  console.log(
    `${name}: CPU first ${cold.toFixed(0)} ms, warm median ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms (min ${times[0]!.toFixed(0)}); wall median ${walls[Math.floor(walls.length / 2)]!.toFixed(0)} ms, at ${N} records`,
  );
  for (const t of text) console.log(`  ${t}`);
}
