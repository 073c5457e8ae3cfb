/**
 * View model of the pivot table: rows grouped by the first row dimension (expandable), the
 * colour tone of a cell, and the tidy CSV export. Pure functions over the engine's Pivot.
 */
import type { Pivot, PivotCell, Verdict } from '../../core/compare';
import { LOWER_IS_BETTER } from '../../core/model/record.types';
import type { Dimension, MetricField } from '../../core/model/record.types';
import { selectionOf } from '../../core/url-state/selection';
import type { Selection } from '../../core/url-state/selection';
import type { CsvCell } from '../../shared/csv';

export interface PivotRowModel {
  id: string;
  kind: 'group' | 'leaf';
  /** Row dimensions this row fixes (group: the first only) and their values. */
  dims: Dimension[];
  values: string[];
  cells: (PivotCell | null)[];
  subRows: PivotRowModel[];
}

/**
 * Rows of the table. With two or more row dimensions the leaves are grouped under the first
 * dimension, whose own row shows the aggregate from `groupPivot` (same columns).
 */
export function buildRows(p: Pivot, groupPivot: Pivot | null): PivotRowModel[] {
  const leaf = (i: number): PivotRowModel => ({
    id: `r:${i}`,
    kind: 'leaf',
    dims: p.rowDims,
    values: p.rowKeys[i]!,
    cells: p.cells[i]!,
    subRows: [],
  });
  if (!groupPivot || p.rowDims.length < 2) return p.rowKeys.map((_, i) => leaf(i));
  const groupDim = p.rowDims[0]!;
  // Group pivot columns are the same column keys (same comparison, same cols) in the same order.
  const colIndex = new Map(groupPivot.colKeys.map((k, j) => [k.join('\u0000'), j]));
  const groups = new Map<string, PivotRowModel>();
  groupPivot.rowKeys.forEach((key, gi) => {
    const cells = p.colKeys.map((ck) => {
      const j = colIndex.get(ck.join('\u0000'));
      return j === undefined ? null : (groupPivot.cells[gi]![j] ?? null);
    });
    groups.set(key[0]!, {
      id: `g:${gi}`,
      kind: 'group',
      dims: [groupDim],
      values: [key[0]!],
      cells,
      subRows: [],
    });
  });
  p.rowKeys.forEach((key, i) => groups.get(key[0]!)?.subRows.push(leaf(i)));
  return [...groups.values()];
}

/** The selection (dimension → value) a click on this row × column makes. */
export function selectionAt(
  row: PivotRowModel,
  colDims: readonly Dimension[],
  colKey: readonly string[],
): Selection {
  return selectionOf(row.dims, row.values, colDims, colKey);
}

export type Tone = 'better' | 'worse' | 'same' | 'unclear' | 'empty';

/** Verdict shown for a pivot cell: the engine's when its comparison cells agree, else 'mixed'. */
export function shownVerdict(cell: PivotCell | null): Verdict | 'mixed' | null {
  if (!cell || cell.deltaPct === null) return null;
  return cell.verdict ?? 'mixed';
}

/**
 * Colour of a cell: blue when the candidate is better, orange when worse (by the engine's verdict,
 * or for mixed aggregates by the geometric-mean delta against the threshold); intensity 1–4 by
 * the size of the delta.
 */
export function toneOf(
  cell: PivotCell | null,
  metric: MetricField,
  thresholdPct: number,
): { tone: Tone; level: number } {
  if (!cell || cell.deltaPct === null) return { tone: 'empty', level: 0 };
  const v = shownVerdict(cell);
  const mag = Math.abs(cell.deltaPct);
  const level = mag < 10 ? 1 : mag < 25 ? 2 : mag < 50 ? 3 : 4;
  if (v === 'improvement') return { tone: 'better', level };
  if (v === 'regression') return { tone: 'worse', level };
  if (v === 'no-difference') return { tone: 'same', level: 0 };
  if (v === 'inconclusive') return { tone: 'unclear', level: 0 };
  if (mag < thresholdPct) return { tone: 'same', level: 0 };
  const better = LOWER_IS_BETTER.has(metric) ? cell.deltaPct < 0 : cell.deltaPct > 0;
  return { tone: better ? 'better' : 'worse', level };
}

export const PIVOT_CSV_HEADER = [
  'metric',
  'axis',
  'baseline_value',
  'candidate_value',
  'baseline',
  'candidate',
  'delta_pct',
  'verdict',
  'n_baseline',
  'n_candidate',
  'comparison_cells',
  'flagged',
] as const;

/**
 * The pivot as a tidy table: one line per non-empty leaf cell with its row and column values,
 * both medians, the delta (%, rounded to 0.01) and the verdict ('mixed' when cells disagree).
 */
export function pivotCsvRows(
  p: Pivot,
  comparison: { axis: Dimension; baseline: string; candidate: string; metric: MetricField },
): CsvCell[][] {
  const out: CsvCell[][] = [[...p.rowDims, ...p.colDims, ...PIVOT_CSV_HEADER]];
  p.rowKeys.forEach((rk, i) => {
    p.colKeys.forEach((ck, j) => {
      const c = p.cells[i]?.[j];
      if (!c) return;
      out.push([
        ...rk,
        ...ck,
        comparison.metric,
        comparison.axis,
        comparison.baseline,
        comparison.candidate,
        c.baseline,
        c.candidate,
        c.deltaPct === null ? null : Math.round(c.deltaPct * 100) / 100,
        c.verdict ?? 'mixed',
        c.baselineN ?? null,
        c.candidateN ?? null,
        c.cells.length,
        c.flagged,
      ]);
    });
  });
  return out;
}
