/**
 * The candidate fixes of the axis-hint search (axis-hints.ts), ranked before any compare() runs:
 * which dimensions may be proposed and in which family (sibling, configuration, workload), which
 * value pairs, baseline first, and each candidate's upper bound of pairs.
 */
import type { Dimension, DimensionValue } from '../model/record.types';
import { ENVIRONMENT_FIELDS } from '../model/record.types';
import type { ComparisonSpec } from './compare.types';
import { compareValues } from './dimensions';
import type { Candidate, ValueCounts } from './axis-hints.types';

/** Never proposed as an axis: reads against writes, guest against bare metal. */
const NEVER: ReadonlySet<string> = new Set(['rw', 'layer']);
/** Workload parameters: comparing along them is a sweep, proposed last. */
const WORKLOAD: ReadonlySet<string> = new Set(['bs', 'iodepth', 'numjobs', 'vms', 'prewritten']);
/** The same question asked one layer down or up. */
const SIBLINGS: Readonly<Record<string, readonly Dimension[]>> = {
  aio: ['ioengine'],
  ioengine: ['aio'],
};
/**
 * Baseline-first order of well-known values: the usual default first, the usual challenger
 * second (threads → native, libaio → io_uring). Values not listed follow, most common first.
 */
const VALUE_ORDER: Readonly<Record<string, readonly string[]>> = {
  aio: ['threads', 'native', 'io_uring'],
  ioengine: ['libaio', 'io_uring', 'psync', 'sync', 'pvsync', 'pvsync2', 'posixaio', 'mmap'],
  prealloc: ['off', 'metadata', 'falloc', 'full'],
  cache: ['none', 'writeback', 'writethrough', 'directsync', 'unsafe'],
  bus: ['virtio-blk', 'virtio-scsi'],
  format: ['raw', 'qcow2'],
  source: ['file', 'block', 'network'],
  iothread: ['false', 'true'],
  prewritten: ['false', 'true'],
};

/** Family of a proposed axis for the chosen one: 0 sibling, 1 configuration or set, 2 workload. */
export function tierOf(axis: Dimension, d: Dimension): number {
  if (SIBLINGS[axis]?.includes(d)) return 0;
  return WORKLOAD.has(d) ? 2 : 1;
}

/** Dimensions that may be proposed instead of `axis`: environment fields, then extras. */
export function candidateAxes(axis: Dimension, extras: readonly Dimension[]): Dimension[] {
  const env = ENVIRONMENT_FIELDS.filter((d) => d !== axis && !NEVER.has(d));
  // The result set first among equals: "set A vs set B" is the comparison two folders ask for.
  const ordered: Dimension[] = ['set', ...env.filter((d) => d !== 'set')];
  return [...ordered, ...extras.filter((d) => d !== axis)];
}

/**
 * Candidates when the baseline or the candidate is absent: the present one keeps its side and
 * the other side takes each present value in order; then any two present values.
 */
export function keepPresentSide(
  spec: ComparisonSpec,
  present: readonly string[],
  missing: readonly string[],
  countOf: (d: Dimension, v: string) => number,
): Candidate[] {
  const out: Candidate[] = [];
  const add = (b: string, c: string) => {
    if (b === c || out.some((x) => x.baseline === b && x.candidate === c)) return;
    out.push({
      tier: 0,
      rank: out.length,
      axis: spec.axis,
      baseline: b,
      candidate: c,
      bound: Math.min(countOf(spec.axis, b), countOf(spec.axis, c)),
      pairs: null,
      pooled: false,
    });
  };
  for (const v of present) {
    if (!missing.includes(spec.baseline)) add(spec.baseline, v);
    else if (!missing.includes(spec.candidate)) add(v, spec.candidate);
  }
  for (const p of valuePairs(spec.axis, present, 0, 0, countOf)) add(p.baseline, p.candidate);
  return out;
}

export const SAFE_KEY = 2 ** 52;
export const ENV: ReadonlySet<string> = new Set(ENVIRONMENT_FIELDS);

/**
 * Set-against-set candidates: every pair of the four largest sets, in load order (the first
 * loaded is the baseline).
 */
export function setCandidates(sets: ValueCounts, rank: number): Candidate[] {
  const top = sets.values
    .map((v, i) => ({ v, n: sets.counts[i]!, i }))
    .sort((a, b) => b.n - a.n || a.i - b.i)
    .slice(0, 4)
    .sort((a, b) => a.i - b.i);
  const out: Candidate[] = [];
  for (let a = 0; a < top.length; a++)
    for (let b = a + 1; b < top.length; b++)
      out.push({
        tier: 1,
        rank: rank * 10 + out.length,
        axis: 'set',
        baseline: top[a]!.v,
        candidate: top[b]!.v,
        bound: Math.min(top[a]!.n, top[b]!.n),
        pairs: null,
        pooled: false,
      });
  return out;
}

/** Present values of `d`, baseline-first: the known order, then most common, then natural order. */
export function orderedValues(d: Dimension, vc: ValueCounts): string[] {
  const known = VALUE_ORDER[d] ?? [];
  const idx = vc.values.map((_, i) => i);
  const pos = (v: string) => {
    const k = known.indexOf(v);
    return k < 0 ? known.length : k;
  };
  idx.sort((a, b) => {
    const va = vc.values[a]!;
    const vb = vc.values[b]!;
    if (d === 'set') return a - b; // load order: the first loaded set is the baseline
    return pos(va) - pos(vb) || vc.counts[b]! - vc.counts[a]! || compareValues(va, vb);
  });
  return idx.map((i) => vc.values[i]!);
}

/**
 * Candidate (baseline, candidate) pairs of one axis: the first two values, then the first with
 * the third and the second with the third (evaluated only when better ones pair nothing). For
 * dimensions without a known order, the two most common values in natural order.
 */
export function valuePairs(
  d: Dimension,
  vals: readonly string[],
  tier: number,
  rank: number,
  countOf: (d: Dimension, v: string) => number,
): Candidate[] {
  const v = vals.slice(0, 3);
  const pairs: [string, string][] = [];
  if (v.length >= 2) pairs.push(inOrder(d, v[0]!, v[1]!));
  if (v.length >= 3) {
    pairs.push(inOrder(d, v[0]!, v[2]!));
    pairs.push(inOrder(d, v[1]!, v[2]!));
  }
  return pairs.map(([b, c], k) => ({
    tier,
    rank: rank * 10 + k,
    axis: d,
    baseline: b,
    candidate: c,
    bound: Math.min(countOf(d, b), countOf(d, c)),
    pairs: null,
    pooled: false,
  }));
}

/** Known orders and sets keep their order; other values go smaller first (iodepth 1 vs 4). */
function inOrder(d: Dimension, a: DimensionValue, b: DimensionValue): [string, string] {
  if (VALUE_ORDER[d] || d === 'set') return [a, b];
  return compareValues(a, b) <= 0 ? [a, b] : [b, a];
}
