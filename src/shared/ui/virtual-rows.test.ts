import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rowWindow, scrollTopFor } from './virtual-rows';

describe('rowWindow', () => {
  it('renders the rows in view plus the overscan on each side', () => {
    // 24 px rows, a 600 px view scrolled to 2400 px: rows 100..124 are in view.
    const w = rowWindow({
      count: 100_000,
      rowHeight: 24,
      overscan: 20,
      scrollTop: 2400,
      viewHeight: 600,
    });
    expect(w).toEqual({ first: 80, last: 145, padTop: 80 * 24, padBottom: (100_000 - 145) * 24 });
  });

  it('counts a partly visible row at either edge as in view', () => {
    // 44 px rows scrolled to 50 px in a 100 px view: rows 1 (from 44) to 3 (to 176) show.
    expect(
      rowWindow({ count: 1000, rowHeight: 44, overscan: 0, scrollTop: 50, viewHeight: 100 }),
    ).toMatchObject({ first: 1, last: 4 });
    // Exactly aligned: rows 2 and 3 only.
    expect(
      rowWindow({ count: 1000, rowHeight: 44, overscan: 0, scrollTop: 88, viewHeight: 88 }),
    ).toMatchObject({ first: 2, last: 4 });
  });

  it('clamps the overscan at the first and the last row', () => {
    expect(
      rowWindow({ count: 1000, rowHeight: 44, overscan: 12, scrollTop: 0, viewHeight: 440 }),
    ).toEqual({
      first: 0,
      last: 22,
      padTop: 0,
      padBottom: 978 * 44,
    });
    const end = 1000 * 44 - 440;
    expect(
      rowWindow({ count: 1000, rowHeight: 44, overscan: 12, scrollTop: end, viewHeight: 440 }),
    ).toEqual({
      first: 978,
      last: 1000,
      padTop: 978 * 44,
      padBottom: 0,
    });
  });

  it('shows the last rows when scrolled past the end (the rows shrank while scrolled down)', () => {
    const w = rowWindow({
      count: 300,
      rowHeight: 24,
      overscan: 5,
      scrollTop: 50_000,
      viewHeight: 240,
    });
    expect(w).toEqual({ first: 285, last: 300, padTop: 285 * 24, padBottom: 0 });
  });

  it('renders all rows when they fit in the view, none when there are none', () => {
    expect(
      rowWindow({ count: 5, rowHeight: 24, overscan: 2, scrollTop: 0, viewHeight: 600 }),
    ).toEqual({ first: 0, last: 5, padTop: 0, padBottom: 0 });
    expect(
      rowWindow({ count: 0, rowHeight: 24, overscan: 2, scrollTop: 100, viewHeight: 600 }),
    ).toEqual({ first: 0, last: 0, padTop: 0, padBottom: 0 });
  });

  it('renders only the overscan before the view has a height (not measured yet)', () => {
    expect(
      rowWindow({ count: 1000, rowHeight: 24, overscan: 20, scrollTop: 0, viewHeight: 0 }),
    ).toMatchObject({ first: 0, last: 20 });
  });

  it('always covers the view, and the spacers plus the rows add up to count × rowHeight', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200_000 }),
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 20_000_000 }),
        fc.integer({ min: 0, max: 3000 }),
        (count, rowHeight, overscan, scrollTop, viewHeight) => {
          const w = rowWindow({ count, rowHeight, overscan, scrollTop, viewHeight });
          expect(0 <= w.first && w.first <= w.last && w.last <= count).toBe(true);
          expect(w.padTop + (w.last - w.first) * rowHeight + w.padBottom).toBe(count * rowHeight);
          // Every row that intersects the (clamped) view is rendered.
          const top = Math.max(0, Math.min(scrollTop, count * rowHeight - viewHeight));
          const firstInView = Math.floor(top / rowHeight);
          const lastInView = Math.min(count, Math.ceil((top + viewHeight) / rowHeight));
          if (lastInView > firstInView) {
            expect(w.first).toBeLessThanOrEqual(firstInView);
            expect(w.last).toBeGreaterThanOrEqual(lastInView);
          }
          // And not more than the overscan beyond it.
          expect(w.last - w.first).toBeLessThanOrEqual(
            Math.max(0, lastInView - firstInView) + 2 * overscan,
          );
        },
      ),
    );
  });
});

describe('scrollTopFor', () => {
  const base = { count: 1000, rowHeight: 44, viewHeight: 440 };

  it('does not scroll when the row is already in view', () => {
    expect(scrollTopFor({ ...base, index: 5, scrollTop: 0 })).toBeNull();
    expect(scrollTopFor({ ...base, index: 9, scrollTop: 0 })).toBeNull(); // 396..440, the last full row
  });

  it('brings a row below the view to the bottom edge, one above to the top edge', () => {
    expect(scrollTopFor({ ...base, index: 10, scrollTop: 0 })).toBe(11 * 44 - 440);
    expect(scrollTopFor({ ...base, index: 500, scrollTop: 0 })).toBe(501 * 44 - 440);
    expect(scrollTopFor({ ...base, index: 100, scrollTop: 101 * 44 })).toBe(100 * 44);
    // A row cut at the top edge counts as above.
    expect(scrollTopFor({ ...base, index: 100, scrollTop: 100 * 44 + 1 })).toBe(100 * 44);
  });

  it('aligns to an edge on request, within the scroll range', () => {
    expect(scrollTopFor({ ...base, index: 50, scrollTop: 0, align: 'start' })).toBe(50 * 44);
    expect(scrollTopFor({ ...base, index: 50, scrollTop: 0, align: 'end' })).toBe(51 * 44 - 440);
    expect(scrollTopFor({ ...base, index: 999, scrollTop: 0, align: 'start' })).toBe(
      1000 * 44 - 440,
    );
    expect(scrollTopFor({ ...base, index: 2, scrollTop: 1000, align: 'end' })).toBe(0);
  });

  it('clamps the index to the rows, and does nothing without rows', () => {
    expect(scrollTopFor({ ...base, index: 5000, scrollTop: 0 })).toBe(1000 * 44 - 440);
    expect(scrollTopFor({ ...base, index: -3, scrollTop: 500 })).toBe(0);
    expect(scrollTopFor({ ...base, count: 0, index: 0, scrollTop: 0 })).toBeNull();
  });

  it('leaves the row inside the window rowWindow renders from the new scrollTop', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.nat(),
        fc.nat(4_000_000),
        (count, i, scrollTop) => {
          const index = i % count;
          const to = scrollTopFor({ ...base, count, index, scrollTop }) ?? scrollTop;
          const w = rowWindow({ ...base, count, overscan: 0, scrollTop: to });
          expect(w.first).toBeLessThanOrEqual(index);
          expect(w.last).toBeGreaterThan(index);
        },
      ),
    );
  });
});
