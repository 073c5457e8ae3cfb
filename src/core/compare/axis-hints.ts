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
 *
 * This file: the search. Beside it: axis-hints.types.ts (shapes), axis-hints.candidates.ts (which
 * fixes to try, in which order), axis-hints.count.ts (pair counts without cells),
 * axis-hints.text.ts (English sentences).
 */
import type { Dimension, ResultRecord } from '../model/record.types';
import type { Comparison, ComparisonSpec } from './compare.types';
import { recordColumns } from './columnar.records';
import { cellDimensions, compare, withDefaults } from './pair';
import type {
  AxisAlternative,
  AxisFix,
  AxisHint,
  AxisHintOptions,
  Candidate,
  NoPairsCode,
  ValueCounts,
} from './axis-hints.types';
import {
  candidateAxes,
  keepPresentSide,
  orderedValues,
  setCandidates,
  tierOf,
  valuePairs,
} from './axis-hints.candidates';
import { dimensionName } from './axis-hints.text';
import { PairCounter, includesHostLayer } from './axis-hints.count';

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
