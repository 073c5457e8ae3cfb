/**
 * The selected pivot cell: the comparison cells inside it and its pivot aggregate (for the side
 * panel), selecting and clearing, and Escape to close the side panel from anywhere.
 */
import { useCallback, useEffect, useMemo } from 'react';
import type { CellComparison, Comparison, Pivot, PivotCell } from '../core/compare';
import { inSelection } from '../core/url-state/selection';
import type { Selection } from '../core/url-state/selection';

/** The pivot cell the selection names, when it names every row and column dimension of the pivot. */
function pivotCellOf(p: Pivot | null, sel: Selection): PivotCell | null {
  if (!p) return null;
  const dimsOf = [...p.rowDims, ...p.colDims];
  if (dimsOf.length !== Object.keys(sel).length || !dimsOf.every((d) => d in sel)) return null;
  const ri = p.rowKeys.findIndex((k) => k.every((v, i) => sel[p.rowDims[i]!] === v));
  const ci = p.colKeys.findIndex((k) => k.every((v, i) => sel[p.colDims[i]!] === v));
  return ri >= 0 && ci >= 0 ? (p.cells[ri]?.[ci] ?? null) : null;
}

export function useSelection({
  selected,
  comparison,
  pivot,
  groupPivot,
  onChange,
}: {
  selected: Selection | null;
  comparison: Comparison;
  pivot: Pivot;
  groupPivot: Pivot | null;
  /** Writes the selection to the view (null closes the side panel). */
  onChange: (selected: Selection | null) => void;
}): {
  selectedCells: CellComparison[];
  selectedAggregate: PivotCell | null;
  onSelect: (sel: Selection) => void;
  clear: () => void;
} {
  const selectedCells = useMemo(
    () => (selected ? comparison.cells.filter((c) => inSelection(c.cell, selected)) : []),
    [comparison, selected],
  );
  const selectedAggregate = useMemo(
    () => (selected ? (pivotCellOf(pivot, selected) ?? pivotCellOf(groupPivot, selected)) : null),
    [selected, pivot, groupPivot],
  );
  const onSelect = useCallback((sel: Selection) => onChange(sel), [onChange]);
  const clear = useCallback(() => onChange(null), [onChange]);

  // Escape closes the side panel from anywhere (except inside a dialog, which handles it itself).
  const hasSelection = selected !== null;
  useEffect(() => {
    if (!hasSelection) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      if (e.target instanceof Element && e.target.closest('dialog')) return;
      clear();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [hasSelection, clear]);

  return { selectedCells, selectedAggregate, onSelect, clear };
}
