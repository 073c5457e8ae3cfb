/**
 * The files of a load on disk: arguments expanded (directories walked, `-` for stdin), their
 * SHA-256 digests, and their bytes handed to the ingest, small files read whole (and kept between
 * hashing and ingesting while KEEP_BYTES allows), large ones streamed.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { ingestBytes, ingestStream } from '../core/ingest/ingest';
import type { IngestOptions, IngestOutcome } from '../core/ingest/ingest.types';
import type { Result } from '../core/model/result';
import { isHiddenName } from '../core/sets/sets';
import type { CliIo } from './cli.types';
import { EXIT_INPUT, EXIT_OK } from './cli.types';

/** One file of the load. */
export interface CliInput {
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
export const posix = (p: string): string => (sep === '/' ? p : p.split(sep).join('/'));

/**
 * Expands the arguments: a directory is walked recursively (natural order, names starting with '.'
 * skipped, each real directory once); `-` is stdin. Unreadable arguments are reported.
 */
export function expandArgs(
  args: readonly string[],
  io: CliIo,
): { inputs: CliInput[]; code: number } {
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
export const KEEP_BYTES = 64 * 1024 * 1024;

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
export async function digestOf(input: CliInput, keep: number): Promise<number> {
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
export function release(input: CliInput): void {
  if (input.abs !== '-') delete input.bytes;
}

export async function ingestInput(
  input: CliInput,
  opts: IngestOptions,
): Promise<Result<IngestOutcome>> {
  const kept = input.bytes;
  release(input);
  if (kept) return ingestBytes(kept, opts);
  if (input.size <= STREAM_BYTES) return ingestBytes(readFileSync(input.abs), opts);
  return ingestStream(() => pieces(input.abs), opts, input.size);
}

/** The text of a fio log file (kept bytes, or read now). */
export function logText(input: CliInput): string {
  const bytes = input.bytes ?? readFileSync(input.abs);
  release(input);
  return new TextDecoder().decode(bytes);
}
