/**
 * Legend entries drawn in HTML above a chart (SideLegend / ChartLegend in Charts.tsx) and again
 * as SVG by the chart export (export-chart.ts reads them from `data-export-legend`). One icon
 * definition serves both, so the exported legend looks like the one on screen. (Recharts'
 * <Legend> is not used: its HTML labels were lost in the export, and it cost ≈ 2.8 kB gzip.)
 */
export type LegendShape = 'square' | 'circle' | 'diamond' | 'cross' | 'line';

export interface LegendEntry {
  label: string;
  color: string;
  /** Default 'square' (a bar's colour). */
  shape?: LegendShape;
  /** stroke-dasharray of a 'line' entry. */
  dash?: string;
}

export interface LegendIcon {
  width: number;
  height: number;
  /** Path in the icon's own coordinates (0,0 top left). */
  d: string;
  fill: string;
  stroke: string;
  strokeWidth: number;
  dash: string | undefined;
}

const PATHS: Record<Exclude<LegendShape, 'line'>, string> = {
  square: 'M2 0h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H2a2 2 0 0 1-2-2V2a2 2 0 0 1 2-2z',
  circle: 'M6 1a5 5 0 1 0 0.001 0z',
  diamond: 'M6 0L10 6L6 12L2 6z',
  cross: 'M4 0h4v4h4v4H8v4H4V8H0V4h4z',
};

/** The icon of a legend entry: a 12×12 marker, or an 18×12 line segment. */
export function legendIcon(e: LegendEntry): LegendIcon {
  const shape = e.shape ?? 'square';
  if (shape === 'line')
    return {
      width: 18,
      height: 12,
      d: 'M0 6h18',
      fill: 'none',
      stroke: e.color,
      strokeWidth: 1.5,
      dash: e.dash,
    };
  return {
    width: 12,
    height: 12,
    d: PATHS[shape],
    fill: e.color,
    stroke: 'none',
    strokeWidth: 0,
    dash: undefined,
  };
}

/** Entries back from a `data-export-legend` attribute; anything malformed is dropped. */
export function parseLegend(json: string | undefined): LegendEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  const shapes: readonly string[] = ['square', 'circle', 'diamond', 'cross', 'line'];
  return raw.flatMap((x: unknown): LegendEntry[] => {
    if (typeof x !== 'object' || x === null) return [];
    const { label, color, shape, dash } = x as Record<string, unknown>;
    if (typeof label !== 'string' || typeof color !== 'string') return [];
    return [
      {
        label,
        color,
        ...(typeof shape === 'string' && shapes.includes(shape)
          ? { shape: shape as LegendShape }
          : {}),
        ...(typeof dash === 'string' ? { dash } : {}),
      },
    ];
  });
}
