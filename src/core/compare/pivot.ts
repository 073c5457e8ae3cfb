/**
 * Pivot of a comparison: rows × columns over any subsets of the cell's dimensions.
 *
 * Representation: the comparison cells are dictionary-encoded per dimension (Int32Array codes);
 * row and column ids are mixed-radix integers over those codes, densified once; pivot cells are
 * found through one numeric key (rowId × columns + colId) per comparison cell — no string keys in
 * the hot loop.
 *
 * Perf notes (scripts/compare-perf.ts, CPU-time medians of 7, shared 2-core VM at load 8–10):
 * 100k synthetic records → 10.9k comparison cells; pivot(rows [storage, medium], cols [rw,
 * prewritten]) 25–68 ms, pivot(rows [medium, prealloc, bus], cols [bs, iodepth]) 25–50 ms.
 * compare() itself (610–740 ms) runs once per spec change; a layout change only re-pivots.
 */
import type { Dimension, DimensionValue } from '../model/record.types';
import type { CellComparison, Comparison, Pivot, PivotCell, PivotSpec, Verdict } from './compare.types';
import { VERDICTS } from './compare.types';
import { compareTuples, joinKey } from './dimensions';
import { cellRatio, verdictCounts } from './summary';
import { geometricMean, median } from './stats';
import { sideMedian } from './cell';

interface Axis {
  ids: Int32Array;
  keys: DimensionValue[][];
}

/** Groups comparison cells by `dims` → dense ids sorted by natural order of their values. */
function axisOf(cells: readonly CellComparison[], dims: readonly Dimension[]): Axis {
  const n = cells.length;
  let keys: Float64Array = new Float64Array(n);
  const dicts: DimensionValue[][] = [];
  for (const dim of dims) {
    const lookup = new Map<DimensionValue, number>();
    const dict: DimensionValue[] = [];
    const codes = new Int32Array(n);
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
    dicts.push(dict);
    const card = Math.max(1, dict.length);
    // Few dimensions with small dictionaries: the product stays far below 2^52.
    for (let i = 0; i < n; i++) keys[i] = keys[i]! * card + codes[i]!;
  }
  const dense = new Map<number, number>();
  const first: number[] = [];
  const raw = new Int32Array(n);
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
  const rows = axisOf(cells, spec.rows);
  const cols = axisOf(cells, spec.cols);
  const nCols = cols.keys.length;
  const buckets = new Map<number, number[]>();
  for (let i = 0; i < cells.length; i++) {
    const k = rows.ids[i]! * nCols + cols.ids[i]!;
    let b = buckets.get(k);
    if (!b) buckets.set(k, (b = []));
    b.push(i);
  }
  const grid: (PivotCell | null)[][] = rows.keys.map(() => new Array<PivotCell | null>(nCols).fill(null));
  const m = spec.metric;
  for (const [k, members] of buckets) {
    const r = Math.floor(k / nCols);
    const c = k - r * nCols;
    const cs = members.map((i) => cells[i]!);
    const verdicts = verdictCounts();
    let baselineN = 0;
    let candidateN = 0;
    let flagged = false;
    const bMed: number[] = [];
    const cMed: number[] = [];
    const ratios: number[] = [];
    for (const x of cs) {
      verdicts[x.deltas[m]?.verdict ?? 'inconclusive']++;
      baselineN += x.baseline.n;
      candidateN += x.candidate.n;
      if (x.flags.length > 0) flagged = true;
      const b = sideMedian(x.baseline, m);
      const cm = sideMedian(x.candidate, m);
      if (b !== undefined) bMed.push(b);
      if (cm !== undefined) cMed.push(cm);
      const ratio = cellRatio(x, m);
      if (ratio !== null) ratios.push(ratio);
    }
    let deltaPct: number | null;
    if (cs.length === 1) deltaPct = cs[0]!.deltas[m]?.pct ?? null;
    else {
      const g = geometricMean(ratios);
      deltaPct = g === null ? null : 100 * (g - 1);
    }
    const present = VERDICTS.filter((v) => verdicts[v] > 0);
    const verdict: Verdict | null = present.length === 1 ? present[0]! : null;
    grid[r]![c] = {
      rowKey: joinKey(rows.keys[r]!),
      colKey: joinKey(cols.keys[c]!),
      cells: cs,
      deltaPct,
      baseline: median(bMed),
      candidate: median(cMed),
      n: baselineN + candidateN,
      verdict,
      flagged,
      verdicts,
      baselineN,
      candidateN,
    };
  }
  return { rowDims: [...spec.rows], colDims: [...spec.cols], rowKeys: rows.keys, colKeys: cols.keys, cells: grid };
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
