/**
 * The sweep chart: the metric against a numeric dimension (iodepth, numjobs, bs, VMs, a numeric
 * extra column), one line per value of the comparison axis, the spread of the runs as a band,
 * small multiples by a facet, and under each panel the Δ of candidate vs baseline. Drawn as plain
 * SVG (class `recharts-surface`, so the card's PNG/SVG export takes it like the other charts).
 */
import type { ReactNode } from 'react';
import type { Sweep, SweepPanel } from '../../core/compare/sweep';
import { useI18n } from '../../shared/i18n/i18n';
import type { I18n } from '../../shared/i18n/i18n';
import { dimLabel, valueLabel } from '../../shared/labels';
import { ChartCard } from './ChartCard';
import { ChartLegend } from './ChartLegend';
import { SmallMultiples } from './SmallMultiples';
import { SvgYAxis } from './SvgYAxis';
import { compactFormatter } from './chart-parts';
import type { ChartsProps } from './charts.types';
import { AXIS_LABEL, AXIS_TICK, COLORS, GRID_STROKE, INK, seriesStyle } from './chart-style';
import type { LegendEntry } from './legend';
import { resolveSweep, seriesName, sweepSummary } from './sweep-model';
import { SweepControls, useResolvedSweep } from './sweep-controls';
import { panelTitle, SweepPanelFrame } from './SweepPanelFrame';
import { linearScale, log2Scale, symmetricTicks, xDomain, zeroBasedTicks } from './svg-scale';

const MARGIN = { left: 62, right: 14, top: 10 };
const MAIN_H = 200;
const DELTA_GAP = 16;
const DELTA_H = 92;
const BOTTOM = 44;

export default function SweepChart(props: ChartsProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { view, setView, resolved } = useResolvedSweep(props, resolveSweep);
  const names = { baseline: props.baselineName, candidate: props.candidateName };
  if (!resolved) {
    return (
      <ChartCard
        id="sweep"
        title={t('sweep.title', { metric: t(`metric.${props.metric}`), x: '—', series: '' })}
        summary={t('sweep.noNumeric')}
      >
        {() => <p className="chart-empty">{t('sweep.noNumeric')}</p>}
      </ChartCard>
    );
  }
  const s = resolved.sweep;
  const seriesLabels = [s.spec.baseline, s.spec.candidate, ...s.spec.extraSeries].map((v) =>
    seriesName(i18n, s.spec, v, names),
  );
  const hasSpread = s.panels.some((p) => p.series.some((x) => x.points.some((q) => q.hi > q.lo)));
  const legend: LegendEntry[] = [
    ...seriesLabels.map((label, i) => ({
      label,
      color: seriesStyle(i).color,
      shape: 'line' as const,
      dash: seriesStyle(i).dash || undefined,
    })),
    // The band entry only when some point has a spread (the summary says so either way).
    ...(hasSpread
      ? [
          {
            label: t('sweep.legend.band', { band: t(`sweep.band.${view.band}`) }),
            color: '#c9d3e0',
          },
        ]
      : []),
    {
      label: t('sweep.legend.delta', names),
      color: COLORS.candidate,
      shape: 'circle',
    },
    { label: t('sweep.legend.threshold', { thr: props.thresholdPct }), color: COLORS.band },
  ];
  return (
    <ChartCard
      id="sweep"
      title={t('sweep.title', {
        metric: t(`metric.${props.metric}`),
        x: dimLabel(i18n, s.spec.x),
        series: seriesLabels.join(' · '),
      })}
      summary={sweepSummary(i18n, s, names)}
    >
      {(width) => {
        const controls = (
          <SweepControls
            view={view}
            onView={setView}
            sweep={s}
            xChoices={resolved.xChoices}
            facetChoices={resolved.facetChoices}
            showBand
          />
        );
        if (s.panels.length === 0)
          return (
            <>
              {controls}
              <p className="chart-empty">{t('sweep.none', { x: dimLabel(i18n, s.spec.x) })}</p>
            </>
          );
        return (
          <>
            {controls}
            <ChartLegend entries={legend} />
            <SmallMultiples width={width} count={s.panels.length} minWidth={380} gap={16}>
              {(pw) =>
                s.panels.map((p) => (
                  <SweepPanelView
                    key={p.facet}
                    panel={p}
                    sweep={s}
                    width={pw}
                    thresholdPct={props.thresholdPct}
                    seriesLabels={seriesLabels}
                    i18n={i18n}
                  />
                ))
              }
            </SmallMultiples>
          </>
        );
      }}
    </ChartCard>
  );
}

function SweepPanelView({
  panel,
  sweep: s,
  width,
  thresholdPct,
  seriesLabels,
  i18n,
}: {
  panel: SweepPanel;
  sweep: Sweep;
  width: number;
  thresholdPct: number;
  seriesLabels: string[];
  i18n: I18n;
}) {
  const { t, fmt } = i18n;
  const metric = s.spec.metric;
  const compact = compactFormatter(i18n.lang);
  const title = panelTitle(i18n, s, panel.facet);
  const plotL = MARGIN.left;
  const plotR = width - MARGIN.right;
  const xd = xDomain(s.xValues, s.log2X);
  const sx = s.log2X ? log2Scale(xd, [plotL, plotR]) : linearScale(xd, [plotL, plotR]);
  const top = MARGIN.top;
  const highs = panel.series.flatMap((x) => x.points.map((p) => p.hi));
  const y = zeroBasedTicks(Math.max(0, ...highs));
  const sy = linearScale(y.domain, [top + MAIN_H, top]);
  const dTop = top + MAIN_H + DELTA_GAP;
  const d = symmetricTicks(
    panel.deltas.map((x) => x.pct),
    Math.max(thresholdPct * 2, 10),
  );
  const sd = linearScale(d.domain, [dTop + DELTA_H, dTop]);
  const height = dTop + DELTA_H + BOTTOM;
  const xName = dimLabel(i18n, s.spec.x);
  const xTick = (v: number) => valueLabel(i18n, s.spec.x, String(v));
  const lowerIsBetter = metric === 'lat_mean_us' || metric === 'lat_p99_us';
  const tone = (pct: number) =>
    Math.abs(pct) < thresholdPct
      ? COLORS.same
      : (lowerIsBetter ? pct < 0 : pct > 0)
        ? COLORS.better
        : COLORS.worse;
  const showDeltaLabels = panel.deltas.length <= 9 && plotR - plotL > panel.deltas.length * 44;
  return (
    <SweepPanelFrame
      testId="sweep-panel"
      title={title}
      width={width}
      height={height}
      label={`${title} ${seriesLabels.join(', ')}`}
      svgClass="sweep-svg"
    >
      {/* grid and axes of the main panel */}
      <SvgYAxis
        ticks={y.ticks}
        scale={sy}
        left={plotL}
        right={plotR}
        top={top}
        bottom={top + MAIN_H}
        format={compact}
        title={metricLabel(i18n, metric)}
        dash="3 3"
      />
      {s.xValues.map((v) => (
        <line
          key={`x${v}`}
          x1={sx(v)}
          x2={sx(v)}
          y1={top}
          y2={dTop + DELTA_H}
          stroke={GRID_STROKE}
          strokeDasharray="3 3"
        />
      ))}
      <line x1={plotL} x2={plotR} y1={top + MAIN_H} y2={top + MAIN_H} stroke="#9aa3ad" />
      {/* bands, then lines and markers, baseline first */}
      {panel.series.map((ser, i) => {
        const pts = ser.points;
        if (pts.length === 0 || !pts.some((p) => p.hi > p.lo)) return null;
        const upper = pts.map((p) => `${sx(p.x)},${sy(p.hi)}`);
        const lower = [...pts].reverse().map((p) => `${sx(p.x)},${sy(p.lo)}`);
        return (
          <polygon
            key={`band-${ser.value}`}
            points={[...upper, ...lower].join(' ')}
            fill={seriesStyle(i).color}
            fillOpacity={0.14}
            stroke="none"
          />
        );
      })}
      {panel.series.map((ser, i) => {
        const st = seriesStyle(i);
        const pts = ser.points;
        return (
          <g key={`line-${ser.value}`}>
            {pts.length > 1 && (
              <polyline
                points={pts.map((p) => `${sx(p.x)},${sy(p.value)}`).join(' ')}
                fill="none"
                stroke={st.color}
                strokeWidth={2}
                strokeDasharray={st.dash || undefined}
              />
            )}
            {pts.map((p) => (
              <Marker key={p.x} kind={st.marker} x={sx(p.x)} y={sy(p.value)} color={st.color}>
                <title>
                  {`${seriesLabels[i] ?? ser.value} · ${xName} ${xTick(p.x)}: ${fmt.exact(p.value, metric)} (n=${p.runs}${p.groups > 1 ? `, ${p.groups} groups` : ''}${p.hi > p.lo ? `, ${fmt.exact(p.lo, metric)}–${fmt.exact(p.hi, metric)}` : ''})`}
                </title>
              </Marker>
            ))}
          </g>
        );
      })}
      {/* the delta panel */}
      <rect
        x={plotL}
        width={plotR - plotL}
        y={sd(thresholdPct)}
        height={Math.max(0, sd(-thresholdPct) - sd(thresholdPct))}
        fill={COLORS.band}
        fillOpacity={0.5}
      />
      {d.ticks.map((v) => (
        <text key={`d${v}`} x={plotL - 6} y={sd(v)} dy={3.5} textAnchor="end" {...AXIS_TICK}>
          {v > 0 ? `+${v}%` : v < 0 ? `\u2212${-v}%` : '0'}
        </text>
      ))}
      <line x1={plotL} x2={plotR} y1={sd(0)} y2={sd(0)} stroke="#4a5260" />
      <text
        transform={`translate(14 ${dTop + DELTA_H / 2}) rotate(-90)`}
        textAnchor="middle"
        {...AXIS_LABEL}
      >
        {t('sweep.axis.delta')}
      </text>
      {panel.deltas.length > 1 && (
        <polyline
          points={panel.deltas.map((x) => `${sx(x.x)},${sd(x.pct)}`).join(' ')}
          fill="none"
          stroke="#7a8594"
          strokeWidth={1}
        />
      )}
      {panel.deltas.map((x) => (
        <g key={`delta-${x.x}`}>
          <circle
            cx={sx(x.x)}
            cy={sd(x.pct)}
            r={4}
            fill={tone(x.pct)}
            stroke="#ffffff"
            strokeWidth={1}
          >
            <title>{`${xName} ${xTick(x.x)}: ${fmt.exact(x.baseline, metric)} → ${fmt.exact(x.candidate, metric)} (${fmt.pct(x.pct)})`}</title>
          </circle>
          {showDeltaLabels && (
            <text
              x={sx(x.x)}
              y={sd(x.pct) + (x.pct >= 0 ? -7 : 14)}
              textAnchor="middle"
              fontSize={10}
              fill={INK}
            >
              {fmt.pct(x.pct)}
            </text>
          )}
        </g>
      ))}
      {/* x axis under the delta panel */}
      <line x1={plotL} x2={plotR} y1={dTop + DELTA_H} y2={dTop + DELTA_H} stroke="#9aa3ad" />
      {s.xValues.map((v) => (
        <text key={`xt${v}`} x={sx(v)} y={dTop + DELTA_H + 15} textAnchor="middle" {...AXIS_TICK}>
          {xTick(v)}
        </text>
      ))}
      <text x={(plotL + plotR) / 2} y={height - 8} textAnchor="middle" {...AXIS_LABEL}>
        {s.log2X ? t('sweep.axis.log2', { dim: xName }) : xName}
      </text>
    </SweepPanelFrame>
  );
}

function metricLabel(i18n: I18n, metric: Sweep['spec']['metric']): string {
  const label = i18n.t(`metric.${metric}`);
  const unit =
    metric === 'lat_mean_us' || metric === 'lat_p99_us'
      ? 'µs'
      : metric === 'bw_kib_s'
        ? 'KiB/s'
        : '';
  return unit ? `${label} (${unit})` : label;
}

function Marker({
  kind,
  x,
  y,
  color,
  children,
}: {
  kind: string;
  x: number;
  y: number;
  color: string;
  children: ReactNode;
}) {
  switch (kind) {
    case 'diamond':
      return (
        <path d={`M${x} ${y - 5}L${x + 5} ${y}L${x} ${y + 5}L${x - 5} ${y}z`} fill={color}>
          {children}
        </path>
      );
    case 'square':
      return (
        <rect x={x - 4} y={y - 4} width={8} height={8} fill={color}>
          {children}
        </rect>
      );
    case 'cross':
      return (
        <path
          d={`M${x - 4} ${y - 4}L${x + 4} ${y + 4}M${x - 4} ${y + 4}L${x + 4} ${y - 4}`}
          stroke={color}
          strokeWidth={2.2}
        >
          {children}
        </path>
      );
    default:
      return (
        <circle cx={x} cy={y} r={4} fill="#ffffff" stroke={color} strokeWidth={2}>
          {children}
        </circle>
      );
  }
}
