/**
 * Parts the Recharts charts share: the compact number format of their ticks, the axis-label
 * style (one place), the two-side legend, the outline of the selected bar, and one tooltip.
 */
import { useMemo } from 'react';
import type { ReactNode } from 'react';
import type { Lang } from '../../core/i18n';
import type { MetricField } from '../../core/model/record.types';
import { sameSelection } from '../../core/url-state/selection';
import type { Selection } from '../../core/url-state/selection';
import { LOCALES, UNITS } from '../../shared/format';
import { useI18n } from '../../shared/i18n/i18n';
import type { Translate } from '../../shared/i18n/i18n';
import { ChartLegend } from './ChartLegend';
import { AXIS_LABEL, COLORS } from './chart-style';

/** Compact tick numbers (12K, 1.5M) in a language. */
export function compactFormatter(lang: Lang): (n: number) => string {
  const f = new Intl.NumberFormat(LOCALES[lang], { notation: 'compact', maximumFractionDigits: 1 });
  return (n: number) => f.format(n);
}

/** Compact tick numbers in the UI language, made once per language. */
export function useCompact(): (n: number) => string {
  const { lang } = useI18n();
  return useMemo(() => compactFormatter(lang), [lang]);
}

/** "IOPS", "Mean latency (µs)": the metric with its unit unless the name is the unit. */
export function metricAxisLabel(t: Translate, metric: MetricField): string {
  const label = t(`metric.${metric}`);
  return UNITS[metric] === label || UNITS[metric] === 'IOPS'
    ? label
    : `${label} (${UNITS[metric]})`;
}

/** Label of a horizontal axis, below its ticks (`offset` moves it down from the plot). */
export const xAxisLabel = (value: string, offset: number) => ({
  value,
  position: 'insideBottom' as const,
  offset,
  ...AXIS_LABEL,
});

/** Label of a vertical axis, turned and centred on its left. */
export const yAxisLabel = (value: string, offset: number) => ({
  value,
  angle: -90,
  position: 'insideLeft' as const,
  offset,
  ...AXIS_LABEL,
  style: { textAnchor: 'middle' as const },
});

/** Stroke of a bar that is the selected cell (none otherwise). */
export const selectedStroke = (selected: Selection | null, s: Selection): string | undefined =>
  sameSelection(selected, s) ? '#16263d' : undefined;

/** HTML legend of the two sides. */
export function SideLegend({
  baselineName,
  candidateName,
}: {
  baselineName: string;
  candidateName: string;
}) {
  return (
    <ChartLegend
      entries={[
        { label: baselineName, color: COLORS.baseline },
        { label: candidateName, color: COLORS.candidate },
      ]}
    />
  );
}

/** The one tooltip look: a bold title, lines, an optional muted note and a data-quality flag. */
export function ChartTooltip({
  title,
  lines,
  note,
  flag,
}: {
  title: ReactNode;
  lines: ReactNode[];
  note?: string;
  flag?: string | null;
}) {
  return (
    <div className="chart-tooltip">
      <strong>{title}</strong>
      {lines.map((line, k) => (line === null || line === false ? null : <div key={k}>{line}</div>))}
      {note !== undefined && <div className="muted">{note}</div>}
      {flag && <div className="tt-flag">⚑ {flag}</div>}
    </div>
  );
}

/**
 * A Recharts tooltip `content` that renders the hovered datum, or nothing: Recharts passes the
 * datum as `payload[0].payload`, of the type the chart's data has.
 */
export function tooltipFor<T>(render: (d: T) => ReactNode) {
  return function TooltipContent({
    active,
    payload,
  }: {
    active?: boolean;
    payload?: readonly { payload?: unknown }[];
  }) {
    const d = payload?.[0]?.payload as T | undefined;
    return active && d ? render(d) : null;
  };
}
