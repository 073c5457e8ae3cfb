import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ResultRecord } from '../core/model/record.types';
import { parseLabels, recordsToCsv } from '../core/ingest/ingest';
import type { CliCommand, CliIo } from './cli.types';
import { EXIT_INPUT, EXIT_OK, EXIT_USAGE } from './cli.types';
import { readArgs, usageError } from './args';
import { ingestFileArg } from './load-records';

const USAGE =
  'aio-dash ingest FILE... [--set NAME] [--label KEY=VALUE]... [--format csv|json] [-o OUT]';

interface IngestArgs {
  files: string[];
  set?: string;
  labels: Record<string, string>;
  format: 'csv' | 'json';
  out?: string;
}

function parseArgs(argv: string[]): IngestArgs | string {
  const a: IngestArgs = { files: [], labels: {}, format: 'csv' };
  const files = readArgs(argv, (name, takeValue) => {
    if (name === '--set') {
      const v = takeValue();
      if (!v) return '--set needs a name';
      a.set = v;
    } else if (name === '--label') {
      const v = takeValue();
      const k = v?.indexOf('=') ?? -1;
      if (!v || k <= 0) return '--label needs KEY=VALUE';
      a.labels[v.slice(0, k).trim()] = v.slice(k + 1).trim();
    } else if (name === '--format') {
      const v = takeValue();
      if (v !== 'csv' && v !== 'json') return '--format must be csv or json';
      a.format = v;
    } else if (name === '-o' || name === '--output') {
      const v = takeValue();
      if (!v) return '-o needs a file name';
      a.out = v;
    } else return false;
    return true;
  });
  if (typeof files === 'string') return files;
  a.files = files;
  if (a.files.length === 0) return 'no FILE given';
  return a;
}

/** JSON output: the record shape of the web app (flags array, extra object). */
function toJson(records: readonly ResultRecord[]): string {
  return JSON.stringify(records, null, 2) + '\n';
}

export const ingestCommand: CliCommand = {
  name: 'ingest',
  summary: 'read result files (CSV/TSV, JSON, fio JSON, markdown) and print canonical records',
  usage: `${USAGE}\n  Records go to stdout (or OUT); per file on stderr: FILE: R read, A accepted, J rejected, F flagged,\n  then FILE:LINE: reason for each rejected row. Exit 0: every file read; 1: a file unreadable or not a\n  result set; 2: usage error.`,
  run(argv, io) {
    return Promise.resolve(runIngest(argv, io));
  },
};

function runIngest(argv: string[], io: CliIo): number {
  const args = parseArgs(argv);
  if (typeof args === 'string') return usageError(io, 'ingest', args, USAGE);
  const labels = parseLabels(args.labels);
  if (!labels.ok) {
    io.stderr(`aio-dash ingest: ${labels.reason}\n`);
    return EXIT_USAGE;
  }
  let code = EXIT_OK;
  const all: ResultRecord[] = [];
  for (const file of args.files) {
    const r = ingestFileArg(file, io, {
      ...(args.set !== undefined ? { set: args.set } : {}),
      labels: args.labels,
    });
    if (!r) {
      code = EXIT_INPUT;
      continue;
    }
    const rep = r.report;
    io.stderr(
      `${file}: ${rep.read} read, ${rep.accepted} accepted, ${rep.rejected.length} rejected, ${rep.flagged} flagged\n`,
    );
    for (const j of rep.rejected) io.stderr(`${file}:${j.line}: ${j.reason}\n`);
    all.push(...r.records);
  }
  // Records of readable files are written even when another file failed (exit code says so).
  const text = args.format === 'json' ? toJson(all) : recordsToCsv(all);
  if (args.out !== undefined) {
    try {
      writeFileSync(resolve(io.cwd, args.out), text);
    } catch (e) {
      io.stderr(
        `aio-dash ingest: cannot write ${args.out}: ${e instanceof Error ? e.message : String(e)}\n`,
      );
      return EXIT_INPUT;
    }
  } else io.stdout(text);
  return code;
}
