/**
 * Minimal benchmark harness: warm-up, then N timed runs, median and spread. Two functions
 * compared against each other are run interleaved (A B, B A, …) so drift in machine load — this
 * machine's 2 cores are shared — hits both sides alike and the ratio stays meaningful.
 *
 * Heap between runs (settle()): a forced full GC, so that one run's garbage is not collected
 * inside the next (which would bill Papa for ingest's records, or our engine for Arquero's
 * tables), then an idle turn of the event loop, as the product has between two interactions.
 * The idle turn matters: V8 finishes a collection (sweeping) in tasks on the main thread's
 * loop; timed right after a blocking gc(), the next run did that work itself and measured
 * 3–5× slower for compare+pivot and 1.4× for Arquero on this machine (docs/performance.md,
 * "Method"). Runs are therefore async.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

setFlagsFromString('--expose-gc');
/** A real gc() even when node was not started with --expose-gc. */
export const gc: () => void = runInNewContext('gc') as () => void;

export interface Sampled {
  samples: number[];
  median: number;
  min: number;
  max: number;
}

export function summarize(samples: number[]): Sampled {
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { samples, median, min: s[0]!, max: s.at(-1)! };
}

/** Idle time after the forced GC: long enough for V8's post-GC tasks on the main loop. */
const SETTLE_MS = 25;

/** A forced full GC, then an idle turn of the event loop (see the module note). */
export async function settle(): Promise<void> {
  gc();
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
}

/** Milliseconds `fn` takes, its result kept alive until the clock stopped (no skipped work). */
function timed(fn: () => unknown): number {
  const t0 = performance.now();
  const out = fn();
  const t = performance.now() - t0;
  if (out === Symbol.for('never')) console.log(out);
  return t;
}

async function timeOnce(fn: () => unknown): Promise<number> {
  await settle();
  return timed(fn);
}

export interface RunOptions {
  warmup?: number;
  runs?: number;
  /**
   * Untimed work before each run, whose result the timed function receives (e.g. a fresh
   * comparison before timing what the app does right after it). The heap is settled before
   * the setup, not between the setup and the timed call: the timed call runs as it would in
   * the app, right after the step before it.
   */
  setup?: () => unknown;
}

export async function measure<S = unknown>(
  fn: (prepared: S) => unknown,
  { warmup = 1, runs = 5, setup }: RunOptions = {},
): Promise<Sampled> {
  const once = async () => {
    if (!setup) return timeOnce(() => fn(undefined as S));
    await settle();
    const prepared = setup() as S;
    return timed(() => fn(prepared));
  };
  for (let i = 0; i < warmup; i++) await once();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await once());
  return summarize(samples);
}

/** Interleaved A/B measurement; ratio = median over runs of a_i / b_i. */
export async function measurePair(
  a: () => unknown,
  b: () => unknown,
  { warmup = 3, runs = 5 }: RunOptions = {},
): Promise<{ a: Sampled; b: Sampled; ratio: number }> {
  // Three warm-up pairs: large engines (compare, ingest) were still getting faster in their
  // second and third runs (JIT tiers), which one warm-up left inside the samples.
  for (let i = 0; i < warmup; i++) {
    await timeOnce(a);
    await timeOnce(b);
  }
  const sa: number[] = [];
  const sb: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Alternate which side goes first.
    if (i % 2 === 0) {
      sa.push(await timeOnce(a));
      sb.push(await timeOnce(b));
    } else {
      sb.push(await timeOnce(b));
      sa.push(await timeOnce(a));
    }
  }
  const A = summarize(sa);
  const B = summarize(sb);
  // Median of the ratios of adjacent runs: a burst of load on the machine hits both runs of a
  // pair, so it cancels out of their ratio.
  const ratio = summarize(sa.map((x, i) => x / sb[i]!)).median;
  return { a: A, b: B, ratio };
}

/**
 * Loads a module of the project that may not exist yet (others are building it in parallel).
 * Returns the module, or a reason that makes the benchmark print "pending".
 */
export async function tryImport<T>(
  path: string,
  exports: string[],
): Promise<{ ok: true; mod: T } | { ok: false; reason: string }> {
  if (!existsSync(path))
    return { ok: false, reason: `${path.replace(/^.*\/src\//, 'src/')} not available` };
  try {
    const mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    const missing = exports.filter((e) => typeof mod[e] !== 'function');
    if (missing.length)
      return {
        ok: false,
        reason: `${missing.join(', ')} not exported yet by ${path.replace(/^.*\/src\//, 'src/')}`,
      };
    return { ok: true, mod: mod as T };
  } catch (e) {
    return {
      ok: false,
      reason: `${path.replace(/^.*\/src\//, 'src/')} failed to load: ${String(e).split('\n')[0]}`,
    };
  }
}
