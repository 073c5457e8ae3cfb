/**
 * The sweep's shapes, apart from sweep.ts: the URL state (in the initial chunk) needs only the
 * band list, while the sweep itself loads with the charts (the interfaces cost no bytes).
 */
import type { Dimension, MetricField } from '../model/record.types';

/** How the spread of repeats is drawn: their full range, or the interquartile range. */
export const SWEEP_BANDS = ['minmax', 'iqr'] as const;
export type SweepBand = (typeof SWEEP_BANDS)[number];

export interface SweepSpec {
  /** The numeric dimension on the x axis. */
  x: Dimension;
  /** A second numeric dimension (the grid's rows); null for a line sweep. */
  y: Dimension | null;
  axis: Dimension;
  baseline: string;
  candidate: string;
  /** Further axis values drawn as their own series (e.g. io_uring beside threads and native). */
  extraSeries: readonly string[];
  metric: MetricField;
  facet: Dimension | null;
  /** Dimensions held at one value (a value not in the data falls back to the default). */
  hold: Readonly<Partial<Record<Dimension, string>>>;
  /** Dimensions aggregated over (median over their values), stated by the chart. */
  aggregate: readonly Dimension[];
  band: SweepBand;
  excludeFlagged: boolean;
  poolSets: boolean;
  extraDimensions?: Dimension[];
}

export type OtherRole = 'constant' | 'held' | 'aggregated';

/** A dimension that is neither x, y, the axis nor the facet, and what the sweep did with it. */
export interface OtherDimension {
  dim: Dimension;
  role: OtherRole;
  /** Its values among the usable records, natural order. */
  values: string[];
  /** The value of a constant or held dimension; null when aggregated. */
  value: string | null;
  /** A held value asked for that the data does not have (then `value` is the default). */
  ignoredHold?: string;
}

export interface SweepPoint {
  x: number;
  /** The grid's row value; null in a line sweep. */
  y: number | null;
  /** Median over the groups of each group's median of repeats. */
  value: number;
  /** The band: min–max or Q1–Q3 of every repeat behind the point. */
  lo: number;
  hi: number;
  /** Repeats behind the point, and environment groups (1 unless a dimension is aggregated). */
  runs: number;
  groups: number;
}

export interface SweepSeries {
  value: string;
  role: 'baseline' | 'candidate' | 'other';
  /** Sorted by y, then x. */
  points: SweepPoint[];
}

export interface SweepDelta {
  x: number;
  y: number | null;
  baseline: number;
  candidate: number;
  /** 100 × (candidate ÷ baseline − 1) of the two plotted values. */
  pct: number;
}

export interface SweepPanel {
  /** The facet value ('' without a facet). */
  facet: string;
  series: SweepSeries[];
  /** Points where both baseline and candidate have a positive value, sorted by y, then x. */
  deltas: SweepDelta[];
}

export interface Sweep {
  spec: SweepSpec;
  xValues: number[];
  yValues: number[];
  /** Every x (y) value is a positive power of two: draw that axis on log₂. */
  log2X: boolean;
  log2Y: boolean;
  panels: SweepPanel[];
  others: OtherDimension[];
  accounting: {
    /** Records whose axis value is one of the series (host-layer excluded). */
    inScope: number;
    /** In scope but without a numeric x (or y). */
    noX: number;
    /** In scope but not a usable measurement of the metric (see the module comment). */
    notUsed: number;
    /** Usable, but another value of a held dimension. */
    notHeld: number;
    /** Behind a drawn point. */
    used: number;
  };
}
