/**
 * The latency percentile curve of the selected cell (issue 15): completion latency (log y) against
 * the percentile on a "nines" x axis (p90, p99, p99.9 one step apart), baseline vs candidate. Each
 * repeat is a faint line; each side's median curve is drawn bold with markers. Plain SVG (class
 * `recharts-surface`, so ChartCard's PNG/SVG export takes it), CSV of the points.
 */
import { useMemo } from 'react';
import type { ResultRecord } from '../../core/model/record.types';
import { toCsv } from '../../shared/csv';
import { downloadText } from '../../shared/download';
import { useI18n } from '../../shared/i18n/i18n';
import { ChartCard } from './ChartCard';
import { ChartLegend } from './ChartLegend';
import { AXIS_LABEL, AXIS_TICK, GRID_STROKE, seriesStyle } from './chart-style';
import type { LegendEntry } from './legend';
import { formatLatency, log10Scale, log10Ticks } from './log-axis';
import {
  buildCurveModel,
  curveCsvRows,
  curveSummary,
  nines,
  rankLabel,
  TICK_RANKS,
} from './percentile-curve.model';
import type { CurvePoint } from '../../core/model/tail.types';
import { linearScale } from './svg-scale';
import { ChartSurface } from './ChartSurface';
import { SvgYAxis } from './SvgYAxis';

export interface TailSideInput {
  name: string;
  records: readonly ResultRecord[];
}

const M = { left: 66, right: 18, top: 12, bottom: 46 };
const HEIGHT = 330;

export default function PercentileCurveChart({
  baseline,
  candidate,
  fileId,
}: {
  baseline: TailSideInput;
  candidate: TailSideInput;
  /** Names the exported files: aio-dash-percentile-curve-<fileId>.csv. */
  fileId: string;
}) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const model = useMemo(() => buildCurveModel(baseline, candidate), [baseline, candidate]);
  const title = t('tails.curve.title', { baseline: baseline.name, candidate: candidate.name });
  if (!model)
    return (
      <ChartCard id="percentile-curve" title={title} summary={t('tails.curve.none')}>
        {() => <p className="chart-empty">{t('tails.curve.none')}</p>}
      </ChartCard>
    );
  const summary = curveSummary(i18n, model);
  const sides = [model.baseline, model.candidate];
  const legend: LegendEntry[] = sides
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => s.runs.length > 0)
    .map(({ s, i }) => ({
      label:
        s.runs.length > 1
          ? t('tails.curve.legendMedian', { name: s.name, n: s.runs.length })
          : s.name,
      color: seriesStyle(i).color,
      shape: 'line' as const,
      dash: seriesStyle(i).dash || undefined,
    }));
  if (sides.some((s) => s.runs.length > 1))
    legend.push({ label: t('tails.curve.legendRun'), color: '#b9c1cc', shape: 'line' });
  const csv = () =>
    downloadText(
      toCsv(curveCsvRows(model)),
      `aio-dash-percentile-curve-${fileId}.csv`,
      'text/csv;charset=utf-8',
    );
  return (
    <ChartCard
      id="percentile-curve"
      title={title}
      summary={summary}
      controls={
        <button type="button" className="btn btn-small" onClick={csv}>
          ⤓ {t('tails.exportCsv')}
        </button>
      }
    >
      {(width) => {
        const plotL = M.left;
        const plotR = Math.max(plotL + 50, width - M.right);
        const top = M.top;
        const bottom = HEIGHT - M.bottom;
        const xEnd = Math.max(1, Math.ceil(model.xMax - 1e-9));
        const sx = linearScale([0, xEnd], [plotL, plotR]);
        const y = log10Ticks(model.yMin, model.yMax);
        const sy = log10Scale(y.domain, [bottom, top]);
        const path = (pts: readonly CurvePoint[]) =>
          pts.map((p) => `${sx(nines(p.rank)).toFixed(1)},${sy(p.latencyUs).toFixed(1)}`).join(' ');
        const xTicks = [0, ...TICK_RANKS.filter((r) => nines(r) <= xEnd + 1e-9)];
        return (
          <>
            <ChartLegend entries={legend} />
            <ChartSurface
              className="tails-svg"
              width={width}
              height={HEIGHT}
              label={summary}
              testId="percentile-curve-svg"
            >
              <SvgYAxis
                ticks={y.ticks}
                scale={sy}
                left={plotL}
                right={plotR}
                top={top}
                bottom={bottom}
                format={(v) => formatLatency(v, lang)}
                title={t('tails.curve.axisY')}
              />
              {xTicks.map((r) => (
                <g key={`x${r}`}>
                  <line
                    x1={sx(nines(r))}
                    x2={sx(nines(r))}
                    y1={top}
                    y2={bottom}
                    stroke={GRID_STROKE}
                    strokeDasharray={r === 0 ? undefined : '3 3'}
                  />
                  <text x={sx(nines(r))} y={bottom + 15} textAnchor="middle" {...AXIS_TICK}>
                    {r === 0 ? 'p0' : rankLabel(r)}
                  </text>
                </g>
              ))}
              <line x1={plotL} x2={plotR} y1={bottom} y2={bottom} stroke="#9aa3ad" />
              <text x={(plotL + plotR) / 2} y={HEIGHT - 8} textAnchor="middle" {...AXIS_LABEL}>
                {t('tails.curve.axisX')}
              </text>
              {sides.map((s, i) =>
                s.runs.length > 1
                  ? s.runs.map((r, j) => (
                      <polyline
                        key={`run-${i}-${j}`}
                        points={path(r.points)}
                        fill="none"
                        stroke={seriesStyle(i).color}
                        strokeOpacity={0.35}
                        strokeWidth={1}
                      >
                        <title>{`${s.name} · ${r.label}`}</title>
                      </polyline>
                    ))
                  : null,
              )}
              {sides.map((s, i) => {
                const st = seriesStyle(i);
                return (
                  <g
                    key={`median-${i}`}
                    data-testid={`curve-median-${i === 0 ? 'baseline' : 'candidate'}`}
                  >
                    <polyline
                      points={path(s.median)}
                      fill="none"
                      stroke={st.color}
                      strokeWidth={2.2}
                      strokeDasharray={st.dash || undefined}
                    />
                    {s.median.map((p) => (
                      <circle
                        key={p.rank}
                        cx={sx(nines(p.rank))}
                        cy={sy(p.latencyUs)}
                        r={2.6}
                        fill="#ffffff"
                        stroke={st.color}
                        strokeWidth={1.5}
                      >
                        <title>{`${s.name} ${rankLabel(p.rank)}: ${formatLatency(p.latencyUs, lang)}`}</title>
                      </circle>
                    ))}
                  </g>
                );
              })}
            </ChartSurface>
          </>
        );
      }}
    </ChartCard>
  );
}
