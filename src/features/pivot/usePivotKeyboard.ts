/**
 * The pivot grid's keyboard: one roving focus (row, column; column 0 is the row header), arrow
 * keys, Home/End (with Ctrl: first/last row), PageUp/PageDown by 10 rows, Enter or Space to open
 * a cell or expand a group row; a focus moved to a row outside the rendered window scrolls to it.
 */
import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent, RefObject } from 'react';
import type { Row } from '@tanstack/react-table';
import type { PivotRowModel } from './pivot-model';

export function usePivotKeyboard({
  rows,
  nCols,
  scrollRef,
  virtual,
  scrollToIndex,
  onCell,
}: {
  rows: Row<PivotRowModel>[];
  nCols: number;
  scrollRef: RefObject<HTMLDivElement | null>;
  /** Only the rows in view are rendered: focus may need a scroll first. */
  virtual: boolean;
  scrollToIndex: (index: number, options: { align: 'auto' }) => void;
  /** A cell (column c ≥ 1) with data was opened. */
  onCell: (row: Row<PivotRowModel>, c: number) => void;
}): {
  focus: { r: number; c: number };
  setFocus: (focus: { r: number; c: number }) => void;
  onKeyDown: (e: KeyboardEvent<HTMLTableElement>) => void;
} {
  const [focus, setFocus] = useState<{ r: number; c: number }>({ r: 0, c: 1 });
  const wantFocus = useRef(false);
  const clampedFocus = {
    r: Math.min(focus.r, Math.max(0, rows.length - 1)),
    c: Math.min(focus.c, nCols),
  };
  useEffect(() => {
    if (!wantFocus.current) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(
      `[data-r="${clampedFocus.r}"][data-c="${clampedFocus.c}"]`,
    );
    if (el) {
      el.focus({ preventScroll: false });
      wantFocus.current = false;
    } else if (virtual) {
      scrollToIndex(clampedFocus.r, { align: 'auto' });
      requestAnimationFrame(() =>
        scrollRef.current
          ?.querySelector<HTMLElement>(`[data-r="${clampedFocus.r}"][data-c="${clampedFocus.c}"]`)
          ?.focus(),
      );
      wantFocus.current = false;
    }
  });

  const activate = (row: Row<PivotRowModel>, c: number) => {
    if (c === 0) {
      if (row.getCanExpand()) row.toggleExpanded();
      return;
    }
    if (row.original.cells[c - 1]) onCell(row, c);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    const { r, c } = clampedFocus;
    let next = { r, c };
    switch (e.key) {
      case 'ArrowDown':
        next = { r: Math.min(rows.length - 1, r + 1), c };
        break;
      case 'ArrowUp':
        next = { r: Math.max(0, r - 1), c };
        break;
      case 'ArrowRight':
        if (c === 0 && rows[r]?.getCanExpand() && !rows[r].getIsExpanded()) {
          rows[r].toggleExpanded(true);
          e.preventDefault();
          return;
        }
        next = { r, c: Math.min(nCols, c + 1) };
        break;
      case 'ArrowLeft':
        if (c === 0 && rows[r]?.getCanExpand() && rows[r].getIsExpanded()) {
          rows[r].toggleExpanded(false);
          e.preventDefault();
          return;
        }
        next = { r, c: Math.max(0, c - 1) };
        break;
      case 'Home':
        next = e.ctrlKey ? { r: 0, c: 0 } : { r, c: 0 };
        break;
      case 'End':
        next = e.ctrlKey ? { r: rows.length - 1, c: nCols } : { r, c: nCols };
        break;
      case 'PageDown':
        next = { r: Math.min(rows.length - 1, r + 10), c };
        break;
      case 'PageUp':
        next = { r: Math.max(0, r - 10), c };
        break;
      case 'Enter':
      case ' ': {
        const row = rows[r];
        if (row) activate(row, c);
        e.preventDefault();
        return;
      }
      default:
        return;
    }
    e.preventDefault();
    wantFocus.current = true;
    setFocus(next);
  };

  return { focus: clampedFocus, setFocus, onKeyDown };
}
