import type { Dimension, ResultRecord } from '../core/model/record.types';
import { compare, isDimension, toCsv, toGroupJson, toSpecJson, toTable } from '../core/compare';
import { withTailAndQ } from '../core/compare/tail-verdict.output';
import type { Comparison, ComparisonSpec } from '../core/compare';
import { axisHints, hintFix } from '../core/compare/axis-hints';
import { describeHint } from '../core/compare/axis-hints.text';
import type { AxisFix } from '../core/compare/axis-hints.types';
import type { CliCommand, CliIo } from './cli.types';
import type { LoadArgs } from './load-records';
import {
  LOAD_HELP,
  LOAD_SYNOPSIS,
  checkLoadArgs,
  loadSets,
  newLoadArgs,
  readLoadOption,
} from './load-records';
import { readArgs, usageError } from './args';

const USAGE =
  'aio-dash compare FILE|DIR... [--axis aio] [--baseline threads] [--candidate native] [--by DIM,...] [--pool-sets]\n' +
  `                 [--threshold 5] [--include-flagged] [--format table|csv|json]\n                 ${LOAD_SYNOPSIS}`;
const HELP = `${USAGE}
  Pairs each candidate cell with the baseline cell that matches on every other environment field
  (set included unless --pool-sets). Δ% = 100×(candidate−baseline)/baseline on medians of repeats;
  for latency, negative is better. Verdicts: improvement, regression, no-difference, inconclusive
  (Welch's t-test with ≥2 runs per side, else the --threshold alone). Flagged records are excluded
  unless --include-flagged. --by groups the output rows (geometric mean of ratios per group).
  DIM: any environment field or x:COLUMN. Two folders of the same runs (one per device):
  aio-dash compare DEV_A DEV_B --axis set --baseline DEV_A --candidate DEV_B
${LOAD_HELP}
  When nothing pairs, stderr says why and what to try (another axis, --pool-sets, --axis set).
  Exit 0: compared; 1: a file unreadable or not a result set; 2: usage error.`;

interface CompareArgs {
  files: string[];
  load: LoadArgs;
  spec: Partial<ComparisonSpec>;
  by: Dimension[];
  format: 'table' | 'csv' | 'json';
}

function parseArgs(argv: string[]): CompareArgs | string {
  const a: CompareArgs = { files: [], load: newLoadArgs(), spec: {}, by: [], format: 'table' };
  const files = readArgs(argv, (name, value) => {
    const shared = readLoadOption(a.load, name, value);
    if (shared !== false) return shared;
    switch (name) {
      case '--axis': {
        const v = value();
        if (!v || !isDimension(v))
          return `--axis needs an environment field or x:COLUMN (got ${v ?? 'nothing'})`;
        a.spec.axis = v;
        return true;
      }
      case '--baseline':
      case '--candidate': {
        const v = value();
        if (v === null) return `${name} needs a value`;
        a.spec[name === '--baseline' ? 'baseline' : 'candidate'] = v;
        return true;
      }
      case '--by': {
        const v = value();
        if (!v) return '--by needs DIM,...';
        for (const d of v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)) {
          if (!isDimension(d)) return `--by: unknown dimension '${d}'`;
          a.by.push(d);
        }
        return true;
      }
      case '--pool-sets':
        a.spec.poolSets = true;
        return true;
      case '--include-flagged':
        a.spec.excludeFlagged = false;
        return true;
      case '--threshold': {
        const v = Number(value());
        if (!Number.isFinite(v) || v < 0) return '--threshold needs a percentage ≥ 0';
        a.spec.thresholdPct = v;
        return true;
      }
      case '--format': {
        const v = value();
        if (v !== 'table' && v !== 'csv' && v !== 'json')
          return '--format must be table, csv or json';
        a.format = v;
        return true;
      }
      default:
        return false;
    }
  });
  if (typeof files === 'string') return files;
  a.files = files;
  if (a.files.length === 0) return 'no FILE given';
  const axis = a.spec.axis ?? 'aio';
  if (axis !== 'aio' && (a.spec.baseline === undefined || a.spec.candidate === undefined))
    return `--axis ${axis} needs --baseline and --candidate`;
  if (a.spec.baseline !== undefined && a.spec.baseline === a.spec.candidate)
    return '--baseline and --candidate must differ';
  return checkLoadArgs(a.load) ?? a;
}

/** A value as a shell word: bare when safe, else single-quoted. */
const shellWord = (v: string): string =>
  /^[\w.:/+@%=-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`;

/** The options that apply a fix. */
export function fixOptions(f: AxisFix): string {
  return (
    `--axis ${shellWord(f.axis)} --baseline ${shellWord(f.baseline)} --candidate ${shellWord(f.candidate)}` +
    (f.poolSets ? ' --pool-sets' : '')
  );
}

/**
 * Why the comparison pairs nothing and what to type instead (core/compare/axis-hints.ts): one
 * line per hint, best first, e.g. `aio mode is empty in your files; fio engine has libaio,
 * io_uring, psync — compare along fio engine (…) — try --axis ioengine --baseline libaio
 * --candidate io_uring`.
 */
export function hintLines(
  records: readonly ResultRecord[],
  spec: Partial<ComparisonSpec>,
  current?: Comparison,
): string[] {
  const hints = axisHints(records, spec, current ? { current } : {});
  return hints.map((h) => {
    const fix = hintFix(h);
    return fix ? `${describeHint(h)} — try ${fixOptions(fix)}` : describeHint(h);
  });
}

async function runCompare(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') return usageError(io, 'compare', args, USAGE);
  const { records, code } = await loadSets(args.files, args.load, io);
  // Host-layer records only (an `aio-dash bench` set): compared with each other. Next to guest
  // records they stay bare-metal baselines, out of scope.
  const hostOnly = records.length > 0 && records.every((r) => r.layer === 'host');
  const spec = { ...args.spec, includeHostLayer: hostOnly };
  const c = compare(records, spec);
  if (c.cells.length === 0 && records.length > 0)
    for (const line of hintLines(records, spec, c)) io.stderr(`aio-dash compare: ${line}\n`);
  const acc = c.accounting;
  io.stderr(
    `compare: ${acc.records} records = ${acc.paired} paired + ${acc.unpaired} unpaired + ${acc.outOfScope} out of scope; ${c.cells.length} cells\n`,
  );
  if (args.format === 'table') io.stdout(toTable(c, { by: args.by }));
  else {
    const rows = args.by.length > 0 ? toGroupJson(c, args.by) : toSpecJson(c);
    // JSON per cell gains q_value and tail_regression (additive; issue 15.3, 15.4).
    const json = args.by.length > 0 ? rows : withTailAndQ(rows, c);
    io.stdout(args.format === 'json' ? JSON.stringify(json, null, 2) + '\n' : toCsv(rows));
  }
  return code;
}

export const compareCommand: CliCommand = {
  name: 'compare',
  summary:
    'pair baseline and candidate cells (default aio threads → native) with deltas and verdicts',
  usage: HELP,
  run: runCompare,
};
