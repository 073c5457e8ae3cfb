/**
 * Shared look of every chart: colours, tick style, and the series styles of the sweep. One place,
 * so the charts (one kind per file) agree with each other and with the pivot.
 */

/** Side colours and tones of the bar, delta and scatter charts. */
export const COLORS = {
  baseline: '#9aa4b1',
  candidate: '#2b5c9e',
  better: '#3b83c4',
  worse: '#e07b28',
  same: '#b8bec7',
  flagged: '#c2410c',
  law: '#6b7280',
  band: '#d5d9e0',
};

export const AXIS_TICK = { fontSize: 11, fill: '#4a5260' };
export const AXIS_LABEL = { fontSize: 11, fill: '#5f6773' };
export const GRID_STROKE = '#e6e9ee';
export const INK = '#1b1f24';

/**
 * Series of a sweep, in order baseline, candidate, others: colour-blind-safe hues (grey, blue,
 * orange, purple) and a dash and marker each, so a line is told apart without its colour.
 */
export const SERIES_STYLES = [
  { color: '#6b7685', dash: '6 3', marker: 'circle' },
  { color: '#2b5c9e', dash: '', marker: 'diamond' },
  { color: '#c8611a', dash: '2 2', marker: 'square' },
  { color: '#7b4fa0', dash: '8 3 2 3', marker: 'cross' },
] as const;

export function seriesStyle(i: number): (typeof SERIES_STYLES)[number] {
  return SERIES_STYLES[Math.min(i, SERIES_STYLES.length - 1)]!;
}

/**
 * The pivot's diverging, colour-blind-safe scale (app.css --better-1…4, --worse-1…4, --neutral),
 * as values: SVG export inlines fills, and CSS variables would not survive it.
 */
export const DIVERGING = {
  better: ['#e3eef9', '#c6dbef', '#9ecae1', '#6baed6'],
  worse: ['#fdeedd', '#fdd0a2', '#fdae6b', '#f98e3f'],
  neutral: '#eceef1',
  betterInk: '#08306b',
  worseInk: '#5c2a00',
  neutralInk: '#1b1f24',
} as const;

/** Intensity 1–4 of a delta, as the pivot grades it (pivot-model.ts toneOf). */
export function deltaLevel(pct: number): 1 | 2 | 3 | 4 {
  const m = Math.abs(pct);
  return m < 10 ? 1 : m < 25 ? 2 : m < 50 ? 3 : 4;
}
