/**
 * The small-multiples grid of the charts that draw one panel per group (grouped bars, host,
 * sweep, depth × jobs grid): as many panels a row as fit in the card at their least width.
 */
import type { ReactNode } from 'react';

/**
 * `count` panels in rows of as many as fit in `width` at `minWidth` each (at least one a row),
 * each as wide as the row allows with `gap` px between panels; `children` draws the panels at
 * that width.
 */
export function SmallMultiples({
  width,
  count,
  minWidth,
  gap,
  children,
}: {
  width: number;
  count: number;
  minWidth: number;
  gap: number;
  children: (panelWidth: number) => ReactNode;
}) {
  const perRow = Math.max(1, Math.min(count, Math.floor(width / minWidth)));
  const pw = Math.floor((width - (perRow - 1) * gap) / perRow);
  return (
    <div className="multiples" style={{ gridTemplateColumns: `repeat(${perRow}, ${pw}px)` }}>
      {children(pw)}
    </div>
  );
}
