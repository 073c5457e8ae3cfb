/**
 * The drawing of TimeSeriesChart: latency panel (log y, stall bands, k × median lines) over the
 * IOPS panel, shared time axis. Each run is its min/max column envelope (vertical strokes) with a
 * line through the column midpoints, so a sparse averaged log reads as a line and a dense per-I/O
 * log as a band whose spikes stay visible.
 */
import { AXIS_LABEL, AXIS_TICK, COLORS, GRID_STROKE, seriesStyle } from './chart-style';
import { formatLatency, formatSeconds, log10Scale, log10Ticks } from './log-axis';
import { linearScale, zeroBasedTicks } from './svg-scale';
import type { Scale } from './svg-scale';
import type { Envelope, TimeSeriesModel } from './time-series.model';
import { sideStalls } from './time-series.model';
import { ChartSurface } from './ChartSurface';
import { SvgYAxis } from './SvgYAxis';

export const PLOT_MARGIN = { left: 66, right: 18, top: 10 + 12 };
const LAT_H = 210;
/** Height of the stall rug above the latency panel (baseline row, candidate row). */
const RUG = 12;
/** Above this many stalls, bands would cover the panel: the rug alone marks them. */
const MAX_BANDS = 24;
const GAP = 26;
const IOPS_H = 110;
const BOTTOM = 40;

function EnvelopeLine({
  e,
  sx,
  sy,
  color,
  dash,
}: {
  e: Envelope;
  sx: (column: number) => number;
  sy: Scale;
  color: string;
  dash: string;
}) {
  let bars = '';
  const mids: string[] = [];
  for (let c = 0; c < e.min.length; c++) {
    if (e.count[c] === 0) continue;
    const x = sx(c).toFixed(1);
    const y0 = sy(e.min[c]!);
    const y1 = sy(e.max[c]!);
    if (Math.abs(y0 - y1) >= 1) bars += `M${x} ${y0.toFixed(1)}V${y1.toFixed(1)}`;
    mids.push(`${x},${((y0 + y1) / 2).toFixed(1)}`);
  }
  return (
    <g>
      {bars && <path d={bars} stroke={color} strokeOpacity={0.45} strokeWidth={1} fill="none" />}
      {mids.length > 1 && (
        <polyline
          points={mids.join(' ')}
          fill="none"
          stroke={color}
          strokeWidth={1.4}
          strokeDasharray={dash || undefined}
        />
      )}
    </g>
  );
}

export function TimeSeriesPlot({
  model,
  width,
  label,
  latencyAxis,
  iopsAxis,
  timeAxis,
  stallTip,
  thresholdLabel,
  lang,
}: {
  model: TimeSeriesModel;
  width: number;
  label: string;
  latencyAxis: string;
  iopsAxis: string;
  timeAxis: string;
  stallTip: (fromMs: number, toMs: number, peakUs: number) => string;
  /** "10× median 100 µs" */
  thresholdLabel: (k: number, medianUs: number) => string;
  lang: string;
}) {
  const plotL = PLOT_MARGIN.left;
  const plotR = Math.max(plotL + 50, width - PLOT_MARGIN.right);
  const latTop = PLOT_MARGIN.top;
  const latBottom = latTop + LAT_H;
  const iopsTop = latBottom + GAP;
  const iopsBottom = iopsTop + IOPS_H;
  const height = iopsBottom + BOTTOM;
  const st = linearScale([model.t0, model.t1], [plotL, plotR]);
  const colW = (plotR - plotL) / model.columns;
  const sxCol = (c: number) => plotL + (c + 0.5) * colW;
  const hasLat = model.runs.some((r) => r.latency);
  const hasIops = model.runs.some((r) => r.iops);
  const bands = model.runs.reduce((n, r) => n + (r.stalls?.stalls.length ?? 0), 0) <= MAX_BANDS;
  const thresholds = (['baseline', 'candidate'] as const).flatMap((side, i) => {
    const s = sideStalls(model, side);
    return s.medianUs !== null ? [{ i, us: s.medianUs * model.k }] : [];
  });
  const y = log10Ticks(
    Math.min(model.latMin, ...thresholds.map((x) => x.us)),
    Math.max(model.latMax, ...thresholds.map((x) => x.us)),
  );
  const sy = log10Scale(y.domain, [latBottom, latTop]);
  const io = zeroBasedTicks(model.iopsMax, 3);
  const si = linearScale(io.domain, [iopsBottom, iopsTop]);
  const timeTicks = zeroBasedTicks(model.t1 / 1000, Math.max(2, Math.floor((plotR - plotL) / 90)));
  const compact = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', {
    notation: 'compact',
    maximumFractionDigits: 1,
  });
  return (
    <ChartSurface
      className="tails-svg"
      width={width}
      height={height}
      label={label}
      testId="latency-over-time-svg"
    >
      {/* time grid across both panels */}
      {timeTicks.ticks.map((s) => (
        <g key={`t${s}`}>
          <line
            x1={st(s * 1000)}
            x2={st(s * 1000)}
            y1={latTop}
            y2={iopsBottom}
            stroke={GRID_STROKE}
            strokeDasharray="3 3"
          />
          <text x={st(s * 1000)} y={iopsBottom + 15} textAnchor="middle" {...AXIS_TICK}>
            {formatSeconds(s * 1000, lang)}
          </text>
        </g>
      ))}
      <text x={(plotL + plotR) / 2} y={height - 6} textAnchor="middle" {...AXIS_LABEL}>
        {timeAxis}
      </text>
      {/* latency panel */}
      {hasLat && (
        <g data-testid="latency-panel">
          <SvgYAxis
            ticks={y.ticks}
            scale={sy}
            left={plotL}
            right={plotR}
            top={latTop}
            bottom={latBottom}
            format={(v) => formatLatency(v, lang)}
            title={latencyAxis}
          />
          {/* Stalls: a rug of marks along the top, and faint bands when few enough to read. */}
          {model.runs.flatMap((r, ri) =>
            (r.stalls?.stalls ?? []).map((s, si2) => {
              const x0 = st(Math.max(model.t0, s.startMs));
              const x1 = Math.max(x0 + 2, st(s.endMs));
              return (
                <g key={`stall-${ri}-${si2}`} data-testid="stall-marker">
                  {bands && (
                    <rect
                      x={x0}
                      width={x1 - x0}
                      y={latTop}
                      height={LAT_H}
                      fill={COLORS.worse}
                      fillOpacity={0.16}
                    />
                  )}
                  <rect
                    x={x0}
                    width={x1 - x0}
                    y={r.run.side === 'baseline' ? latTop - RUG : latTop - RUG / 2}
                    height={RUG / 2}
                    fill={COLORS.flagged}
                  >
                    <title>{stallTip(s.startMs, s.endMs, s.peakUs)}</title>
                  </rect>
                </g>
              );
            }),
          )}
          {model.runs.map((r, ri) =>
            r.latency ? (
              <EnvelopeLine
                key={`lat-${ri}`}
                e={r.latency}
                sx={sxCol}
                sy={sy}
                color={seriesStyle(r.run.side === 'baseline' ? 0 : 1).color}
                dash={seriesStyle(r.run.side === 'baseline' ? 0 : 1).dash}
              />
            ) : null,
          )}
          {thresholds.map((x) => (
            <g key={`thr-${x.i}`}>
              <line
                x1={plotL}
                x2={plotR}
                y1={sy(x.us)}
                y2={sy(x.us)}
                stroke={seriesStyle(x.i).color}
                strokeDasharray="2 3"
              />
              <text
                x={plotR - 4}
                y={x.i === 0 ? sy(x.us) - 4 : sy(x.us) + 11}
                textAnchor="end"
                fontSize={10}
                fill={seriesStyle(x.i).color}
                stroke="#ffffff"
                strokeWidth={3}
                paintOrder="stroke"
              >
                {thresholdLabel(model.k, x.us / model.k)}
              </text>
            </g>
          ))}
          <line x1={plotL} x2={plotR} y1={latBottom} y2={latBottom} stroke="#9aa3ad" />
        </g>
      )}
      {/* IOPS panel */}
      {hasIops && (
        <g data-testid="iops-panel">
          <SvgYAxis
            ticks={io.ticks}
            scale={si}
            left={plotL}
            right={plotR}
            top={iopsTop}
            bottom={iopsBottom}
            format={(v) => compact.format(v)}
            title={iopsAxis}
          />
          {model.runs.map((r, ri) =>
            r.iops ? (
              <EnvelopeLine
                key={`iops-${ri}`}
                e={r.iops}
                sx={sxCol}
                sy={si}
                color={seriesStyle(r.run.side === 'baseline' ? 0 : 1).color}
                dash={seriesStyle(r.run.side === 'baseline' ? 0 : 1).dash}
              />
            ) : null,
          )}
        </g>
      )}
      <line x1={plotL} x2={plotR} y1={iopsBottom} y2={iopsBottom} stroke="#9aa3ad" />
    </ChartSurface>
  );
}
