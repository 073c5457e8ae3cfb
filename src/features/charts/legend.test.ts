import { describe, expect, it } from 'vitest';
import { legendIcon, parseLegend } from './legend';
import type { LegendEntry } from './legend';

describe('chart legend entries', () => {
  it('draws markers filled and lines stroked with their dash', () => {
    expect(legendIcon({ label: 'threads', color: '#9aa4b1' })).toMatchObject({
      width: 12,
      fill: '#9aa4b1',
      stroke: 'none',
      dash: undefined,
    });
    expect(legendIcon({ label: 'native', color: '#2b5c9e', shape: 'diamond' }).d).toBe(
      'M6 0L10 6L6 12L2 6z',
    );
    expect(legendIcon({ label: 'QD 128', color: '#6b7280', shape: 'line', dash: '4 3' })).toEqual({
      width: 18,
      height: 12,
      d: 'M0 6h18',
      fill: 'none',
      stroke: '#6b7280',
      strokeWidth: 1.5,
      dash: '4 3',
    });
    const shapes = ['square', 'circle', 'diamond', 'cross'] as const;
    expect(
      new Set(shapes.map((shape) => legendIcon({ label: '', color: '#000', shape }).d)).size,
    ).toBe(shapes.length);
  });

  it('reads back what the legend wrote into data-export-legend, dropping malformed entries', () => {
    const entries: LegendEntry[] = [
      { label: 'threads', color: '#9aa4b1' },
      { label: 'QD 16', color: '#6b7280', shape: 'line', dash: '2 3' },
      { label: '⚑ flagged', color: '#c2410c', shape: 'cross' },
    ];
    expect(parseLegend(JSON.stringify(entries))).toEqual(entries);
    expect(
      parseLegend(
        JSON.stringify([
          { label: 'x', color: '#000', shape: 'star' },
          { label: 1, color: '#000' },
          null,
        ]),
      ),
    ).toEqual([{ label: 'x', color: '#000' }]);
    expect(parseLegend('{not json')).toEqual([]);
    expect(parseLegend(undefined)).toEqual([]);
    expect(parseLegend('{"label":"x"}')).toEqual([]);
  });
});
