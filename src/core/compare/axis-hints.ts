/**
 * Axis hints (contract E): why a comparison pairs nothing (or little) and the one-click fixes,
 * best first. Used by the comparison bar and empty state of the dashboard and by
 * `aio-dash compare`.
 *
 * Every pair count here comes from compare() itself (the real pairing), never from an estimate:
 * estimates only order and prune the candidates (a comparison along `d` of values b and c can
 * pair at most min(#b, #c) cells). Candidates are ranked by family, then by pairs:
 * 1. the sibling of the chosen axis (aio ↔ ioengine: the same question one layer down),
 * 2. configuration fields, extra columns and the result set itself (set A vs set B),
 * 3. workload sweeps (bs, iodepth, numjobs, vms, prewritten) — a comparison along them is a
 *    sweep rather than an A/B choice, so they come last.
 * `rw` and `layer` are never proposed (reads against writes answer nothing).
 *
 * Cost: one compare() per candidate evaluated, at most `budget` of them; callers compute hints
 * only when the comparison is empty or thin. axisHintSteps() yields between comparisons, so a UI
 * can run it in slices (each step is one compare()).
 *
 * Extensions to the contract (optional fields): AxisAlternative.pairs and .fix (the alternative's
 * evaluated pair count and its fix, when evaluated).
 */
import type { Dimension, DimensionValue, ResultRecord } from '../model/record.types';
import { ENVIRONMENT_FIELDS } from '../model/record.types';
import type { Comparison, ComparisonSpec } from './compare.types';
import { groupKeys } from './columnar.keys';
import { recordColumns } from './columnar.records';
import type { RecordColumns } from './columnar.types';
import { cellDimensions, compare, withDefaults } from './pair';
import { compareValues } from './dimensions';

export interface AxisFix {
  axis: Dimension;
  baseline: string;
  candidate: string;
  poolSets: boolean;
}

export interface AxisAlternative {
  axis: Dimension;
  /** Values present (non-empty), in the order baselines and candidates are chosen from. */
  values: string[];
  /** Cells the alternative's fix pairs (compare()); absent when it was not evaluated. */
  pairs?: number;
  /** The alternative's best fix; absent when not evaluated, null when it pairs nothing. */
  fix?: AxisFix | null;
}

export type AxisHint =
  | {
      kind: 'axis-empty';
      axis: Dimension;
      present: string[];
      alternatives: AxisAlternative[];
      fix: AxisFix | null;
      /** Extension: cells the fix pairs (0 without a fix). */
      pairs?: number;
    }
  | {
      kind: 'values-absent';
      axis: Dimension;
      missing: string[];
      present: string[];
      fix: AxisFix | null;
      /** Extension: cells the fix pairs (0 without a fix). */
      pairs?: number;
    }
  | {
      kind: 'pool-sets';
      pairs: number;
      fix: AxisFix;
      /** Extension: cells paired without pooling (0: the sets pair only when pooled). */
      current?: number;
    }
  | { kind: 'compare-sets'; sets: [string, string]; pairs: number; fix: AxisFix }
  | {
      kind: 'no-pairs';
      reason: string;
      /** Extension: the reason as a code (for translation), and the fields that differ. */
      code?: NoPairsCode;
      fields?: Dimension[];
    };

/** Why nothing pairs, when no fix was found. */
export type NoPairsCode =
  'no-records' | 'host-only' | 'axis-empty' | 'values-absent' | 'differ' | 'out-of-scope';

export interface AxisHintOptions {
  /** compare(records, spec) when the caller has it already (saves one comparison). */
  current?: Comparison;
  /** Most compare() runs spent on candidates (default 16). */
  budget?: number;
}

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

/** English names of the fields, for describeHint() (the UI has its own, translated). */
const EN_DIM: Readonly<Record<string, string>> = {
  set: 'result set',
  storage: 'storage',
  source: 'source',
  fs: 'host filesystem',
  medium: 'medium',
  format: 'format',
  prealloc: 'preallocation',
  cache: 'cache',
  aio: 'aio mode',
  bus: 'bus',
  iothread: 'IOThread',
  prewritten: 'pre-written',
  vms: 'VMs',
  layer: 'layer',
  rw: 'workload',
  bs: 'block size',
  iodepth: 'iodepth',
  numjobs: 'numjobs',
  ioengine: 'fio engine',
};

/** English name of a dimension (`x:Backend` → `Backend`). */
export function dimensionName(d: Dimension): string {
  return d.startsWith('x:') ? d.slice(2) : (EN_DIM[d] ?? d);
}

/** Values of one dimension in the hints' records: counts per value, first-appearance order. */
interface ValueCounts {
  values: string[];
  counts: number[];
}

/** One candidate fix with its upper bound of pairs and, once evaluated, its real pairs. */
interface Candidate {
  tier: number;
  rank: number;
  axis: Dimension;
  baseline: string;
  candidate: string;
  bound: number;
  pairs: number | null;
  pooled: boolean;
}

/**
 * Why `spec` pairs nothing or little in `records`, and the fixes, best first. A hint with a fix
 * comes before one without; among fixes, the better family (see the module comment), then more
 * pairs. Pure and deterministic.
 */
export function axisHints(
  records: readonly ResultRecord[],
  spec: Partial<ComparisonSpec>,
  opts: AxisHintOptions = {},
): AxisHint[] {
  const steps = axisHintSteps(records, spec, opts);
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

/**
 * axisHints() as a generator: yields after each compare() it runs, returns the hints. A UI runs
 * it in slices (one step per task); axisHints() runs it to the end.
 */
export function* axisHintSteps(
  records: readonly ResultRecord[],
  specIn: Partial<ComparisonSpec>,
  opts: AxisHintOptions = {},
): Generator<void, AxisHint[], void> {
  const spec = withDefaults(specIn);
  if (records.length === 0)
    return [{ kind: 'no-pairs', reason: 'no records are loaded', code: 'no-records' }];
  const cols = recordColumns(records);
  const extras = spec.extraDimensions ?? cols.extraDimensions();
  const base = { ...spec, extraDimensions: extras };

  // Value counts in scope: host-layer records (bare-metal baselines) never pair unless the axis is `layer`.
  const [layerCol] = cols.columns(['layer']);
  const includeHost = includesHostLayer(spec);
  const hostCode = spec.axis === 'layer' || includeHost ? -1 : layerCol!.dict.indexOf('host');
  if (hostCode >= 0 && cols.counts('layer')[hostCode] === records.length)
    return [
      {
        kind: 'no-pairs',
        reason: 'every record is a bare-metal baseline (layer host), which comparisons leave out',
        code: 'host-only',
      },
    ];
  const countCache = new Map<Dimension, ValueCounts>();
  const valuesOf = (d: Dimension): ValueCounts => {
    let vc = countCache.get(d);
    if (!vc) {
      const [col] = cols.columns([d]);
      let counts: Int32Array;
      if (hostCode < 0) counts = cols.counts(d);
      else {
        counts = new Int32Array(col!.dict.length);
        const lc = layerCol!.codes;
        const cc = col!.codes;
        for (let i = 0; i < cc.length; i++) if (lc[i] !== hostCode) counts[cc[i]!]!++;
      }
      vc = { values: [], counts: [] };
      col!.dict.forEach((v, code) => {
        if (v !== '' && counts[code]! > 0) {
          vc!.values.push(v);
          vc!.counts.push(counts[code]!);
        }
      });
      countCache.set(d, vc);
    }
    return vc;
  };
  const countOf = (d: Dimension, v: string) => {
    const vc = valuesOf(d);
    const i = vc.values.indexOf(v);
    return i < 0 ? 0 : vc.counts[i]!;
  };
  const sets = valuesOf('set');
  const manySets = sets.values.length >= 2;

  // Pair counts: PairCounter (compare()'s grouping and scope, counted over groups of records)
  // unless records restate others (compare() then moves them between cells: compare() itself).
  const counter = cols.anyRestated
    ? null
    : new PairCounter(cols, extras, includeHost, cellDimensions(records, base, cols));
  yield; // grouping every record: the longest single step
  let budget = opts.budget ?? 16;
  let sliceStart = Date.now();
  function* pairsOf(fix: AxisFix): Generator<void, number, void> {
    if (counter) {
      // A slice of about 10 ms of counting per step.
      if (Date.now() - sliceStart > 10) {
        yield;
        sliceStart = Date.now();
      }
      return counter.count(fix);
    }
    if (budget-- <= 0) return 0;
    const n = compare(records, { ...base, ...fix }).cells.length;
    yield;
    return n;
  }

  let current: Comparison | null = opts.current ?? null;
  const currentPairs = current
    ? current.cells.length
    : yield* pairsOf({
        axis: spec.axis,
        baseline: spec.baseline,
        candidate: spec.candidate,
        poolSets: spec.poolSets,
      });
  const hints: AxisHint[] = [];

  /**
   * Counts the pairs of every candidate (pooling the sets when it pairs nothing apart) and
   * returns the best: the best family (tier), then most pairs; within one axis, the first pair
   * of values in baseline-first order that pairs anything. Without the counter (compare() runs),
   * stops at the first family with a fix and spends at most `budget` comparisons.
   */
  function* evaluate(cands: Candidate[]): Generator<void, Candidate | null, void> {
    cands.sort((x, y) => x.tier - y.tier || x.rank - y.rank);
    const chosen = new Map<Dimension, Candidate>();
    let bestTier = Infinity;
    for (const c of cands) {
      if (!counter && c.tier > bestTier) break;
      if (chosen.has(c.axis)) continue; // the axis' first pair of values that pairs is its fix
      if (c.bound === 0) {
        c.pairs = 0;
        continue;
      }
      const fix: AxisFix = {
        axis: c.axis,
        baseline: c.baseline,
        candidate: c.candidate,
        poolSets: c.axis === 'set' ? false : spec.poolSets,
      };
      c.pairs = yield* pairsOf(fix);
      if (c.pairs === 0 && !spec.poolSets && manySets && c.axis !== 'set') {
        c.pairs = yield* pairsOf({ ...fix, poolSets: true });
        c.pooled = c.pairs > 0;
      }
      if (c.pairs > 0 && !chosen.has(c.axis)) {
        chosen.set(c.axis, c);
        bestTier = Math.min(bestTier, c.tier);
      }
    }
    let best: Candidate | null = null;
    for (const c of chosen.values())
      if (
        !best ||
        c.tier < best.tier ||
        (c.tier === best.tier &&
          (c.pairs! > best.pairs! || (c.pairs === best.pairs && c.rank < best.rank)))
      )
        best = c;
    return best;
  }
  const fixOf = (c: Candidate): AxisFix => ({
    axis: c.axis,
    baseline: c.baseline,
    candidate: c.candidate,
    poolSets: c.axis === 'set' ? false : c.pooled || spec.poolSets,
  });

  const axisValues = orderedValues(spec.axis, valuesOf(spec.axis));
  const missing = [spec.baseline, spec.candidate].filter((v) => countOf(spec.axis, v) === 0);

  if (axisValues.length < 2) {
    // The axis cannot be compared at all: propose other axes.
    const dims = candidateAxes(spec.axis, extras).filter((d) => d !== 'set' || spec.axis !== 'set');
    const alternatives: AxisAlternative[] = [];
    const cands: Candidate[] = [];
    dims.forEach((d, rank) => {
      const vals = orderedValues(d, valuesOf(d));
      if (vals.length < 2) return;
      alternatives.push({ axis: d, values: vals });
      if (d === 'set') cands.push(...setCandidates(sets, rank));
      else cands.push(...valuePairs(d, vals, tierOf(spec.axis, d), rank, countOf));
    });
    const best = yield* evaluate(cands);
    // Each alternative's best evaluated candidate.
    for (const alt of alternatives) {
      const mine = cands
        .filter((c) => c.axis === alt.axis && c.pairs !== null)
        .sort((x, y) => x.rank - y.rank);
      if (mine.length === 0) continue;
      const top = mine.find((c) => c.pairs! > 0) ?? mine[0]!;
      alt.pairs = top.pairs!;
      alt.fix = top.pairs! > 0 ? fixOf(top) : null;
    }
    const order = new Map(alternatives.map((a, i) => [a.axis, i]));
    alternatives.sort(
      (a, b) =>
        tierOf(spec.axis, a.axis) - tierOf(spec.axis, b.axis) ||
        (b.pairs ?? -1) - (a.pairs ?? -1) ||
        order.get(a.axis)! - order.get(b.axis)!,
    );
    hints.push({
      kind: 'axis-empty',
      axis: spec.axis,
      present: axisValues,
      alternatives,
      fix: best ? fixOf(best) : null,
      pairs: best?.pairs ?? 0,
    });
  } else if (missing.length > 0) {
    // The axis has values, but not the ones asked for: the best pair of the values it has.
    const cands = keepPresentSide(spec, axisValues, missing, countOf);
    const best = yield* evaluate(cands);
    hints.push({
      kind: 'values-absent',
      axis: spec.axis,
      missing,
      present: axisValues,
      fix: best ? fixOf(best) : null,
      pairs: best?.pairs ?? 0,
    });
  } else if (!spec.poolSets && manySets && spec.axis !== 'set') {
    // Both values are there; do they pair only across sets?
    const pooled = yield* pairsOf({
      axis: spec.axis,
      baseline: spec.baseline,
      candidate: spec.candidate,
      poolSets: true,
    });
    if (pooled > currentPairs)
      hints.push({
        kind: 'pool-sets',
        pairs: pooled,
        current: currentPairs,
        fix: {
          axis: spec.axis,
          baseline: spec.baseline,
          candidate: spec.candidate,
          poolSets: true,
        },
      });
  }

  // Two sets with the same environment otherwise: set A against set B (unless proposed above).
  if (manySets && spec.axis !== 'set' && !hints.some((h) => hintFix(h)?.axis === 'set')) {
    const best = yield* evaluate(setCandidates(sets, 0));
    if (best && best.pairs! > currentPairs)
      hints.push({
        kind: 'compare-sets',
        sets: [best.baseline, best.candidate],
        pairs: best.pairs!,
        fix: fixOf(best),
      });
  }

  if (currentPairs === 0 && !hints.some((h) => hintFix(h) !== null)) {
    current ??= compare(records, base);
    hints.push({ kind: 'no-pairs', ...noPairsReason(current, spec, axisValues, missing) });
  }

  return sortHints(hints, spec.axis);
}

/** The fix of a hint (null for none). */
export function hintFix(h: AxisHint): AxisFix | null {
  return h.kind === 'no-pairs' ? null : h.fix;
}

/** Cells the fix of a hint pairs (0 without a fix). */
export function hintPairs(h: AxisHint): number {
  if (h.kind === 'no-pairs') return 0;
  if (h.kind === 'pool-sets' || h.kind === 'compare-sets') return h.pairs;
  return h.fix ? (h.pairs ?? 0) : 0;
}

/** Hints with a fix first (better family, then more pairs), the others after, in their order. */
function sortHints(hints: AxisHint[], axis: Dimension): AxisHint[] {
  const key = (h: AxisHint) => {
    const f = hintFix(h);
    return f ? tierOf(axis, f.axis) : 99;
  };
  return hints
    .map((h, i) => ({ h, i }))
    .sort((a, b) => key(a.h) - key(b.h) || hintPairs(b.h) - hintPairs(a.h) || a.i - b.i)
    .map((x) => x.h);
}

/** Family of a proposed axis for the chosen one: 0 sibling, 1 configuration or set, 2 workload. */
function tierOf(axis: Dimension, d: Dimension): number {
  if (SIBLINGS[axis]?.includes(d)) return 0;
  return WORKLOAD.has(d) ? 2 : 1;
}

/** Dimensions that may be proposed instead of `axis`: environment fields, then extras. */
function candidateAxes(axis: Dimension, extras: readonly Dimension[]): Dimension[] {
  const env = ENVIRONMENT_FIELDS.filter((d) => d !== axis && !NEVER.has(d));
  // The result set first among equals: "set A vs set B" is the comparison two folders ask for.
  const ordered: Dimension[] = ['set', ...env.filter((d) => d !== 'set')];
  return [...ordered, ...extras.filter((d) => d !== axis)];
}

/**
 * Candidates when the baseline or the candidate is absent: the present one keeps its side and
 * the other side takes each present value in order; then any two present values.
 */
function keepPresentSide(
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

/**
 * Counts the cells compare() pairs for a fix without building them: the records are grouped once
 * by every dimension (RecordColumns.cellGroups, the grouping compare() uses), and a fix's cells
 * are those groups merged over the axis (and `set` when pooled). A cell pairs when it has a
 * baseline and a candidate record in scope (not host-layer unless the axis is `layer`): exactly
 * compare()'s rule for records that restate nothing (axis-hints.test.ts checks it against
 * compare() on random records).
 */
export class PairCounter {
  private readonly dims: Dimension[];
  private readonly dicts: (readonly string[])[];
  private readonly codes: Int32Array;
  private readonly count0: number;

  /**
   * `includeHostLayer`: host-layer records are in scope (ComparisonSpec.includeHostLayer).
   * `reuse`: the dimensions of a comparison just made of these records (cellDimensions()): its
   * grouping is cached, and refining it by the few other dimensions is much cheaper than
   * grouping every record by every dimension again.
   */
  constructor(
    cols: RecordColumns,
    extras: readonly Dimension[],
    private readonly includeHostLayer = false,
    reuse?: readonly Dimension[],
  ) {
    this.dims = [...ENVIRONMENT_FIELDS, ...extras.filter((d) => !ENV.has(d))];
    const columns = cols.columns(this.dims);
    this.dicts = columns.map((c) => c.dict);
    const base = reuse && reuse.every((d) => this.dims.includes(d)) ? reuse : null;
    if (!base) {
      const groups = cols.cellGroups(this.dims);
      this.codes = groups.codes;
      this.count0 = groups.count;
      return;
    }
    // Refine the comparison's groups by the dimensions it leaves out (the axis, `set` if pooled).
    const g0 = cols.cellGroups(base);
    const rest = this.dims.map((_, d) => d).filter((d) => !base.includes(this.dims[d]!));
    const n = cols.rows;
    let keys = Float64Array.from(g0.groupOf);
    let range = Math.max(1, g0.count);
    for (const d of rest) {
      const card = Math.max(1, this.dicts[d]!.length);
      if (range * card > SAFE_KEY) {
        const dense = groupKeys(keys);
        keys = Float64Array.from(dense.groupOf);
        range = dense.count;
      }
      const col = columns[d]!.codes;
      for (let i = 0; i < n; i++) keys[i] = keys[i]! * card + col[i]!;
      range *= card;
    }
    const fine = groupKeys(keys);
    const D = this.dims.length;
    const B = base.length;
    const at = this.dims.map((dim) => base.indexOf(dim));
    const codes = new Int32Array(fine.count * D);
    for (let k = 0; k < fine.count; k++) {
      const row = fine.firstRow[k]!;
      const g = g0.groupOf[row]!;
      for (let d = 0; d < D; d++)
        codes[k * D + d] = at[d]! >= 0 ? g0.codes[g * B + at[d]!]! : columns[d]!.codes[row]!;
    }
    this.codes = codes;
    this.count0 = fine.count;
  }

  /** compare(records, fix).cells.length for the records these columns encode. */
  count(fix: AxisFix): number {
    const D = this.dims.length;
    const ai = this.dims.indexOf(fix.axis);
    if (ai < 0) return 0;
    const bCode = this.dicts[ai]!.indexOf(fix.baseline);
    const cCode = this.dicts[ai]!.indexOf(fix.candidate);
    if (bCode < 0 || cCode < 0 || bCode === cCode) return 0;
    const li = this.dims.indexOf('layer');
    const hostCode =
      fix.axis === 'layer' || this.includeHostLayer ? -1 : this.dicts[li]!.indexOf('host');
    const si = fix.poolSets ? this.dims.indexOf('set') : -1;
    const codes = this.codes;
    // Groups in scope and their side.
    const sel: number[] = [];
    const side: number[] = [];
    for (let g = 0; g < this.count0; g++) {
      const a = codes[g * D + ai]!;
      if (a !== bCode && a !== cCode) continue;
      if (hostCode >= 0 && codes[g * D + li] === hostCode) continue;
      sel.push(g);
      side.push(a === bCode ? 1 : 2);
    }
    if (sel.length === 0) return 0;
    // Cell key of each selected group: mixed radix over the other dimensions, densified before
    // it could leave the exact range of doubles.
    let keys = new Float64Array(sel.length);
    let range = 1;
    for (let d = 0; d < D; d++) {
      if (d === ai || d === si) continue;
      const card = Math.max(1, this.dicts[d]!.length);
      if (range * card > SAFE_KEY) {
        const dense = groupKeys(keys);
        keys = Float64Array.from(dense.groupOf);
        range = dense.count;
      }
      for (let j = 0; j < sel.length; j++) keys[j] = keys[j]! * card + codes[sel[j]! * D + d]!;
      range *= card;
    }
    const cells = groupKeys(keys);
    const bits = new Uint8Array(cells.count);
    for (let j = 0; j < sel.length; j++) bits[cells.groupOf[j]!]! |= side[j]!;
    let pairs = 0;
    for (let k = 0; k < cells.count; k++) if (bits[k] === 3) pairs++;
    return pairs;
  }
}

const SAFE_KEY = 2 ** 52;
const ENV: ReadonlySet<string> = new Set(ENVIRONMENT_FIELDS);

/**
 * Set-against-set candidates: every pair of the four largest sets, in load order (the first
 * loaded is the baseline).
 */
function setCandidates(sets: ValueCounts, rank: number): Candidate[] {
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
function orderedValues(d: Dimension, vc: ValueCounts): string[] {
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
function valuePairs(
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

/** Why a comparison pairs nothing, with no fix found: the fields that keep the sides apart. */
function noPairsReason(
  current: Comparison,
  spec: ComparisonSpec,
  present: readonly string[],
  missing: readonly string[],
): { reason: string; code: NoPairsCode; fields?: Dimension[] } {
  const axisName = dimensionName(spec.axis);
  if (present.length < 2)
    return {
      code: 'axis-empty',
      reason:
        present.length === 0
          ? `${axisName} is empty in these records and no other field pairs them`
          : `${axisName} has only ${present[0]} in these records and no other field pairs them`,
    };
  if (missing.length > 0)
    return {
      code: 'values-absent',
      reason: `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not in these records and no other pair of ${axisName} values pairs them`,
    };
  const differ = new Map<Dimension, number>();
  for (const u of current.unpaired.slice(0, 500))
    for (const f of Object.keys(u.nearestDiff))
      differ.set(f as Dimension, (differ.get(f as Dimension) ?? 0) + 1);
  const fields = [...differ.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([f]) => f);
  if (fields.length === 0)
    return {
      code: 'out-of-scope',
      reason: `no ${spec.baseline} and ${spec.candidate} records share a cell (every record of one side is out of scope)`,
    };
  return {
    code: 'differ',
    fields,
    reason: `${spec.baseline} and ${spec.candidate} records never share a cell: they differ in ${fields.map(dimensionName).join(', ')}`,
  };
}

const fixText = (f: AxisFix): string =>
  f.axis === 'set'
    ? `compare set ${f.baseline} vs set ${f.candidate}`
    : `compare along ${dimensionName(f.axis)} (${f.baseline} vs ${f.candidate})${f.poolSets ? ', pooling result sets' : ''}`;

const pairsText = (n: number) => `${n} pair${n === 1 ? '' : 's'}`;

/**
 * One English line for a hint (the CLI's stderr), e.g. "aio mode is empty in your files; fio
 * engine has libaio, io_uring, psync — compare along fio engine (libaio vs io_uring, 4 pairs)".
 */
export function describeHint(h: AxisHint): string {
  switch (h.kind) {
    case 'axis-empty': {
      const name = dimensionName(h.axis);
      const cause =
        h.present.length === 0
          ? `${name} is empty in your files`
          : `${name} has only ${h.present[0]} in your files`;
      if (!h.fix) {
        const alts = h.alternatives.map((a) => dimensionName(a.axis));
        return alts.length > 0
          ? `${cause}; no other field pairs records (fields with several values: ${alts.join(', ')})`
          : `${cause}; no other field has two values`;
      }
      const fix = h.fix;
      const alt = h.alternatives.find((a) => a.axis === fix.axis);
      const pairs = pairsText(h.pairs ?? 0);
      if (fix.axis === 'set')
        return `${cause}; the sets ${fix.baseline} and ${fix.candidate} have the same environment otherwise — compare set ${fix.baseline} vs set ${fix.candidate} (${pairs})`;
      const has = alt ? `${dimensionName(fix.axis)} has ${alt.values.join(', ')}` : '';
      return `${cause}; ${has} — compare along ${dimensionName(fix.axis)} (${fix.baseline} vs ${fix.candidate}, ${pairs}${fix.poolSets ? ', pooling result sets' : ''})`;
    }
    case 'values-absent': {
      const name = dimensionName(h.axis);
      const cause = `${h.missing.join(' and ')} ${h.missing.length > 1 ? 'are' : 'is'} not in your files (${name} has ${h.present.join(', ')})`;
      return h.fix
        ? `${cause} — compare ${h.fix.baseline} vs ${h.fix.candidate} (${pairsText(h.pairs ?? 0)}${h.fix.poolSets ? ', pooling result sets' : ''})`
        : `${cause}; no two of them pair`;
    }
    case 'pool-sets':
      return h.current
        ? `these sets pair ${pairsText(h.pairs)} when pooled instead of ${h.current} — pool them`
        : `these sets pair only when pooled — pool them (${pairsText(h.pairs)})`;
    case 'compare-sets':
      return `the sets ${h.sets[0]} and ${h.sets[1]} have the same environment otherwise — compare set ${h.sets[0]} vs set ${h.sets[1]} (${pairsText(h.pairs)})`;
    case 'no-pairs':
      return `nothing pairs: ${h.reason}`;
  }
}

/** The fix as a sentence ("compare along fio engine (libaio vs io_uring)"). */
export function describeFix(f: AxisFix): string {
  return fixText(f);
}

/**
 * compare(records, spec).cells.length, without building the cells (PairCounter), e.g. to tell
 * whether filters are what leaves a comparison empty. Falls back to compare() when records
 * restate others.
 */
export function countPairs(
  records: readonly ResultRecord[],
  specIn: Partial<ComparisonSpec>,
): number {
  const spec = withDefaults(specIn);
  const cols = recordColumns(records);
  if (cols.anyRestated) return compare(records, spec).cells.length;
  const extras = spec.extraDimensions ?? cols.extraDimensions();
  return new PairCounter(
    cols,
    extras,
    includesHostLayer(spec),
    cellDimensions(records, { ...spec, extraDimensions: extras }, cols),
  ).count(spec);
}

/**
 * ComparisonSpec.includeHostLayer (host-layer records in scope, for sets of bare-metal runs),
 * read structurally: the field is newer than this module's first version.
 */
function includesHostLayer(spec: ComparisonSpec): boolean {
  return (spec as { includeHostLayer?: boolean }).includeHostLayer === true;
}
