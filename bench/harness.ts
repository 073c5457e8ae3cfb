/**
 * Minimal benchmark harness: warm-up, then N timed runs with a forced GC before each (so one
 * run's garbage is not collected inside the next), median and spread. Two functions compared
 * against each other are run interleaved (A B A B …) so drift in machine load — this machine's
 * 2 cores are shared — hits both sides alike and the ratio stays meaningful.
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

function timeOnce(fn: () => unknown, collect = true): number {
  if (collect) gc();
  const t0 = performance.now();
  const out = fn();
  const t = performance.now() - t0;
  // Keep the result alive until the clock stopped, so the work cannot be skipped.
  if (out === Symbol.for('never')) console.log(out);
  return t;
}

export interface RunOptions {
  warmup?: number;
  runs?: number;
  /**
   * Untimed work before each run, whose result the timed function receives (e.g. a fresh
   * comparison before timing what the app does right after it). With a setup, no GC is forced:
   * the timed step runs as it would in the app, on data the previous step just touched.
   */
  setup?: () => unknown;
}

export function measure<S = unknown>(
  fn: (prepared: S) => unknown,
  { warmup = 1, runs = 5, setup }: RunOptions = {},
): Sampled {
  const once = () => {
    if (!setup) return timeOnce(() => fn(undefined as S));
    gc();
    const prepared = setup() as S;
    return timeOnce(() => fn(prepared), false);
  };
  for (let i = 0; i < warmup; i++) once();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(once());
  return summarize(samples);
}

/** Interleaved A/B measurement; ratio = median over runs of a_i / b_i. */
export function measurePair(
  a: () => unknown,
  b: () => unknown,
  { warmup = 3, runs = 5 }: RunOptions = {},
) {
  // Three warm-up pairs: large engines (compare, ingest) were still getting faster in their
  // second and third runs (JIT tiers), which one warm-up left inside the samples.
  for (let i = 0; i < warmup; i++) {
    timeOnce(a);
    timeOnce(b);
  }
  const sa: number[] = [];
  const sb: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Alternate which side goes first, so neither always runs on a freshly collected heap.
    if (i % 2 === 0) {
      sa.push(timeOnce(a));
      sb.push(timeOnce(b));
    } else {
      sb.push(timeOnce(b));
      sa.push(timeOnce(a));
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
