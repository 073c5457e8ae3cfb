/**
 * View model of the sweep chart and the iodepth × numjobs grid: the view's choices (URL state)
 * resolved against the loaded records into a SweepSpec, and the text summaries that state what
 * each chart holds fixed, aggregates and draws. Pure (no React): tested in sweep-model.test.ts.
 */
import { compareValues, dimensionValue } from '../../core/compare';
import type { ComparisonSpec } from '../../core/compare';
import { numericDimensions, numericValue, suggestFacet, sweep } from '../../core/compare/sweep';
import type { Sweep, SweepSpec } from '../../core/compare/sweep';
import { LOWER_IS_BETTER } from '../../core/model/record.types';
import type { Dimension, MetricField, ResultRecord } from '../../core/model/record.types';
import type { SweepView } from '../../core/url-state/sweep-state';
import type { I18n } from '../../shared/i18n/i18n';
import { dimLabel, valueLabel } from '../../shared/labels';

/** Further axis values drawn beside baseline and candidate (io_uring beside threads/native). */
export const MAX_EXTRA_SERIES = 2;

export interface ResolvedSweep {
  spec: SweepSpec;
  sweep: Sweep;
  /** Dimensions offered on x. */
  xChoices: Dimension[];
  /** Dimensions offered as facets (those that vary), the current one included. */
  facetChoices: Dimension[];
}

/**
 * Axis values other than baseline and candidate that make a line: records (not host-layer) at
 * two or more numeric values of `x`. A set or mode measured at one x only (another set's
 * matrix) is no series of this sweep. Natural order, at most MAX_EXTRA_SERIES.
 */
export function extraSeriesOf(
  records: readonly ResultRecord[],
  c: Pick<ComparisonSpec, 'axis' | 'baseline' | 'candidate'>,
  x: Dimension,
): string[] {
  const xs = new Map<string, Set<number>>();
  for (const r of records) {
    if (c.axis !== 'layer' && r.layer === 'host') continue;
    const v = dimensionValue(r, c.axis);
    if (v === '' || v === c.baseline || v === c.candidate) continue;
    const n = numericValue(dimensionValue(r, x));
    if (n === null) continue;
    let set = xs.get(v);
    if (!set) xs.set(v, (set = new Set()));
    if (set.size < 2) set.add(n);
  }
  return [...xs]
    .filter(([, set]) => set.size >= 2)
    .map(([v]) => v)
    .sort(compareValues)
    .slice(0, MAX_EXTRA_SERIES);
}

function baseSpec(
  records: readonly ResultRecord[],
  c: ComparisonSpec,
  metric: MetricField,
  view: SweepView,
  x: Dimension,
  y: Dimension | null,
): Omit<SweepSpec, 'facet'> {
  return {
    x,
    y,
    axis: c.axis,
    baseline: c.baseline,
    candidate: c.candidate,
    extraSeries: extraSeriesOf(records, c, x),
    metric,
    hold: view.hold,
    aggregate: view.aggregate.filter((d) => d !== x && d !== y),
    band: view.band,
    excludeFlagged: c.excludeFlagged,
    poolSets: c.poolSets,
    ...(c.extraDimensions ? { extraDimensions: c.extraDimensions } : {}),
  };
}

/** The facet to use: none when asked, the asked one when usable, else the suggestion. */
function facetOf(
  records: readonly ResultRecord[],
  spec: Omit<SweepSpec, 'facet'>,
  view: SweepView,
): Dimension | null {
  if (view.facet === '') return null;
  const unusable = (d: Dimension) => d === spec.x || d === spec.y || d === spec.axis;
  if (view.facet !== null && !unusable(view.facet)) return view.facet;
  return suggestFacet(records, spec);
}

function facetChoicesOf(s: Sweep): Dimension[] {
  const out = s.others.filter((o) => o.values.length >= 2).map((o) => o.dim);
  if (s.spec.facet !== null) out.unshift(s.spec.facet);
  return out;
}

/** The records of the comparison's two sides (host-layer ones only when the axis is `layer`). */
function compared(records: readonly ResultRecord[], c: ComparisonSpec): ResultRecord[] {
  return records.filter((r) => {
    if (c.axis !== 'layer' && r.layer === 'host') return false;
    const v = dimensionValue(r, c.axis);
    return v === c.baseline || v === c.candidate;
  });
}

/** The sweep chart for the view's choices; null when no numeric dimension varies. */
export function resolveSweep(
  records: readonly ResultRecord[],
  comparison: ComparisonSpec,
  metric: MetricField,
  view: SweepView,
): ResolvedSweep | null {
  // x choices from the compared records only: another set's or mode's iodepth sweep is no sweep
  // of this comparison (the seed has one iodepth on its compared rows, several elsewhere).
  const xChoices = numericDimensions(compared(records, comparison)).filter(
    (d) => d !== comparison.axis,
  );
  const x = view.x !== null && xChoices.includes(view.x) ? view.x : xChoices[0];
  if (x === undefined) return null;
  const base = baseSpec(records, comparison, metric, view, x, null);
  const spec: SweepSpec = { ...base, facet: facetOf(records, base, view) };
  const s = sweep(records, spec);
  return { spec, sweep: s, xChoices, facetChoices: facetChoicesOf(s) };
}

/**
 * The iodepth × numjobs grid for the view's choices (same facet, holds and aggregation as the
 * sweep, unless the facet is iodepth or numjobs); null unless both vary.
 */
export function resolveGrid(
  records: readonly ResultRecord[],
  comparison: ComparisonSpec,
  metric: MetricField,
  view: SweepView,
): ResolvedSweep | null {
  const numeric = numericDimensions(compared(records, comparison));
  if (!numeric.includes('iodepth') || !numeric.includes('numjobs')) return null;
  if (comparison.axis === 'iodepth' || comparison.axis === 'numjobs') return null;
  const base = baseSpec(records, comparison, metric, view, 'iodepth', 'numjobs');
  const spec: SweepSpec = { ...base, facet: facetOf(records, base, view) };
  const s = sweep(records, spec);
  return { spec, sweep: s, xChoices: [], facetChoices: facetChoicesOf(s) };
}

/** Label of a series value: the comparison's own names for baseline and candidate. */
export function seriesName(
  i18n: I18n,
  spec: SweepSpec,
  value: string,
  names: { baseline: string; candidate: string },
): string {
  if (value === spec.baseline) return names.baseline;
  if (value === spec.candidate) return names.candidate;
  return valueLabel(i18n, spec.axis, value);
}

/** "randread · iodepth 64" (the facet value, when there is a facet, then x and y). */
export function pointLabel(i18n: I18n, s: Sweep, facet: string, x: number, y: number | null) {
  const parts: string[] = [];
  if (s.spec.facet !== null) parts.push(valueLabel(i18n, s.spec.facet, facet));
  // "iodepth 64", "Block size 4 KiB"; a VM count names itself ("4 VMs").
  const named = (d: Dimension, v: number) =>
    d === 'vms'
      ? valueLabel(i18n, d, String(v))
      : `${dimLabel(i18n, d)} ${valueLabel(i18n, d, String(v))}`;
  parts.push(named(s.spec.x, x));
  if (s.spec.y !== null && y !== null) parts.push(named(s.spec.y, y));
  return parts.join(' · ');
}

/** What the chart did with the other fields: held, aggregated, or all constant. */
function environmentSentences(i18n: I18n, s: Sweep): string[] {
  const { t } = i18n;
  const out: string[] = [];
  if (s.spec.facet !== null) {
    out.push(t('sweep.summary.panels', { dim: dimLabel(i18n, s.spec.facet), n: s.panels.length }));
  }
  const held = s.others.filter((o) => o.role === 'held');
  const agg = s.others.filter((o) => o.role === 'aggregated');
  if (held.length > 0)
    out.push(
      t('sweep.summary.held', {
        list: held
          .map((o) =>
            t('sweep.summary.heldItem', {
              dim: dimLabel(i18n, o.dim),
              value: valueLabel(i18n, o.dim, o.value ?? ''),
              n: o.values.length,
            }),
          )
          .join('; '),
      }),
    );
  if (agg.length > 0)
    out.push(
      t('sweep.summary.aggregated', {
        list: agg
          .map((o) =>
            t('sweep.summary.aggItem', { n: o.values.length, dim: dimLabel(i18n, o.dim) }),
          )
          .join('; '),
      }),
    );
  if (held.length === 0 && agg.length === 0) out.push(t('sweep.summary.constant'));
  return out;
}

/** The sweep chart's text summary: every statement a reader needs to trust the lines. */
export function sweepSummary(
  i18n: I18n,
  s: Sweep,
  names: { baseline: string; candidate: string },
): string {
  const { t, fmt } = i18n;
  const spec = s.spec;
  const metric = t(`metric.${spec.metric}`);
  const series = [spec.baseline, spec.candidate, ...spec.extraSeries]
    .map((v) => seriesName(i18n, spec, v, names))
    .join(', ');
  const parts = [
    t('sweep.summary.lead', {
      metric,
      x: dimLabel(i18n, spec.x),
      scale: t(s.log2X ? 'sweep.scale.log2' : 'sweep.scale.linear'),
      axis: dimLabel(i18n, spec.axis),
      series,
    }),
    ...environmentSentences(i18n, s),
  ];
  const points = s.panels.flatMap((p) => p.series.flatMap((x) => x.points));
  const spread = points.some((p) => p.hi > p.lo);
  parts.push(
    spread
      ? t('sweep.summary.band', { band: t(`sweep.band.${spec.band}`) })
      : t('sweep.summary.singleRun'),
  );
  parts.push(t('sweep.summary.delta', names));
  const largest = s.panels
    .flatMap((p) => p.deltas.map((d) => ({ p, d })))
    .sort((a, b) => Math.abs(b.d.pct) - Math.abs(a.d.pct))[0];
  if (largest)
    parts.push(
      t('sweep.summary.largest', {
        where: pointLabel(i18n, s, largest.p.facet, largest.d.x, largest.d.y),
        baseline: fmt.exact(largest.d.baseline, spec.metric),
        candidate: fmt.exact(largest.d.candidate, spec.metric),
        delta: fmt.pct(largest.d.pct),
      }),
    );
  parts.push(t('sweep.summary.records', { ...s.accounting, x: dimLabel(i18n, spec.x) }));
  return parts.join(' ');
}

/** Tone of a grid cell: by the size of Δ against the threshold, in the metric's direction. */
export function gridTone(
  pct: number,
  metric: MetricField,
  thresholdPct: number,
): 'better' | 'worse' | 'same' {
  if (Math.abs(pct) < thresholdPct) return 'same';
  return LOWER_IS_BETTER.has(metric) === pct < 0 ? 'better' : 'worse';
}

/** The grid's text summary: what a cell is, how it is coloured, the extremes, the environment. */
export function gridSummary(
  i18n: I18n,
  s: Sweep,
  names: { baseline: string; candidate: string },
  thresholdPct: number,
): string {
  const { t, fmt } = i18n;
  const metric = s.spec.metric;
  const all = s.panels.flatMap((p) => p.deltas.map((d) => ({ p, d })));
  const gain = (pct: number) => (LOWER_IS_BETTER.has(metric) ? -pct : pct);
  const sorted = [...all].sort((a, b) => gain(b.d.pct) - gain(a.d.pct));
  const sentence = (key: 'sweep.grid.best' | 'sweep.grid.worst', x: (typeof all)[number]) =>
    t(key, {
      where: pointLabel(i18n, s, x.p.facet, x.d.x, x.d.y),
      delta: fmt.pct(x.d.pct),
      baseline: fmt.exact(x.d.baseline, metric),
      candidate: fmt.exact(x.d.candidate, metric),
    });
  const parts = [
    t('sweep.grid.lead', { metric: t(`metric.${metric}`), ...names, cells: all.length }),
    t('sweep.grid.colour', { ...names, thr: thresholdPct }),
    ...environmentSentences(i18n, s),
  ];
  const best = sorted[0];
  const worst = sorted[sorted.length - 1];
  if (best && gain(best.d.pct) > 0) parts.push(sentence('sweep.grid.best', best));
  if (worst && gain(worst.d.pct) < 0) parts.push(sentence('sweep.grid.worst', worst));
  return parts.join(' ');
}
