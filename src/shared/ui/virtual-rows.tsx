import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';

/**
 * The rows to render of `count` rows of `rowHeight` px in a scroll container of `viewHeight` px
 * scrolled to `scrollTop`: those in view plus `overscan` on each side. `first` is the first row
 * rendered, `last` one past the last; `padTop` and `padBottom` are the heights of the rows left
 * out, so that `padTop + (last - first) × rowHeight + padBottom = count × rowHeight` always.
 * A `scrollTop` past the end (the rows shrank while scrolled down) counts as scrolled to the end.
 */
export function rowWindow({
  count,
  rowHeight,
  overscan,
  scrollTop,
  viewHeight,
}: {
  count: number;
  rowHeight: number;
  overscan: number;
  scrollTop: number;
  viewHeight: number;
}): { first: number; last: number; padTop: number; padBottom: number } {
  const top = Math.max(0, Math.min(scrollTop, count * rowHeight - viewHeight));
  const first = Math.min(count, Math.max(0, Math.floor(top / rowHeight) - overscan));
  const last = Math.max(
    first,
    Math.min(count, Math.ceil((top + viewHeight) / rowHeight) + overscan),
  );
  return { first, last, padTop: first * rowHeight, padBottom: (count - last) * rowHeight };
}

/**
 * The `scrollTop` that brings row `index` into view, or null when it needs no scrolling.
 * `auto` scrolls only as far as needed (the row at the bottom edge when it is below the view,
 * at the top when above); `start`/`end` put it at that edge. The index is clamped to the rows.
 */
export function scrollTopFor({
  index,
  count,
  rowHeight,
  scrollTop,
  viewHeight,
  align = 'auto',
}: {
  index: number;
  count: number;
  rowHeight: number;
  scrollTop: number;
  viewHeight: number;
  align?: 'auto' | 'start' | 'end';
}): number | null {
  if (count <= 0) return null;
  const start = Math.max(0, Math.min(index, count - 1)) * rowHeight;
  const end = start + rowHeight;
  let to: number;
  if (align === 'start' || (align === 'auto' && start < scrollTop)) to = start;
  else if (align === 'end' || (align === 'auto' && end > scrollTop + viewHeight))
    to = end - viewHeight;
  else return null;
  return Math.max(0, Math.min(to, count * rowHeight - viewHeight));
}

/**
 * Row virtualization of a table inside a scroll container: above `above` rows only the rows in
 * view (plus `overscan`) are rendered, between two spacer rows that keep the scroll height.
 * `indices` are the row indices to render (all of them when not virtualized); put `scrollRef`
 * on the scrolling element and render `<SpacerRow>` of `padTop` and `padBottom` around the rows.
 * Every row must be `rowHeight` px high (both tables fix it), so the window is arithmetic
 * (`rowWindow`) rather than measured.
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
  const [view, setView] = useState({ scrollTop: 0, viewHeight: 0 });
  const win = rowWindow({ count, rowHeight, overscan, ...view });

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || !virtual) return;
    const same = (a: typeof view, b: typeof view) => {
      const wa = rowWindow({ count, rowHeight, overscan, ...a });
      const wb = rowWindow({ count, rowHeight, overscan, ...b });
      return wa.first === wb.first && wa.last === wb.last;
    };
    // Re-render only when the window moves (every ~rowHeight px), not on every scrolled pixel.
    const read = () => {
      const next = { scrollTop: el.scrollTop, viewHeight: el.clientHeight };
      setView((v) => (same(v, next) ? v : next));
    };
    // Synchronously on scroll, as @tanstack/react-virtual did: the rows are in the DOM before
    // the frame paints (no blank band) and before requestAnimationFrame callbacks run (the
    // pivot focuses the row scrollToIndex brought into view from one).
    const onScroll = () => flushSync(read);
    read();
    el.addEventListener('scroll', onScroll, { passive: true });
    const resize = new ResizeObserver(read);
    resize.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      resize.disconnect();
    };
  }, [virtual, count, rowHeight, overscan]);

  const scrollToIndex = useCallback(
    (index: number, { align = 'auto' }: { align?: 'auto' | 'start' | 'end' } = {}) => {
      const el = scrollRef.current;
      if (!el) return;
      const to = scrollTopFor({
        index,
        count,
        rowHeight,
        scrollTop: el.scrollTop,
        viewHeight: el.clientHeight,
        align,
      });
      if (to !== null) el.scrollTop = to;
    },
    [count, rowHeight],
  );

  const first = virtual ? win.first : 0;
  const last = virtual ? win.last : count;
  const indices = Array.from({ length: last - first }, (_, i) => first + i);
  return {
    scrollRef,
    virtual,
    virtualizer: { scrollToIndex },
    indices,
    padTop: virtual ? win.padTop : 0,
    padBottom: virtual ? win.padBottom : 0,
  };
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
