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
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { defaultSetName, ingestBytes, ingestStream, parseLabels } from '../core/ingest/ingest';
import type { IngestOptions, IngestOutcome } from '../core/ingest/ingest.types';
import { describeInference, parseColumnMap } from '../core/ingest/column-map';
import type { ColumnMap } from '../core/ingest/column-map';
import { attachLogs, type AttachReport, type LogInput } from '../core/tails/attach';
import { isFioLogName } from '../core/tails/fio-log';
import { keepLogsWithTheirRun } from '../core/tails/plan-logs';
import { intern } from '../core/ingest/vocab';
import type { ResultRecord } from '../core/model/record.types';
import type { Result } from '../core/model/result';
import { contentId, isHiddenName, planSets } from '../core/sets/sets';
import type { PlannedSet } from '../core/sets/sets';
import type { OptionAnswer } from './args';
import type { CliIo } from './cli.types';
import { EXIT_INPUT, EXIT_OK } from './cli.types';

/** The options every command that reads files takes. */
export interface LoadArgs {
  /** --set NAME: every file in one set of that name. */
  set?: string;
  /** --set-per-file: one set per file. */
  perFile: boolean;
  /** --label KEY=VALUE facts, applied to every record. */
  labels: Record<string, string>;
  /** --map HEADER=FIELD specs, in the order given. */
  maps: string[];
  /** The specs parsed (by checkLoadArgs). */
  map?: ColumnMap;
}

export const newLoadArgs = (): LoadArgs => ({ perFile: false, labels: {}, maps: [] });

/** The synopsis of the shared options, for each command's usage line. */
export const LOAD_SYNOPSIS =
  '[--set NAME | --set-per-file] [--label KEY=VALUE]... [--map HEADER=FIELD]...';

/** What the shared options do, for each command's --help. */
export const LOAD_HELP = `  FILE|DIR: result files (CSV/TSV, JSON records, fio JSON, markdown tables); a directory is read
  recursively (names starting with '.' are skipped). Result sets follow the load: every folder that
  directly holds files is one set named after it (same-named folders get the shortest path suffix
  that tells them apart, e.g. IBM_M1015/SAMSUNG_PM883); file arguments together form one set named
  after their common folder (a single file: after itself); a file with its own set column keeps it.
  --set NAME puts everything in one set; --set-per-file gives one set per file. A set whose files
  are identical to a set already loaded is reported and not added.
  --label KEY=VALUE sets a field (or extra column) on every record; --map HEADER=FIELD (repeatable)
  says which field a column of a table file is (HEADER= ignores it, HEADER=x:NAME keeps it as extra
  column NAME). How each column was mapped, unless its header names the field exactly, is on stderr:
  FILE: column "Backend" → aio (values threads, native, io_uring).`;

/**
 * Reads one of the shared options into `a`: the OptionAnswer of readArgs (true: taken, false:
 * not a shared option, string: usage error).
 */
export function readLoadOption(
  a: LoadArgs,
  name: string,
  value: () => string | null,
): OptionAnswer {
  switch (name) {
    case '--set': {
      const v = value()?.trim();
      if (!v) return '--set needs a name';
      a.set = v;
      return true;
    }
    case '--set-per-file':
      a.perFile = true;
      return true;
    case '--label': {
      const v = value();
      const k = v?.indexOf('=') ?? -1;
      if (!v || k <= 0) return '--label needs KEY=VALUE';
      a.labels[v.slice(0, k).trim()] = v.slice(k + 1).trim();
      return true;
    }
    case '--map': {
      const v = value();
      if (!v) return '--map needs HEADER=FIELD';
      a.maps.push(v); // checked by checkLoadArgs (parseColumnMap)
      return true;
    }
    default:
      return false;
  }
}

/** Checks the shared options together and parses --map into `a.map`; a usage error, or null. */
export function checkLoadArgs(a: LoadArgs): string | null {
  if (a.set !== undefined && a.perFile) return '--set and --set-per-file exclude each other';
  const labels = parseLabels(a.labels);
  if (!labels.ok) return labels.reason;
  if (a.maps.length > 0) {
    const map = parseColumnMap(a.maps);
    if (!map.ok) return map.reason;
    a.map = map.value;
  }
  return null;
}

/** One file of the load. */
interface CliInput {
  /** The path as the user sees it: the argument, or argument/relative path inside a directory. */
  display: string;
  /** Absolute path ('-' for stdin). */
  abs: string;
  /** Found in a directory walk (a file that is not a result set is then skipped, not fatal). */
  walked: boolean;
  /** SHA-256 of the bytes, hex (set while planning the set). */
  digest?: string;
  /** Size in bytes (stdin: unknown, 0). */
  size: number;
  /** The bytes, when read once and kept for the ingest (stdin always; small files within KEEP_BYTES). */
  bytes?: Uint8Array;
}

/** The '/'-separated form of a native path, for core/sets. */
const posix = (p: string): string => (sep === '/' ? p : p.split(sep).join('/'));

/**
 * Expands the arguments: a directory is walked recursively (natural order, names starting with '.'
 * skipped, each real directory once); `-` is stdin. Unreadable arguments are reported.
 */
function expandArgs(args: readonly string[], io: CliIo): { inputs: CliInput[]; code: number } {
  const inputs: CliInput[] = [];
  let code = EXIT_OK;
  const visited = new Set<string>();
  const walk = (dir: string, display: string): number => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      return 0;
    }
    if (visited.has(real)) return 0;
    visited.add(real);
    let found = 0;
    // Natural order (randread-4-1 before randread-16-1), the same on every machine.
    const names = readdirSync(dir).sort((a, b) =>
      a.localeCompare(b, 'en', { numeric: true, sensitivity: 'variant' }),
    );
    for (const name of names) {
      if (isHiddenName(name)) continue;
      const abs = join(dir, name);
      let st;
      try {
        st = statSync(abs);
      } catch {
        continue; // a dangling link
      }
      if (st.isDirectory()) found += walk(abs, join(display, name));
      else if (st.isFile()) {
        inputs.push({ display: join(display, name), abs, walked: true, size: st.size });
        found++;
      }
    }
    return found;
  };
  for (const arg of args) {
    if (arg === '-') {
      inputs.push({ display: '-', abs: '-', walked: false, size: 0 });
      continue;
    }
    const abs = resolve(io.cwd, arg);
    let isDir: boolean;
    let size = 0;
    try {
      const st = statSync(abs);
      isDir = st.isDirectory();
      size = st.size;
    } catch (e) {
      io.stderr(`${arg}: cannot read: ${e instanceof Error ? e.message : String(e)}\n`);
      code = EXIT_INPUT;
      continue;
    }
    if (!isDir) {
      inputs.push({ display: arg, abs, walked: false, size });
      continue;
    }
    let found = 0;
    try {
      if (visited.has(realpathSync(abs))) continue; // read already, inside an earlier argument
      found = walk(abs, arg);
    } catch (e) {
      io.stderr(`${arg}: cannot read: ${e instanceof Error ? e.message : String(e)}\n`);
      code = EXIT_INPUT;
      continue;
    }
    if (found === 0) {
      io.stderr(`${arg}: no files in this directory\n`);
      code = EXIT_INPUT;
    }
  }
  return { inputs, code };
}

/** Files above this size are streamed: their bytes are never held whole. */
export const STREAM_BYTES = 8 * 1024 * 1024;

/** A file's bytes in 64 KiB pieces (what ingestStream reads best). */
const pieces = (abs: string) => createReadStream(abs, { highWaterMark: 64 * 1024 });

/** Bytes of small files kept between hashing and ingesting one set (more are read again). */
const KEEP_BYTES = 64 * 1024 * 1024;

/**
 * SHA-256 of a file, hex. node:crypto here, not core/sets' sha256Hex: the CLI hashes every byte
 * it loads and node:crypto is ~25× faster (a 200 MB file: 0.07 s against 1.7 s); the two agree
 * (load-records.test.ts compares them).
 */
export async function fileDigest(abs: string, size: number): Promise<string> {
  const h = createHash('sha256');
  if (size <= STREAM_BYTES) h.update(readFileSync(abs));
  else for await (const piece of pieces(abs)) h.update(piece as Buffer);
  return h.digest('hex');
}

/**
 * The digest of one input. Small files are read whole and their bytes kept for the ingest while
 * `keep` allows (returns the bytes kept); stdin is read once and always kept.
 */
async function digestOf(input: CliInput, keep: number): Promise<number> {
  if (input.abs === '-') {
    input.bytes ??= readFileSync(0);
    input.digest = createHash('sha256').update(input.bytes).digest('hex');
    return 0;
  }
  if (input.size > STREAM_BYTES) {
    input.digest = await fileDigest(input.abs, input.size);
    return 0;
  }
  const bytes = readFileSync(input.abs);
  input.digest = createHash('sha256').update(bytes).digest('hex');
  if (bytes.length > keep) return 0;
  input.bytes = bytes;
  return bytes.length;
}

/** Drops the bytes kept for an ingest (stdin's stay: it cannot be read again). */
function release(input: CliInput): void {
  if (input.abs !== '-') delete input.bytes;
}

async function ingestInput(input: CliInput, opts: IngestOptions): Promise<Result<IngestOutcome>> {
  const kept = input.bytes;
  release(input);
  if (kept) return ingestBytes(kept, opts);
  if (input.size <= STREAM_BYTES) return ingestBytes(readFileSync(input.abs), opts);
  return ingestStream(() => pieces(input.abs), opts, input.size);
}

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

/** The text of a fio log file (kept bytes, or read now). */
function logText(input: CliInput): string {
  const bytes = input.bytes ?? readFileSync(input.abs);
  release(input);
  return new TextDecoder().decode(bytes);
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
