/**
 * `npm run bench`: speed budgets of aio-dash, each measured against its alternative IN THE SAME
 * RUN (ratios of medians of interleaved runs), so a slower or busier machine moves both sides.
 *
 *   1. ingest of the 100k canonical CSV  vs  bare Papa.parse(text)        target ≤ 1.3×
 *   2. compare + pivot + verdicts, 100k  vs  Arquero doing the same        target ≤ 0.15× and ≤ 50 ms
 *   3. policy evaluation for every cell of the 100k comparison             target ≤ 20 ms
 *   4. 1M records: ingest, compare + pivot, peak heap (child process)      target ≤ 600 MB heap
 *   5. fio-plot's layout, two real device folders of 98 fio JSON files each (committed under
 *      e2e/fixtures-data/layouts/devices/, no labels: only the folder names tell them apart):
 *      ingest + compare along `set`, and `aio-dash compare DIR_A DIR_B --axis set` end to end
 *                                                                          target ≤ 500 ms (CLI)
 *   6. the tail (issue 15, bench/tails.ts): 2 × 98 fio json+ files with their log files, ingest +
 *      attach, vs today's fio ingest of the devices folders (section 5's files)  target ≤ 2×;
 *      bytes per record of a percentile curve, + json+ bins, + five logs
 *
 *   7. the team server (issue 13.6, bench/server-compare.ts): GET /api/compare on 1M records in
 *      DuckDB (skipped with --quick / --no-1m)                            target ≤ 1.5 s
 *   8. 10M records loaded and compared on one server: only with --only=8 or --10m (minutes, GBs)
 *
 * Prints a table and writes bench/results/latest.json (committed; the previous file's medians
 * are shown as Δ so two runs can be compared). A benchmark whose module is not written yet
 * prints "pending: <module> not available". Options: --quick (3 runs, no 1M), --no-1m,
 * --only=5 (or --only=1,3: those sections only; a partial run prints its table but writes neither
 * bench/results/latest.json nor docs/performance.md).
 */
import { readFileSync, writeFileSync, mkdirSync, existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cpus, totalmem, platform, release, loadavg } from 'node:os';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { measure, measurePair, gc } from './harness';
import { arqueroComparePivot } from './arquero';
import { ensureCsv, synthRecords, toCanonicalCsv } from './synth';
import { isPending, loadCompare, loadIngest, loadPolicy } from './adapters';
import type { CompareApi } from './adapters';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, 'bench', 'results', 'latest.json');
const args = new Set(process.argv.slice(2));
const RUNS = args.has('--quick') ? 3 : 7;
const ONLY = [...args]
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
/** Whether benchmark section `n` (1–6, as numbered above) runs. */
const want = (n: number) => !ONLY || ONLY.includes(String(n));
const WITH_1M = !args.has('--quick') && !args.has('--no-1m') && want(4);
/** fio-plot's layout from two real devices (scripts/gen-layout-fixtures.sh devices). */
const DEVICES = join(ROOT, 'e2e', 'fixtures-data', 'layouts', 'devices');

export interface BenchRow {
  id: string;
  name: string;
  status: 'measured' | 'pending' | 'error' | 'info';
  /** Median (ms) or, for memory rows, the value in `unit`. */
  median?: number;
  unit: 'ms' | 'MB' | '';
  samples?: number[];
  ratio?: number;
  ratioTo?: string;
  target?: string;
  pass?: boolean | null;
  note?: string;
}

const rows: BenchRow[] = [];
/** 1-minute load average when the run started: other work on the machine inflates absolute times. */
const LOAD_AT_START = Math.round(loadavg()[0]! * 100) / 100;
const t0 = performance.now();
const log = (s: string) => process.stderr.write(`${s}\n`);
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

function pending(id: string, name: string, reason: string, target?: string) {
  rows.push({
    id,
    name,
    status: 'pending',
    unit: '',
    note: `pending: ${reason}`,
    ...(target ? { target } : {}),
    pass: null,
  });
}
function failed(id: string, name: string, e: unknown, target?: string) {
  rows.push({
    id,
    name,
    status: 'error',
    unit: '',
    note: `error: ${String(e).split('\n')[0]}`,
    ...(target ? { target } : {}),
    pass: false,
  });
}

async function main() {
  log(
    `aio-dash bench: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}, load ${LOAD_AT_START}, ${RUNS} runs after warm-up`,
  );
  const ingest = await loadIngest();
  const compare = await loadCompare();
  const policy = await loadPolicy();

  // ---------------------------------------------------------------- data
  const writer =
    isPending(ingest) || !ingest.recordsToCsv
      ? { fn: toCanonicalCsv, id: 'synth' }
      : { fn: ingest.recordsToCsv, id: 'recordsToCsv' };
  const csv100k = want(1) ? ensureCsv('100k', writer.fn, writer.id) : null;
  const text100k = csv100k ? readFileSync(csv100k, 'utf8') : '';
  if (csv100k)
    log(
      `data: ${basename(csv100k)} ${(text100k.length / 1e6).toFixed(1)} MB (writer: ${writer.id})`,
    );

  // ---------------------------------------------------------------- 1. ingest vs PapaParse
  if (want(1)) {
    const papa = () => Papa.parse<string[]>(text100k).data.length;
    if (isPending(ingest)) {
      rows.push({
        id: 'papaparse-100k',
        name: 'Papa.parse 100k CSV (baseline)',
        status: 'info',
        unit: 'ms',
        ...withSamples(await measure(papa, { runs: RUNS })),
      });
      pending('ingest-100k', 'ingest 100k CSV', ingest.pending, '≤ 1.3× Papa');
    } else {
      try {
        const check = ingest.ingestText(text100k, 'synth-100k.csv');
        const note = `${check.report.accepted} accepted, ${check.report.rejected.length} rejected, ${check.report.flagged} flagged`;
        const r = await measurePair(
          () => ingest.ingestText(text100k, 'synth-100k.csv').records.length,
          papa,
          { runs: RUNS },
        );
        rows.push({
          id: 'papaparse-100k',
          name: 'Papa.parse 100k CSV (baseline)',
          status: 'info',
          unit: 'ms',
          ...withSamples(r.b),
        });
        rows.push({
          id: 'ingest-100k',
          name: 'ingest 100k CSV (parse+map+flag)',
          status: 'measured',
          unit: 'ms',
          ...withSamples(r.a),
          ratio: r.ratio,
          ratioTo: 'papaparse-100k',
          target: '≤ 1.3× Papa',
          pass: r.ratio <= 1.3 && check.report.accepted === 100_000,
          note,
        });
      } catch (e) {
        failed('ingest-100k', 'ingest 100k CSV', e, '≤ 1.3× Papa');
      }
    }
    log(`1. ingest done (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }

  // ---------------------------------------------------------------- 2. compare+pivot vs Arquero
  const records100k =
    want(2) || want(3) ? synthRecords(100_000, { fileName: 'synth-100k.csv' }) : [];
  let comparison100k: unknown = null;
  if (want(2) || want(3)) {
    const aqFn = () => arqueroComparePivot(records100k).cells;
    if (isPending(compare)) {
      rows.push({
        id: 'arquero-100k',
        name: 'Arquero group-by/pivot 100k (baseline)',
        status: 'info',
        unit: 'ms',
        ...withSamples(await measure(aqFn, { runs: RUNS })),
      });
      pending(
        'compare-100k',
        'compare+pivot+verdicts 100k',
        compare.pending,
        '≤ 0.15× Arquero, ≤ 50 ms',
      );
    } else {
      try {
        const s = compare.comparePivot(records100k);
        const ref = arqueroComparePivot(records100k);
        const r = await measurePair(() => compare.comparePivot(records100k).cells, aqFn, {
          runs: RUNS,
        });
        rows.push({
          id: 'arquero-100k',
          name: 'Arquero group-by/pivot 100k (baseline)',
          status: 'info',
          unit: 'ms',
          ...withSamples(r.b),
          note: `${ref.cells} paired cells, pivot ${ref.rows}×${ref.cols}`,
        });
        rows.push({
          id: 'compare-100k',
          name: 'compare+pivot+verdicts 100k',
          status: 'measured',
          unit: 'ms',
          ...withSamples(r.a),
          ratio: r.ratio,
          ratioTo: 'arquero-100k',
          target: '≤ 0.15× Arquero, ≤ 50 ms',
          pass: r.ratio <= 0.15 && r.a.median <= 50,
          note: `${s.cells} cells, pivot ${s.pivotRows}×${s.pivotCols}`,
        });
        comparison100k = compare.compareOnly(records100k);
        const c = comparison100k;
        rows.push({
          id: 'compare-only-100k',
          name: '  of which compare (pairing+stats)',
          status: 'info',
          unit: 'ms',
          ...withSamples(await measure(() => compare.compareOnly(records100k), { runs: RUNS })),
        });
        rows.push({
          id: 'pivot-only-100k',
          name: '  of which pivot (from comparison)',
          status: 'info',
          unit: 'ms',
          ...withSamples(await measure(() => compare.pivotOnly(c), { runs: RUNS * 2 })),
        });
        rows.push({
          id: 'facets-100k',
          name: 'facetCounts 100k (19 fields)',
          status: 'info',
          unit: 'ms',
          ...withSamples(await measure(() => compare.facets(records100k), { runs: RUNS * 2 })),
        });
      } catch (e) {
        failed('compare-100k', 'compare+pivot+verdicts 100k', e, '≤ 0.15× Arquero, ≤ 50 ms');
      }
    }
    log(`2. compare done (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }

  // ---------------------------------------------------------------- 3. policy for every cell
  if (want(3)) {
    const target = '≤ 20 ms';
    if (isPending(policy))
      pending('policy-100k', 'policy for every cell of 100k', policy.pending, target);
    else if (comparison100k === null)
      pending(
        'policy-100k',
        'policy for every cell of 100k',
        'needs the comparison engine',
        target,
      );
    else {
      try {
        const n = policy.evaluateAll(comparison100k);
        // As in the app: the policy runs right after a fresh comparison (untimed setup), and
        // pays for collecting that comparison's garbage when a collection falls in its run.
        const m = await measure((c) => policy.evaluateAll(c), {
          runs: RUNS * 2,
          setup: () => (compare as CompareApi).compareOnly(records100k),
        });
        rows.push({
          id: 'policy-100k',
          name: 'policy for every cell of 100k',
          status: 'measured',
          unit: 'ms',
          ...withSamples(m),
          target,
          pass: m.median <= 20,
          note: `${n} decisions`,
        });
      } catch (e) {
        failed('policy-100k', 'policy for every cell of 100k', e, target);
      }
    }
    log(`3. policy done (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }

  // ---------------------------------------------------------------- 4. 1M in a child process
  if (WITH_1M) {
    try {
      run1M(ensureCsv('1m', writer.fn, writer.id));
    } catch (e) {
      failed('peak-heap-1m', '1M peak heap', e, '≤ 600 MB');
    }
    log(`4. 1M done (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }

  // ---------------------------------------------------------------- 5. fio folders
  if (want(5)) {
    // Device A is the disk of the working tree, device B the loop device (see the README there).
    const names = readdirSync(DEVICES)
      .filter((n) => !n.startsWith('.'))
      .sort();
    const candidate = names.find((n) => n.startsWith('loop')) ?? names[1] ?? '';
    const baseline = names.find((n) => n !== candidate) ?? '';
    const dirs = [baseline, candidate].map((n) => join(DEVICES, n));
    const files = dirs.flatMap((d) => readdirSync(d).map((f) => join(d, f)));
    const spec = { axis: 'set', baseline, candidate };
    if (isPending(ingest) || isPending(compare)) {
      pending(
        'fio-196-inproc',
        'fio 2×98 JSON: ingest+compare',
        isPending(ingest) ? ingest.pending : (compare as { pending: string }).pending,
      );
    } else {
      const probe = ingest.ingestTextResult(readFileSync(files[0]!, 'utf8'), basename(files[0]!));
      if (!probe.ok)
        pending(
          'fio-196-inproc',
          'fio 2×98 JSON: ingest+compare',
          `fio JSON not ingested yet (${probe.reason.slice(0, 80)})`,
        );
      else
        try {
          const texts = files.map((f) => [f, readFileSync(f, 'utf8')] as const);
          // As the CLI loads a directory: one set per folder, named after it; origins relative to it.
          const work = () => {
            const recs = texts.flatMap(
              ([f, t]) => ingest.ingestInSet(t, basename(f), basename(dirname(f))).records,
            );
            return (compare.compareOnly(recs, spec) as { cells: unknown[] }).cells.length;
          };
          const cells = work();
          rows.push({
            id: 'fio-196-inproc',
            name: 'fio 2×98 JSON: ingest+compare',
            status: 'info',
            unit: 'ms',
            ...withSamples(await measure(work, { runs: RUNS })),
            note: `${files.length} files, ${cells} cells (${baseline} vs ${candidate})`,
          });
        } catch (e) {
          failed('fio-196-inproc', 'fio 2×98 JSON: ingest+compare', e);
        }
    }
    const target = '≤ 500 ms';
    if (!existsSync(join(ROOT, 'src', 'cli', 'compare.command.ts')))
      pending(
        'fio-196-cli',
        '`aio-dash compare` 2×98 files',
        'src/cli/compare.command.ts not available',
        target,
      );
    else {
      // Two directory arguments, nothing else to tell the devices apart: the sets are the folders.
      const argv = [
        join(ROOT, 'bin', 'aio-dash.js'),
        'compare',
        ...dirs.map((d) => d.slice(ROOT.length + 1)),
        '--axis',
        'set',
        '--baseline',
        baseline,
        '--candidate',
        candidate,
        '--format',
        'json',
      ];
      let cells = 0;
      // bin/aio-dash.js runs the bundle only while it is newer than src/core, src/cli and
      // src/node: a source edited during the runs (others at work in the tree) sends a run
      // through tsx.
      const bundle = join(ROOT, 'dist-cli', 'aio-dash.mjs');
      const bundleFresh = () =>
        existsSync(bundle) &&
        ['src/core', 'src/cli', 'src/node'].every(
          (d) => newestMtime(join(ROOT, d)) <= statSync(bundle).mtimeMs,
        );
      let viaTsx = 0;
      const cli = (fresh: boolean) => {
        if (!fresh) viaTsx++;
        const r = spawnSync(process.execPath, argv, {
          cwd: ROOT,
          encoding: 'utf8',
          maxBuffer: 64 << 20,
        });
        if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr.slice(0, 200)}`);
        cells = (JSON.parse(r.stdout) as unknown[]).length;
        return r.stdout.length;
      };
      // Measure the command as shipped: `npm run build` bundles the CLI (dist-cli/); without a
      // fresh bundle bin/aio-dash.js falls back to transpiling the sources with tsx.
      const builder = join(ROOT, 'scripts', 'build-cli.mjs');
      let how = 'tsx (no CLI bundle script)';
      if (existsSync(builder)) {
        const b = spawnSync(process.execPath, [builder], { cwd: ROOT, encoding: 'utf8' });
        how =
          b.status === 0
            ? 'bundled CLI (scripts/build-cli.mjs)'
            : `tsx (bundling failed: ${b.stderr.replace(/\s+/g, ' ').trim().slice(0, 80)})`;
      }
      try {
        const m = await measure(cli, { runs: RUNS, setup: bundleFresh });
        if (viaTsx > 0) how += `, but ${viaTsx} of ${RUNS + 1} runs via tsx (sources changed)`;
        rows.push({
          id: 'fio-196-cli',
          name: '`aio-dash compare` 2×98 files',
          status: 'measured',
          unit: 'ms',
          ...withSamples(m),
          target,
          pass: m.median <= 500 && cells === 98,
          note: `wall time incl. node start-up; ${how}; ${cells} cells (${baseline} vs ${candidate})`,
        });
      } catch (e) {
        failed('fio-196-cli', '`aio-dash compare` 2×98 files', e, target);
      }
    }
    log(`5. fio done (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }

  if (want(6)) {
    if (isPending(ingest))
      pending('tails-196', 'fio 2×98 json+ + logs: ingest+attach', ingest.pending);
    else
      try {
        const { tailsSection } = await import('./tails');
        rows.push(...(await tailsSection(ROOT, ingest, RUNS, DEVICES)));
      } catch (e) {
        failed('tails-196', 'fio 2×98 json+ + logs: ingest+attach', e, '≤ 2×');
      }
    log(`6. tails done (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }

  // 7, 8: the team server's compare in the database (bench/server-compare.ts).
  const server1M = want(7) && !args.has('--quick') && !args.has('--no-1m');
  if (server1M || ONLY?.includes('8') || args.has('--10m')) {
    const server = await import('./server-compare');
    const serverRuns = Math.min(RUNS, 3);
    if (server1M)
      try {
        rows.push(...(await server.serverCompare1M(serverRuns)));
      } catch (e) {
        failed('server-compare-1m', 'server: GET /api/compare, 1M records (DuckDB)', e);
      }
    if (ONLY?.includes('8') || args.has('--10m'))
      try {
        rows.push(...(await server.serverCompare10M(serverRuns)));
      } catch (e) {
        failed('server-compare-10m', 'server: GET /api/compare, 10M records pooled (DuckDB)', e);
      }
    log(`7/8. server compare done (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }

  report();
}

/** Newest modification time of the files under `dir` (as bin/aio-dash.js checks it). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function withSamples(s: { median: number; samples: number[] }) {
  return { median: round(s.median), samples: s.samples.map((x) => round(x)) };
}

interface MemResult {
  source?: string;
  records?: number;
  stages?: Record<string, { ms: number; heapAfterMB: number }>;
  heapRetainedRecordsMB?: number;
  bytesPerRecord?: number;
  sampledPeakHeapMB?: number;
  rssPeakMB?: number | null;
  compare?: unknown;
  error?: string;
}

const HEAP_BUDGET_MB = 600;

interface ChildRun {
  res: MemResult | null;
  /** Heap in use before each GC (max), i.e. the peak including not-yet-collected garbage. */
  gcPeakMB: number;
  /** Heap left after each full (mark-compact) GC (max): the peak live set. */
  liveMB: number;
  oom: boolean;
  detail: string;
}

function child1M(csv: string, maxOldMB: number): ChildRun {
  const r = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '--trace-gc',
      `--max-old-space-size=${maxOldMB}`,
      '--import',
      'tsx',
      join(ROOT, 'bench', 'mem.ts'),
      csv,
    ],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 << 20 },
  );
  const out = r.stdout ?? '';
  // "[pid:0x…]  1234 ms: Mark-Compact 45.2 (60.1) -> 40.3 (62.1) MB, …": heap in use before -> after.
  let gcPeakMB = 0;
  let liveMB = 0;
  for (const m of out.matchAll(
    /ms: ([A-Za-z -]+?)(?: \([a-z ]+\))? ([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB/g,
  )) {
    gcPeakMB = Math.max(gcPeakMB, Number(m[2]));
    if (m[1]!.trim() === 'Mark-Compact') liveMB = Math.max(liveMB, Number(m[4]));
  }
  const line = out.split('\n').find((l) => l.startsWith('RESULT '));
  const err = r.stderr ?? '';
  const oom = /heap out of memory|Reached heap limit/i.test(err + out);
  const res = line ? (JSON.parse(line.slice(7)) as MemResult) : null;
  return {
    res,
    gcPeakMB,
    liveMB,
    oom,
    detail: `exit ${r.status ?? r.signal}: ${err
      .split('\n')
      .filter((l) => l.trim())
      .slice(-2)
      .join(' | ')
      .slice(0, 200)}`,
  };
}

/**
 * 1M records in a fresh node (bench/mem.ts). First under a V8 heap cap of 600 MB — the honest
 * test of the budget: V8 collects eagerly near the cap, so finishing means the workload fits.
 * When it runs out of memory there, a second run without the cap reports the times and how much
 * heap the workload really needs (peak before GC, and peak live set after full GCs).
 */
function run1M(csv: string) {
  gc();
  const capped = child1M(csv, HEAP_BUDGET_MB);
  const fits = capped.res !== null && !capped.res.error && !capped.oom;
  const run = fits ? capped : child1M(csv, 8192);
  const res = run.res;
  if (!res) throw new Error(`1M child: ${run.detail}`);
  if (res.error) throw new Error(res.error);
  const peak = Math.max(run.gcPeakMB, res.sampledPeakHeapMB ?? 0);
  const st = res.stages ?? {};
  const cmp = res.compare as { pending?: string; cells?: number } | null;
  // mem.ts streams the file (ingestStream) unless run with --whole (ingestText of one string).
  const ingested = res.source === 'ingestStream' || res.source === 'ingestText';
  const src = ingested ? '' : ' (records generated in memory: ingest pending)';
  if (st.ingest)
    rows.push({
      id: 'ingest-1m',
      name: 'ingest 1M CSV',
      status: 'measured',
      unit: 'ms',
      median: round(st.ingest.ms),
      note:
        res.source === 'ingestStream'
          ? `single run, streamed from disk in 64 KiB pieces (read+decode+parse); ${res.records} records`
          : `single run; read ${round(st.read?.ms ?? 0, 0)} ms; ${res.records} records`,
      pass: null,
    });
  else pending('ingest-1m', 'ingest 1M CSV', res.source ?? 'ingest not available');
  if (cmp && cmp.pending) pending('compare-1m', 'compare+pivot 1M', cmp.pending);
  else if (st['compare+pivot'])
    rows.push({
      id: 'compare-1m',
      name: 'compare+pivot 1M',
      status: 'measured',
      unit: 'ms',
      median: round(st['compare+pivot'].ms),
      note: `single run; ${cmp?.cells ?? '?'} cells${src}`,
      pass: null,
    });
  rows.push({
    id: 'peak-heap-1m',
    name: `1M peak heap${ingested ? ' (ingest+pivot)' : ' (records+pivot)'}`,
    status: 'measured',
    unit: 'MB',
    median: round(peak, 0),
    target: `≤ ${HEAP_BUDGET_MB} MB`,
    pass: fits && peak <= HEAP_BUDGET_MB + 64, // + young generation, which the old-space cap does not bound
    note: [
      fits
        ? `completes under a ${HEAP_BUDGET_MB} MB heap cap`
        : `out of memory under a ${HEAP_BUDGET_MB} MB heap cap (figures from an uncapped run)`,
      `peak live ${round(run.liveMB, 0)} MB`,
      `records retained ${round(res.heapRetainedRecordsMB ?? 0, 0)} MB (${res.bytesPerRecord} B/record)`,
      `peak RSS ${round(res.rssPeakMB ?? 0, 0)} MB`,
    ].join('; '),
  });
}

function report() {
  let prev: { rows?: BenchRow[] } = {};
  try {
    prev = JSON.parse(readFileSync(RESULTS, 'utf8')) as { rows?: BenchRow[] };
  } catch {
    /* first run */
  }
  const prevById = new Map((prev.rows ?? []).map((r) => [r.id, r]));
  const fmt = (r: BenchRow) =>
    r.median === undefined ? '—' : `${r.median.toFixed(r.median < 100 ? 1 : 0)} ${r.unit}`;
  const table = rows.map((r) => {
    const p = prevById.get(r.id);
    const delta =
      p?.median !== undefined && r.median !== undefined && p.median > 0
        ? `${r.median >= p.median ? '+' : ''}${(((r.median - p.median) / p.median) * 100).toFixed(0)}%`
        : '';
    return [
      r.name,
      fmt(r),
      r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`,
      r.target ?? '',
      r.pass === true
        ? 'PASS'
        : r.pass === false
          ? 'FAIL'
          : r.status === 'pending'
            ? 'pending'
            : '',
      delta,
      r.note ?? '',
    ];
  });
  const head = ['benchmark', 'median', 'ratio', 'target', 'result', 'Δ prev', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const t of table) console.log(line(t));
  const totalS = (performance.now() - t0) / 1000;
  console.log(
    `\n${rows.filter((r) => r.pass === true).length} pass, ${rows.filter((r) => r.pass === false).length} fail, ${rows.filter((r) => r.status === 'pending').length} pending — ${totalS.toFixed(0)} s`,
  );

  const commit =
    spawnSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).stdout?.trim() ?? null;
  const out = {
    date: new Date().toISOString(),
    commit,
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model ?? null,
      memGB: round(totalmem() / 2 ** 30, 1),
      os: `${platform()} ${release()}`,
      node: process.version,
      loadAvg: LOAD_AT_START,
    },
    runs: RUNS,
    durationS: round(totalS, 1),
    rows,
  };
  if (ONLY) {
    console.log(`partial run (--only=${ONLY.join(',')}): results not written`);
    return;
  }
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, JSON.stringify(out, null, 2) + '\n');
  console.log(`wrote ${RESULTS.replace(ROOT + '/', '')}`);
  updateDoc(out, table);
}

/** Rewrites the figures between the bench markers of docs/performance.md (if present). */
function updateDoc(
  out: { date: string; commit: string | null; machine: Record<string, unknown> },
  table: string[][],
) {
  const doc = join(ROOT, 'docs', 'performance.md');
  if (!existsSync(doc)) return;
  const text = readFileSync(doc, 'utf8');
  const begin = '<!-- bench:begin -->';
  const end = '<!-- bench:end -->';
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  if (i < 0 || j < i) return;
  const cell = (c: string) => c.replace(/\|/g, '\\|');
  const m = out.machine;
  const md = [
    `Run of ${out.date.slice(0, 16).replace('T', ' ')} UTC at commit \`${out.commit ?? '?'}\`: ${String(m.cpus)} × ${String(m.cpu)}, ${String(m.memGB)} GB, Node ${String(m.node)}, load average ${String(m.loadAvg)} at start.`,
    '',
    '| benchmark | median | ratio | target | result | note |',
    '|---|---:|---:|---|---|---|',
    ...table.map(
      (t) => `| ${[t[0]!.trim(), t[1]!, t[2]!, t[3]!, t[4]!, t[6]!].map(cell).join(' | ')} |`,
    ),
  ].join('\n');
  writeFileSync(doc, `${text.slice(0, i + begin.length)}\n${md}\n${text.slice(j)}`);
  console.log('updated docs/performance.md');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
