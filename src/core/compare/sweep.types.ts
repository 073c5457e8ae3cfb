/**
 * The sweep's band choice, apart from sweep.ts: the URL state (in the initial chunk) needs only
 * this list, while the sweep itself loads with the charts.
 */

/** How the spread of repeats is drawn: their full range, or the interquartile range. */
export const SWEEP_BANDS = ['minmax', 'iqr'] as const;
export type SweepBand = (typeof SWEEP_BANDS)[number];
