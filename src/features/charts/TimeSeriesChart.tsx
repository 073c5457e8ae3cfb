/**
 * Latency and IOPS over time for the selected cell (issue 15), from fio's log files: one panel of
 * completion latency (log y) with the stalls shaded (latency > k × the run's median, found on the
 * raw log by core/tails/stalls.ts) and each side's k × median line, one panel of IOPS, a shared
 * time axis. A moving average is optional; long logs are drawn as a min/max envelope per pixel
 * column (time-series.model.ts), so a single 800 ms I/O among a million stays visible.
 */
import { useMemo, useState } from 'react';
import { toCsv } from '../../shared/csv';
import { downloadText } from '../../shared/download';
import { useI18n } from '../../shared/i18n/i18n';
import { ChartCard, useWidth } from './ChartCard';
import { ChartLegend } from './ChartLegend';
import { COLORS, seriesStyle } from './chart-style';
import type { LegendEntry } from './legend';
import { formatLatency } from './log-axis';
import type { TailSideInput } from './PercentileCurveChart';
import {
  buildTimeSeriesModel,
  K_CHOICES,
  runSeries,
  sideStalls,
  SMOOTHING_CHOICES,
} from './time-series.model';
import { timeSeriesCsvRows, timeSeriesSummary } from './time-series.summary';
import { TimeSeriesPlot, PLOT_MARGIN } from './TimeSeriesPlot';
import { DEFAULT_STALL_K } from '../../core/tails/stalls';

export default function TimeSeriesChart({
  baseline,
  candidate,
  fileId,
}: {
  baseline: TailSideInput;
  candidate: TailSideInput;
  fileId: string;
}) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [smoothMs, setSmoothMs] = useState(0);
  const [k, setK] = useState(DEFAULT_STALL_K);
  const [outerRef, outerWidth] = useWidth<HTMLDivElement>();
  // One envelope column per pixel of the plot (card padding 2 × 12 px, plot margins).
  const columns = Math.max(
    50,
    Math.min(4000, outerWidth - 26 - PLOT_MARGIN.left - PLOT_MARGIN.right),
  );
  const runs = useMemo(
    () => [
      ...baseline.records.map((r) => runSeries(r, 'baseline')),
      ...candidate.records.map((r) => runSeries(r, 'candidate')),
    ],
    [baseline, candidate],
  );
  const model = useMemo(
    () => (outerWidth > 0 ? buildTimeSeriesModel(runs, { smoothMs, k, columns }) : null),
    [runs, smoothMs, k, columns, outerWidth],
  );
  const names = { baseline: baseline.name, candidate: candidate.name };
  const title = t('tails.series.title', names);
  const hasLogs = runs.some((r) => r.latency || r.iops);
  const summary = !hasLogs
    ? t('tails.series.none')
    : model
      ? timeSeriesSummary(i18n, model, names)
      : '';
  const smoothLabel = (ms: number) =>
    ms === 0 ? t('tails.series.smoothNone') : ms < 1000 ? `${ms} ms` : `${ms / 1000} s`;
  const controls = hasLogs ? (
    <>
      <label className="tails-field">
        {t('tails.series.smoothing')}{' '}
        <select
          value={smoothMs}
          onChange={(e) => setSmoothMs(Number(e.target.value))}
          data-testid="series-smoothing"
        >
          {SMOOTHING_CHOICES.map((ms) => (
            <option key={ms} value={ms}>
              {smoothLabel(ms)}
            </option>
          ))}
        </select>
      </label>
      <label className="tails-field">
        {t('tails.series.k')}{' '}
        <select value={k} onChange={(e) => setK(Number(e.target.value))} data-testid="series-k">
          {K_CHOICES.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="btn btn-small"
        disabled={!model}
        onClick={() =>
          model &&
          downloadText(
            toCsv(timeSeriesCsvRows(model, names)),
            `aio-dash-latency-over-time-${fileId}.csv`,
            'text/csv;charset=utf-8',
          )
        }
      >
        ⤓ {t('tails.exportCsv')}
      </button>
    </>
  ) : undefined;
  const legend: LegendEntry[] = [];
  if (model) {
    (['baseline', 'candidate'] as const).forEach((side, i) => {
      const s = sideStalls(model, side);
      if (s.runs === 0) return;
      legend.push({
        label: s.runs > 1 ? `${names[side]} (${s.runs})` : names[side],
        color: seriesStyle(i).color,
        shape: 'line',
        dash: seriesStyle(i).dash || undefined,
      });
    });
    legend.push({ label: t('tails.series.legendStall', { k }), color: COLORS.worse });
    if (model.runs.some((r) => r.latencyPoints > model.columns * 2))
      legend.push({ label: t('tails.series.legendEnvelope'), color: '#c9d3e0' });
  }
  return (
    <div ref={outerRef}>
      <ChartCard id="latency-over-time" title={title} summary={summary} controls={controls}>
        {(width) =>
          !hasLogs ? (
            <p className="chart-empty">{t('tails.series.none')}</p>
          ) : model ? (
            <>
              <ChartLegend entries={legend} />
              <TimeSeriesPlot
                model={model}
                width={width}
                label={summary}
                latencyAxis={t('tails.series.latency')}
                iopsAxis={t('charts.axis.iops')}
                timeAxis={t('tails.series.axisTime')}
                stallTip={(from, to, peak) =>
                  t('tails.series.stallTip', {
                    from: `${(from / 1000).toFixed(2)} s`,
                    to: `${(to / 1000).toFixed(2)} s`,
                    peak: formatLatency(peak, lang),
                  })
                }
                thresholdLabel={(kk, median) =>
                  t('tails.series.thresholdLine', { k: kk, median: formatLatency(median, lang) })
                }
                lang={lang}
              />
            </>
          ) : null
        }
      </ChartCard>
    </div>
  );
}
