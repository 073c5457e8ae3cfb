/**
 * Words and CSV of the latency-over-time chart: "threads: median 98 µs, 0 stalls > 10× median;
 * native: median 1.9 ms, 3 stalls > 10× median, longest 820 ms at 12.4 s", and the drawn columns
 * plus every stall as CSV rows (the raw log can be millions of lines; the CSV is what is shown).
 */
import type { CsvCell } from '../../shared/csv';
import type { I18n } from '../../shared/i18n/i18n';
import { formatLatency, formatSeconds } from './log-axis';
import { sideStalls } from './time-series.model';
import type { Envelope, TimeSeriesModel } from './time-series.model';

export function timeSeriesSummary(
  i18n: I18n,
  model: TimeSeriesModel,
  names: { baseline: string; candidate: string },
): string {
  const { t, lang } = i18n;
  const parts: string[] = [];
  for (const side of ['baseline', 'candidate'] as const) {
    const s = sideStalls(model, side);
    const name = names[side];
    if (s.medianUs === null) {
      parts.push(t('tails.series.summaryNoLog', { name }));
      continue;
    }
    let text = t('tails.series.summarySide', {
      name,
      median: formatLatency(s.medianUs, lang),
      n: s.stalls,
      k: model.k,
    });
    if (s.longest)
      text += t('tails.series.summaryLongest', {
        duration: formatLatency(s.longest.durationMs * 1000, lang),
        at: formatSeconds(s.longest.atMs, lang),
      });
    parts.push(text);
  }
  if (model.iopsDerivedMs !== null) {
    const w = model.iopsDerivedMs;
    parts.push(t('tails.series.iopsDerived', { window: w < 1000 ? `${w} ms` : `${w / 1000} s` }));
  }
  const points = model.runs.reduce((n, r) => n + r.latencyPoints, 0);
  if (points > model.columns * 2)
    parts.push(
      t('tails.series.summaryPoints', {
        points: i18n.fmt.int(points),
        columns: i18n.fmt.int(model.columns),
      }),
    );
  return parts.join('; ') + '.';
}

/** CSV: per run and series, the drawn column envelopes; then every stall. */
export function timeSeriesCsvRows(
  model: TimeSeriesModel,
  names: { baseline: string; candidate: string },
): CsvCell[][] {
  const rows: CsvCell[][] = [
    ['side', 'run', 'series', 't_from_ms', 't_to_ms', 'min', 'max', 'samples'],
  ];
  const columns = (side: string, run: string, series: string, e: Envelope) => {
    const w = (e.t1 - e.t0) / e.min.length;
    for (let c = 0; c < e.min.length; c++)
      if (e.count[c]! > 0)
        rows.push([
          side,
          run,
          series,
          e.t0 + c * w,
          e.t0 + (c + 1) * w,
          e.min[c],
          e.max[c],
          e.count[c],
        ]);
  };
  for (const r of model.runs) {
    const side = names[r.run.side];
    if (r.latency) columns(side, r.run.label, 'latency_us', r.latency);
    if (r.iops) columns(side, r.run.label, 'iops', r.iops);
  }
  for (const r of model.runs)
    for (const s of r.stalls?.stalls ?? [])
      rows.push([
        names[r.run.side],
        r.run.label,
        `stall_latency_us_over_${model.k}x_median`,
        s.startMs,
        s.endMs,
        r.stalls!.thresholdUs,
        s.peakUs,
        s.samples,
      ]);
  return rows;
}
