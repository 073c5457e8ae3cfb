/**
 * Loading result files on the command line, the same way for every command that reads files
 * (ingest, compare, recommend, serve): the shared options (--set, --set-per-file, --label,
 * --map), directory arguments read recursively, result sets planned by core/sets (one load = one
 * set by default), per-file accounting on stderr, and loads of identical content recognised.
 *
 * fio log files (`NAME_lat.N.log`, `_clat`, `_slat`, `_iops`, `_bw`) of a set are attached to the
 * records of their jobs (core/tails/attach.ts), one stderr line each, attached or not.
 *
 * Files of any size: a file above STREAM_BYTES is read as a stream (ingestStream), records are
 * gathered with loops (never spread into a call), so a 1,000,000-record file loads.
 *
 * The shared options are in load-records.args.ts, reading the files in load-records.files.ts;
 * both are re-exported here.
 */
import { basename, relative } from 'node:path';
import { defaultSetName } from '../core/ingest/ingest';
import type { IngestOptions, IngestOutcome } from '../core/ingest/ingest.types';
import { describeInference } from '../core/ingest/column-map';
import { attachLogs, type AttachReport, type LogInput } from '../core/tails/attach';
import { isFioLogName } from '../core/tails/fio-log';
import { keepLogsWithTheirRun } from '../core/tails/plan-logs';
import { intern } from '../core/ingest/vocab';
import type { ResultRecord } from '../core/model/record.types';
import type { Result } from '../core/model/result';
import { planSets } from '../core/sets/sets';
import { contentId } from '../core/sets/content-id';
import type { PlannedSet } from '../core/sets/sets';
import type { CliIo } from './cli.types';
import { EXIT_INPUT } from './cli.types';
import type { LoadArgs } from './load-records.args';
import {
  digestOf,
  expandArgs,
  ingestInput,
  KEEP_BYTES,
  logText,
  posix,
  release,
  type CliInput,
} from './load-records.files';

export type { LoadArgs } from './load-records.args';
export {
  checkLoadArgs,
  LOAD_HELP,
  LOAD_SYNOPSIS,
  newLoadArgs,
  readLoadOption,
} from './load-records.args';
export { fileDigest, STREAM_BYTES } from './load-records.files';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One result set as loaded. */
export interface CliSet {
  name: string;
  /** contentId of its files. */
  sha256: string;
  /** originPath of every file that loaded. */
  files: string[];
  records: ResultRecord[];
  read: number;
  accepted: number;
  rejected: number;
  flagged: number;
}

export interface LoadOutcome {
  sets: CliSet[];
  /** The records of every set, in set order. */
  records: ResultRecord[];
  /** EXIT_OK, or EXIT_INPUT when an argument or file could not be read or is not a result set. */
  code: number;
}

/**
 * Loads the files and directories of `args` as result sets (see LOAD_HELP), writing the spec's
 * accounting on stderr: per file `FILE: R read, A accepted, J rejected, F flagged` and a
 * `FILE:LINE: reason` line per rejected row; per set of several files (or when the load makes
 * several sets) `set "NAME": N files, A records`; a set identical to one loaded before is
 * reported and left out. A named file that cannot be read or is not a result set makes the exit
 * code 1 (the rest still loads); a file found in a directory that is not a result set is
 * reported and skipped.
 * @param onOutcome sees each file's outcome before its records join the set (for callers that
 *   need the per-file reports)
 */
export async function loadSets(
  args: readonly string[],
  load: LoadArgs,
  io: CliIo,
  onOutcome?: (file: string, outcome: IngestOutcome) => void,
): Promise<LoadOutcome> {
  const expanded = expandArgs(args, io);
  let code = expanded.code;
  const byPath = new Map<string, CliInput>();
  for (const input of expanded.inputs) {
    const path = input.abs === '-' ? 'stdin' : posix(input.abs);
    if (!byPath.has(path)) byPath.set(path, input); // a file given twice loads once
  }
  const planned: PlannedSet[] = planSets(
    [...byPath].map(([path, input]) => ({ path, loose: !input.walked })),
    {
      ...(load.set !== undefined ? { set: load.set } : {}),
      perFile: load.perFile,
      looseNaming: 'parent',
      cwdName: basename(io.cwd),
    },
  );
  if (load.perFile) keepLogsWithTheirRun(planned);
  const sets: CliSet[] = [];
  const records: ResultRecord[] = [];
  const loadedIds = new Map<string, string>(); // contentId → set name
  const manySets = planned.length > 1;
  for (const plan of planned) {
    // 1. The files' digests: a set identical to one already loaded is not ingested again.
    const digests: string[] = [];
    const readable: { input: CliInput; originPath: string }[] = [];
    let keep = KEEP_BYTES;
    for (const f of plan.files) {
      const input = byPath.get(f.path)!;
      try {
        keep -= await digestOf(input, keep);
        digests.push(input.digest!);
        readable.push({ input, originPath: f.originPath });
      } catch (e) {
        io.stderr(`${input.display}: cannot read: ${e instanceof Error ? e.message : String(e)}\n`);
        code = EXIT_INPUT;
      }
    }
    if (readable.length === 0) continue;
    const id = contentId(digests);
    const same = loadedIds.get(id);
    if (same !== undefined) {
      for (const { input } of readable) release(input);
      io.stderr(
        `set "${plan.name}": same content as set "${same}" (${plural(readable.length, 'file')}, sha256 ${id.slice(0, 12)}): not added\n`,
      );
      continue;
    }
    // 2. Ingest each file into the set.
    const set: CliSet = {
      name: plan.name,
      sha256: id,
      files: [],
      records: [],
      read: 0,
      accepted: 0,
      rejected: 0,
      flagged: 0,
    };
    const setName = intern(plan.name);
    const logs: LogInput[] = [];
    for (const { input, originPath } of readable) {
      // fio log files are no result files: attached to their job's record below (issue 15).
      if (isFioLogName(originPath)) {
        logs.push({ path: originPath, text: logText(input) });
        continue;
      }
      const opts: IngestOptions = { fileName: originPath, labels: load.labels };
      // The folder as seen from here: its names give facts (an absolute path would be cut to its
      // base name; the folders between here and the set are what the user named).
      if (plan.folder !== '') opts.folder = posix(relative(io.cwd, plan.folder));
      if (load.map) opts.map = load.map;
      if (load.set !== undefined) opts.set = setName;
      let r: Result<IngestOutcome>;
      try {
        r = await ingestInput(input, opts);
      } catch (e) {
        io.stderr(`${input.display}: cannot read: ${e instanceof Error ? e.message : String(e)}\n`);
        code = EXIT_INPUT;
        continue;
      }
      if (!r.ok) {
        if (input.walked) io.stderr(`${input.display}: skipped: ${r.reason}\n`);
        else {
          io.stderr(`${input.display}: ${r.reason}\n`);
          code = EXIT_INPUT;
        }
        continue;
      }
      const rep = r.value.report;
      io.stderr(
        `${input.display}: ${rep.read} read, ${rep.accepted} accepted, ${rep.rejected.length} rejected, ${rep.flagged} flagged\n`,
      );
      for (const j of rep.rejected) io.stderr(`${input.display}:${j.line}: ${j.reason}\n`);
      // How columns were mapped, unless the header named the field exactly.
      for (const col of rep.columns ?? [])
        if (col.how !== 'exact') io.stderr(`${input.display}: ${describeInference(col)}\n`);
      nameRecords(r.value.records, originPath, setName, load.set !== undefined);
      onOutcome?.(input.display, r.value);
      for (const rec of r.value.records) set.records.push(rec);
      set.files.push(originPath);
      set.read += rep.read;
      set.accepted += rep.accepted;
      set.rejected += rep.rejected.length;
      set.flagged += rep.flagged;
    }
    reportLogs(attachLogs(set.records, logs), readable, io);
    if (set.files.length === 0) continue;
    loadedIds.set(id, set.name);
    sets.push(set);
    for (const rec of set.records) records.push(rec);
    if (manySets || plan.files.length > 1)
      io.stderr(
        `set "${set.name}": ${plural(set.files.length, 'file')}, ${plural(set.accepted, 'record')}\n`,
      );
  }
  return { sets, records, code };
}

/** One stderr line per fio log: attached to which record, or why not (never silently dropped). */
function reportLogs(
  rep: AttachReport,
  files: readonly { input: CliInput; originPath: string }[],
  io: CliIo,
): void {
  const display = new Map(files.map((f) => [f.originPath, f.input.display]));
  for (const a of rep.attached)
    io.stderr(
      `${display.get(a.path) ?? a.path}: fio log, ${a.points} points, attached to ${a.origin}\n`,
    );
  for (const u of rep.unmatched)
    io.stderr(`${display.get(u.path) ?? u.path}: fio log not attached: ${u.reason}\n`);
}

/**
 * Gives the records of one file their set: the planned name, unless the file names its own sets
 * (a `set` column with other values than the file's default, e.g. a canonical CSV of several sets
 * written by `aio-dash ingest`), which it keeps. `--set` (fixed) was already applied by ingest.
 */
function nameRecords(
  records: ResultRecord[],
  originPath: string,
  setName: string,
  fixed: boolean,
): void {
  if (fixed) return;
  const fileDefault = defaultSetName(originPath);
  for (const r of records) if (r.set !== fileDefault) return;
  for (const r of records) r.set = setName;
}
