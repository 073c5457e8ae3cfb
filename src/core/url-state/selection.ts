/**
 * The selected pivot cell (or chart bar) as dimension → value: one type and one equality for the
 * dashboard, the pivot, the charts and the side panel. Pure; kept in the URL as `sel.<dim>=`.
 */
import type { Dimension } from '../model/record.types';

export type Selection = Partial<Record<Dimension, string>>;

/** The selection a row key and a column key make (a missing value is ''). */
export function selectionOf(
  rowDims: readonly Dimension[],
  rowKey: readonly string[],
  colDims: readonly Dimension[],
  colKey: readonly string[],
): Selection {
  const sel: Selection = {};
  rowDims.forEach((d, i) => (sel[d] = rowKey[i] ?? ''));
  colDims.forEach((d, i) => (sel[d] = colKey[i] ?? ''));
  return sel;
}

/** Same dimensions, same values (no selection equals nothing). */
export function sameSelection(a: Selection | null, b: Selection): boolean {
  if (!a) return false;
  const ka = Object.keys(a) as Dimension[];
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/** Does a comparison cell's environment lie inside the selection (every selected value equal)? */
export function inSelection(cell: Readonly<Record<string, string>>, sel: Selection): boolean {
  for (const [d, v] of Object.entries(sel)) if ((cell[d] ?? '') !== v) return false;
  return true;
}
