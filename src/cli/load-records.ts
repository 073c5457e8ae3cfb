import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ingestBytes } from '../core/ingest/ingest';
import type { IngestOptions, IngestOutcome } from '../core/ingest/ingest.types';
import type { ResultRecord } from '../core/model/record.types';
import type { CliIo } from './cli.types';
import { EXIT_INPUT, EXIT_OK } from './cli.types';

/** Expands directory arguments into their files (sorted, not recursive); `-` is stdin. */
export function expandFileArgs(files: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  for (const f of files) {
    let dir = false;
    try {
      dir = f !== '-' && statSync(resolve(cwd, f)).isDirectory();
    } catch {
      /* reported when read */
    }
    if (!dir) out.push(f);
    else
      for (const name of readdirSync(resolve(cwd, f)).sort())
        if (statSync(resolve(cwd, f, name)).isFile()) out.push(join(f, name));
  }
  return out;
}

/**
 * Reads one file argument (`-` is stdin) and ingests it with `opts`. A file that cannot be read
 * or is not a result set is reported on stderr and gives null (the caller exits 1).
 */
export function ingestFileArg(
  file: string,
  io: CliIo,
  opts: Omit<IngestOptions, 'fileName'> = {},
): IngestOutcome | null {
  let bytes: Uint8Array;
  try {
    bytes = file === '-' ? readFileSync(0) : readFileSync(resolve(io.cwd, file));
  } catch (e) {
    io.stderr(`${file}: cannot read: ${e instanceof Error ? e.message : String(e)}\n`);
    return null;
  }
  const r = ingestBytes(bytes, { fileName: file === '-' ? 'stdin' : file, ...opts });
  if (!r.ok) {
    io.stderr(`${file}: ${r.reason}\n`);
    return null;
  }
  return r.value;
}

/**
 * Reads and ingests every file argument (directories expanded) for the commands that analyse
 * records. Unreadable files and files that are not result sets are reported on stderr and turn
 * the exit code to 1; the other files still load.
 */
export function loadRecordFiles(
  files: readonly string[],
  io: CliIo,
): { records: ResultRecord[]; code: number } {
  let code = EXIT_OK;
  const records: ResultRecord[] = [];
  for (const file of expandFileArgs(files, io.cwd)) {
    const r = ingestFileArg(file, io);
    if (!r) {
      code = EXIT_INPUT;
      continue;
    }
    for (const rec of r.records) records.push(rec);
  }
  return { records, code };
}
