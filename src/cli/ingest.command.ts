import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliCommand, CliIo } from './cli.types';
import { EXIT_INPUT } from './cli.types';
import { readArgs, usageError } from './args';
import type { LoadArgs } from './load-records';
import {
  LOAD_HELP,
  LOAD_SYNOPSIS,
  checkLoadArgs,
  loadSets,
  newLoadArgs,
  readLoadOption,
} from './load-records';
import { writeCsv, writeJson } from './write-records';

const USAGE = `aio-dash ingest FILE|DIR... ${LOAD_SYNOPSIS} [--format csv|json] [-o OUT]`;
const HELP = `${USAGE}
  Records go to stdout (or OUT); per file on stderr: FILE: R read, A accepted, J rejected, F flagged,
  then FILE:LINE: reason for each rejected row.
${LOAD_HELP}
  Exit 0: every file read; 1: a file unreadable or not a result set; 2: usage error.`;

interface IngestArgs {
  files: string[];
  load: LoadArgs;
  format: 'csv' | 'json';
  out?: string;
}

function parseArgs(argv: string[]): IngestArgs | string {
  const a: IngestArgs = { files: [], load: newLoadArgs(), format: 'csv' };
  const files = readArgs(argv, (name, takeValue) => {
    const shared = readLoadOption(a.load, name, takeValue);
    if (shared !== false) return shared;
    if (name === '--format') {
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
  return checkLoadArgs(a.load) ?? a;
}

export const ingestCommand: CliCommand = {
  name: 'ingest',
  summary:
    'read result files and folders (CSV/TSV, JSON, fio JSON, markdown); print canonical records',
  usage: HELP,
  run: runIngest,
};

async function runIngest(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') return usageError(io, 'ingest', args, USAGE);
  const { records, code } = await loadSets(args.files, args.load, io);
  // Records of readable files are written even when another file failed (exit code says so).
  const writeAll = (write: (text: string) => void) =>
    (args.format === 'json' ? writeJson : writeCsv)(records, write);
  if (args.out === undefined) {
    writeAll(io.stdout);
    return code;
  }
  let fd: number | null = null;
  try {
    fd = openSync(resolve(io.cwd, args.out), 'w');
    const target = fd;
    writeAll((text) => void writeSync(target, text));
  } catch (e) {
    io.stderr(
      `aio-dash ingest: cannot write ${args.out}: ${e instanceof Error ? e.message : String(e)}\n`,
    );
    return EXIT_INPUT;
  } finally {
    if (fd !== null) closeSync(fd);
  }
  return code;
}
