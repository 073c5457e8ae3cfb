import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

/**
 * Row virtualization of a table inside a scroll container: above `above` rows only the rows in
 * view (plus `overscan`) are rendered, between two spacer rows that keep the scroll height.
 * `indices` are the row indices to render (all of them when not virtualized); put `scrollRef`
 * on the scrolling element and render `<SpacerRow>` of `padTop` and `padBottom` around the rows.
 */
export function useVirtualRows({
  count,
  rowHeight,
  overscan,
  above,
}: {
  count: number;
  rowHeight: number;
  overscan: number;
  above: number;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = count > above;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan,
    enabled: virtual,
  });
  const items = virtual ? virtualizer.getVirtualItems() : null;
  const indices = items ? items.map((i) => i.index) : Array.from({ length: count }, (_, i) => i);
  const padTop = items && items.length > 0 ? items[0]!.start : 0;
  const padBottom = items && items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  return { scrollRef, virtual, virtualizer, indices, padTop, padBottom };
}

/** The empty row that stands for the rows not rendered above or below the view (none at 0). */
export function SpacerRow({ height, colSpan }: { height: number; colSpan: number }) {
  if (height <= 0) return null;
  return (
    <tr aria-hidden="true">
      <td colSpan={colSpan} style={{ height, padding: 0, border: 0 }} />
    </tr>
  );
}
