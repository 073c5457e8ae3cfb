/**
 * `aio-dash bench`: measures threads, native and io_uring (qemu-img bench) or fio ioengines on
 * this host and writes a result set. Planning is pure (src/core/bench/); processes, signals and
 * the environment probe are in src/node/bench/. `--push URL` sends the set to a team server when
 * the run ends (push-set.ts, as `aio-dash push` does).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BenchMatrix } from '../core/bench/bench.types';
import { describeFillCell, planFill } from '../core/bench/fill';
import type { MatrixOptions, PlanKey } from '../core/bench/matrix';
import { PLAN_KEYS, buildMatrix, parsePlanFile } from '../core/bench/matrix';
import { describePlan, formatBytes, planBench, recordRunKey } from '../core/bench/plan';
import { describeEnvironment } from '../core/bench/environment';
import { compare, toTable } from '../core/compare';
import type { ResultRecord } from '../core/model/record.types';
import { ChildSlot } from '../node/bench/child';
import { probeHost, probeIoUring, versionLine } from '../node/bench/probe';
import { readOut } from '../node/bench/out-file';
import { freeBytes, makeWorkDir, runPlan } from '../node/bench/runner';
import { readArgs, usageError } from './args';
import type { CliCommand, CliIo } from './cli.types';
import { EXIT_INPUT, EXIT_OK, EXIT_UNREACHABLE } from './cli.types';
import { loadSets, newLoadArgs } from './load-records';
import { parseServerUrl, pushSet } from './push-set';

const USAGE =
  'aio-dash bench --dir DIR [--engine qemu-img|fio] [--aio threads,native,io_uring] [--ioengine libaio,io_uring,psync]\n' +
  '               [--prealloc off,metadata,falloc,full] [--prefill no,yes] [--rw read,write] [--bs 4k] [--iodepth 32]\n' +
  '               [--size 256M] [--count N | --runtime S] [--repeats 3] [--set NAME] [-o OUT.csv] [--plan PLAN.json]\n' +
  '               [--fill SET.csv] [--dry-run] [--resume] [--push URL [--token T]]';
const HELP = `${USAGE}
  Measures on this host and writes a result set (one record per run, appended to OUT as each run
  completes; default OUT: ./SET.csv). qemu-img: \`qemu-img bench -f qcow2 -t none -i AIO\` on one
  qcow2 image per preallocation under DIR, a fresh image for every run on a not-pre-filled image,
  sequential requests (rw read|write), count default one pass over the image. fio: fio with each
  --ioengine on one pre-filled file under DIR (default randread,randwrite, --runtime 5).
  Runs of one repeat are interleaved across modes; one discarded warm-up run per image.
  --plan FILE: the matrix as JSON (keys as the flags; flags override it; see docs/bench.md).
  --fill SET.csv: runs the cells the coverage of SET lists as missing or single-run, as far as
  this host can (qcow2 on a file, sequential I/O), and says which it cannot.
  --dry-run: prints the plan (runs, images, disk space, estimated time) and exits 0.
  --resume: skips the runs OUT already holds (same aio/ioengine, prealloc, prewritten, rw, bs,
  iodepth and repeat). Ctrl-C / SIGTERM: stops the running child, removes the temporary images,
  keeps the completed runs, exit 130. Exit 2: usage error or not enough free space in DIR;
  1: a tool is missing or a file cannot be read. See docs/bench.md.
  --push URL: when every run is done, sends the set to the team server at URL (token: --token or
  AIO_DASH_TOKEN) and prints its link; exit 1 when refused, 3 when the server is unreachable or
  refuses the token (OUT is kept either way, to send later with \`aio-dash push OUT\`).`;

const FLAG_KEYS: Record<string, PlanKey> = Object.fromEntries(PLAN_KEYS.map((k) => [`--${k}`, k]));

interface BenchArgs {
  dir: string | null;
  out: string | null;
  plan: string | null;
  fill: string | null;
  dryRun: boolean;
  resume: boolean;
  flags: MatrixOptions;
  push: URL | null;
  token: string | undefined;
}

function parseArgs(argv: string[]): BenchArgs | string {
  const a: BenchArgs = {
    dir: null,
    out: null,
    plan: null,
    fill: null,
    dryRun: false,
    resume: false,
    flags: {},
    push: null,
    token: process.env.AIO_DASH_TOKEN,
  };
  const files = readArgs(argv, (name, value) => {
    if (name === '--dry-run') return (a.dryRun = true);
    if (name === '--resume') return (a.resume = true);
    if (name === '--push') {
      const url = parseServerUrl(value() ?? '', '--push');
      if (typeof url === 'string') return url;
      a.push = url;
      return true;
    }
    if (name === '--token') {
      a.token = value() ?? '';
      return a.token === '' ? '--token needs a value' : true;
    }
    const take = (): string | null => {
      const v = value();
      return v === null || v === '' ? null : v;
    };
    if (
      name === '--dir' ||
      name === '-o' ||
      name === '--out' ||
      name === '--plan' ||
      name === '--fill'
    ) {
      const v = take();
      if (v === null) return `${name} needs a value`;
      if (name === '--dir') a.dir = v;
      else if (name === '--plan') a.plan = v;
      else if (name === '--fill') a.fill = v;
      else a.out = v;
      return true;
    }
    const key = FLAG_KEYS[name];
    if (key === undefined) return false;
    const v = take();
    if (v === null) return `${name} needs a value`;
    a.flags[key] = v;
    return true;
  });
  if (typeof files === 'string') return files;
  if (files.length > 0) return `unexpected argument '${files[0]}'`;
  if (a.dir === null && !a.dryRun) return '--dir DIR is required (where the images are made)';
  return a;
}

/** Records of SET.csv for --fill (loaded as every command loads files); null when unreadable. */
async function fillRecords(file: string, io: CliIo): Promise<ResultRecord[] | null> {
  const r = await loadSets([file], newLoadArgs(), io);
  return r.code === EXIT_OK ? r.records : null;
}

/** The comparison tables of what was measured: each candidate against the first mode. */
function printComparison(records: ResultRecord[], m: BenchMatrix, io: CliIo): void {
  const axis = m.engine === 'qemu-img' ? 'aio' : 'ioengine';
  const modes = m.engine === 'qemu-img' ? m.aio : m.ioengine;
  const baseline = modes.includes('threads') ? 'threads' : modes[0];
  if (baseline === undefined) return;
  // Every record of a bench set is host-layer: compare them with each other.
  for (const candidate of modes.filter((x) => x !== baseline)) {
    const c = compare(records, { axis, baseline, candidate, includeHostLayer: true });
    io.stdout(`\n${axis} ${baseline} → ${candidate} (${m.set}):\n`);
    io.stdout(toTable(c, { by: [] }));
  }
}

async function runBench(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') return usageError(io, 'bench', args, USAGE);
  let fromFile: MatrixOptions = {};
  if (args.plan !== null) {
    let text: string;
    try {
      text = readFileSync(resolve(io.cwd, args.plan), 'utf8');
    } catch (e) {
      io.stderr(`${args.plan}: cannot read: ${e instanceof Error ? e.message : String(e)}\n`);
      return EXIT_INPUT;
    }
    const p = parsePlanFile(text);
    if (!p.ok) return usageError(io, 'bench', `${args.plan}: ${p.reason}`, USAGE);
    fromFile = p.value;
  }
  const built = buildMatrix(fromFile, args.flags);
  if (!built.ok) return usageError(io, 'bench', built.reason, USAGE);
  let matrix = built.value;
  let workloads: Set<string> | undefined;
  if (args.fill !== null) {
    if (matrix.engine !== 'qemu-img')
      return usageError(io, 'bench', '--fill plans qemu-img runs (--engine qemu-img)', USAGE);
    const records = await fillRecords(args.fill, io);
    if (records === null) return EXIT_INPUT;
    const fp = planFill(records, { bs: matrix.bs[0]!, iodepth: matrix.iodepth[0]! });
    for (const c of fp.cannot)
      io.stderr(`fill: cannot measure here (${c.why}): ${describeFillCell(c)}: ${c.reason}\n`);
    for (const n of fp.notes) io.stderr(`fill: ${n}\n`);
    io.stderr(`fill: ${fp.runnable.length} cell(s) measurable here, ${fp.cannot.length} not\n`);
    if (fp.workloads.size === 0) {
      io.stderr('fill: nothing this host can measure\n');
      return EXIT_OK;
    }
    matrix = {
      ...matrix,
      prealloc: fp.prealloc,
      prefill: fp.prefill,
      rw: fp.rw,
      bs: fp.bs,
      iodepth: fp.iodepth,
    };
    workloads = fp.workloads;
  }
  const out = resolve(io.cwd, args.out ?? `${matrix.set}.csv`);
  const existing = readOut(out);
  if (existing.error !== null) {
    io.stderr(`${out}: ${existing.error}\n`);
    return EXIT_INPUT;
  }
  if (existing.records.length > 0 && !args.resume && !args.dryRun)
    return usageError(
      io,
      'bench',
      `${out} already holds ${existing.records.length} record(s): add --resume to complete it, or choose another -o`,
      USAGE,
    );
  const done = new Set(args.resume ? existing.records.map(recordRunKey) : []);
  const plan = planBench(matrix, { done, workloads });
  const dir = args.dir !== null ? resolve(io.cwd, args.dir) : null;
  if (args.dryRun) {
    io.stdout(describePlan(plan));
    if (dir !== null && existsSync(dir))
      io.stdout(`free space in ${dir}: ${formatBytes(freeBytes(dir))}\n`);
    return EXIT_OK;
  }
  if (dir === null || !existsSync(dir) || !statSync(dir).isDirectory())
    return usageError(io, 'bench', `--dir ${args.dir ?? ''}: not a directory`, USAGE);
  const tool = matrix.engine === 'qemu-img' ? 'qemu-img' : 'fio';
  if (versionLine(tool) === null) {
    io.stderr(
      `aio-dash bench: ${tool} not found: install it (Debian: apt-get install ${tool === 'fio' ? 'fio' : 'qemu-utils'})\n`,
    );
    return EXIT_INPUT;
  }
  if (plan.runs.length === 0) {
    io.stderr(`aio-dash bench: nothing to run: ${out} holds every run of the plan\n`);
  } else {
    const slot = new ChildSlot();
    const workDir = makeWorkDir(dir);
    const usesUring = plan.runs.some((r) => r.aio === 'io_uring' || r.ioengine === 'io_uring');
    const uring = usesUring
      ? await probeIoUring(workDir, [matrix.engine], slot)
      : { 'qemu-img': null, fio: null };
    const env = probeHost(dir, uring);
    io.stderr(describeEnvironment(env) + '\n');
    io.stderr(
      `bench: ${plan.measured} run(s) + ${plan.warmups} warm-up(s)` +
        (plan.skipped > 0 ? `, ${plan.skipped} already in OUT` : '') +
        `; up to ${formatBytes(plan.diskBytes)} in ${dir}\n`,
    );
    const outcome = await runPlan(plan, {
      dir,
      out,
      env,
      workDir,
      slot,
      stderr: io.stderr,
      isTTY: process.stderr.isTTY === true,
    });
    if (outcome.code !== 0) return outcome.code;
  }
  const all = readOut(out).records.filter((r) => r.set === matrix.set);
  printComparison(all, matrix, io);
  if (args.push === null) return EXIT_OK;
  const pushed = await pushSet(args.push, args.token, matrix.set, all, io, 'bench');
  if (pushed === 'stored') return EXIT_OK;
  io.stderr(
    `bench: the results stay in ${out}; send them later with: aio-dash push ${out} --server ${args.push.href}\n`,
  );
  return pushed === 'refused' ? EXIT_INPUT : EXIT_UNREACHABLE;
}

export const benchCommand: CliCommand = {
  name: 'bench',
  summary:
    'measure threads/native/io_uring (qemu-img bench) or fio engines on this host into a result set',
  usage: HELP,
  run: runBench,
};
