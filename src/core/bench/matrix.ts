/**
 * The bench matrix from command-line values and a plan file (pure).
 *
 * Plan file (JSON, `--plan FILE`): an object with the same keys as the flags, each a list or a
 * comma-separated string; flags given on the command line override the file's values.
 * ```json
 * { "engine": "qemu-img", "aio": ["threads", "native", "io_uring"],
 *   "prealloc": ["off", "metadata", "falloc", "full"], "prefill": ["no", "yes"],
 *   "rw": ["read", "write"], "bs": ["4k"], "iodepth": [32], "size": "256M",
 *   "count": 65536, "repeats": 3, "set": "my-host" }
 * ```
 * Keys: engine, aio, ioengine, prealloc, prefill, rw, bs, iodepth, size, count, runtime,
 * repeats, set. Unknown keys are an error (a typo would otherwise silently use a default).
 */
import type { AioMode, Prealloc, RwMode } from '../model/record.types';
import { AIO_MODES, RW_MODES } from '../model/record.types';
import type { Result } from '../model/result';
import { fail, ok } from '../model/result';
import { parseBlockSize } from '../ingest/units.parse';
import type { BenchEngine, BenchMatrix } from './bench.types';
import { BENCH_ENGINES } from './bench.types';

export const PLAN_KEYS = [
  'engine',
  'aio',
  'ioengine',
  'prealloc',
  'prefill',
  'rw',
  'bs',
  'iodepth',
  'size',
  'count',
  'runtime',
  'repeats',
  'set',
] as const;
export type PlanKey = (typeof PLAN_KEYS)[number];
/** Values as the flags give them: one string per key (lists comma-separated). */
export type MatrixOptions = Partial<Record<PlanKey, string>>;

const PREALLOCS_BENCH = ['off', 'metadata', 'falloc', 'full'] as const;
const FIO_ENGINES = ['libaio', 'io_uring', 'psync', 'pvsync2', 'posixaio', 'sync'] as const;

/** Defaults: a useful answer on one host in a few minutes (see docs/bench.md). */
export function defaultOptions(
  engine: BenchEngine,
): Required<Omit<MatrixOptions, 'count' | 'runtime'>> & MatrixOptions {
  return {
    engine,
    aio: 'threads,native,io_uring',
    ioengine: 'libaio,io_uring,psync',
    prealloc: 'off,metadata,falloc,full',
    prefill: engine === 'fio' ? 'yes' : 'no,yes',
    rw: engine === 'fio' ? 'randread,randwrite' : 'read,write',
    bs: '4k',
    iodepth: '32',
    size: '256M',
    repeats: '3',
    set: `bench-${engine}`,
    ...(engine === 'fio' ? { runtime: '5' } : {}),
  };
}

const list = (s: string): string[] =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');

function positiveInt(key: string, s: string): Result<number> {
  const n = Number(s);
  return Number.isInteger(n) && n > 0
    ? ok(n)
    : fail(`--${key} needs a whole number > 0 (got '${s}')`);
}

function sizeOf(key: string, s: string): Result<number> {
  const n = parseBlockSize(s);
  return n !== null && n > 0 && Number.isInteger(n)
    ? ok(n)
    : fail(`--${key} needs a size such as 4k, 1M, 256M, 1G (got '${s}')`);
}

function each<T>(key: string, s: string, one: (v: string) => T | null, what: string): Result<T[]> {
  const out: T[] = [];
  for (const v of list(s)) {
    const x = one(v);
    if (x === null) return fail(`--${key}: '${v}' is not ${what}`);
    if (!out.includes(x)) out.push(x);
  }
  return out.length > 0 ? ok(out) : fail(`--${key} needs at least one value`);
}

/**
 * Reads a plan file's JSON into MatrixOptions. Lists become comma-separated strings; numbers
 * become strings; anything else, or an unknown key, is an error.
 */
export function parsePlanFile(text: string): Result<MatrixOptions> {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return fail(`plan file is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v))
    return fail(
      'plan file must be a JSON object such as {"aio": ["threads", "native"], "repeats": 3}',
    );
  const out: MatrixOptions = {};
  for (const [k, raw] of Object.entries(v as Record<string, unknown>)) {
    if (k.startsWith('$') || k === 'description' || k === 'host') continue; // comments, provenance
    if (!(PLAN_KEYS as readonly string[]).includes(k))
      return fail(`plan file: unknown key '${k}' (keys: ${PLAN_KEYS.join(', ')})`);
    const items = Array.isArray(raw) ? raw : [raw];
    const strs: string[] = [];
    for (const item of items) {
      if (typeof item === 'string' || typeof item === 'number') strs.push(String(item));
      else if (typeof item === 'boolean') strs.push(item ? 'yes' : 'no');
      else return fail(`plan file: '${k}' must be a string, a number or a list of them`);
    }
    out[k as PlanKey] = strs.join(',');
  }
  return ok(out);
}

/**
 * The matrix from the defaults of the engine, then the plan file's values, then the flags.
 * Checks what each engine can do: qemu-img bench issues sequential requests (rw read or write
 * only) and takes no run time; fio measures one pre-filled file (prefill yes only).
 */
export function buildMatrix(
  fromFile: MatrixOptions,
  fromFlags: MatrixOptions,
): Result<BenchMatrix> {
  const engineName = fromFlags.engine ?? fromFile.engine ?? 'qemu-img';
  if (!(BENCH_ENGINES as readonly string[]).includes(engineName))
    return fail(`--engine must be qemu-img or fio (got '${engineName}')`);
  const engine = engineName as BenchEngine;
  const o: MatrixOptions = { ...defaultOptions(engine), ...fromFile, ...fromFlags };
  if (fromFile.count !== undefined || fromFlags.count !== undefined) {
    if (fromFlags.runtime !== undefined && fromFlags.count !== undefined)
      return fail('give --count or --runtime, not both');
    if (fromFlags.runtime === undefined) delete o.runtime;
  }
  if (fromFlags.runtime !== undefined && fromFlags.count === undefined) delete o.count;
  const aio = each<AioMode>(
    'aio',
    o.aio!,
    (v) => ((AIO_MODES as readonly string[]).includes(v) ? (v as AioMode) : null),
    'threads, native or io_uring',
  );
  if (!aio.ok) return aio;
  const ioengine = each<string>(
    'ioengine',
    o.ioengine!,
    (v) => ((FIO_ENGINES as readonly string[]).includes(v) ? v : null),
    `one of ${FIO_ENGINES.join(', ')}`,
  );
  if (!ioengine.ok) return ioengine;
  const prealloc = each<Exclude<Prealloc, 'n/a'>>(
    'prealloc',
    o.prealloc!,
    (v) =>
      (PREALLOCS_BENCH as readonly string[]).includes(v) ? (v as Exclude<Prealloc, 'n/a'>) : null,
    'off, metadata, falloc or full',
  );
  if (!prealloc.ok) return prealloc;
  const prefill = each<boolean>(
    'prefill',
    o.prefill!,
    (v) => (v === 'yes' || v === 'true' ? true : v === 'no' || v === 'false' ? false : null),
    'yes or no',
  );
  if (!prefill.ok) return prefill;
  const rw = each<RwMode>(
    'rw',
    o.rw!,
    (v) => ((RW_MODES as readonly string[]).includes(v) ? (v as RwMode) : null),
    `one of ${RW_MODES.join(', ')}`,
  );
  if (!rw.ok) return rw;
  const bs = each<number>(
    'bs',
    o.bs!,
    (v) => {
      const n = parseBlockSize(v);
      return n !== null && n >= 512 && Number.isInteger(n) && n % 512 === 0 ? n : null;
    },
    'a block size (multiple of 512 bytes: 4k, 64k, 1M)',
  );
  if (!bs.ok) return bs;
  const iodepth = each<number>(
    'iodepth',
    o.iodepth!,
    (v) => {
      const n = Number(v);
      return Number.isInteger(n) && n > 0 ? n : null;
    },
    'a whole number > 0',
  );
  if (!iodepth.ok) return iodepth;
  const size = sizeOf('size', o.size!);
  if (!size.ok) return size;
  const repeats = positiveInt('repeats', o.repeats!);
  if (!repeats.ok) return repeats;
  const count = o.count !== undefined ? positiveInt('count', o.count) : ok(null);
  if (!count.ok) return count;
  const runtime = o.runtime !== undefined ? positiveInt('runtime', o.runtime) : ok(null);
  if (!runtime.ok) return runtime;
  if (engine === 'qemu-img') {
    const bad = rw.value.filter((x) => x !== 'read' && x !== 'write');
    if (bad.length > 0)
      return fail(
        `qemu-img bench issues sequential requests: --rw read,write only (not ${bad.join(',')}); use --engine fio for random I/O`,
      );
    if (runtime.value !== null)
      return fail(
        'qemu-img bench counts requests: use --count N (default: one pass over the image), not --runtime',
      );
  } else if (prefill.value.includes(false))
    return fail(
      'fio lays out (writes) its file before reading: --engine fio measures a pre-filled file only (--prefill yes)',
    );
  if (engine === 'fio' && count.value === null && runtime.value === null)
    return fail('--engine fio needs --runtime S or --count N');
  for (const b of bs.value)
    if (b > size.value) return fail(`--bs ${b} is larger than --size ${size.value}`);
  return ok({
    engine,
    aio: engine === 'qemu-img' ? aio.value : [],
    ioengine: engine === 'fio' ? ioengine.value : [],
    prealloc: prealloc.value,
    prefill: engine === 'fio' ? [true] : prefill.value,
    rw: rw.value,
    bs: bs.value,
    iodepth: iodepth.value,
    sizeBytes: size.value,
    count: count.value,
    runtimeS: engine === 'fio' ? runtime.value : null,
    repeats: repeats.value,
    set: o.set!,
  });
}
