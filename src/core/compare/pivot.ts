/**
 * Pivot of a comparison: rows × columns over any subsets of the cell's dimensions.
 *
 * Representation: row and column ids are mixed-radix integers over per-dimension codes (for
 * cells compare() built, the codes it shares — Cell.codesOf — else codes of `cell[dim]`),
 * densified once; cells are bucketed by counting sort; verdicts, deltas and medians are read
 * through deltaOf / LazySide.medianAt, without building MetricDelta or Aggregate objects.
 *
 * Perf (scripts/compare-perf.ts; 100k synthetic records → 10.9k cells; wall medians with a
 * forced GC before each run on the shared 2-core VM): the bench layout 7–17 ms (was 26–55 ms).
 */
import type { Dimension, DimensionValue } from '../model/record.types';
import type {
  CellComparison,
  Comparison,
  Pivot,
  PivotCell,
  PivotSpec,
  Verdict,
} from './compare.types';
import { VERDICTS } from './compare.types';
import { compareTuples, joinKey } from './dimensions';
import { verdictCounts } from './summary';
import { geometricMean, medianSelect, sortNumbers } from './stats';
import { Cell, deltaOf, newDeltaReading } from './cell';
import { LazySide, sideMedian } from './cell.side';
import { DELTA_METRICS } from './verdict';
import type { CellCodes } from './cell';

interface Axis {
  ids: Int32Array;
  keys: DimensionValue[][];
}

/**
 * The shared codes of `cells` when compare() built them all in one call (then a cell's value of
 * a dimension is an integer read), else null.
 */
function sharedCodes(
  cells: readonly CellComparison[],
): { codes: CellCodes; slots: Int32Array } | null {
  const slots = new Int32Array(cells.length);
  let shared: CellCodes | null = null;
  for (let i = 0; i < cells.length; i++) {
    const c = Cell.codesOf(cells[i]!);
    if (!c || (shared !== null && c !== shared)) return null;
    shared = c;
    slots[i] = Cell.rowOf(cells[i]!);
  }
  return shared ? { codes: shared, slots } : null;
}

/**
 * Codes of every cell for `dim` (first-appearance order) and their values: from the shared codes
 * of compare()'s cells when there are some, else by reading `cell[dim]`.
 */
function dimCodes(
  cells: readonly CellComparison[],
  dim: Dimension,
  shared: { codes: CellCodes; slots: Int32Array } | null,
): { codes: Int32Array; dict: DimensionValue[] } {
  const n = cells.length;
  const codes = new Int32Array(n);
  const dict: DimensionValue[] = [];
  const d = shared ? shared.codes.dims.indexOf(dim) : -1;
  if (shared && d >= 0) {
    const { codes: all, dicts } = shared.codes;
    const D = shared.codes.dims.length;
    const values = dicts[d]!;
    const map = new Int32Array(values.length).fill(-1);
    for (let i = 0; i < n; i++) {
      const sc = all[shared.slots[i]! * D + d]!;
      let c = map[sc]!;
      if (c < 0) {
        map[sc] = c = dict.length;
        dict.push(values[sc]!);
      }
      codes[i] = c;
    }
    return { codes, dict };
  }
  const lookup = new Map<DimensionValue, number>();
  for (let i = 0; i < n; i++) {
    const v = cells[i]!.cell[dim] ?? '';
    let c = lookup.get(v);
    if (c === undefined) {
      c = dict.length;
      lookup.set(v, c);
      dict.push(v);
    }
    codes[i] = c;
  }
  return { codes, dict };
}

/** Groups comparison cells by `dims` → dense ids sorted by natural order of their values. */
function axisOf(
  cells: readonly CellComparison[],
  dims: readonly Dimension[],
  shared: { codes: CellCodes; slots: Int32Array } | null,
): Axis {
  const n = cells.length;
  let keys: Float64Array = new Float64Array(n);
  const dicts: DimensionValue[][] = [];
  for (const dim of dims) {
    const { codes, dict } = dimCodes(cells, dim, shared);
    dicts.push(dict);
    const card = Math.max(1, dict.length);
    // Few dimensions with small dictionaries: the product stays far below 2^52.
    for (let i = 0; i < n; i++) keys[i] = keys[i]! * card + codes[i]!;
  }
  // Dense ids in first-appearance order: through a table indexed by key when the key space is
  // small (the usual pivot: a few dimensions of a few values each), else through a Map.
  const first: number[] = [];
  const raw = new Int32Array(n);
  let space = 1;
  for (const dict of dicts) space *= Math.max(1, dict.length);
  if (space <= 4 * n + 1024) {
    const table = new Int32Array(space).fill(-1);
    for (let i = 0; i < n; i++) {
      const k = keys[i]!;
      let id = table[k]!;
      if (id < 0) {
        id = table[k] = first.length;
        first.push(i);
      }
      raw[i] = id;
    }
  } else {
    const dense = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const k = keys[i]!;
      let id = dense.get(k);
      if (id === undefined) {
        id = first.length;
        dense.set(k, id);
        first.push(i);
      }
      raw[i] = id;
    }
  }
  keys = new Float64Array(0);
  const tuples = first.map((i) => dims.map((d) => cells[i]!.cell[d] ?? ''));
  const order = tuples.map((_, i) => i).sort((a, b) => compareTuples(tuples[a]!, tuples[b]!));
  const rank = new Int32Array(order.length);
  order.forEach((id, r) => (rank[id] = r));
  const ids = new Int32Array(n);
  for (let i = 0; i < n; i++) ids[i] = rank[raw[i]!]!;
  return { ids, keys: order.map((id) => tuples[id]!) };
}

/**
 * Pivots `comparison` by `spec.rows` × `spec.cols`. Each pivot cell holds its comparison cells and:
 * deltaPct — one cell: its delta of `spec.metric`; several: 100 × (geometric mean of
 * candidate/baseline ratios − 1) (same sign convention as the deltas: latency < 0 = better);
 * baseline/candidate — one cell: the side's median; several: the median of the medians;
 * n — independent runs of both sides (baselineN + candidateN); verdict — the common verdict of
 * `spec.metric` when all cells agree, else null (see `verdicts` for the counts).
 */
export function pivot(comparison: Comparison, spec: PivotSpec): Pivot {
  const cells = comparison.cells;
  const shared = sharedCodes(cells);
  const rows = axisOf(cells, spec.rows, shared);
  const cols = axisOf(cells, spec.cols, shared);
  const nCols = cols.keys.length;
  const nRows = rows.keys.length;
  // Members of every pivot cell in cell order (counting sort over the rows × columns grid).
  const n = cells.length;
  const bucketOf = new Float64Array(n);
  for (let i = 0; i < n; i++) bucketOf[i] = rows.ids[i]! * nCols + cols.ids[i]!;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (nRows * nCols <= 4 * n + 1024) {
    const start = new Int32Array(nRows * nCols + 1);
    for (let i = 0; i < n; i++) start[bucketOf[i]! + 1]!++;
    for (let k = 0; k < nRows * nCols; k++) start[k + 1]! += start[k]!;
    for (let i = 0; i < n; i++) order[start[bucketOf[i]!]!++] = i;
  } else
    order.sort((x, y) =>
      bucketOf[x]! < bucketOf[y]! ? -1 : bucketOf[x]! > bucketOf[y]! ? 1 : x - y,
    );
  const grid: (PivotCell | null)[][] = rows.keys.map(() =>
    new Array<PivotCell | null>(nCols).fill(null),
  );
  const m = spec.metric;
  const dm = DELTA_METRICS.indexOf(m);
  const counts = new Int32Array(VERDICTS.length);
  const bMed = new Float64Array(n);
  const cMed = new Float64Array(n);
  const ratios: number[] = [];
  const reading = newDeltaReading();
  for (let from = 0; from < n;) {
    const k = bucketOf[order[from]!]!;
    let to = from + 1;
    while (to < n && bucketOf[order[to]!] === k) to++;
    const r = Math.floor(k / nCols);
    const c = k - r * nCols;
    const cs: CellComparison[] = new Array<CellComparison>(to - from);
    counts.fill(0);
    let baselineN = 0;
    let candidateN = 0;
    let flagged = false;
    let nb = 0;
    let nc = 0;
    ratios.length = 0;
    for (let j = from; j < to; j++) {
      const x = cells[order[j]!]!;
      cs[j - from] = x;
      const d = deltaOf(x, m, reading);
      counts[verdictIndex(d?.verdict ?? 'inconclusive')]!++;
      baselineN += x.baseline.n;
      candidateN += x.candidate.n;
      if (x.flags.length > 0) flagged = true;
      const b =
        dm >= 0 && x.baseline instanceof LazySide
          ? x.baseline.medianAt(dm)
          : sideMedian(x.baseline, m);
      const cm =
        dm >= 0 && x.candidate instanceof LazySide
          ? x.candidate.medianAt(dm)
          : sideMedian(x.candidate, m);
      if (b !== undefined) bMed[nb++] = b;
      if (cm !== undefined) cMed[nc++] = cm;
      // cellRatio(x, m), from the medians just read.
      if (b !== undefined && cm !== undefined && b > 0 && cm > 0) ratios.push(cm / b);
    }
    let deltaPct: number | null;
    if (cs.length === 1) deltaPct = deltaOf(cs[0]!, m, reading)?.pct ?? null;
    else {
      const g = geometricMean(ratios);
      deltaPct = g === null ? null : 100 * (g - 1);
    }
    const verdicts = verdictCounts();
    for (let v = 0; v < VERDICTS.length; v++) verdicts[VERDICTS[v]!] = counts[v]!;
    const present = VERDICTS.filter((v) => verdicts[v] > 0);
    const verdict: Verdict | null = present.length === 1 ? present[0]! : null;
    grid[r]![c] = {
      rowKey: joinKey(rows.keys[r]!),
      colKey: joinKey(cols.keys[c]!),
      cells: cs,
      deltaPct,
      baseline: medianOf(bMed, nb),
      candidate: medianOf(cMed, nc),
      n: baselineN + candidateN,
      verdict,
      flagged,
      verdicts,
      baselineN,
      candidateN,
    };
    from = to;
  }
  return {
    rowDims: [...spec.rows],
    colDims: [...spec.cols],
    rowKeys: rows.keys,
    colKeys: cols.keys,
    cells: grid,
  };
}

function verdictIndex(v: Verdict): number {
  switch (v) {
    case 'improvement':
      return 0;
    case 'regression':
      return 1;
    case 'no-difference':
      return 2;
    default:
      return 3;
  }
}

/** median() of the first `n` values (reordered in place): null when none. */
function medianOf(values: Float64Array, n: number): number | null {
  if (n === 0) return null;
  let zero = false;
  for (let i = 0; i < n && !zero; i++) zero = values[i] === 0;
  // Selection does not order −0 and +0 as median()'s sort does: zeros take the sorting path
  // (then the median's sign of zero is median()'s).
  if (!zero) return medianSelect(values, n);
  sortNumbers(values, n);
  const mid = n >> 1;
  return n % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}

/** The number a pivot cell shows for `spec.value` (verdict → null; use `cell.verdict`). */
export function pivotCellValue(cell: PivotCell | null, value: PivotSpec['value']): number | null {
  if (!cell) return null;
  switch (value) {
    case 'delta':
      return cell.deltaPct;
    case 'baseline':
      return cell.baseline;
    case 'candidate':
      return cell.candidate;
    case 'n':
      return cell.n;
    case 'verdict':
      return null;
  }
}
