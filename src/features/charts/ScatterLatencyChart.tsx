/**
 * Chart 3: IOPS against mean latency, both on log scales, one point per record and side, with
 * Little's-law lines (latency = queue depth / IOPS) for the queue depths in the data.
 */
import { useMemo } from 'react';
import { CartesianGrid, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import { dimensionValue } from '../../core/compare';
import type { Dimension, ResultRecord } from '../../core/model/record.types';
import { selectionOf } from '../../core/url-state/selection';
import { useI18n } from '../../shared/i18n/i18n';
import { tupleLabel, valueLabel } from '../../shared/labels';
import { ChartCard } from './ChartCard';
import { ChartLegend } from './ChartLegend';
import { ChartTooltip, tooltipFor, useCompact, xAxisLabel, yAxisLabel } from './chart-parts';
import { littleLatencyUs, littleLine, logTicks, scatterPoints } from './chart-data';
import type { ScatterPoint } from './chart-data';
import { AXIS_TICK, COLORS } from './chart-style';
import type { ChartsProps } from './charts.types';
import type { LegendEntry } from './legend';

/** Dashes of the Little's-law lines, one per queue depth in turn. */
const LAW_DASH = ['4 3', '2 3', '8 3'];

const valuesOf = (r: ResultRecord, dims: readonly Dimension[]) =>
  dims.map((d) => dimensionValue(r, d));

export default function ScatterLatencyChart({
  comparison,
  rows,
  cols,
  baselineName,
  candidateName,
  onSelect,
}: ChartsProps) {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const compact = useCompact();
  const { points, depths, total } = useMemo(() => scatterPoints(comparison), [comparison]);
  const flagged = points.filter((p) => p.flagged);
  const base = points.filter((p) => !p.flagged && p.side === 'baseline');
  const cand = points.filter((p) => !p.flagged && p.side === 'candidate');
  const minI = Math.min(...points.map((p) => p.iops));
  const maxI = Math.max(...points.map((p) => p.iops));
  const lines = depths.map((qd) => ({ qd, data: littleLine(qd, minI / 1.5, maxI * 1.5) }));
  const lats = [...points.map((p) => p.lat)];
  const yMin = Math.min(...lats) / 2;
  const yMax = Math.max(...lats) * 2;
  const summary = t('charts.scatter.summary', { n: total, flagged: flagged.length });
  const legend: LegendEntry[] = [
    ...lines.map((l, k) => ({
      label: t('charts.littleLaw', { qd: l.qd }),
      color: COLORS.law,
      shape: 'line' as const,
      dash: LAW_DASH[k % LAW_DASH.length]!,
    })),
    { label: baselineName, color: COLORS.baseline, shape: 'circle' },
    { label: candidateName, color: COLORS.candidate, shape: 'diamond' },
    ...(flagged.length > 0
      ? [{ label: `⚑ ${t('charts.flaggedPoint')}`, color: COLORS.flagged, shape: 'cross' as const }]
      : []),
  ];
  // The two sides, then the flagged points of both (drawn last, on top), when there are any.
  const pointSeries = [
    { name: baselineName, data: base, fill: COLORS.baseline, shape: 'circle' as const },
    { name: candidateName, data: cand, fill: COLORS.candidate, shape: 'diamond' as const },
    ...(flagged.length > 0
      ? [
          {
            name: `⚑ ${t('charts.flaggedPoint')}`,
            data: flagged,
            fill: COLORS.flagged,
            shape: 'cross' as const,
          },
        ]
      : []),
  ];
  const select = (p: ScatterPoint) =>
    onSelect(selectionOf(rows, valuesOf(p.record, rows), cols, valuesOf(p.record, cols)));
  // The Little's-law lines' points have no record: no tooltip for them.
  const tooltip = tooltipFor<Partial<ScatterPoint>>(({ record: r }) => {
    if (!r) return null;
    const qd = r.iodepth !== null && r.numjobs !== null ? r.iodepth * r.numjobs : null;
    const dims = [...rows, ...cols];
    return (
      <ChartTooltip
        title={tupleLabel(i18n, dims, valuesOf(r, dims))}
        lines={[
          <>
            {valueLabel(i18n, comparison.spec.axis, dimensionValue(r, comparison.spec.axis))} ·{' '}
            {fmt.exact(r.iops, 'iops')} · {fmt.exact(r.lat_mean_us, 'lat_mean_us')}
          </>,
          qd !== null && r.iops !== null && (
            <>
              {t('charts.littleLaw', { qd })}:{' '}
              {fmt.exact(Math.round(littleLatencyUs(qd, r.iops)), 'lat_mean_us')}
            </>
          ),
        ]}
        note={r.origin}
        flag={r.flags.length > 0 ? r.flags.map((f) => t(`flag.${f}`)).join(', ') : null}
      />
    );
  });
  return (
    <ChartCard id="scatter" title={t('charts.scatter.title')} summary={summary}>
      {(width) =>
        points.length === 0 ? (
          <p className="chart-empty">{t('charts.noData')}</p>
        ) : (
          <>
            <ChartLegend entries={legend} />
            {/* 24 px less than with Recharts' legend inside the SVG: the plot area is unchanged. */}
            <ScatterChart
              width={width}
              height={316}
              margin={{ top: 8, right: 24, bottom: 30, left: 16 }}
            >
              <CartesianGrid strokeDasharray="3 3" stroke="#e6e9ee" />
              <XAxis
                type="number"
                dataKey="iops"
                scale="log"
                domain={[minI / 1.5, maxI * 1.5]}
                ticks={logTicks(minI / 1.5, maxI * 1.5)}
                allowDataOverflow
                tick={AXIS_TICK}
                tickFormatter={compact}
                label={xAxisLabel(t('charts.axis.iopsLog'), -16)}
              />
              <YAxis
                type="number"
                dataKey="lat"
                scale="log"
                domain={[yMin, yMax]}
                ticks={logTicks(yMin, yMax)}
                allowDataOverflow
                tick={AXIS_TICK}
                tickFormatter={compact}
                width={64}
                label={yAxisLabel(t('charts.axis.latency'), 0)}
              />
              <ZAxis range={[36, 36]} />
              <Tooltip cursor={{ strokeDasharray: '3 3' }} content={tooltip} />
              {lines.map((l, k) => (
                <Scatter
                  key={l.qd}
                  name={t('charts.littleLaw', { qd: l.qd })}
                  data={l.data}
                  line={{ stroke: COLORS.law, strokeDasharray: LAW_DASH[k % LAW_DASH.length] }}
                  shape={() => <g />}
                  isAnimationActive={false}
                  tooltipType="none"
                />
              ))}
              {pointSeries.map((s) => (
                <Scatter
                  key={s.shape}
                  name={s.name}
                  data={s.data}
                  fill={s.fill}
                  shape={s.shape}
                  isAnimationActive={false}
                  onClick={(d) => select(d as unknown as ScatterPoint)}
                  cursor="pointer"
                />
              ))}
            </ScatterChart>
          </>
        )
      }
    </ChartCard>
  );
}
